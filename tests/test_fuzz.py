"""The fuzz suite: mutated .docx exports, .bulletin files and workbooks through import, load,
export and stats. Every case ends in a result or a clean BulletinError, within SECONDS and
MEMORY, in a worker process (tests/fuzz_worker.py) so a case that exhausts memory or hangs
fails its test instead of the run. Bounded in total: CASES examples per test.

Case counts are printed at the end of the session (pytest -s shows them; the closing note of
issue 11 records them).
"""

from __future__ import annotations

import collections
import io
import json
import resource
import select
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from excel_workbooks import rows_plain
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_editor.formats.bulletin import issue_to_json, load_sample
from bulletin_editor.formats.docx.writer import build_document
from bulletin_editor.storage.atomic import TEMP_SUFFIX

SECONDS = 30
MEMORY = 2 * 1024**3
CASES = 150
FUZZ = settings(
    max_examples=CASES,
    deadline=None,
    derandomize=True,  # the same cases every run: CI time is bounded and failures reproduce
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
COUNTS: collections.Counter = collections.Counter()


class Worker:
    """tests/fuzz_worker.py, restarted after a case that killed it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

        return subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fuzz_worker.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            preexec_fn=limit,
        )

    def run(self, operation: str, path: Path, out: Path) -> dict:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        out.mkdir(exist_ok=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(
            json.dumps({"operation": operation, "path": str(path), "out": str(out)}) + "\n"
        )
        self.process.stdin.flush()
        started = time.monotonic()
        ready, _, _ = select.select([self.process.stdout], [], [], SECONDS)
        if not ready:
            self.process.kill()
            self.process = None
            pytest.fail(f"{operation} of {path.name} took more than {SECONDS} s")
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            self.process = None
            pytest.fail(
                f"{operation} of {path.name} killed the worker (exit {code}): memory over {MEMORY >> 30} GB?"
            )
        answer = json.loads(line)
        COUNTS[operation, answer["outcome"]] += 1
        assert answer["outcome"] != "crash", answer["detail"]
        assert time.monotonic() - started < SECONDS
        return answer

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def worker():
    worker = Worker()
    yield worker
    worker.close()


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    counts = ", ".join(f"{op} {outcome}: {n}" for (op, outcome), n in sorted(COUNTS.items()))
    print(f"\nfuzz cases: {sum(COUNTS.values())} ({counts})")


def _case(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path]:
    """A fresh folder per example: the input, and the outputs' folder."""
    folder = tmp_path / f"case{sum(COUNTS.values())}"
    folder.mkdir()
    path = folder / name
    path.write_bytes(data)
    return path, folder / "out"


def _no_leftovers(folder: Path) -> None:
    assert not [p for p in folder.parent.rglob("*") if p.name.endswith((TEMP_SUFFIX, ".tmp"))]


# --- inputs to mutate ----------------------------------------------------------------------------


def _docx_parts() -> dict[str, bytes]:
    buffer = io.BytesIO()
    build_document(load_sample()).save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


DOCX_PARTS = _docx_parts()
BULLETIN = json.loads(issue_to_json(load_sample()))


def _workbook() -> bytes:
    """A statistics workbook with the figures of the sample (categories down the rows)."""
    buffer = io.BytesIO()
    rows_plain()[0].save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()
with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as _archive:
    WORKBOOK_PARTS = {name: _archive.read(name) for name in _archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# Values that broke earlier versions, and their neighbours.
_HOSTILE_NUMBERS = [
    "0",
    "-1",
    "2147483648",
    "99999999999999999999",
    "9" * 5000,
    "1e400",
    "-1e300",
    "NaN",
    "1.5",
    "",
    "²",
    "０",
]
_HOSTILE_TEXT = [
    "2022年第99999999999999999999期",
    "{start.__class__.__mro__}",
    "{licensing_accepted:>99999999}",
    "一百、",
    "（一百二十）",
    "\x00\x0b\ud800",
    "<w:p/>" * 50,
    "&amp;&lt;",
    "CON",
]


def _byte_edits():
    return st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=12)


def _apply_byte_edits(data: bytes, edits, truncate: int | None) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    return bytes(buffer[:truncate] if truncate else buffer)


# --- .docx ---------------------------------------------------------------------------------------


def _mutate_xml(data: bytes, draw) -> bytes:
    """Structure mutations of an XML part: attribute values, text, repeated and nested elements."""
    text = data.decode("utf-8", "replace")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["attribute", "text", "repeat", "nest", "cut"]))
        if kind == "attribute" and 'w:val="' in text:
            start = text.find('w:val="', draw(st.integers(0, len(text) - 1)))
            if start >= 0:
                end = text.find('"', start + 7)
                text = text[: start + 7] + draw(st.sampled_from(_HOSTILE_NUMBERS)) + text[end:]
        elif kind == "text" and "<w:t" in text:
            start = text.find("<w:t", draw(st.integers(0, len(text) - 1)))
            if start >= 0:
                start = text.find(">", start) + 1
                end = text.find("<", start)
                text = text[:start] + draw(st.sampled_from(_HOSTILE_TEXT + _HOSTILE_NUMBERS)) + text[end:]
        elif kind == "repeat" and "<w:p>" in text:
            start = text.find("<w:p>")
            end = text.find("</w:p>", start) + len("</w:p>")
            text = text[:end] + text[start:end] * draw(st.integers(1, 300)) + text[end:]
        elif kind == "nest" and "<w:body>" in text:
            depth = draw(st.integers(1, 400))
            text = text.replace(
                "<w:body>",
                "<w:body>" + "<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth,
                1,
            )
        elif kind == "cut":
            text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated_docx(draw) -> bytes:
    parts = dict(DOCX_PARTS)
    for name in draw(st.lists(st.sampled_from(sorted(parts)), min_size=1, max_size=3, unique=True)):
        action = draw(st.sampled_from(["xml", "xml", "drop", "garbage"]))
        if action == "xml" and name.endswith((".xml", ".rels")):
            parts[name] = _mutate_xml(parts[name], draw)
        elif action == "drop":
            del parts[name]
        elif action == "garbage":
            parts[name] = draw(st.binary(max_size=200))
    return _zip(parts)


