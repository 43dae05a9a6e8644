"""Unhandled exceptions: log them, rescue the open issue, then tell the user in Chinese.

install(rescue) replaces sys.excepthook. `rescue` saves the open issue to the recovery folder
and returns where (or None when there is nothing to save); it runs before the dialog, so the
work is safe even if the program dies while the dialog is up.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from .logging_setup import log_file

_log = logging.getLogger(__name__)

Rescue = Callable[[], "Path | None"]

_rescue: Rescue | None = None
_dialog_open = False


def install(rescue: Rescue | None = None) -> None:
    """Install the hook; calling it again only replaces the rescue function."""
    global _rescue
    _rescue = rescue
    sys.excepthook = handle_exception


def handle_exception(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    _log.critical("unhandled exception", exc_info=(kind, error, trace))
    if sys.stderr is not None:  # a developer's console; a windowed program has none
        sys.__excepthook__(kind, error, trace)
    saved = _save_recovery()
    details = "".join(traceback.format_exception(kind, error, trace))
    if _show_dialog(saved, details):
        from PySide6.QtWidgets import QApplication

        QApplication.exit(1)  # the recovery copy stays: the next start offers it


_FAILED = object()  # the rescue itself raised


def _save_recovery() -> Path | object | None:
    if _rescue is None:
        return None
    try:
        saved = _rescue()
    except Exception:
        _log.exception("could not save the open issue to the recovery folder")
        return _FAILED
    if saved is not None:
        _log.info("open issue saved to %s", saved)
    return saved


def crash_message(saved: Path | object | None) -> str:
    if saved is _FAILED:
        rescued = "未能把正在编辑的周报保存到恢复文件夹（原因见日志）。请立即用“另存为”保存一份。"
    elif saved is not None:
        rescued = f"正在编辑的周报已保存到恢复文件夹：\n{saved}\n下次启动时会提示恢复。"
    else:
        rescued = "没有未保存的内容需要恢复。"
    return (
        f"周报编辑器遇到了一个意外错误。\n\n{rescued}\n\n"
        f"错误详情已记录在日志文件中：\n{log_file()}\n报告问题时请附上这个文件。\n\n"
        "可以继续使用，但建议先保存周报，然后重新启动程序。"
    )


def _show_dialog(saved: Path | object | None, details: str) -> bool:
    """Show the crash dialog; True when the user chose to quit."""
    global _dialog_open
    from PySide6.QtWidgets import QApplication, QMessageBox

    if (
        _dialog_open
        or not isinstance(QApplication.instance(), QApplication)
        or threading.current_thread() is not threading.main_thread()
    ):
        return False  # only logged: a second error while the dialog is up, no GUI (yet), or
        # a worker thread, where widgets must not be made
    _dialog_open = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "周报编辑器 - 意外错误", crash_message(saved))
        box.setDetailedText(details)
        quit_button = box.addButton("退出程序", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("继续使用", QMessageBox.ButtonRole.AcceptRole))
        box.exec()
        return box.clickedButton() is quit_button
    finally:
        _dialog_open = False
