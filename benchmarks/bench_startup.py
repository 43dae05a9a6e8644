"""Start-up: from process start to the main window shown with the sample open and the event
loop idle (`bulletin-editor --sample`), against a process that only shows a bare PySide6
QMainWindow; the two alternate in one run. Aim: within 1.5x.

    python benchmarks/bench_startup.py [--runs N]

Each child quits from a zero-time timer, which Qt runs once the queued start-up events are
processed, and prints the wall-clock time then; the parent notes the time before spawning.
Settings and per-user folders go to a temporary home, never the real one.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

QUIT_WHEN_IDLE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_exec = QApplication.exec
def exec_when_idle(*args):
    QTimer.singleShot(0, lambda: (print(time.time(), flush=True), QApplication.quit()))
    return _exec()
QApplication.exec = exec_when_idle
"""
EDITOR = (
    QUIT_WHEN_IDLE
    + """
from bulletin_editor.cli import main
main(["--sample"])
"""
)
BARE = (
    QUIT_WHEN_IDLE
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
app.exec()
"""
)

# What any window pays that uses Qt's namespace (PySide builds its 93 enums on first use) and
# shows Chinese text (Qt loads the font database): the toolkit's part of the gap, for reading
# the ratio; the aim is against the bare window.
FLOOR = (
    QUIT_WHEN_IDLE
    + """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("窗口工作周报", alignment=Qt.AlignmentFlag.AlignCenter))
window.show()
app.exec()
"""
)


def time_to_idle(code: str, env: dict) -> float:
    start = time.time()
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
    return float(done.stdout.split()[-1]) - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            HOME=home,
            XDG_CONFIG_HOME=home,
            XDG_DATA_HOME=home,
            XDG_CACHE_HOME=home,
            XDG_STATE_HOME=home,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        )
        # An installed program runs from compiled bytecode (pip compiles on install); a machine
        # that forbids writing it would time the compiler instead.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        time_to_idle(EDITOR, env), time_to_idle(BARE, env), time_to_idle(FLOOR, env)  # warm the file cache
        editor, bare, floor = [], [], []
        for _ in range(runs):
            editor.append(time_to_idle(EDITOR, env))
            bare.append(time_to_idle(BARE, env))
            floor.append(time_to_idle(FLOOR, env))
    ours, base, least = (statistics.median(times) for times in (editor, bare, floor))
    print(f"editor with the sample, to idle: median {ours * 1000:.0f} ms over {runs} runs")
    print(f"bare QMainWindow, to idle:       median {base * 1000:.0f} ms")
    print(
        f"QMainWindow with Qt's namespace and a Chinese label: median {least * 1000:.0f} ms ({least / base:.2f}x bare)"
    )
    print(f"ratio: {ours / base:.2f}x (aim: within 1.5x)")


if __name__ == "__main__":
    main()
