"""A process that runs fuzz cases for tests/test_fuzz.py, one JSON line in, one JSON line out.

It runs under an address-space limit set by its parent, which also times every case: a case
that ends in anything but a result or a BulletinError, takes too long or exhausts memory fails.

    {"operation": "import" | "load" | "stats", "path": "...", "out": "folder for outputs"}
    -> {"outcome": "ok" | "refused" | "crash", "detail": "..."}
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from exported import as_kept

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import issue_to_json, load_issue, save_issue
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.formats.excel.reader import read_figures
from bulletin_editor.model import printed_paragraphs
from bulletin_editor.model.limits import check_issue


def _import(path: Path, out: Path) -> str:
    """Import a .docx; what comes back must be a valid issue that saves, loads and exports."""
    issue = read_docx(path).issue
    check_issue(issue)
    save_issue(issue, out / "imported.bulletin")
    assert load_issue(out / "imported.bulletin") == issue
    export_docx(issue, out / "imported.docx")
    return f"{len(printed_paragraphs(issue))} paragraphs"


def _load(path: Path, out: Path) -> str:
    """Load a .bulletin; a loaded issue must export and read back as its export keeps it."""
    issue = load_issue(path)
    export_docx(issue, out / "loaded.docx")
    assert read_docx(out / "loaded.docx").issue == as_kept(issue)
    return issue_to_json(issue)[:40]


def _stats(path: Path, out: Path) -> str:
    reading = read_figures(path)
    return json.dumps(reading.to_json(), ensure_ascii=False)[:80]


OPERATIONS = {"import": _import, "load": _load, "stats": _stats}


def main() -> None:
    sys.setrecursionlimit(1000)  # as the program runs: no case may pass by a deeper stack
    for line in sys.stdin:
        case = json.loads(line)
        try:
            detail = OPERATIONS[case["operation"]](Path(case["path"]), Path(case["out"]))
            answer = {"outcome": "ok", "detail": detail}
        except BulletinError as exc:
            message = str(exc)
            ok = bool(message) and "Traceback" not in message and "\n" not in message.strip()
            answer = {"outcome": "refused" if ok else "crash", "detail": message}
        except BaseException:  # MemoryError, RecursionError, AssertionError, anything else
            answer = {"outcome": "crash", "detail": traceback.format_exc()[-3000:]}
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
