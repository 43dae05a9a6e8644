"""kill -9 during saves, at a reduced count (benchmarks/bench_kill_saves.py runs 2,000): never a
half file, and no temporary file left after the next start."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_kill_saves import kill_during_saves


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
def test_savers_killed_at_random_leave_whole_files_and_no_temporaries_after_start(tmp_path):
    figures = kill_during_saves(tmp_path, count=60, seed=11)

    assert figures["kills that left a temporary file"] > 0  # the kills did interrupt saves
    assert figures["temporaries after the next start"] == 0
