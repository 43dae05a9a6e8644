"""Start-up: from process start to the main window shown with the sample open and the event
loop idle (`bulletin-editor --sample`), against a process that only shows a bare PySide6
QMainWindow; the two alternate in one run. Aim: within 1.5x.

    python benchmarks/bench_startup.py [--runs N]

Each child quits from a zero-time timer, which Qt runs once the queued start-up events are
processed, and prints the wall-clock time then; the parent notes the time before spawning.
Settings and per-user folders go to a temporary home, never the real one.

Two more lines read the ratio: a window that pays what any window using Qt's namespace and
showing Chinese pays, and one that names the same Qt classes as the editor's start-up (listed
by running the editor once) and runs none of its code, the toolkit's share of the gap.
Measure the program as `pip install .` installs it, from outside the source tree: an editable
install adds its own import hook to every import of the package.
"""

import argparse
import json
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
def at_idle():
    print(time.time(), flush=True)
_exec = QApplication.exec
def exec_when_idle(*args):
    QTimer.singleShot(0, lambda: (at_idle(), QApplication.quit()))
    return _exec()
QApplication.exec = exec_when_idle
"""
START_EDITOR = """
from bulletin_editor.cli import main
main(["--sample"])
"""
EDITOR = QUIT_WHEN_IDLE + START_EDITOR
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

# The editor once more, printing at idle the Qt classes its start-up named instead of the time:
# PySide builds a class (and every enum in it) the first time it is named, and lists it in its
# module then.
CLASSES_NAMED = (
    QUIT_WHEN_IDLE
    + """
import json
def at_idle():
    named = {name: [key for key, value in vars(module).items() if isinstance(value, type)]
             for name, module in sys.modules.items() if name.startswith("PySide6.Qt")}
    print(json.dumps(named), flush=True)
"""
    + START_EDITOR
)

# The toolkit's share for this window: a QMainWindow with a Chinese label that names the same
# Qt classes (the namespace among them) and runs none of the editor's code.
TOOLKIT = (
    """
import importlib, json
named = json.loads(%r)
for module, names in named.items():
    module = importlib.import_module(module)
    for name in names:
        getattr(module, name)
"""
    + FLOOR
)


def classes_named(env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CLASSES_NAMED], check=True, capture_output=True, text=True, env=env
    )
    return done.stdout.splitlines()[-1]


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
        named = classes_named(env)
        toolkit_code = TOOLKIT % named
        codes = (EDITOR, BARE, FLOOR, toolkit_code)
        for code in codes:
            time_to_idle(code, env)  # warm the file cache
        times: list[list[float]] = [[] for _ in codes]
        for _ in range(runs):
            for code, measured in zip(codes, times):
                measured.append(time_to_idle(code, env))
    ours, base, least, toolkit = (statistics.median(measured) for measured in times)
    count = sum(len(names) for names in json.loads(named).values())
    print(f"editor with the sample, to idle: median {ours * 1000:.0f} ms over {runs} runs")
    print(f"bare QMainWindow, to idle:       median {base * 1000:.0f} ms")
    print(
        f"QMainWindow with Qt's namespace and a Chinese label: median {least * 1000:.0f} ms ({least / base:.2f}x bare)"
    )
    print(
        f"the same, naming the {count} Qt classes the editor's start-up names: "
        f"median {toolkit * 1000:.0f} ms ({toolkit / base:.2f}x bare)"
    )
    print(f"ratio: {ours / base:.2f}x (aim: within 1.5x)")


if __name__ == "__main__":
    main()
