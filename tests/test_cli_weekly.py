"""The weekly cycle on the command line, run as a real process: `next`, `check`, the Chinese help."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys

import docx
import pytest
from word_styles import body_paragraphs

from bulletin_editor.formats.bulletin import load_issue, save_issue
from bulletin_editor.model import printed_paragraphs
from bulletin_editor.model.next_issue import next_issue


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bulletin_editor", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
    )


def _one_line_error(result, code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


@pytest.fixture
def archive(tmp_path, sample_issue):
    folder = tmp_path / "archive"
    folder.mkdir()
    save_issue(sample_issue, folder / "2022-028.bulletin")
    return folder


def test_next_from_the_sample(tmp_path, sample_issue):
    save_issue(sample_issue, tmp_path / "28.bulletin")
    result = run("next", tmp_path / "28.bulletin", "-o", tmp_path / "29.bulletin")
    assert result.returncode == 0, result.stderr
    assert "2022年第29期（总第404期）" in result.stdout
    new = load_issue(tmp_path / "29.bulletin")
    m = new.masthead
    assert (m.year, m.number, m.total_number, m.issue_date) == (2022, 29, 404, dt.date(2022, 10, 4))
    assert printed_paragraphs(new)[4].text == "（8月29日—9月2日）"
    assert "2022年1月1日至2022年9月2日" in printed_paragraphs(new)[6].text
    dynamics = new.parts[0].sections[1]
    assert all(s.items == [] for s in dynamics.subsections)
    assert new.parts[0].sections[2].items == sample_issue.parts[0].sections[2].items
    assert new.distribution == sample_issue.distribution


def test_next_at_the_end_of_a_year(tmp_path, sample_issue):
    sample_issue.masthead.number, sample_issue.masthead.issue_date = 52, dt.date(2022, 12, 27)
    save_issue(sample_issue, tmp_path / "52.bulletin")
    assert run("next", tmp_path / "52.bulletin", "-o", tmp_path / "1.bulletin").returncode == 0
    m = load_issue(tmp_path / "1.bulletin").masthead
    assert (m.year, m.number, m.total_number, m.issue_date) == (2023, 1, 404, dt.date(2023, 1, 3))


def test_next_from_a_word_export(tmp_path):
    assert run("export", "--sample", "-o", tmp_path / "28.docx").returncode == 0
    assert run("next", tmp_path / "28.docx", "-o", tmp_path / "29.bulletin").returncode == 0
    assert load_issue(tmp_path / "29.bulletin").masthead.number == 29


def test_next_never_overwrites_last_weeks_issue(tmp_path, sample_issue):
    save_issue(sample_issue, tmp_path / "28.bulletin")
    before = (tmp_path / "28.bulletin").read_bytes()
    message = _one_line_error(run("next", tmp_path / "28.bulletin", "-o", tmp_path / "28.bulletin"), 1)
    assert "不能是输入文件本身" in message
    assert (tmp_path / "28.bulletin").read_bytes() == before


def _issue_29(tmp_path, sample_issue, completed_drop: int = 0):
    """No. 29 as typed without `next` (no 上期 figures kept): last week's figures, one lowered."""
    new = next_issue(sample_issue)
    stats = new.parts[0].sections[0].statistics
    stats.figures, stats.previous = copy.deepcopy(stats.previous), None
    stats.figures.licensing.completed -= completed_drop
    for sub, old in zip(new.parts[0].sections[1].subsections, sample_issue.parts[0].sections[1].subsections):
        sub.items = [type(item)(text=item.text.replace("近日", "本周")) for item in old.items[:1]]
    sub = new.parts[0].sections[1].subsections[2]
    sub.items[0].text = "9月5日，某厅负责同志到窗口调研。"
    path = tmp_path / "29.bulletin"
    save_issue(new, path)
    return path


