import pytest

from bulletin_editor.model.paste import paste_paragraphs, strip_numbering


@pytest.mark.parametrize("typed", ["（1）", "(1)", "1.", "1．", "1、", "（ 12 ）", "(３)", "３、", " 2. "])
def test_typed_numbering_is_removed(typed):
    assert strip_numbering(f"{typed}近日，应急厅窗口组织培训。") == "近日，应急厅窗口组织培训。"


@pytest.mark.parametrize(
    "text",
    [
        "1.5万件已办结。",
        "8月23日，省市场监管局召开会议。",
        "2022年1月1日至今。",
        "（一）按时到岗情况。",
        "一、窗口工作动态",
    ],
)
def test_text_that_only_looks_numbered_is_kept(text):
    assert strip_numbering(text) == text


def test_word_paragraphs_become_items_without_their_numbers():
    pasted = "（1）近日，应急厅窗口组织工作人员。\r\n（2）近日，省林草局窗口召开培训会。\r\n"
    assert paste_paragraphs(pasted) == ["近日，应急厅窗口组织工作人员。", "近日，省林草局窗口召开培训会。"]


def test_hard_wrapped_lines_are_joined():
    # From a PDF or an e-mail: lines end mid-sentence; Chinese joins without a space.
    pasted = "近日，省林草局狠抓时间窗口，采取主动高效服务、压减批\n时限、实行“容缺+承诺”办理等举措。\n8月23日，省市场监管局\n组织召开会议。"
    assert paste_paragraphs(pasted) == [
        "近日，省林草局狠抓时间窗口，采取主动高效服务、压减批时限、实行“容缺+承诺”办理等举措。",
        "8月23日，省市场监管局组织召开会议。",
    ]


def test_latin_words_across_a_wrap_keep_their_space():
    assert paste_paragraphs("通过 Microsoft\nWord 编辑。") == ["通过 Microsoft Word 编辑。"]


def test_numbering_starts_a_paragraph_even_after_a_wrap():
    assert paste_paragraphs("1、第一条没有句号\n2、第二条") == ["第一条没有句号", "第二条"]


def test_word_control_characters_and_blank_lines_go():
    pasted = "\x0c\n\n  近日，司法厅窗口\x0b收到感谢信。\x00\n\n\n\u3000\n"
    assert paste_paragraphs(pasted) == ["近日，司法厅窗口收到感谢信。"]


def test_nothing_but_whitespace_gives_nothing():
    assert paste_paragraphs(" \n\t\n\u3000") == []
