"""The program's log: a rotating UTF-8 file in the per-user log folder.

Windows: %LOCALAPPDATA%\\BulletinEditor\\Logs\\bulletin-editor.log. The crash dialog tells the
user where it is, so it can be sent along with a report. A crash inside Qt itself (no Python
exception, the process just dies) leaves its Python traceback in fatal.log beside it.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
from pathlib import Path

from ..storage import settings

LOG_NAME = "bulletin-editor.log"
FATAL_NAME = "fatal.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    return settings.log_dir()


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach the rotating file handler to the root logger, once; return the log file.

    A log folder that cannot be created must not stop the program: it then logs to stderr
    (if there is one) and returns None.
    """
    import logging.handlers  # after the window shows: it brings in socket, pickle, queue

    root = logging.getLogger()
    root.setLevel(level)
    path = log_file()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            if Path(handler.baseFilename) == path:
                return path
            root.removeHandler(handler)  # the log folder moved (tests point it elsewhere)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        if sys.stderr is not None:  # a windowed program on Windows has none
            logging.basicConfig(level=level, format=_FORMAT)
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    from .. import __version__  # here, not at import: finding it loads importlib.metadata

    logging.getLogger(__name__).info("bulletin-editor %s started", __version__)
    return path


_fatal_stream = None  # kept open for the process's lifetime: faulthandler writes to it as it dies


def record_fatal_errors() -> Path | None:
    """Send faulthandler's traceback of a hard crash to fatal.log (the program's, not tests')."""
    global _fatal_stream
    path = log_dir() / FATAL_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(path, "a", encoding="utf-8")
    except OSError:
        return None
    if _fatal_stream is not None:
        _fatal_stream.close()
    _fatal_stream = stream
    faulthandler.enable(file=stream)
    return path
