"""Typing with the live preview: the time one keystroke costs in the editor (model, outline,
editor widgets, undo step) and the time the preview refresh then takes (printed paragraphs,
HTML, layout, checks), with the sample open in the real window. Aim: each under 30 ms.

    python benchmarks/bench_preview.py [--keys N] [--scales 1,10,100]

At each scale every section's items are repeated that many times (100x the sample: some
1,600 paragraphs); the keystroke at each scale is printed against the keystroke at 1x.

Also prints the refresh against merely re-setting the same HTML in the QTextBrowser (the
floor any HTML preview pays), measured alternately.
"""

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _scaled(issue, scale: int):
    import copy

    from bulletin_editor.model.tree import walk_sections

    issue = copy.deepcopy(issue)
    for _, section in walk_sections(issue):
        if any(item.heading for item in section.items):
            continue  # numbered （一）（二）… headings stop at 99
        section.items = [_copy(item, n) for n in range(scale) for item in section.items]
    return issue


def _copy(item, n: int):
    """A copy of `item` whose text differs from every other copy's (no duplicate findings)."""
    import copy

    item = copy.deepcopy(item)
    if n and item.text:
        item.text = f"{item.text[:-1]}（第{n}份）{item.text[-1]}"
    return item


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--scales", default="1,100")
    arguments = parser.parse_args()
    os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp()
    base = None
    for scale in map(int, arguments.scales.split(",")):
        typed = _typing(arguments.keys, scale)
        base = base or typed
        print(
            f"  keystroke at {scale}x / at {arguments.scales.split(',')[0]}x: {typed / base:.2f}x (aim: at most 2x)"
        )


def _typing(keys: int, scale: int) -> float:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bulletin_editor.app.startup import application, main_window
    from bulletin_editor.formats.bulletin import load_sample
    from bulletin_editor.ui.preview import issue_html

    app = application()
    window = main_window()
    window.open_issue(_scaled(load_sample(), scale))
    efficiency = window.current_issue().parts[0].sections[1].subsections[1]
    window.outline.select_key(("item", efficiency, efficiency.items[2]))
    field = window.editor.text
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    app.processEvents()

    keystroke, refresh, floor = [], [], []
    for i in range(keys):
        start = time.perf_counter()
        QTest.keyClick(field, Qt.Key_A if i % 2 else Qt.Key_B)
        keystroke.append(time.perf_counter() - start)
        window.preview_timer.stop()  # refresh now instead of after the typing pause
        start = time.perf_counter()
        window.refresh_preview()
        app.processEvents()  # layout and paint of the preview
        refresh.append(time.perf_counter() - start)
        html = issue_html(window.current_issue())
        start = time.perf_counter()
        window.preview.setHtml(html)
        app.processEvents()
        floor.append(time.perf_counter() - start)
    assert efficiency.items[2].text.endswith("ba" * (keys // 2))

    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    print(f"{scale}x the sample ({len(issue_html(window.current_issue())) // 1000} kB of HTML):")
    print(
        f"one keystroke in the editor: median {ms(keystroke):.1f} ms, max {max(keystroke) * 1000:.1f} ms "
        "(aim: under 16 ms)"
    )
    print(
        f"preview refresh per keystroke: median {ms(refresh):.1f} ms, max {max(refresh) * 1000:.1f} ms "
        f"(aim: under 30 ms; runs {window.preview_timer.interval()} ms after typing pauses)"
    )
    print(
        f"setHtml of the same HTML alone: median {ms(floor):.1f} ms; refresh / setHtml = {ms(refresh) / ms(floor):.2f}x"
    )
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    app.processEvents()
    return ms(keystroke)


if __name__ == "__main__":
    main()
