"""The pagination model's rules, with simple metrics: Chinese 1 em, Latin and digits ½ em."""

import itertools

import pytest

from bulletin_editor.model import Item, Role, printed_paragraphs
from bulletin_editor.model.pagination import NO_LINE_END, NO_LINE_START, break_lines, is_chinese, paginate


class HalfWidthLatin:
    def advance(self, font, char):
        return 1.0 if is_chinese(char) else 0.5

    def height(self, font):
        return 1.3


def lines_of(text, per_line):
    """`text` broken into lines `per_line` ems wide (no indent, no spacing)."""
    widths = [HalfWidthLatin().advance("", c) for c in text]
    room = per_line + 0.1  # a full line fits, with the model's twip of margin
    starts = [0, *break_lines(text, widths, room, room), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(starts)]


def test_a_full_line_breaks_between_chinese_characters():
    assert lines_of("一二三四五六七八九十", 5) == ["一二三四五", "六七八九十"]


def test_closing_punctuation_hangs_past_the_margin():
    assert lines_of("一二三四五，六七八", 5) == ["一二三四五，", "六七八"]


def test_a_closing_mark_that_cannot_hang_takes_the_character_before_it():
    assert lines_of("一二三四五）六七八", 5) == ["一二三四", "五）六七八"]


def test_an_opening_mark_never_ends_a_line():
    assert lines_of("一二三四“五六”七八", 5) == ["一二三四", "“五六”七", "八"]


def test_numbers_and_latin_words_are_not_broken():
    assert lines_of("一二三12345六七", 5) == ["一二三", "12345六七"]
    assert lines_of("一二三四Windows", 5) == ["一二三四", "Windows"]


@pytest.mark.parametrize("text", ["受理588929件，办结7089617件，其它九类行权事项（含APP）“好差评”。"])
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text):
    for per_line in range(3, 12):
        lines = lines_of(text * 3, per_line)
        assert "".join(lines) == text * 3
        assert not any(line[0] in NO_LINE_START for line in lines[1:])
        assert not any(line[-1] in NO_LINE_END for line in lines[:-1])


def test_every_printed_character_is_on_a_page_once(sample_issue):
    pagination = paginate(sample_issue, HalfWidthLatin())
    printed = "".join(p.text.replace("\t", "") for p in printed_paragraphs(sample_issue))
    laid = "".join(line.text.replace("\t", "") for page in pagination.pages for line in page.lines)
    assert sorted(laid) == sorted(printed)


def test_pages_never_overflow_the_type_area(sample_issue):
    for page in paginate(sample_issue, HalfWidthLatin()).pages:
        assert all(
            104.9 - 0.01 <= line.top_pt and line.top_pt + line.height_pt <= 742.7 + 0.01
            for line in page.lines
        )


def test_the_distribution_block_stands_at_the_foot_of_the_last_page(sample_issue):
    last = paginate(sample_issue, HalfWidthLatin()).pages[-1]
    rows = [line for line in last.lines if line.role in (Role.DISTRIBUTION, Role.COPIES)]
    assert [row.text[:2] for row in rows] == ["报：", "送：", "发：", "（共"]
    assert rows[-1].top_pt + rows[-1].height_pt == pytest.approx(742.7, abs=1.5)


def test_a_longer_issue_has_more_pages_and_a_page_limit_finding(sample_issue):
    before = len(paginate(sample_issue, HalfWidthLatin()).pages)
    news = sample_issue.parts[0].sections[1].subsections[1]
    news.items.extend(Item(text="近日，窗口工作人员为企业提供上门服务。" * 20) for _ in range(4))
    longer = paginate(sample_issue, HalfWidthLatin(), page_limit=before)
    assert len(longer.pages) > before
    assert [f.code for f in longer.findings if f.code == "page-limit"] == ["page-limit"]


def test_a_heading_that_would_end_a_page_moves_on_and_is_reported():
    from sweep_issues import extended

    found = 0
    for lines in range(24):  # push the text down a line at a time
        pagination = paginate(extended(lines), HalfWidthLatin())
        at_foot = [p.number for p in pagination.pages[:-1] if p.lines[-1].role in (Role.LEVEL1, Role.LEVEL2)]
        assert at_foot == []  # headings keep with next (layout.toml)
        found += len([f for f in pagination.findings if f.code == "heading-ends-page"])
    assert found


def test_lines_set_by_the_last_pagination_follow_an_edit(sample_issue):
    metrics = HalfWidthLatin()
    before = paginate(sample_issue, metrics)
    item = sample_issue.parts[0].sections[1].subsections[1].items[0]
    item.text = "近日，窗口工作人员为企业提供上门服务。" * 12
    again = paginate(sample_issue, metrics)  # the unchanged paragraphs' lines are taken over
    fresh = paginate(sample_issue, HalfWidthLatin())  # other metrics: everything set anew
    assert again.pages == fresh.pages != before.pages
    assert any("上门服务" in line.text for page in again.pages for line in page.lines)
