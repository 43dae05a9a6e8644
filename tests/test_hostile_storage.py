"""Damaged files beside an issue and what interrupted saves leave: ignored or removed, never fatal,
and a live writer's temporary file is never taken for a leftover."""

import fcntl
import json
import os

import pytest

from bulletin_editor.formats.bulletin import load_sample, save_issue
from bulletin_editor.formats.json_input import JsonInputError, parse_json
from bulletin_editor.model.limits import MAX_JSON_DEPTH
from bulletin_editor.storage import atomic
from bulletin_editor.storage.atomic import TEMP_SUFFIX, atomic_write, remove_leftovers
from bulletin_editor.storage.versions import FINAL_FILE, final_mark, versions_dir


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000 + "]" * 1000,
        '{"user": "某人", "computer": "PC", "time": "2022-09-27T10:00:00", "reason": ' + "1" * 5000 + "}",
        '{"user": "某人"}',
        "\ufeff{",
    ],
    ids=["deep", "digits", "missing", "broken"],
)
def test_a_damaged_final_mark_still_counts_as_final(tmp_path, text):
    issue = tmp_path / "2022-028.bulletin"
    save_issue(load_sample(), issue)
    versions_dir(issue).mkdir(parents=True)
    (versions_dir(issue) / FINAL_FILE).write_text(text, encoding="utf-8")

    mark = final_mark(issue)

    assert mark is not None and mark.reason == "标记已损坏"


def test_a_final_mark_written_by_hand_without_a_zone_reads_as_local_time(tmp_path):
    issue = tmp_path / "2022-028.bulletin"
    versions_dir(issue).mkdir(parents=True)
    data = {"user": "某人", "computer": "PC", "time": "2022-09-27T10:00:00", "reason": "手动标记"}
    (versions_dir(issue) / FINAL_FILE).write_text(json.dumps(data), encoding="utf-8")

    mark = final_mark(issue)

    assert mark.time.tzinfo is not None and mark.describe().startswith("某人于 2022年09月27日 10:00")


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 100_000])
def test_json_deeper_than_the_limit_is_refused_without_recursion_error(depth):
    with pytest.raises(JsonInputError, match="嵌套过深"):
        parse_json("[" * depth + "]" * depth)
    assert parse_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)


def test_temporary_files_carry_our_suffix_and_fit_beside_the_longest_name(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching(source, target):
        seen.append(os.path.basename(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watching)
    name = "长" * 80 + ".bulletin"  # 249 bytes: the longest name allowed
    atomic_write(tmp_path / name, b"data")

    (temporary,) = seen
    assert temporary.startswith(".") and temporary.endswith(TEMP_SUFFIX)
    assert (tmp_path / name).read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_leftovers_are_removed_but_a_live_writers_file_is_kept(tmp_path):
    left = tmp_path / f".a.bulletin.abc{TEMP_SUFFIX}"
    left.write_bytes(b"half")
    live = tmp_path / f".b.bulletin.def{TEMP_SUFFIX}"
    other = tmp_path / "someone-else.tmp"  # not ours: never touched
    other.write_bytes(b"x")
    with open(live, "wb") as writer:
        fcntl.flock(writer, fcntl.LOCK_EX)  # as atomic_write holds it while writing

        assert remove_leftovers(str(tmp_path)) == 1

        assert not left.exists() and live.exists() and other.exists()
    assert remove_leftovers(str(tmp_path)) == 1  # the writer is gone: now it is a leftover
    assert sorted(p.name for p in tmp_path.iterdir()) == ["someone-else.tmp"]


def test_a_save_removes_what_an_interrupted_save_left_in_its_folder(tmp_path):
    (tmp_path / f".2022-028.bulletin.x1y2{TEMP_SUFFIX}").write_bytes(b"half a file")
    save_issue(load_sample(), tmp_path / "2022-028.bulletin")
    assert [p.name for p in tmp_path.iterdir()] == ["2022-028.bulletin"]


def test_a_leftover_removed_before_its_writer_locked_it_is_replaced_by_a_new_one(tmp_path, monkeypatch):
    """The window between creating a temporary file and locking it: a cleanup elsewhere may
    remove it; the writer notices and starts again, and the save succeeds."""
    real_flock = fcntl.flock
    removed = []

    def cleanup_in_between(fd, operation):
        if not removed:
            (path,) = [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]
            path.unlink()
            removed.append(path)
        real_flock(fd, operation)

    monkeypatch.setattr(atomic.fcntl, "flock", cleanup_in_between)
    atomic_write(tmp_path / "x.bulletin", b"whole")
    assert removed and (tmp_path / "x.bulletin").read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir()] == ["x.bulletin"]
