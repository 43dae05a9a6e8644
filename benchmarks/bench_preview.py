"""Typing with the live preview: the time one keystroke costs in the editor (model, outline,
editor widgets, undo step) and the time the preview refresh then takes (printed paragraphs,
HTML, layout, checks), with the sample open in the real window. Aim: each under 30 ms.

    python benchmarks/bench_preview.py [--keys N]

Also prints the refresh against merely re-setting the same HTML in the QTextBrowser (the
floor any HTML preview pays), measured alternately.
"""

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=60)
    keys = parser.parse_args().keys

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tempfile.mkdtemp())
    from bulletin_editor.app.startup import application, main_window
    from bulletin_editor.ui.preview import issue_html

    app = application()
    window = main_window(sample=True)
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
    print(f"one keystroke in the editor: median {ms(keystroke):.1f} ms, max {max(keystroke) * 1000:.1f} ms")
    print(
        f"preview refresh per keystroke: median {ms(refresh):.1f} ms, max {max(refresh) * 1000:.1f} ms "
        f"(aim: under 30 ms; runs {window.preview_timer.interval()} ms after typing pauses)"
    )
    print(
        f"setHtml of the same HTML alone: median {ms(floor):.1f} ms; refresh / setHtml = {ms(refresh) / ms(floor):.2f}x"
    )
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
