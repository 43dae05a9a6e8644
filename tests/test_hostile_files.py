"""Every hostile or damaged file of issue 11, from the command line: a one-line Chinese message,
exit 1 or 2, no traceback, nothing changed or left behind, within 30 s and 2 GB (tests/hostile.py)."""

import copy
import json

import pytest
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from hostile import (
    docx_document,
    files,
    paragraph_bomb,
    refused,
    rewrite_zip,
    run_cli,
    sample_document_json,
    typed_docx,
    write_json,
)

from bulletin_editor.formats.bulletin import load_issue
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.model import DEFAULT_STATISTICS_TEMPLATE
from bulletin_editor.storage.versions import list_versions


def _export_refused(tmp_path, document, *words):
    source = write_json(tmp_path / "hostile.bulletin", document)
    before = files(tmp_path)
    message = refused(run_cli("export", source, "-o", tmp_path / "out.docx"), "hostile.bulletin", *words)
    assert files(tmp_path) == before
    return message


def _import_refused(tmp_path, source, *words):
    before = files(tmp_path)
    message = refused(run_cli("import", source, "-o", tmp_path / "out.bulletin"), *words)
    assert files(tmp_path) == before
    return message


def _statistics(document):
    return document["issue"]["parts"][0]["sections"][0]["statistics"]


# --- one number that bricked the archive -----------------------------------------------------


def test_an_issue_line_with_twenty_digits_is_refused_naming_the_number(tmp_path):
    source = typed_docx(tmp_path / "typed.docx", "2022年第28期", "2022年第99999999999999999999期")
    message = _import_refused(tmp_path, source, "typed.docx", "期号", "1 至 999")
    assert "20 位" in message


def test_an_issue_number_of_ten_to_the_thirty_is_refused(tmp_path):
    document = sample_document_json()
    document["issue"]["masthead"]["number"] = 10**30
    _export_refused(tmp_path, document, "期号", "1 至 999")


# --- nesting and digits ------------------------------------------------------------------------


def _nested(depth):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_json_nested_a_thousand_deep_is_refused(tmp_path):
    (tmp_path / "hostile.bulletin").write_text(
        '{"format": "bulletin-editor", "version": 1, "issue": ' + "[" * 1000 + "]" * 1000 + "}"
    )
    before = files(tmp_path)
    refused(run_cli("export", tmp_path / "hostile.bulletin", "-o", tmp_path / "o.docx"), "嵌套过深")
    assert files(tmp_path) == before


def test_two_hundred_and_fifty_nested_subsections_are_refused(tmp_path):
    document = sample_document_json()
    section = document["issue"]["parts"][0]["sections"][1]
    inner = section
    for n in range(250):
        inner["subsections"] = [{"title": f"第{n}层", "kind": "news", "items": []}]
        inner = inner["subsections"][0]
    _export_refused(tmp_path, document, "嵌套过深")


def test_a_subsection_within_a_subsection_is_refused(tmp_path):
    document = sample_document_json()
    sub = document["issue"]["parts"][0]["sections"][1]["subsections"][0]
    sub["subsections"] = [{"title": "再下一层", "kind": "news", "items": []}]
    _export_refused(tmp_path, document, "小栏目不能再分栏目")


def test_an_issue_number_of_five_thousand_digits_is_refused(tmp_path):
    text = json.dumps(sample_document_json(), ensure_ascii=False)
    assert '"number": 28' in text
    (tmp_path / "hostile.bulletin").write_text(text.replace('"number": 28', '"number": ' + "9" * 5000))
    before = files(tmp_path)
    refused(
        run_cli("export", tmp_path / "hostile.bulletin", "-o", tmp_path / "o.docx"),
        "masthead.number",
        "5,000 位",
    )
    assert files(tmp_path) == before


def test_an_issue_line_of_five_thousand_digits_is_refused(tmp_path):
    source = typed_docx(tmp_path / "typed.docx", "2022年第28期", f"2022年第{'9' * 5000}期")
    _import_refused(tmp_path, source, "期号", "5000 位")