def test_check_json_names_the_previous_issue_in_the_archive(tmp_path, sample_issue, archive):
    path = _issue_29(tmp_path, sample_issue, completed_drop=5)
    result = run("check", path, "--archive", archive, "--json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    (decreased,) = [f for f in findings if f["code"] == "figures-decreased"]
    assert "第28期" in decreased["message"] and "行政许可事项办结" in decreased["message"]
    assert decreased["paragraph"] == 7
    texts = [p.text for p in printed_paragraphs(load_issue(path))]
    assert decreased["excerpt"] in texts[6] and len(decreased["excerpt"]) <= 40
    assert set(decreased) >= {"code", "paragraph", "excerpt", "message"}
    # Without the archive there is nothing to compare with: the same issue passes.
    alone = json.loads(run("check", path, "--json").stdout)
    assert [f["code"] for f in alone if f["code"] == "figures-decreased"] == []


def test_check_paragraph_numbers_count_as_the_export_writes(tmp_path, sample_issue):
    """Each finding's paragraph is that paragraph of the exported .docx, distribution included."""
    sample_issue.distribution.lines[2].recipients = ""
    sample_issue.parts[0].sections[1].subsections[1].items[2].text = "9月9日，某窗口召开会议。"
    path = tmp_path / "28.bulletin"
    save_issue(sample_issue, path)
    assert run("export", path, "-o", tmp_path / "28.docx").returncode == 0
    document = docx.Document(str(tmp_path / "28.docx"))
    exported = [p.text for p in body_paragraphs(document) if p.text]  # the anchor after the table is empty
    findings = json.loads(run("check", path, "--json").stdout)
    (outside,) = [f for f in findings if f["code"] == "date-outside-period"]
    assert exported[outside["paragraph"] - 1].startswith("（3）9月9日，")
    assert outside["excerpt"].startswith("（3）9月9日")
    assert exported == [p.text for p in printed_paragraphs(sample_issue)]
    assert exported[-2:] == ["发：", "（共印80份）"]


def test_check_text_says_what_it_compared_with(tmp_path, sample_issue, archive):
    path = _issue_29(tmp_path, sample_issue)
    result = run("check", path, "--archive", archive)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "已与上一期（2022年第28期（总第403期））对照检查"
    assert any("date-outside-period" in line and "9月5日" in line for line in lines)
    empty = tmp_path / "empty"
    empty.mkdir()
    first = run("check", path, "--archive", empty).stdout.splitlines()[0]
    assert first == "归档中没有找到上一期（2022年第28期或总第403期），未与上一期对照"


def test_check_strict_exits_3_only_with_findings(tmp_path, sample_issue):
    save_issue(sample_issue, tmp_path / "28.bulletin")
    clean = run("check", tmp_path / "28.bulletin", "--strict", "--json")
    assert clean.returncode == 0 and json.loads(clean.stdout) == []
    sample_issue.parts[0].sections[1].subsections[0].items = []
    save_issue(sample_issue, tmp_path / "bad.bulletin")
    assert run("check", tmp_path / "bad.bulletin", "--json").returncode == 0
    strict = run("check", tmp_path / "bad.bulletin", "--strict", "--json")
    assert strict.returncode == 3
    assert [f["code"] for f in json.loads(strict.stdout)] == ["empty-section"]


def test_check_failures(tmp_path, sample_issue):
    message = _one_line_error(run("check", tmp_path / "none.bulletin"), 1)
    assert "找不到文件" in message
    save_issue(sample_issue, tmp_path / "28.bulletin")
    message = _one_line_error(run("check", tmp_path / "28.bulletin", "--archive", tmp_path / "nope"), 1)
    assert "找不到归档文件夹" in message


@pytest.mark.parametrize("args", [[], ["export"], ["next"], ["check"], ["stats"], ["import"]])
def test_every_help_is_chinese(args):
    result = run(*args, "--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("用法：") and "显示本帮助并退出" in text
    for english in ("usage:", "positional arguments", "options:", "show this help", "optional arguments"):
        assert english not in text


def test_the_top_level_help_lists_every_command_in_one_line():
    text = run("--help").stdout
    for command, words in {
        "export": "Word",
        "next": "下一期",
        "check": "检查",
        "sample": "样例",
        "import": "导入",
        "stats": "统计",
        "stats-template": "模板",
    }.items():
        (line,) = [line for line in text.splitlines() if line.split()[:1] == [command]]
        assert words in line


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "--sample"], "缺少必需的参数：-o/--output"),
        (["check", "a.bulletin", "--frobnicate"], "无法识别的参数：--frobnicate"),
        (["export", "a.bulletin", "--sample", "-o", "x.docx"], "不能与参数"),
        (["next", "a.bulletin", "-o", "b.docx"], "输出文件必须以 .bulletin 结尾"),
    ],
)
def test_argparse_errors_are_chinese(tmp_path, args, words):
    message = _one_line_error(run(*args, cwd=tmp_path), 2)
    assert "命令行参数有误" in message and words in message


def test_a_mistyped_command_is_a_usage_error(tmp_path):
    message = _one_line_error(run("exprot", "a.bulletin", "-o", "x.docx", cwd=tmp_path), 2)
    assert "没有这个命令：exprot，可用的命令有 export、next、check" in message
    assert "是不是要用 export" in message
    assert list(tmp_path.iterdir()) == []


def test_export_to_another_format_says_the_output_must_be_docx_or_pdf(tmp_path):
    message = _one_line_error(run("export", "--sample", "-o", "x.txt", cwd=tmp_path), 2)
    assert "必须以 .docx 或 .pdf 结尾" in message
    assert list(tmp_path.iterdir()) == []
