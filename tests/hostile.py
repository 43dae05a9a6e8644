"""Helpers for hostile-input tests: the command line in a process bounded in time and memory,
and a record of a folder's files to show nothing was changed or left behind."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import nsdecls

from bulletin_editor.formats.bulletin import issue_to_json, load_sample
from bulletin_editor.formats.docx.embed import remove_embedded
from bulletin_editor.formats.docx.writer import build_document

SECONDS = 30
MEMORY = 2 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_cli(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m bulletin_editor ARGS` with at most 2 GB of address space; over 30 s fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "bulletin_editor", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
    )


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    """The one-line message of a clean refusal (exit 1 or 2, no traceback), holding `words`."""
    assert result.returncode in (1, 2), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones too, with its contents."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def sample_document_json() -> dict:
    return json.loads(issue_to_json(load_sample()))


def write_json(path: Path, document) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def typed_docx(path: Path, old: str = "", new: str = "") -> Path:
    """The sample exported without its embedded issue (as if typed), with `old` replaced by `new`."""
    document = build_document(load_sample())
    remove_embedded(document)
    if old:
        hits = 0
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new)
                    hits += 1
        assert hits == 1
    document.save(path)
    return path


def rewrite_zip(path: Path, edit) -> Path:
    """Rewrite the package at `path` with `edit(name, bytes) -> bytes` applied to each part."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, edit(name, data))
    path.write_bytes(buffer.getvalue())
    return path


def docx_document(path: Path):
    return docx.Document(str(path))


def paragraph_bomb(path, megabytes: int) -> None:
    """A small .docx whose document.xml unpacks to `megabytes` MB of empty paragraphs."""
    typed_docx(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(f"<w:document {nsdecls('w')}><w:body>".encode())
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(megabytes):
                stream.write(chunk)
            stream.write(b"</w:body></w:document>")
