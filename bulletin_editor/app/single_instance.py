"""One editor per user: a second launch hands its file to the running editor and exits.

Double-clicking a .bulletin in Explorer starts a new process. Before it builds a window it
calls hand_over(file): if an editor is already listening, the absolute path (or `--sample`
for the built-in sample, or an empty line, meaning "come to the front") goes over a
QLocalSocket, the running editor answers "ok", and the new process exits. Otherwise the
process becomes the listening one (InstanceServer).

A listening editor also leaves a marker file beside Qt's own socket files, so that a launch
with no editor running (nearly every launch) goes on without loading QtNetwork or trying to
connect; a marker a crash left behind costs one failed connection, then the next server
writes it anew.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDir, QObject, QTimer, Signal

from ..storage.settings import APP_ID

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

_log = logging.getLogger(__name__)

NAME_ENV = "BULLETIN_EDITOR_INSTANCE"  # overrides the server name (tests, parallel sessions)
ACK = b"ok\n"
CONNECT_MS = 1000  # a live editor accepts at once; no answer means there is none
ANSWER_MS = 10000  # a busy editor (exporting, say) answers once its event loop runs again
SAMPLE = "--sample"  # the message for `bulletin-editor --sample`; a path is always absolute


def server_name() -> str:
    """Per user: on a terminal server several users each run their own editor."""
    if override := os.environ.get(NAME_ENV):
        return override
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment or the password database
        user = "unknown"
    # A checksum, not a digest: the name need only differ between the users of one computer,
    # and hashlib (OpenSSL) would be loaded before the window shows for this alone.
    return f"{APP_ID}-{zlib.crc32(user.encode('utf-8')):08x}"


def listening_marker(name: str) -> Path:
    return Path(QDir.tempPath()) / f"{name}.listening"


def hand_over(file: Path | None, name: str | None = None, sample: bool = False) -> bool:
    """Give `file` (or the sample) to a running editor; True when it took it, so this process
    should exit."""
    name = name or server_name()
    if not listening_marker(name).exists():
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    if sys.platform == "win32":  # let the running editor bring its window to the front
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    message = SAMPLE if sample else str(Path(file).resolve()) if file else ""
    socket.write(message.encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(ANSWER_MS):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    taken = answer == ACK
    if not taken:
        _log.warning("the running editor did not acknowledge %r; starting another one", message)
    return taken


def _answers(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(CONNECT_MS)
    socket.abort()
    return alive


class InstanceServer(QObject):
    """Listens for later launches; `file_received` carries the absolute path of their file,
    SAMPLE for `--sample`, or "" for a launch without one (then the window should only come
    to the front)."""

    file_received = Signal(str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._name = name or server_name()
        self._unmark: Callable[[], None] | None = None  # removes the marker, once listening
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Take the name unless a live editor has it (with socket options set, Qt's listen()
        would silently replace that editor's socket on Unix)."""
        if _answers(self._name):
            _log.warning("another editor already listens as %s", self._name)
            return False
        self._server.removeServer(self._name)  # a socket file left by a crashed editor (Unix)
        if self._server.listen(self._name):
            _log.info("listening for other launches as %s", self._name)
            self._mark_listening()
            return True
        _log.warning("single-instance server %s: %s", self._name, self._server.errorString())
        return False

    def _mark_listening(self) -> None:
        marker = listening_marker(self._name)
        try:
            marker.touch()
        except OSError as exc:  # later launches then start editors of their own
            _log.warning("single-instance marker %s: %s", marker, exc)
            return
        # Gone with the server, whether the application quits or the window owning it closes.
        self._unmark = lambda: marker.unlink(missing_ok=True)  # holds the path, not the server
        self._server.destroyed.connect(self._unmark)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def close(self) -> None:
        self._server.close()
        if self._unmark is not None:  # once: a later server of this name may write it anew
            self._server.destroyed.disconnect(self._unmark)
            self._unmark()
            self._unmark = None

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            message = self._receive(socket)
            if message is None:
                continue
            _log.info("another launch handed over %r", message)
            # Emitted from the event loop: opening the file may ask questions in a modal dialog.
            QTimer.singleShot(0, lambda message=message: self.file_received.emit(message))

    @staticmethod
    def _receive(socket: QLocalSocket) -> str | None:
        """Read the one-line message and acknowledge it. The launching process writes it right
        after connecting, so blocking for it here is short."""
        data = b""
        while not data.endswith(b"\n") and socket.waitForReadyRead(CONNECT_MS):
            data += bytes(socket.readAll().data())
        if data.endswith(b"\n"):
            socket.write(ACK)
            socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        socket.deleteLater()
        return data.decode("utf-8", errors="replace").strip() if data.endswith(b"\n") else None
