"""Collecting the departments' submissions: files as departments send them, back to the sample."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import docx
import pytest
from hostile import paragraph_bomb

from bulletin_editor.cli import main
from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.formats.docx.writer import build_document
from bulletin_editor.formats.submissions import decode_text, read_submissions, submission_lines
from bulletin_editor.model import Item, SectionKind
from bulletin_editor.model.submissions import apply, news_paragraphs, parse_visit, propose
from bulletin_editor.model.tree import walk_sections


def _news_sections(issue):
    return [s for _, s in walk_sections(issue) if s.kind in (SectionKind.NEWS, SectionKind.VISITS)]


def _texts(sample_issue):
    business, service, visits = _news_sections(sample_issue)
    return [i.text for i in business.items], [i.text for i in service.items], [i.text for i in visits.items]


def _word(path, paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def _wrapped_at_commas(text: str) -> str:
    """A phone's message: a line break after some commas, as typed into WeChat."""
    pieces = text.split("，")
    return "\n".join(
        "，".join(pieces[i : i + 2]) + ("，" if i + 2 < len(pieces) else "") for i in range(0, len(pieces), 2)
    )


@pytest.fixture
def submissions(tmp_path, sample_issue):
    """The sample's news and visits as the departments send them, in the sample's order."""
    business, service, visits = _texts(sample_issue)
    # 应急厅: a Word file with a title, the news and the sender and phone lines.
    files = [
        _word(
            tmp_path / "应急厅.docx",
            ["应急厅窗口工作动态", "", service[0], "报送人：张三  电话：028-86123456"],
        ),
        # 省林草局: two items with typed numbering, and the date it was sent.
        _word(
            tmp_path / "省林草局投稿.docx",
            [
                "省林草局窗口信息",
                f"（1）{business[0]}",
                f"（2）{service[1]}",
                "省林草局窗口",
                "2022年8月26日",
            ],
        ),
    ]
    # 省市场监管局: Notepad on a Chinese PC saves GB18030, with digits spaced from Chinese.
    spaced = service[2].replace("8月23日", "8 月 23 日").replace("165件", "165 件")
    (tmp_path / "市场监管局.txt").write_bytes(
        f"市场监管局窗口动态\r\n{spaced}\r\n联系电话：028-1234\r\n".encode("gb18030")
    )
    files.append(tmp_path / "市场监管局.txt")
    # 司法厅: a WeChat message copied into a text file, broken at commas.
    (tmp_path / "司法厅微信.txt").write_text(_wrapped_at_commas(service[3]), encoding="utf-8")
    files.append(tmp_path / "司法厅微信.txt")
    files.append(_word(tmp_path / "经信厅.docx", [service[4]]))
    # The director visits, one file each, UTF-8 with a BOM.
    for n, text in enumerate(visits):
        path = tmp_path / f"厅长进大厅{n + 1}.txt"
        path.write_text(f"厅（局）长进大厅\n{text}\n", encoding="utf-8-sig")
        files.append(path)
    return files


def _emptied(issue):
    emptied = copy.deepcopy(issue)
    for section in _news_sections(emptied):
        section.items.clear()
    return emptied


def test_collecting_the_departments_files_gives_back_the_sample(sample_issue, submissions):
    issue = _emptied(sample_issue)
    collection = propose(issue, read_submissions(submissions))
    assert [p.duplicate for p in collection.proposals] == [""] * 9
    apply(collection)
    assert issue == sample_issue  # every item in its subsection, visits with date, department, leader
    ours, theirs = build_document(issue), build_document(sample_issue)
    assert [p.text for p in ours.paragraphs] == [p.text for p in theirs.paragraphs]


def test_visit_fields_come_from_the_text(sample_issue):
    _, _, visits = _news_sections(sample_issue)
    for item in visits.items:
        visit = parse_visit(item.text, 2022)
        assert visit is not None
        assert (visit.date, visit.department, visit.leader) == (item.date, item.department, item.leader)
    business, service, _ = _news_sections(sample_issue)
    assert all(parse_visit(item.text, 2022) is None for item in business.items + service.items)


def test_items_already_in_the_issue_or_last_week_are_flagged_not_added(sample_issue, submissions):
    half = _emptied(sample_issue)
    business, service, _ = _news_sections(half)
    service.items.append(Item(_texts(sample_issue)[1][0]))  # 应急厅's news is in already
    previous = copy.deepcopy(sample_issue)  # last week printed 省林草局's business news only
    _news_sections(previous)[1].items.clear()
    collection = propose(half, read_submissions(submissions[:2]), previous=previous)
    marks = [(p.text[:8], p.duplicate, p.include) for p in collection.proposals]
    assert marks[0][1:] == ("与本期已有条目相同", False)
    assert marks[1][1:] == ("与上一期相同", False)
    assert marks[2][1:] == ("", True)
    apply(collection)
    assert len(service.items) == 2 and not business.items


