"""Long work off the GUI thread, with a progress dialog and 取消.

`run_with_progress`: one piece of work that reports the fraction done; it returns the result
(or raises the work's exception) on the GUI thread, which keeps painting meanwhile, and the
work's report callback raises Cancelled once the user has pressed 取消.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..errors import Cancelled

T = TypeVar("T")
Report = Callable[[float], None]
_STEPS = 1000


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