@FUZZ
@given(data=mutated_docx())
def test_mutated_docx_structure_imports_or_is_refused(worker, tmp_path, data):
    path, out = _case(tmp_path, "mutated.docx", data)
    worker.run("import", path, out)
    _no_leftovers(path)


@FUZZ
@given(edits=_byte_edits(), truncate=st.none() | st.integers(1, 40000))
def test_docx_bytes_mutated_import_or_are_refused(worker, tmp_path, edits, truncate):
    path, out = _case(tmp_path, "bytes.docx", _apply_byte_edits(_zip(DOCX_PARTS), edits, truncate))
    worker.run("import", path, out)
    _no_leftovers(path)


# --- .bulletin -----------------------------------------------------------------------------------

_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([0, -1, 2**31, 10**12 + 1, 10**30, 10**999])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(_HOSTILE_TEXT + ["2022-02-30", "9999-12-31", "0001-01-01", "group", "news"])
)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


ALL_PATHS = [p for p in _paths(BULLETIN) if p]


@st.composite
def mutated_bulletin(draw) -> bytes:
    document = json.loads(json.dumps(BULLETIN))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            kind = draw(st.sampled_from(["replace", "replace", "delete", "repeat", "deep"]))
            if kind == "replace":
                parent[path[-1]] = draw(_JSON)
            elif kind == "delete":
                del parent[path[-1]]
            elif kind == "repeat" and isinstance(parent[path[-1]], list):
                parent[path[-1]] = parent[path[-1]] * draw(st.integers(2, 400))
            elif kind == "deep":
                value = parent[path[-1]]
                for _ in range(draw(st.integers(1, 3000))):
                    value = [value]
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this place
    try:
        return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):  # json.dumps itself cannot write it: write it by hand
        return b'{"format": "bulletin-editor", "version": 1, "issue": ' + b"[" * 3000 + b"]" * 3000 + b"}"


@FUZZ
@given(data=mutated_bulletin())
def test_mutated_bulletin_loads_exports_or_is_refused(worker, tmp_path, data):
    path, out = _case(tmp_path, "mutated.bulletin", data)
    worker.run("load", path, out)
    _no_leftovers(path)


@FUZZ
@given(edits=_byte_edits(), truncate=st.none() | st.integers(1, 20000))
def test_bulletin_bytes_mutated_load_or_are_refused(worker, tmp_path, edits, truncate):
    data = issue_to_json(load_sample()).encode("utf-8")
    path, out = _case(tmp_path, "bytes.bulletin", _apply_byte_edits(data, edits, truncate))
    worker.run("load", path, out)
    _no_leftovers(path)


# --- workbooks -----------------------------------------------------------------------------------


@st.composite
def mutated_workbook(draw) -> bytes:
    parts = dict(WORKBOOK_PARTS)
    sheets = sorted(n for n in parts if n.startswith("xl/worksheets/"))
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sheets + sorted(parts)))
        kind = draw(st.sampled_from(["value", "value", "formula", "garbage", "drop", "repeat"]))
        text = parts.get(name, b"").decode("utf-8", "replace")
        if kind == "value" and "<c " in text:
            start = text.find("<c ", draw(st.integers(0, len(text) - 1)))
            if start >= 0:
                end = text.find(">", start) + 1
                value = draw(st.sampled_from(_HOSTILE_NUMBERS))
                text = text[:end] + f"<v>{value}</v>" + text[end:]
        elif kind == "formula" and "<c " in text:
            start = text.find("<c ")
            end = text.find(">", start) + 1
            text = text[:end] + "<f>A1*1E+308</f>" + text[end:]
        elif kind == "repeat" and "<row" in text:
            start = text.find("<row")
            end = text.find("</row>", start) + len("</row>")
            text = text[:end] + text[start:end] * draw(st.integers(1, 300)) + text[end:]
        elif kind == "garbage":
            parts[name] = draw(st.binary(max_size=200))
            continue
        elif kind == "drop":
            parts.pop(name, None)
            continue
        if name in parts:
            parts[name] = text.encode("utf-8")
    return _zip(parts)


@FUZZ
@given(data=mutated_workbook())
def test_mutated_workbook_gives_figures_or_is_refused(worker, tmp_path, data):
    path, out = _case(tmp_path, "mutated.xlsx", data)
    worker.run("stats", path, out)


@FUZZ
@given(edits=_byte_edits(), truncate=st.none() | st.integers(1, 20000))
def test_workbook_bytes_mutated_give_figures_or_are_refused(worker, tmp_path, edits, truncate):
    path, out = _case(tmp_path, "bytes.xlsx", _apply_byte_edits(WORKBOOK, edits, truncate))
    worker.run("stats", path, out)
