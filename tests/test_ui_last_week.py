"""The checks panel compares with last week's issue in the archive however this one was opened."""

import copy

from bulletin_editor.formats.bulletin import save_issue
from bulletin_editor.model.next_issue import next_issue
from bulletin_editor.storage.archive import archive_folder
from bulletin_editor.storage.recovery import RecoverySlot


def _issue_29(sample_issue):
    new = next_issue(sample_issue)
    stats = new.parts[0].sections[0].statistics
    stats.figures, stats.previous = copy.deepcopy(stats.previous), None
    stats.figures.licensing.completed -= 5
    return new


def _decreased(window):
    return [f for f in window.refresh_checks() if f.code == "figures-decreased"]


def test_opened_from_a_file_from_the_archive_and_after_recovery(
    editor_window, sample_issue, tmp_path, monkeypatch
):
    from bulletin_editor.ui import archive_window

    window = editor_window
    folder = archive_folder()
    folder.mkdir(parents=True)
    save_issue(sample_issue, folder / "2022-028.bulletin")
    path = tmp_path / "29.bulletin"
    save_issue(_issue_29(sample_issue), path)
    assert window.open_file(path)
    (finding,) = _decreased(window)
    assert "第28期" in finding.message
    assert window.checks_dock.comparison.text() == "已与上一期（2022年第28期（总第403期））对照检查"

    save_issue(_issue_29(sample_issue), folder / "2022-029.bulletin")
    window.open_archived(folder / "2022-029.bulletin")
    assert "第28期" in _decreased(window)[0].message

    RecoverySlot(path).save(_issue_29(sample_issue))
    monkeypatch.setattr(
        archive_window, "offer_recovery", lambda parent: archive_window.list_recoverable()[:1]
    )
    assert window.safekeeping.offer_recovery()
    assert "第28期" in _decreased(window)[0].message
    window.document.undo_stack.setClean()

    (folder / "2022-028.bulletin").unlink()
    window.refresh_checks()
    assert window.checks_dock.comparison.text().startswith("归档中没有找到上一期")