def test_embedded_issue_nested_a_thousand_deep_falls_back_to_the_text(tmp_path):
    deep = '{"format": "bulletin-editor", "version": 1, "issue": ' + "[" * 1000 + "]" * 1000 + "}"
    source = tmp_path / "export.docx"
    assert run_cli("export", "--sample", "-o", source).returncode == 0

    def replace_embedded(name, data):
        if (
            name.startswith("customXml/item")
            and b"urn:bulletin-editor:issue" in data
            and b"Props" not in data
        ):
            return (
                b'<?xml version="1.0" encoding="UTF-8"?><bulletin xmlns="urn:bulletin-editor:issue">'
                + deep.encode()
                + b"</bulletin>"
            )
        return data

    rewrite_zip(source, replace_embedded)
    result = run_cli("import", source, "-o", tmp_path / "out.bulletin")
    assert result.returncode == 0, result.stderr
    assert "嵌套过深" in result.stdout
    assert load_issue(tmp_path / "out.bulletin").masthead.number == 28


def _with_word_list(path, ilvl: str, start: str):
    """A typed issue whose first body paragraph is in one of Word's lists, with these raw values."""
    typed_docx(path)
    document = docx_document(path)
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0">'
            f'<w:start w:val="{start}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    paragraph = document.add_paragraph("附：说明文字。")
    num_pr = paragraph._p.get_or_add_pPr()._add_numPr()
    num_pr.get_or_add_ilvl().set(qn("w:val"), ilvl)
    num_pr.get_or_add_numId().val = 91
    document.save(path)
    return path


@pytest.mark.parametrize(
    ("ilvl", "start"),
    [("9" * 5000, "1"), ("0", "9" * 5000), ("²", "-" + "9" * 5000)],
    ids=["ilvl", "start", "odd"],
)
def test_word_list_numbers_of_five_thousand_digits_import(tmp_path, ilvl, start):
    source = _with_word_list(tmp_path / "listed.docx", ilvl, start)
    result = run_cli("import", source, "-o", tmp_path / "out.bulletin")
    assert result.returncode == 0, result.stderr
    assert load_issue(tmp_path / "out.bulletin").masthead.number == 28


# --- the statistics template -------------------------------------------------------------------


@pytest.mark.parametrize(
    "placeholder",
    [
        "{start.nonexistent}",
        "{licensing_accepted[0]}",
        "{start.__class__.__mro__}",
        "{licensing_accepted:>99999999}",
        "{licensing_accepted!r}",
        "{0}",
        "{}",
        "{unknown}",
    ],
)
def test_a_template_with_more_than_named_placeholders_is_refused(tmp_path, placeholder):
    document = sample_document_json()
    _statistics(document)["template"] = DEFAULT_STATISTICS_TEMPLATE + placeholder
    message = _export_refused(tmp_path, document, "占位符", "{start}")
    assert "__mro__" not in message or placeholder == "{start.__class__.__mro__}"


def test_a_template_with_unpaired_braces_is_refused(tmp_path):
    document = sample_document_json()
    _statistics(document)["template"] = "受理{licensing_accepted件"
    _export_refused(tmp_path, document, "花括号")


# --- .docx packages ----------------------------------------------------------------------------


def test_a_styles_part_of_another_content_type_imports_by_its_text(tmp_path):
    source = typed_docx(tmp_path / "typed.docx")

    def other_type(name, data):
        if name == "[Content_Types].xml":
            return data.replace(
                b"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                b"application/xml",
            )
        return data

    rewrite_zip(source, other_type)
    result = run_cli("import", source, "-o", tmp_path / "out.bulletin")
    assert result.returncode == 0, result.stderr
    assert load_issue(tmp_path / "out.bulletin").masthead.total_number == 403


