"""Start the desktop editor: `bulletin-editor [FILE]`, `bulletin-editor --sample`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ..errors import BulletinError
from ..paths import resource_path
from ..storage.settings import APP_ID
from . import crash, logging_setup, single_instance


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
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


def main_window(file: Path | None = None, sample: bool = False):
    """The main window, shown, with the file, the sample or a blank issue open."""
    import datetime as dt

    from ..formats.bulletin import load_issue, load_sample
    from ..model.next_issue import blank_issue
    from ..storage import settings
    from ..ui import dialogs
    from ..ui.main_window import MainWindow

    clean_up_after_crashes(file)
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
    window.safekeeping.offer_recovery()  # what a crash left behind, beside what was opened
    return window


def run_editor(file: Path | None, sample: bool) -> int:
    start_logging_and_crash_handler()
    if not sample and single_instance.hand_over(file):
        return 0  # an editor was already running: it opened the file
    app = application()
    app.setWindowIcon(QIcon(str(resource_path("icon.svg"))))
    load_qt_chinese(app)
    window = main_window(file, sample)
    crash.install(rescue=lambda: rescue_open_issue(window))
    if not sample:  # a sample window is a side trip: later double-clicks go elsewhere
        listen_for_other_launches(window)
    return app.exec()


# --- log file, crash rescue, one editor per user (packaging) ----------------------------------


def start_logging_and_crash_handler() -> None:
    logging_setup.setup_logging()
    logging_setup.record_fatal_errors()
    crash.install()


def load_qt_chinese(app: QApplication) -> bool:
    """Qt's own texts (standard buttons, file dialogs, text-field menus) in Simplified Chinese;
    the bundle ships qtbase_zh_CN.qm for this."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        return False
    return app.installTranslator(translator)


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
    if path and Path(path) != window.current_path():
        window.open_file(Path(path))  # asks first when the open issue has unsaved changes
