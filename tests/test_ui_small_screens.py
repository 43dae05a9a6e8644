"""Every window and dialog fits the office PCs' screens: 1366×768 at 100 % and 1920×1080 at 150 %
(1280×720 logical pixels), each with a 48-pixel taskbar (Windows 11). Screenshots at 1366×768 go to pytest's
temporary folder (<basetemp>/screenshots-1366x7680/) for a reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from excel_workbooks import rows_plain, week_and_year
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import SectionKind
from bulletin_editor.ui import screen as screen_module
from bulletin_editor.ui.screen import FRAME

SCREENS = {"1366x768": QSize(1366, 768), "1280x720": QSize(1280, 720)}
TASKBAR = 48  # Windows 11; Windows 10 has 40


@pytest.fixture(params=list(SCREENS))
def screen(request, monkeypatch) -> QRect:
    """The free part of the screen the windows open on."""
    size = SCREENS[request.param]
    area = QRect(0, 0, size.width(), size.height() - TASKBAR)
    monkeypatch.setattr(screen_module, "available_area", lambda widget: area)
    return area


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots-1366x768")


@pytest.fixture
def window(screen, editor_window, qtbot):
    editor_window.open_issue(load_sample())
    qtbot.waitExposed(editor_window)
    return editor_window


def fits(widget: QWidget, area: QRect) -> bool:
    """The widget with its title bar and borders, and its smallest size, inside the free area."""
    room = area.size() - FRAME
    smallest = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return all(
        size.width() <= room.width() and size.height() <= room.height() for size in (widget.size(), smallest)
    )


def screenshot(widget: QWidget, screen: QRect, shots: Path, name: str) -> None:
    if screen.width() == 1366:
        path = shots / f"{name}.png"
        assert widget.grab().save(str(path))
        print(f"screenshot: {path}")  # shown with pytest -s, or in the report of a failure


def hidden_toolbar_actions(window) -> list[str]:
    QApplication.processEvents()  # the bars lay out their buttons
    return [
        action.text()
        for bar in window.findChildren(QToolBar)
        for action in bar.actions()
        if action.isVisible()  # the preview's zoom is hidden until its pages show
        and not action.isSeparator()
        and not (bar.widgetForAction(action) is not None and bar.widgetForAction(action).isVisible())
    ]


def test_the_main_window_fits_with_every_toolbar_action_shown(window, screen, shots):
    assert fits(window, screen)
    assert hidden_toolbar_actions(window) == []
    # Maximised, and as a window of the screen's size: still nothing behind ››.
    for size in (screen.size() - FRAME, screen.size() + QSize(0, TASKBAR)):
        window.resize(size)
        assert hidden_toolbar_actions(window) == []
    window.preview_pane.set_paged(True)  # the preview's bar with its zoom and side-by-side
    assert hidden_toolbar_actions(window) == []
    window.preview_pane.set_paged(False)
    window.resize(screen.size() - FRAME)
    screenshot(window, screen, shots, "main-window")


def item_editors(issue):
    part = issue.parts[0]
    _stats, group, inspection = part.sections
    visits = next(s for s in group.subsections if s.kind is SectionKind.VISITS)
    news = group.subsections[1]
    return {"news": news, "visits": visits, "inspection": inspection}


@pytest.mark.parametrize("kind", ["news", "visits", "inspection"])
def test_the_item_buttons_are_one_row_inside_the_editor(window, screen, shots, kind):
    section = item_editors(window.document.issue)[kind]
    assert window.outline.select_key(("item", section, section.items[0]))
    window.resize(screen.size() - FRAME)
    QApplication.processEvents()
    editor = window.editor
    buttons = [*editor.buttons.values(), editor.move_button]
    buttons += [b for b in editor.findChildren(type(editor.buttons["add"]), "add_paragraph")]
    assert len({button.geometry().top() for button in buttons}) == 1  # one row
    assert all(
        button.isVisible() and button.width() >= button.minimumSizeHint().width() for button in buttons
    )
    viewport = window.editor_area.viewport().width()
    assert max(button.mapTo(editor, button.rect().topRight()).x() for button in buttons) < viewport
    assert editor.minimumSizeHint().width() <= viewport  # nothing cut off on the right
    screenshot(window, screen, shots, f"items-{kind}")


@pytest.fixture
def stats_dialog(screen, qtbot, tmp_path, user_config):
    from bulletin_editor.ui.stats_import_dialog import StatsImportDialog

    wb, _ = rows_plain()
    wb.save(tmp_path / "统计.xlsx")
    dialog = StatsImportDialog(None, None, load_sample().parts[0])
    qtbot.addWidget(dialog)
    dialog.load_file(tmp_path / "统计.xlsx")
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_excel_dialog_and_its_cell_picker_fit(stats_dialog, screen, shots):
    assert fits(stats_dialog, screen)
    screenshot(stats_dialog, screen, shots, "excel-dialog")
    stats_dialog.show_pick()
    QApplication.processEvents()
    assert stats_dialog.pick_box.isVisible()
    assert fits(stats_dialog, screen)
    assert stats_dialog.preview.height() >= 4 * stats_dialog.preview.verticalHeader().defaultSectionSize()
    screenshot(stats_dialog, screen, shots, "excel-cell-picker")


def test_the_excel_dialogs_choice_between_tables_fits(stats_dialog, screen, shots, tmp_path):
    week_and_year().save(tmp_path / "本周和累计.xlsx")
    stats_dialog.load_file(tmp_path / "本周和累计.xlsx")
    QApplication.processEvents()
    assert stats_dialog.candidate_row.isVisible()
    assert fits(stats_dialog, screen)
    screenshot(stats_dialog, screen, shots, "excel-choice")


def test_the_archive_versions_and_recovery_dialogs_fit(
    screen, qtbot, shots, tmp_path, user_dirs, sample_issue
):
    from bulletin_editor.formats.bulletin import save_issue
    from bulletin_editor.storage.archive import Archive
    from bulletin_editor.storage.recovery import RecoverySlot, list_recoverable
    from bulletin_editor.storage.versions import save_with_version
    from bulletin_editor.ui.archive_window import ArchiveWindow, RecoveryDialog, VersionsDialog

    archive = Archive(tmp_path / "archive")
    archive.save(sample_issue)
    path = tmp_path / "2022-028.bulletin"
    save_with_version(sample_issue, path)
    save_with_version(sample_issue, path)
    original = tmp_path / "original.bulletin"
    save_issue(sample_issue, original)
    RecoverySlot(original).save(sample_issue)
    try:
        for name, dialog in (
            ("archive", ArchiveWindow(archive)),
            ("versions", VersionsDialog(path)),
            ("recovery", RecoveryDialog(list_recoverable())),
        ):
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert fits(dialog, screen), name
            screenshot(dialog, screen, shots, name)
            if isinstance(dialog, ArchiveWindow):
                qtbot.waitUntil(lambda d=dialog: not d.refreshing)
            dialog.close()
    finally:
        archive.close()


def test_the_collect_dialog_fits(window, screen, shots):
    from bulletin_editor.model.submissions import propose
    from bulletin_editor.ui.collect_dialog import CollectDialog

    collection = propose(window.document.issue, [("投稿.txt", ["8月23日，政务服务窗口开展业务培训。"])], None)
    dialog = CollectDialog(window.document, collection, window)
    dialog.show()
    assert fits(dialog, screen)
    screenshot(dialog, screen, shots, "collect")
    dialog.close()
