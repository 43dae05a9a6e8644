"""Guards against Qt binding releases that would crash a running editor.

PySide6 6.12.0 drops a reference to ``True`` on every ``emit()`` and to ``None`` on every Python
slot call. On Python 3.11 these objects are not immortal (they are from 3.12), so after about a
thousand signals their count reaches zero, CPython frees them and the process dies. pyproject.toml
excludes that release; this test makes any release with the same bug fail CI. It runs in a child
process so the crash it looks for cannot take the test run with it."""

import os
import subprocess
import sys

SIGNALS = 5000

CHILD = f"""
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot


class Sender(QObject):
    changed = Signal(int)


class Receiver(QObject):
    def __init__(self):
        super().__init__()
        self.calls = 0
        self.decorated_calls = 0

    def take(self, value):
        self.calls += 1

    @Slot(int)
    def take_decorated(self, value):
        self.decorated_calls += 1


app = QCoreApplication([])
sender, receiver = Sender(), Receiver()
sender.changed.connect(receiver.take)
sender.changed.connect(receiver.take_decorated)
lambda_calls = []
sender.changed.connect(lambda value: lambda_calls.append(value))

true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
for value in range({SIGNALS}):
    sender.changed.emit(value)
true_lost = true_before - sys.getrefcount(True)
none_lost = none_before - sys.getrefcount(None)
print(receiver.calls, receiver.decorated_calls, len(lambda_calls), true_lost, none_lost)
"""


def test_thousands_of_signals_and_slot_calls_leave_true_and_none_alive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env=env
    )
    assert child.returncode == 0, f"the process died (exit {child.returncode}): {child.stderr[-2000:]}"
    *calls, true_lost, none_lost = map(int, child.stdout.split())
    assert calls == [SIGNALS] * 3  # the method, the @Slot method and the lambda
    # A leak-free binding leaves the counts where they were; one dropped reference per signal
    # would show as thousands here (or as the crash above). On 3.12+ both counts are constant.
    assert true_lost < SIGNALS // 10, f"emit() dropped {true_lost} references to True"
    assert none_lost < SIGNALS // 10, f"slot calls dropped {none_lost} references to None"
