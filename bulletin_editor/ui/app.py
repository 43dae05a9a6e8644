"""Start the desktop editor: `bulletin-editor [FILE]`, `bulletin-editor --sample`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..errors import BulletinError


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("周报编辑器")
    app.setOrganizationName("BulletinEditor")
    return app


def main_window(file: Path | None = None, sample: bool = False):
    """The main window, shown, with the file, the sample or a blank issue open."""
    import datetime as dt

    from ..issue_file import load_issue, load_sample
    from ..model.next_issue import blank_issue
    from . import dialogs, settings
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    if sample:
        window.open_issue(load_sample())  # no path: Save asks where, the shipped sample stays as it is
    elif file is not None:
        try:
            window.open_issue(load_issue(file), file)
            settings.add_recent_file(file)
        except BulletinError as exc:
            window.open_issue(blank_issue(dt.date.today()))
            dialogs.show_error(window, str(exc))
    else:
        window.open_issue(blank_issue(dt.date.today()))
    return window


def run_editor(file: Path | None, sample: bool) -> int:
    app = application()
    window = main_window(file, sample)  # noqa: F841 - kept alive while the loop runs
    return app.exec()
