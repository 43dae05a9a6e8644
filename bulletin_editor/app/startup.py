"""Start the desktop editor: `bulletin-editor [FILE]`, `bulletin-editor --sample`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ..paths import resource_path
from ..storage.settings import APP_ID
from . import crash, logging_setup, single_instance


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("周报编辑器")
    app.setOrganizationName(APP_ID)
    return app


def clean_up_after_crashes(file: Path | None) -> None:
    """Temporary files an interrupted save left in the folders this start will write to."""
    from ..storage.atomic import remove_leftovers
    from ..storage.recovery import recovery_folder
    from ..storage.versions import versions_dir

    folders = [recovery_folder()] + ([file.parent, versions_dir(file)] if file is not None else [])
    for folder in folders:
        remove_leftovers(str(folder))


def main_window(file: Path | None = None, sample: bool = False, preview_after_paint: bool = False):
    """The main window, shown, with the file, the sample or a blank issue open; its preview
    is filled once the window has painted when `preview_after_paint`."""
    import datetime as dt

    from ..model.next_issue import blank_issue
    from ..ui.main_window import MainWindow

    clean_up_after_crashes(file)
    window = MainWindow()
    window.show()
    if preview_after_paint:
        window.preview_held = True
        after_first_paint(window, window.release_preview)
    if sample:
        window.open_sample()
    elif file is None or not window.open_file(file):  # a .bulletin or a Word issue; says why not
        window.open_issue(blank_issue(dt.date.today()))
    window.safekeeping.offer_recovery()  # what a crash left behind, beside what was opened
    return window


def run_editor(file: Path | None, sample: bool) -> int:
    logging_setup.record_fatal_errors()
    crash.install()
    if single_instance.hand_over(file, sample=sample):
        return 0  # an editor was already running: it opened the file (or the sample)
    app = application()
    app.setWindowIcon(QIcon(str(resource_path("icon.svg"))))
    load_qt_chinese(app)
    window = main_window(file, sample, preview_after_paint=True)
    crash.install(rescue=lambda: rescue_open_issue(window))
    # What the window does not need to show waits until it has: the log file (its handler
    # module and the version lookup) and the server for later launches.
    after_first_paint(window, lambda: (logging_setup.setup_logging(), listen_for_other_launches(window)))
    return app.exec()


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, work: Callable[[], object]):
        super().__init__(window)
        self._work: Callable[[], object] | None = work
        self._fallback = QTimer(self, singleShot=True, interval=_PAINT_WAIT_MS)  # a window never shown
        self._fallback.timeout.connect(self._run)
        self._fallback.start()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after the paint, once the event loop is free
        return False

    def _run(self) -> None:
        if self._work is not None:
            work, self._work = self._work, None
            self._fallback.stop()
            work()
            self.deleteLater()


_PAINT_WAIT_MS = 2000


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run `work` once `window` has painted for the first time (or after two seconds); the
    works of several calls run in no set order."""
    _FirstPaint(window, work)


# --- log file, crash rescue, one editor per user (packaging) ----------------------------------


def start_logging_and_crash_handler() -> None:
    logging_setup.setup_logging()
    logging_setup.record_fatal_errors()
    crash.install()


CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def load_qt_chinese(app: QApplication) -> bool:
    """Qt's own texts (standard buttons, file dialogs, calendar, text-field menus) in Simplified
    Chinese whatever the system's language; the bundle ships qtbase_zh_CN.qm for this."""
    QLocale.setDefault(CHINA)  # month and day names of the calendar, number formats
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(CHINA, "qtbase", "_", folder):
        return False
    # Installed last, so asked first: what Qt's catalogue lacks or writes its own way.
    return app.installTranslator(translator) and app.installTranslator(QtChineseGaps(app))


class QtChineseGaps(QTranslator):
    """Shortcuts read `Ctrl+↑`, not `Ctrl+上方向`, in menus and wherever Qt writes a key; the two
    labels of Qt's own file dialog that qtbase_zh_CN leaves in English; and 撤销, as in the
    编辑 menu, where qtbase_zh_CN writes 撤消 (text-field menus, undo actions)."""

    TEXTS: ClassVar[dict[tuple[str, str], str]] = {
        ("QShortcut", "Up"): "↑",
        ("QShortcut", "Down"): "↓",
        ("QShortcut", "Left"): "←",
        ("QShortcut", "Right"): "→",
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QLineEdit", "&Undo"): "撤销(&U)",
        ("QWidgetTextControl", "&Undo"): "撤销(&U)",
        ("QUndoStack", "Undo %1"): "撤销 %1",
        ("QUndoGroup", "Undo %1"): "撤销 %1",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.TEXTS.get((context, source))  # None: the next translator (qtbase_zh_CN) answers


def rescue_open_issue(window) -> Path | None:
    """After a crash: unsaved work goes to the recovery folder, which the next start offers."""
    return window.safekeeping.rescue()  # into the issue's own autosave slot: one copy, not two


def listen_for_other_launches(window) -> single_instance.InstanceServer:
    """Files double-clicked while the editor runs open here; the server lives with the window."""
    server = single_instance.InstanceServer(parent=window)
    server.file_received.connect(lambda path: receive_launch(window, path))
    server.listen()
    return server


def receive_launch(window, path: str) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if path == single_instance.SAMPLE:
        window.open_sample()  # asks first when the open issue has unsaved changes
    elif path and Path(path) != window.current_path():
        window.open_file(Path(path))  # asks first when the open issue has unsaved changes
