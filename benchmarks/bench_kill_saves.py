"""2,000 kill -9 during saves: never a half file, and no temporary file after the next start.

A forked child saves an issue over and over the way the editor does (save_with_version: the
previous content into .versions/, then the issue through the atomic writer); the parent kills
it with SIGKILL at a random moment, checks the issue and every kept version read back whole,
and starts the next child. At the end a fresh process does what the editor does at start
(app.startup.clean_up_after_crashes) and no temporary file of ours may remain.

    python benchmarks/bench_kill_saves.py [--count 2000]

tests/test_kill_saves.py runs the same at a reduced count. POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bulletin_editor.formats.bulletin import load_issue, load_sample, save_issue
from bulletin_editor.model import Item
from bulletin_editor.storage.atomic import TEMP_SUFFIX
from bulletin_editor.storage.versions import list_versions, save_with_version


def _issues():
    """Two issues of different sizes, so a half-written file could not pass for either."""
    short = load_sample()
    long = copy.deepcopy(short)
    long.parts[0].sections[1].subsections[0].items.extend(Item(f"第{n}条补充动态。" * 20) for n in range(200))
    return short, long


def _save_forever(target: Path, issues) -> None:
    n = 0
    while True:
        save_with_version(issues[n % 2], target)
        n += 1


def kill_during_saves(folder: Path, count: int, seed: int = 0) -> dict:
    """Kill `count` savers at random moments; the figures of what was found."""
    rng = random.Random(seed)
    issues = _issues()
    target = folder / "2022-028.bulletin"
    save_issue(issues[0], target)
    interrupted = 0  # kills that left a temporary file: they hit a save half-way
    for _ in range(count):
        pid = os.fork()
        if pid == 0:  # the child saves until it is killed
            try:
                _save_forever(target, issues)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        issue = load_issue(target)  # raises on a half file
        assert issue in issues, "the issue file holds something never saved"
        for version in list_versions(target):
            assert version.load() in issues, f"half version {version.path}"
        interrupted += bool(_temporaries(folder))
    before_start = len(_temporaries(folder))
    _next_start(target)
    return {
        "kills": count,
        "kills that left a temporary file": interrupted,
        "temporaries before the next start": before_start,
        "temporaries after the next start": len(_temporaries(folder)),
    }


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX) or p.name.endswith(".tmp")]


def _next_start(target: Path) -> None:
    """What the editor does at start, opening `target`, in a process of its own."""
    code = (
        "import sys; from pathlib import Path; "
        "from bulletin_editor.app.startup import clean_up_after_crashes; "
        "clean_up_after_crashes(Path(sys.argv[1]))"
    )
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    subprocess.run([sys.executable, "-c", code, str(target)], check=True, env=env, timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        figures = kill_during_saves(Path(folder), args.count)
        elapsed = time.perf_counter() - started
    for name, value in figures.items():
        print(f"{name}: {value}")
    print(f"time: {elapsed:.0f} s")
    if figures["temporaries after the next start"]:
        sys.exit("temporary files remain after the next start")


if __name__ == "__main__":
    main()
