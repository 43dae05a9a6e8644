"""Hostile input in the editor: fields hold the model's ranges, out-of-range files are refused
with a message, bad names are refused before saving, damaged recovery and lock files never stop
the start."""

import copy
import datetime as dt
import json

import pytest

from bulletin_editor.app.startup import main_window
from bulletin_editor.formats.bulletin import issue_to_json, load_sample, save_issue
from bulletin_editor.model import Item
from bulletin_editor.model.limits import COPIES, FIGURE, NUMBER, TOTAL_NUMBER, YEAR
from bulletin_editor.storage.locks import lock_path, read_lock
from bulletin_editor.storage.recovery import list_recoverable, recovery_folder
from bulletin_editor.ui import dialogs


def _errors(monkeypatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message: errors.append(message))
    return errors


def _statistics_editor(window):
    part = window.current_issue().parts[0]
    (section,) = [s for s in part.sections if s.statistics is not None]
    assert window.outline.select_key(("section", section))
    return window.editor


def test_the_spin_boxes_hold_the_model_ranges(editor_window):
    window = editor_window
    window.open_issue(load_sample())
    editor = window.editor
    for field, limit in ((editor.year, YEAR), (editor.number, NUMBER), (editor.total, TOTAL_NUMBER)):
        assert (field.minimum(), field.maximum()) == (limit.low, limit.high)
    for date in (editor.issue_date, editor.period_start, editor.period_end):
        assert (date.edit.low.year, date.edit.high.year) == (YEAR.low, YEAR.high)
    figures = _statistics_editor(window).figures
    assert {(f.minimum(), f.maximum()) for f in figures.values()} == {(FIGURE.low, FIGURE.high)}
    assert window.outline.select_key(("distribution",))
    assert (window.editor.copies.minimum(), window.editor.copies.maximum()) == (COPIES.low, COPIES.high)


def test_a_figure_above_two_to_the_31_shows_and_edits(editor_window):
    window = editor_window
    issue = load_sample()
    issue.parts[0].sections[0].statistics.figures.licensing.accepted = FIGURE.high
    window.open_issue(issue)
    field = _statistics_editor(window).figures["licensing.accepted"]
    assert field.value() == FIGURE.high and field.text() == "1,000,000,000,000"

    field.setValue(2**31 + 5)

    assert window.current_issue().parts[0].sections[0].statistics.figures.licensing.accepted == 2**31 + 5
    field.setValue(FIGURE.high * 10)  # beyond the range: held at the top, as Qt does
    assert window.current_issue().parts[0].sections[0].statistics.figures.licensing.accepted == FIGURE.high


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("year", 2**31, "年份"), ("number", 2**31, "期号"), ("year", 0, "年份"), ("number", 10**30, "期号")],
)
def test_opening_an_issue_out_of_range_shows_a_message(
    editor_window, tmp_path, monkeypatch, field, value, words
):
    errors = _errors(monkeypatch)
    document = json.loads(issue_to_json(load_sample()))
    document["issue"]["masthead"][field] = value
    path = tmp_path / "hostile.bulletin"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = editor_window.current_issue()

    assert not editor_window.open_file(path)

    (message,) = errors
    assert words in message and "hostile.bulletin" in message
    assert editor_window.current_issue() is before


def test_a_section_of_a_hundred_and_twenty_items_opens_and_previews(editor_window, monkeypatch):
    window = editor_window
    issue = load_sample()
    inspection = issue.parts[0].sections[2]
    inspection.items = [Item(f"符合要求{n}。", heading=f"第{n}处") for n in range(120)]
    window.open_issue(issue)
    window.refresh_preview()
    labels = [item.text(0) for item in window.outline.entries()]
    assert any(label.startswith("（一百二十）") for label in labels)
    assert "（一百二十）第119处" in window.preview.toPlainText()


@pytest.mark.parametrize("name", ["长" * 90 + ".bulletin", "CON.bulletin", "周报?.bulletin", "周报."])
def test_save_as_a_name_windows_refuses_says_so_and_writes_nothing(
    editor_window, tmp_path, monkeypatch, name
):
    errors = _errors(monkeypatch)
    editor_window.open_issue(load_sample())
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggestion: folder / name)

    editor_window.actions_by_name["save_as"].trigger()

    (message,) = errors
    assert "文件名" in message or "设备名" in message
    assert "未知用户" not in message and "1970" not in message
    assert list(folder.iterdir()) == []


def test_damaged_recovery_and_lock_files_never_stop_the_start(qtbot, user_dirs, tmp_path, monkeypatch):
    folder = recovery_folder()
    folder.mkdir(parents=True)
    good = json.loads(issue_to_json(load_sample()))
    now = dt.datetime.now().astimezone()
    bad = {
        "naive.json": {"original": None, "autosaved": "2022-09-27T10:00:00", "document": good},
        "future.json": {"original": None, "autosaved": "2999-01-01T00:00:00+08:00", "document": good},
        "original.json": {"original": 5, "autosaved": now.isoformat(), "document": good},
        "label.json": {"original": None, "autosaved": now.isoformat(), "label": [1], "document": good},
        "deep.json": "[" * 5000 + "]" * 5000,
    }
    for name, content in bad.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (folder / name).write_text(text, encoding="utf-8")
    issue_file = tmp_path / "2022-028.bulletin"
    save_issue(load_sample(), issue_file)
    for time in ("2022-09-27T10:00:00", "2999-01-01T00:00:00+08:00"):
        lock_path(issue_file).write_text(
            json.dumps({"user": "某人", "computer": "PC", "time": time, "token": "x"})
        )
        holder = read_lock(issue_file)
        assert holder.stale and holder.user == "未知用户"  # damaged: may be taken over
    lock_path(issue_file).write_text("[" * 5000)
    assert read_lock(issue_file).stale
    lock_path(issue_file).unlink()

    assert list_recoverable() == []
    for method in ("show_error", "show_info"):
        monkeypatch.setattr(dialogs, method, lambda *a, _m=method: pytest.fail(f"{_m}{a[1:]}"))
    window = main_window(issue_file)
    try:
        assert window.current_path() == issue_file
        assert sorted(p.name for p in folder.iterdir()) == sorted(bad)  # kept, not deleted
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()


def test_items_beyond_the_limit_cannot_be_opened(editor_window, tmp_path, monkeypatch):
    errors = _errors(monkeypatch)
    issue = copy.deepcopy(load_sample())
    document = json.loads(issue_to_json(issue))
    document["issue"]["parts"][0]["sections"][1]["subsections"][0]["items"] = [{"text": "动态。"}] * 1000
    path = tmp_path / "many.bulletin"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    assert not editor_window.open_file(path)
    assert "最多 999 个" in errors[0]
