"""Start-up: what the window does not need to appear waits until it has painted."""

from __future__ import annotations

import os
import subprocess
import sys

from bulletin_editor import cli
from bulletin_editor.app import startup


def test_the_preview_is_filled_once_the_window_has_painted(qtbot, user_dirs):
    window = startup.main_window(sample=True, preview_after_paint=True)
    qtbot.addWidget(window)
    assert window.preview.toPlainText() == ""  # the window shows first
    qtbot.waitUntil(lambda: "窗口工作周报" in window.preview.toPlainText(), timeout=5000)
    window.document.undo_stack.setClean()


def test_work_after_the_first_paint_runs_once(qtbot, user_dirs):
    window = startup.main_window()
    qtbot.addWidget(window)
    ran = []
    startup.after_first_paint(window, lambda: ran.append(1))
    window.update()
    qtbot.waitUntil(lambda: ran == [1], timeout=5000)
    window.repaint()
    qtbot.wait(50)
    assert ran == [1]


def test_the_usual_starts_skip_the_command_parsers(monkeypatch):
    started = []
    monkeypatch.setattr(startup, "run_editor", lambda file, sample: started.append((file, sample)) or 0)
    monkeypatch.setattr(cli, "_subcommands", lambda: (_ for _ in ()).throw(AssertionError("parsers built")))
    for argv in ([], ["--sample"], ["周报.bulletin"], ["往期.DOCX"]):
        assert cli.main(argv) == 0
    assert [(None if f is None else f.name, s) for f, s in started] == [
        (None, False),
        (None, True),
        ("周报.bulletin", False),
        ("往期.DOCX", False),
    ]


def test_the_window_shows_before_the_checks_the_pages_the_archive_and_the_log_are_imported(user_dirs):
    """In a fresh process, as a start: the window with the sample, not yet painted."""
    code = (
        "import sys\n"
        "from bulletin_editor.app import startup\n"
        "app = startup.application()\n"
        "window = startup.main_window(sample=True, preview_after_paint=True)\n"
        "late = ['bulletin_editor.model.checks', 'bulletin_editor.model.proofread',\n"
        "        'bulletin_editor.ui.paged_preview', 'bulletin_editor.model.pagination',\n"
        "        'bulletin_editor.storage.archive', 'sqlite3', 'logging.handlers']\n"
        "print([name for name in late if name in sys.modules])\n"
        "window.document.undo_stack.setClean()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(user_dirs))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "[]"
