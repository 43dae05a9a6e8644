"""Export and read-back at 1x, 10x and 100x the sample, each against python-docx doing the
same work, measured alternately in the same run. Aim: each within 1.5x.

    python benchmarks/bench_docx_sizes.py [--runs N] [--scales 1,10,100]

Export: `export_docx` against python-docx writing the same paragraphs (the export's own text,
one style per kind of paragraph, the same runs) into its default template and saving.
Read-back: `read_docx` of the export against python-docx opening it and reading every
paragraph's text. At each scale every section's items are repeated (as bench_preview.py).
"""

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

import docx
from bench_preview import _scaled

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.formats.docx.reader import read_docx
from bulletin_editor.formats.docx.writer import export_docx


def _paragraphs(path: Path) -> list[tuple[str, list[str]]]:
    """The export's paragraphs: style name and the text of each run."""
    return [(p.style.name, [r.text for r in p.runs]) for p in docx.Document(path).paragraphs]


def python_docx_write(paragraphs: list[tuple[str, list[str]]], path: Path) -> None:
    """Styles set by id, as the export does: python-docx's `paragraph.style = …` scans every
    style of the template per paragraph, which would flatter the export 3-4x at 100x."""
    document = docx.Document()
    ids = {}
    for name, _ in paragraphs:
        if name not in ids:
            style = document.styles["Normal"] if name == "Normal" else document.styles.add_style(name, 1)
            ids[name] = style.style_id
    for name, runs in paragraphs:
        paragraph = document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = ids[name]
        for text in runs:
            paragraph.add_run(text)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def python_docx_read(path: Path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def alternately(ours, baseline, runs: int) -> tuple[float, float]:
    ours(), baseline()  # warm up
    o, b = [], []
    for _ in range(runs):
        start = time.perf_counter()
        ours()
        o.append(time.perf_counter() - start)
        start = time.perf_counter()
        baseline()
        b.append(time.perf_counter() - start)
    return statistics.median(o), statistics.median(b)


def measure(scale: int, runs: int, folder: Path) -> None:
    ours_path, theirs_path = folder / "ours.docx", folder / "theirs.docx"
    issue = _scaled(load_sample(), scale)
    export_docx(issue, ours_path)
    paragraphs = _paragraphs(ours_path)
    o, b = alternately(
        lambda: export_docx(issue, ours_path), lambda: python_docx_write(paragraphs, theirs_path), runs
    )
    print(
        f"{scale}x ({len(paragraphs)} paragraphs) export: {o * 1000:.0f} ms, "
        f"python-docx writing them {b * 1000:.0f} ms, ratio {o / b:.2f}x (aim <= 1.5x)"
    )
    o, b = alternately(lambda: read_docx(ours_path), lambda: python_docx_read(ours_path), runs)
    print(
        f"{scale}x read-back: {o * 1000:.0f} ms, python-docx opening it and reading every "
        f"paragraph {b * 1000:.0f} ms, ratio {o / b:.2f}x (aim <= 1.5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--scales", default="1,10,100")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for scale in map(int, arguments.scales.split(",")):
            measure(scale, arguments.runs, Path(folder))


if __name__ == "__main__":
    main()
