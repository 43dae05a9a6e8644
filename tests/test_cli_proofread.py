"""`bulletin-editor check` with the proofreading codes: the JSON shape, the fixes, ignores
kept in the file, the user's word list (read from the per-user folder)."""

import json

import pytest

from bulletin_editor.cli import main
from bulletin_editor.formats.bulletin import load_issue, load_sample, save_issue
from bulletin_editor.model import IgnoredFinding
from bulletin_editor.storage import word_lists


def _check(capsys, *args):
    code = main(["check", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _slipped(tmp_path):
    issue = load_sample()
    item = issue.parts[0].sections[1].subsections[1].items[0]
    item.text = "（1）近日,应急厅窗口组织王喆等人再接再励开展培训 。"
    path = tmp_path / "28.bulletin"
    save_issue(issue, path)
    return path


def test_the_sample_checks_clean(tmp_path, capsys):
    save_issue(load_sample(), tmp_path / "28.bulletin")
    assert _check(capsys, tmp_path / "28.bulletin", "--json") == (0, "[]\n", "")


def test_json_rows_carry_code_paragraph_excerpt_message_and_fix(tmp_path, capsys):
    code, out, _ = _check(capsys, _slipped(tmp_path), "--json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["code"], r["paragraph"]) for r in rows] == [
        ("numbering-typed", 12),
        ("punct-halfwidth", 12),
        ("char-not-gb2312", 12),
        ("word-typo", 12),
        ("space-in-cjk", 12),
    ]
    typo = rows[3]
    assert typo["fix"] == "改为“再接再厉”" and "再接再励" in typo["excerpt"] and len(typo["excerpt"]) <= 40
    assert rows[2]["fix"] is None and "喆" in rows[2]["excerpt"]


def test_fix_saves_a_fixed_copy_and_reports_what_is_left(tmp_path, capsys):
    source = _slipped(tmp_path)
    fixed = tmp_path / "28-校对.bulletin"
    code, out, _ = _check(capsys, source, "--fix", fixed)
    assert code == 0 and "已修正 4 处" in out.splitlines()[0]
    text = load_issue(fixed).parts[0].sections[1].subsections[1].items[0].text
    assert text == "近日，应急厅窗口组织王喆等人再接再厉开展培训。"
    assert "char-not-gb2312" in out and "共 1 个问题" in out
    assert load_issue(source).parts[0].sections[1].subsections[1].items[0].text.startswith("（1）")


def test_fix_never_overwrites_the_issue_and_wants_a_bulletin(tmp_path, capsys):
    source = _slipped(tmp_path)
    code, _, err = _check(capsys, source, "--fix", source)
    assert code == 1 and "不能覆盖原文件" in err
    with pytest.raises(SystemExit) as exit:
        main(["check", str(source), "--fix", str(tmp_path / "out.docx")])
    assert exit.value.code == 2
    assert "--fix 的输出文件必须以 .bulletin 结尾" in capsys.readouterr().err


def test_ignored_findings_and_accepted_words_are_not_reported(tmp_path, capsys, user_dirs):
    path = _slipped(tmp_path)
    rows = json.loads(_check(capsys, path, "--json")[1])
    issue = load_issue(path)
    issue.ignored.append(IgnoredFinding(rows[4]["code"], rows[4]["excerpt"]))
    save_issue(issue, path)
    word_lists.accept_word("王喆")
    code, out, _ = _check(capsys, path)
    assert code == 0 and "char-not-gb2312" not in out and "space-in-cjk" not in out
    assert out.splitlines()[-2:] == ["共 3 个问题", "另有 1 个已忽略的问题（忽略记录保存在周报文件中）"]
