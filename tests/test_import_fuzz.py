"""Fuzzing the importer and the loader: whatever comes in, a result or a clear BulletinError."""

import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import issue_from_json, issue_to_json, load_sample
from bulletin_editor.formats.docx.embed import remove_embedded
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import build_document
from bulletin_editor.formats.text import Line, import_lines
from bulletin_editor.model import printed_paragraphs

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _sample_docx(embedded: bool = True) -> bytes:
    document = build_document(load_sample())
    if not embedded:
        remove_embedded(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


SAMPLE_DOCX = _sample_docx()
SAMPLE_PARTS = _parts(SAMPLE_DOCX)
STRIPPED_PARTS = _parts(_sample_docx(embedded=False))


def _read_bytes(tmp_path, data: bytes):
    """Read `data` as a .docx: a result, or a BulletinError; any other exception fails the test."""
    path = tmp_path / "fuzz.docx"
    path.write_bytes(data)
    try:
        result = read_docx(path)
    except BulletinError as exc:
        assert str(exc)
        return None
    issue_from_json(issue_to_json(result.issue))  # what comes back is a valid issue
    printed_paragraphs(result.issue)
    return result


def _zip(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes(tmp_path, data):
    (tmp_path / "fuzz.docx").write_bytes(data)
    with pytest.raises(BulletinError):
        read_docx(tmp_path / "fuzz.docx")


_NAMES = st.sampled_from(
    [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "customXml/item1.xml",
        "docProps/core.xml",
        "x.bin",
    ]
)


@FUZZ
@pytest.mark.filterwarnings("ignore:Duplicate name")  # a zip with a name twice is damage to survive too
@given(entries=st.lists(st.tuples(_NAMES, st.binary(max_size=300)), max_size=6))
def test_random_zips(tmp_path, entries):
    _read_bytes(tmp_path, _zip(entries))


@FUZZ
@given(names=st.sets(st.sampled_from(sorted(SAMPLE_PARTS)), min_size=1), garbage=st.binary(max_size=200))
def test_docx_with_parts_replaced_by_garbage(tmp_path, names, garbage):
    entries = [(n, garbage if n in names else d) for n, d in SAMPLE_PARTS.items()]
    _read_bytes(tmp_path, _zip(entries))


@FUZZ
@given(
    cuts=st.lists(
        st.tuples(st.integers(0, len(SAMPLE_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    truncate=st.integers(0, len(SAMPLE_DOCX)),
)
def test_damaged_docx_bytes(tmp_path, cuts, truncate):
    data = bytearray(SAMPLE_DOCX)
    for position, value in cuts:
        data[position] = value
    _read_bytes(tmp_path, bytes(data[:truncate] if truncate > 100 else data))


_FRAGMENTS = [
    "一、",
    "二、",
    "（一）",
    "(二)",
    "（1）",
    "(2)",
    "3.",
    "4．",
    "5、",
    "①",
    "报：",
    "送:",
    "发：",
    "（共印80份）",
    "共印 4 份",
    "2022年第28期（总第403期）",
    "第5期",
    "2022年9月27日",
    "二〇二二年三月四日",
    "（8月22日—8月26日）",
    "12月30日",
    "政务服务工作",
    "大厅巡查情况",
    "厅（局）长进大厅",
    "受理办理情况",
    "厅",
    "局",
    "到",
    "同志",
    "。",
    "，",
    "：",
    " ",
    "　",
    "\t",
    "\n",
    "１２",
    "3 ",
    "—",
    "━━━",
    "据四川一体化政务服务平台数据统计，",
]
# Markers use characters no recognised pattern contains, so they must come through verbatim.
_MARKERS = ["甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑", "寅卯", "辰巳"]
_LINE = st.lists(st.sampled_from(_FRAGMENTS + _MARKERS), min_size=1, max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LINE, max_size=25))
def test_typed_text_never_crashes_and_nothing_is_dropped(lines):
    issue, report = import_lines([Line(text, f"第{n}段") for n, text in enumerate(lines, 1)])

    issue_from_json(issue_to_json(issue))
    m = issue.masthead
    shown = "".join(p.text for p in printed_paragraphs(issue)) + m.title + m.unit
    for marker in _MARKERS:
        if any(marker in line for line in lines):
            assert marker in shown
    assert all(isinstance(line, str) and line for line in report)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(max_size=40), max_size=15))
def test_any_unicode_text_imports(lines):
    issue, _ = import_lines([Line(text) for text in lines])
    issue_from_json(issue_to_json(issue))


@FUZZ
@given(
    texts=st.lists(st.tuples(st.integers(0, 10_000), _LINE), min_size=1, max_size=10),
    drops=st.lists(st.integers(0, 10_000), max_size=5),
    embedded=st.booleans(),
)
def test_docx_body_rewritten_at_random(tmp_path, texts, drops, embedded):
    """Valid .docx files with paragraphs retyped or deleted at random, as if edited in Word
    (the embedded copy kept) or typed anew (no embedded copy)."""
    parts = SAMPLE_PARTS if embedded else STRIPPED_PARTS
    root = etree.fromstring(parts["word/document.xml"])
    runs = root.findall(f".//{W}t")
    for position, text in texts:
        runs[position % len(runs)].text = text.replace("\n", " ")
    paragraphs = root.findall(f".//{W}p")
    for position in drops:
        paragraph = paragraphs[position % len(paragraphs)]
        if paragraph.getparent() is not None and paragraph.getparent().tag == f"{W}body":
            paragraph.getparent().remove(paragraph)
    entries = [(n, etree.tostring(root) if n == "word/document.xml" else d) for n, d in parts.items()]

    result = _read_bytes(tmp_path, _zip(entries))

    assert result is not None
    assert result.origin in (("embedded", "word_edits") if embedded else ("text",))


_SAMPLE_JSON = issue_to_json(load_sample())


@settings(max_examples=200, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(_SAMPLE_JSON)), st.integers(0, 20), st.text(max_size=5)),
        min_size=1,
        max_size=5,
    )
)
def test_damaged_bulletin_text(edits):
    text = _SAMPLE_JSON
    for position, length, replacement in edits:
        text = text[:position] + replacement + text[position + length :]
    try:
        issue_from_json(text)
    except BulletinError as exc:
        assert str(exc)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(path_choices=st.lists(st.integers(0, 50), min_size=1, max_size=8), value=_JSON_VALUES)
def test_bulletin_with_a_field_of_the_wrong_shape(path_choices, value):
    document = json.loads(_SAMPLE_JSON)
    node = document
    for choice in path_choices:  # walk down to a random field and replace it
        children = (
            list(node.items())
            if isinstance(node, dict)
            else list(enumerate(node))
            if isinstance(node, list)
            else []
        )
        if not children:
            break
        key, child = children[choice % len(children)]
        if not isinstance(child, (dict, list)) or choice % 3 == 0:
            node[key] = value
            break
        node = child
    try:
        issue_from_json(json.dumps(document, ensure_ascii=False))
    except BulletinError as exc:
        assert str(exc)
