"""Whether the editor that wrote a lock or an autosave still runs: its process id and start time.

A process id alone is reused once the process is gone; with its start time it names one
process. Only a process on this computer can be looked up.
"""

from __future__ import annotations

import os

# Start times are read back from JSON and may be rounded on the way.
_SAME_START = 1.0  # seconds


def started(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), or None when there is none."""
    import psutil  # here, not at import: the editor starts sooner without it

    try:
        return psutil.Process(pid).create_time()
    except (psutil.Error, OSError, ValueError, OverflowError):
        return None


def this_process() -> tuple[int, float | None]:
    pid = os.getpid()
    return pid, started(pid)


def is_running(pid: int, start_time: float) -> bool:
    """Whether the process that had `pid` and started at `start_time` is still running."""
    now = started(pid)
    return now is not None and abs(now - start_time) < _SAME_START
