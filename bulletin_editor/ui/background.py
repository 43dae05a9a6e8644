"""Long work off the GUI thread: one step per item, with a progress dialog and 取消.

The work runs in a QThread; the dialog follows its progress and a cancel stops it before
the next item. The result comes back on the GUI thread through `finished`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import BulletinError


class _Worker(QThread):
    advanced = Signal(int, str)

    def __init__(self, step: Callable[[Any], Any], items: Sequence[Any], names: Sequence[str]):
        super().__init__()
        self.step, self.items, self.names = step, items, names
        self.results: list[Any] = []
        self.error: BulletinError | None = None
        self.cancelled = False

    def run(self) -> None:
        for done, item in enumerate(self.items):
            if self.cancelled:
                return
            self.advanced.emit(done, self.names[done])
            try:
                self.results.append(self.step(item))
            except BulletinError as exc:
                self.error = exc
                return


class BackgroundTask(QObject):
    """`step(item)` for each item in a worker thread; `finished(results)` or `failed(message)`."""

    finished = Signal(list)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        label: str,
        step: Callable[[Any], Any],
        items: Sequence[Any],
        names: Sequence[str],
    ):
        super().__init__(parent)
        self.progress = QProgressDialog(label, "取消", 0, len(items), parent)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)  # quick work shows no dialog at all
        self.worker = _Worker(step, items, names)
        self.worker.advanced.connect(self._advanced)
        self.worker.finished.connect(self._done)
        self.progress.canceled.connect(self._cancel)
        self.label = label

    def start(self) -> None:
        self.worker.start()

    def _advanced(self, done: int, name: str) -> None:
        self.progress.setValue(done)
        self.progress.setLabelText(f"{self.label}{name}（{done + 1}/{self.progress.maximum()}）")

    def _cancel(self) -> None:
        self.worker.cancelled = True

    def _done(self) -> None:
        self.progress.reset()
        worker = self.worker
        if worker.error is not None:
            self.failed.emit(str(worker.error))
        elif not worker.cancelled:
            self.finished.emit(worker.results)
        worker.deleteLater()
        self.deleteLater()
