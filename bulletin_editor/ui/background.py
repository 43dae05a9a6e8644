"""Long work off the GUI thread, with a progress dialog and 取消.

`BackgroundTask`: one step per item; the dialog follows the items and a cancel stops it
before the next one. The result comes back on the GUI thread through `finished`.

`run_with_progress`: one piece of work that reports the fraction done; it returns the result
(or raises the work's exception) on the GUI thread, which keeps painting meanwhile, and the
work's report callback raises Cancelled once the user has pressed 取消.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import BulletinError, Cancelled

T = TypeVar("T")
Report = Callable[[float], None]
_STEPS = 1000


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


class _ReportingWorker(QThread):
    progressed = Signal(int)

    def __init__(self, work: Callable[[Report], Any]):
        super().__init__()
        self._work = work
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self._report)
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.error = exc

    def _report(self, fraction: float) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(round(min(max(fraction, 0.0), 1.0) * _STEPS))


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[Report], T]) -> T:
    """Run `work(report)` in a thread; Cancelled if the user cancelled it."""
    worker = _ReportingWorker(work)
    progress = QProgressDialog(text, "取消", 0, _STEPS, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)  # quick work shows no dialog at all
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    worker.progressed.connect(progress.setValue)
    progress.canceled.connect(lambda: setattr(worker, "cancelled", True))
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    progress.close()
    progress.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