@pytest.mark.parametrize(("megabytes", "words"), [(400, ("解压后过大",)), (30, ("元素过多",))])
def test_a_small_docx_of_millions_of_paragraphs_is_refused(tmp_path, megabytes, words):
    paragraph_bomb(tmp_path / "bomb.docx", megabytes)
    assert (tmp_path / "bomb.docx").stat().st_size < 2 * 1024 * 1024
    _import_refused(tmp_path, tmp_path / "bomb.docx", "bomb.docx", *words)


# --- file names --------------------------------------------------------------------------------

LONG = "长" * 90  # 270 bytes in UTF-8


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--sample", "-o", LONG + ".docx"],
        ["sample", "-o", LONG + ".bulletin"],
        ["import", "SOURCE", "-o", LONG + ".bulletin"],
        ["stats-template", "-o", LONG + ".xlsx"],
        ["export", "--sample", "-o", "x" * 300 + "/out.docx"],
        ["export", "--sample", "-o", "CON.docx"],
        ["sample", "-o", "nul.bulletin"],
        ["sample", "-o", "周报?.bulletin"],
        ["sample", "-o", "周报<1>.bulletin"],
        ["stats-template", "-o", "周报."],
        ["stats-template", "-o", "周报 "],
        ["stats-template", "-o", "LPT1.xlsx"],
    ],
    ids=lambda args: args[0] + ":" + args[-1][:12],
)
def test_names_windows_or_the_system_refuse_get_a_message_before_anything_is_written(tmp_path, args):
    typed_docx(tmp_path / "source.docx")
    args = [str(tmp_path / "source.docx") if a == "SOURCE" else a for a in args]
    before = files(tmp_path)
    refused(run_cli(*args, cwd=tmp_path), "名")
    assert files(tmp_path) == before


# --- numbering beyond 99 -----------------------------------------------------------------------


def test_a_section_of_a_hundred_and_twenty_checks_exports_and_reads_back(tmp_path):
    document = sample_document_json()
    inspection = document["issue"]["parts"][0]["sections"][2]
    assert inspection["kind"] == "inspection"
    inspection["items"] = [{"heading": f"第{n}处", "text": "符合要求。"} for n in range(120)]
    news = document["issue"]["parts"][0]["sections"][1]["subsections"][0]
    news["items"] = [{"text": f"第{n}条动态。"} for n in range(120)]
    source = write_json(tmp_path / "many.bulletin", document)

    result = run_cli("export", source, "-o", tmp_path / "many.docx")

    assert result.returncode == 0, result.stderr
    texts = [p.text for p in docx_document(tmp_path / "many.docx").paragraphs]
    assert any(t.startswith("（一百二十）第119处") for t in texts)
    assert any(t.startswith("（120）第119条动态") for t in texts)
    assert read_docx(tmp_path / "many.docx").issue == load_issue(source)


# --- nonsense that was accepted silently ---------------------------------------------------------


def _set(document, path, value):
    target = document["issue"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("masthead", "year"), 0, ("年份为 0", "1,949 至 2,100")),
        (("masthead", "year"), -2022, ("年份",)),
        (("masthead", "year"), 2**31, ("年份",)),
        (("masthead", "number"), 0, ("期号为 0",)),
        (("masthead", "number"), -5, ("期号为 -5",)),
        (("masthead", "total_number"), 100000, ("总期号",)),
        (("masthead", "issue_date"), "0001-01-01", ("出刊日期",)),
        (("distribution", "copies"), -1, ("印数",)),
        (("distribution", "copies"), 2**31, ("印数",)),
        (
            ("parts", 0, "sections", 0, "statistics", "figures", "licensing", "accepted"),
            -1,
            ("行政许可事项受理数",),
        ),
        (
            ("parts", 0, "sections", 0, "statistics", "figures", "other_powers", "completed"),
            10**12 + 1,
            ("其它九类行权事项办结数", "1,000,000,000,000"),
        ),
        (("parts", 0, "sections", 0, "statistics", "figures", "licensing", "accepted"), 1e300, ("整数",)),
        (("parts", 0, "period_end"), "3000-01-01", ("结束日",)),
    ],
    ids=lambda v: str(v)[:24],
)
def test_numbers_out_of_range_are_refused_naming_the_field(tmp_path, path, value, words):
    document = sample_document_json()
    _set(document, path, value)
    _export_refused(tmp_path, document, *words)


