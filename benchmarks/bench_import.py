"""Import speed of .docx files, against python-docx merely opening the same file
(measured alternately in the same run, so machine load affects both alike).

Three files: the sample as exported (embedded copy), the same without the embedded copy
(read from its visible text), and the text pasted from the print (a hand-typed issue).

    python benchmarks/bench_import.py [--runs N]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.formats.docx.embed import NAMESPACE
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import build_document

PRINT_TEXT = Path(__file__).resolve().parents[1] / "tests" / "data" / "print-2022-28.txt"


def make_files(folder: Path) -> dict[str, Path]:
    issue = load_sample()
    files = {
        "exported (embedded copy)": folder / "exported.docx",
        "exported, embedded copy removed": folder / "stripped.docx",
        "typed by hand (print text)": folder / "typed.docx",
    }
    build_document(issue).save(files["exported (embedded copy)"])
    stripped = build_document(issue)
    for rId, rel in list(stripped.part.rels.items()):
        if rel.reltype == RT.CUSTOM_XML and NAMESPACE.encode() in rel.target_part.blob:
            stripped.part.drop_rel(rId)
    stripped.save(files["exported, embedded copy removed"])
    typed = docx.Document()
    for line in PRINT_TEXT.read_text(encoding="utf-8").splitlines():
        if line.strip():
            typed.add_paragraph(line)
    typed.save(files["typed by hand (print text)"])
    return files


def timed(function, path: Path) -> float:
    start = time.perf_counter()
    function(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, path in make_files(Path(folder)).items():
            read_docx(path), docx.Document(path)  # warm up
            ours, baseline = [], []
            for _ in range(args.runs):
                ours.append(timed(read_docx, path))
                baseline.append(timed(docx.Document, path))
            o, b = statistics.median(ours), statistics.median(baseline)
            print(
                f"{name}: read_docx {o * 1000:.1f} ms, python-docx open {b * 1000:.1f} ms, "
                f"ratio {o / b:.2f}x (median of {args.runs})"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
