"""A second launch hands its file to the running editor over a local socket and exits."""

import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from launches import finish_while_serving

from bulletin_editor.app import single_instance
from bulletin_editor.app.single_instance import InstanceServer, hand_over

SECOND_LAUNCH = """
import sys
from pathlib import Path
from bulletin_editor.app.single_instance import hand_over
file = Path(sys.argv[1]) if sys.argv[1] else None
print(hand_over(file))
"""


@pytest.fixture
def name(monkeypatch):
    unique = f"bulletin-editor-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(single_instance.NAME_ENV, unique)
    return unique


def _second_launch(argument: str, cwd: Path, qtbot) -> str:
    """Another process, as Explorer would start it (it finds the server through the env name);
    this one's event loop runs meanwhile so the server can answer. What it printed."""
    launch = subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, argument],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = finish_while_serving(launch, qtbot)
    assert launch.returncode == 0, err
    return out.strip()


@pytest.fixture
def server(qtbot, name):
    """A listening server; `server.got` collects what it received."""
    server = InstanceServer()
    assert server.listen()
    server.got = []
    server.file_received.connect(server.got.append)
    yield server
    server.close()


def test_a_second_launch_hands_its_file_over_and_is_told_to_exit(qtbot, server, tmp_path):
    (tmp_path / "2022-028.bulletin").write_text("{}")
    assert _second_launch("2022-028.bulletin", tmp_path, qtbot) == "True"  # relative to its cwd
    qtbot.waitUntil(lambda: len(server.got) == 1, timeout=10000)
    assert server.got == [str(tmp_path / "2022-028.bulletin")]


def test_a_launch_without_a_file_asks_the_running_editor_to_come_forward(qtbot, server, tmp_path):
    assert _second_launch("", tmp_path, qtbot) == "True"
    qtbot.waitUntil(lambda: len(server.got) == 1, timeout=10000)
    assert server.got == [""]


def test_without_a_running_editor_the_launch_goes_on_by_itself(qapp, name, tmp_path):
    assert hand_over(tmp_path / "x.bulletin") is False


def test_a_launch_with_no_editor_listening_does_not_load_qtnetwork(name, tmp_path):
    code = SECOND_LAUNCH + "print('PySide6.QtNetwork' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code, ""], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_the_listening_marker_lives_as_long_as_the_server(qapp, name):
    server = InstanceServer()
    assert server.listen()
    marker = single_instance.listening_marker(name)
    assert marker.exists()
    server.close()
    assert not marker.exists()
    later = InstanceServer()
    assert later.listen()
    del server  # the closed one going leaves the later one's marker alone
    qapp.processEvents()
    assert marker.exists()
    later.close()
    server = InstanceServer()
    assert server.listen()
    del server  # the window owning it closed
    qapp.processEvents()
    assert not marker.exists()


def test_a_marker_left_by_a_crashed_editor_costs_one_failed_connection(qapp, name, tmp_path):
    marker = single_instance.listening_marker(name)
    marker.touch()
    try:
        assert hand_over(tmp_path / "x.bulletin") is False
    finally:
        marker.unlink()


def test_two_launches_in_a_row_are_both_received(qtbot, server, tmp_path):
    for stem in ("a", "b"):
        assert _second_launch(f"{stem}.bulletin", tmp_path, qtbot) == "True"
    qtbot.waitUntil(lambda: len(server.got) == 2, timeout=10000)
    assert server.got == [str(tmp_path / "a.bulletin"), str(tmp_path / "b.bulletin")]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows named pipes leave no socket file")
def test_a_socket_left_by_a_crashed_editor_does_not_block_the_next_one(qapp, name):
    from PySide6.QtCore import QDir

    stale = Path(QDir.tempPath()) / name
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(stale))  # bound, never listening, never removed: what a crash leaves
    leftover.close()
    assert stale.exists()
    server = InstanceServer()
    assert server.listen()
    server.close()


def test_the_default_name_is_per_user_and_stable(monkeypatch):
    monkeypatch.delenv(single_instance.NAME_ENV, raising=False)
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "zhang")
    first = single_instance.server_name()
    assert first == single_instance.server_name() and first.startswith("BulletinEditor-")
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "li")
    assert single_instance.server_name() != first


def test_a_live_editor_keeps_its_name_when_another_tries_to_listen(qtbot, server, tmp_path):
    assert not InstanceServer().listen()  # the name is taken by a live editor: not stolen
    assert _second_launch("c.bulletin", tmp_path, qtbot) == "True"
    qtbot.waitUntil(lambda: server.got == [str(tmp_path / "c.bulletin")], timeout=10000)