def test_too_many_items_are_refused(tmp_path):
    document = sample_document_json()
    document["issue"]["parts"][0]["sections"][1]["subsections"][0]["items"] = [{"text": "动态。"}] * 1000
    _export_refused(tmp_path, document, "条目有 1,000 个", "最多 999 个")


def test_a_typed_issue_numbered_zero_is_refused(tmp_path):
    source = typed_docx(tmp_path / "typed.docx", "2022年第28期", "2022年第0期")
    _import_refused(tmp_path, source, "期号为 0")


def test_a_typed_year_of_zero_is_refused(tmp_path):
    source = typed_docx(tmp_path / "typed.docx", "2022年第28期", "0000年第28期")
    _import_refused(tmp_path, source, "年份")


# --- nothing overwritten -----------------------------------------------------------------------


def test_export_onto_its_own_input_is_refused(tmp_path):
    assert run_cli("sample", "-o", tmp_path / "X.bulletin").returncode == 0
    before = files(tmp_path)
    refused(run_cli("export", tmp_path / "X.bulletin", "-o", tmp_path / "X.bulletin"))  # not a .docx
    refused(run_cli("export", "X.bulletin", "-o", "./X.bulletin", cwd=tmp_path))
    assert files(tmp_path) == before


def test_import_onto_its_own_input_is_refused(tmp_path):
    source = typed_docx(tmp_path / "X.docx")
    before = files(tmp_path)
    refused(run_cli("import", source, "-o", source))  # a .docx is no issue file: a usage error
    assert files(tmp_path) == before


def test_writing_another_format_over_an_issue_is_refused(tmp_path):
    assert run_cli("sample", "-o", tmp_path / "other.bulletin").returncode == 0
    before = files(tmp_path)
    refused(run_cli("export", "--sample", "-o", tmp_path / "other.bulletin"), ".docx")
    refused(run_cli("stats-template", "-o", tmp_path / "other.bulletin"), "周报文件", "--force")
    assert files(tmp_path) == before
    assert run_cli("stats-template", "-o", tmp_path / "other.bulletin", "--force").returncode == 0


def test_import_over_a_word_file_is_refused(tmp_path):
    source = typed_docx(tmp_path / "a.docx")
    typed_docx(tmp_path / "b.docx")
    before = files(tmp_path)
    refused(run_cli("import", source, "-o", tmp_path / "b.docx"), ".bulletin")
    assert files(tmp_path) == before


@pytest.mark.parametrize("command", ["sample", "import"])
def test_writing_over_an_issue_keeps_it_as_a_version(tmp_path, command):
    document = sample_document_json()
    document["issue"]["masthead"]["number"] = 29
    target = write_json(tmp_path / "existing.bulletin", document)
    previous = target.read_bytes()
    args = ["sample"] if command == "sample" else ["import", typed_docx(tmp_path / "typed.docx")]

    result = run_cli(*args, "-o", target)

    assert result.returncode == 0, result.stderr
    assert "历史版本" in result.stdout
    assert load_issue(target).masthead.number == 28
    (version,) = list_versions(target)
    assert version.path.read_bytes() == previous
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_files_that_fail_leave_no_temporary_file(tmp_path):
    document = copy.deepcopy(sample_document_json())
    document["issue"]["masthead"]["year"] = 0
    write_json(tmp_path / "bad.bulletin", document)
    for args in (
        ["export", "bad.bulletin", "-o", "bad.docx"],
        ["import", "bad.bulletin", "-o", "x.bulletin"],
        ["stats", "bad.bulletin"],
    ):
        refused(run_cli(*args, cwd=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.bulletin"]