def test_news_lines_drop_titles_senders_signatures_and_dates():
    lines = [
        "司法厅窗口工作动态",
        "",
        "1、近日，司法厅窗口收到一封感谢信，",
        "表扬窗口工作人员。",
        "2、8 月 24 日，窗口召开会议。",
        "撰稿人：李四",
        "电话：13800000000",
        "司法厅窗口",
        "2022-08-26",
    ]
    assert news_paragraphs(lines) == [
        "近日，司法厅窗口收到一封感谢信，表扬窗口工作人员。",
        "8月24日，窗口召开会议。",
    ]


@pytest.mark.parametrize(
    "data",
    [
        "近日，窗口召开培训会。".encode(),
        "近日，窗口召开培训会。".encode("utf-8-sig"),
        "近日，窗口召开培训会。".encode("gb18030"),
        "近日，窗口召开培训会。".encode("gbk"),
        "近日，窗口召开培训会。".encode("utf-16"),
    ],
)
def test_text_files_in_every_encoding_a_chinese_pc_writes(data):
    assert decode_text(data) == "近日，窗口召开培训会。"


def test_refused_files_say_why(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(BulletinError, match="不是可以收集的投稿"):
        submission_lines(tmp_path / "a.pdf")
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    with pytest.raises(BulletinError, match="不是 Word 文档"):
        submission_lines(tmp_path / "bad.docx")
    paragraph_bomb(tmp_path / "bomb.docx", 30)  # a 1 MB file of 5 million empty paragraphs
    with pytest.raises(BulletinError, match="元素过多"):
        submission_lines(tmp_path / "bomb.docx")


def test_legacy_word_file_is_converted_by_libreoffice(tmp_path, sample_issue):
    source = _word(tmp_path / "src.docx", ["应急厅窗口工作动态", _texts(sample_issue)[1][0]])
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "doc"), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    ((name, paragraphs),) = read_submissions([tmp_path / "doc" / "src.doc"])
    assert name == "src.doc"
    assert paragraphs == [_texts(sample_issue)[1][0]]


def test_collect_command_writes_a_new_issue_and_lists_what_it_added(
    tmp_path, sample_issue, submissions, capsys
):
    into = tmp_path / "本期.bulletin"
    save_issue(_emptied(sample_issue), into)
    before = into.read_bytes()
    out = tmp_path / "收集后.bulletin"
    assert main(["collect", *map(str, submissions), "--into", str(into), "-o", str(out), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert into.read_bytes() == before  # the issue collected into is never changed
    assert load_issue(out) == sample_issue
    assert [r["section"] for r in rows] == ["窗口服务效能提升工作情况", "优化营商环境工作开展情况"] + [
        "窗口服务效能提升工作情况"
    ] * 4 + ["厅（局）长进大厅"] * 3
    assert rows[0]["department"] == "应急厅" and rows[0]["file"] == "应急厅.docx"
    assert rows[-3]["date"] == "2022-08-23" and rows[-3]["leader"] == "党组成员、机关党委书记谢安军"
    assert rows[-3]["department"] == "自然资源厅"
    assert "date" not in rows[0]


def test_collect_command_refuses_to_write_over_its_input(tmp_path, sample_issue, submissions):
    into = tmp_path / "本期.bulletin"
    save_issue(sample_issue, into)
    result = subprocess.run(
        [sys.executable, "-m", "bulletin_editor", "collect", str(submissions[0]), "--into", str(into), "-o", str(into)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "不能是收集进去的那一期本身" in result.stderr


def test_collect_command_leaves_out_what_last_week_printed(tmp_path, sample_issue, submissions, capsys):
    archive = tmp_path / "归档"
    archive.mkdir()
    save_issue(sample_issue, archive / "2022-028.bulletin")  # last week printed 应急厅's news
    this_week = _emptied(sample_issue)
    this_week.masthead.number, this_week.masthead.total_number = 29, 404
    into, out = tmp_path / "2022-029.bulletin", tmp_path / "收集后.bulletin"
    save_issue(this_week, into)
    args = ["collect", str(submissions[0]), "--into", str(into), "--archive", str(archive)]
    assert main([*args, "-o", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*args, "-o", str(tmp_path / "再收集.bulletin")]) == 0
    assert "×（与上一期相同） 应急厅.docx" in capsys.readouterr().out


def test_departments_are_recognised_by_the_users_own_list(sample_issue, tmp_path, monkeypatch):
    from bulletin_editor.model.departments import parse_departments

    own = parse_departments("四川省数字示范办公室|省数字示范办\n")  # a unit the shipped list lacks
    issue = _emptied(sample_issue)
    text = "8月25日，省数字示范办副主任张明到窗口调研值守，看望了窗口工作人员。"
    (visit,) = propose(issue, [("来稿.txt", [text])], departments=own).proposals
    assert visit.section.kind is SectionKind.VISITS
    assert (visit.department, visit.visit.leader) == ("省数字示范办", "副主任张明")
    assert propose(issue, [("来稿.txt", [text])]).proposals[0].department == ""
