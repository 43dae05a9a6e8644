"""收集投稿 in the editor: files dropped on the window, reviewed, applied and undone in one step."""

from __future__ import annotations

import copy

import docx
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from bulletin_editor.model import SectionKind
from bulletin_editor.model.tree import walk_sections


def _news(issue):
    return [s for _, s in walk_sections(issue) if s.kind in (SectionKind.NEWS, SectionKind.VISITS)]


def _drop(window, paths):
    """Drag the files over the window, then drop them (Qt delivers a drop only during a real
    drag, so the window's handlers get the events as Qt would pass them)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(*args)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert window.acceptDrops() and enter.isAccepted()
    window.dropEvent(QDropEvent(*args))


def test_dropped_submissions_are_reviewed_applied_and_undone_in_one_step(
    editor_window, qtbot, tmp_path, sample_issue
):
    issue = copy.deepcopy(sample_issue)
    business, service, visits = _news(issue)
    texts = [business.items[0].text, service.items[0].text, visits.items[0].text]
    for section in (business, service, visits):
        section.items.clear()
    editor_window.open_issue(issue)
    files = []
    for n, text in enumerate(texts):
        document = docx.Document()
        for line in ("窗口工作动态", text, "报送人：王五 电话：028-8888"):
            document.add_paragraph(line)
        document.save(tmp_path / f"投稿{n}.docx")
        files.append(tmp_path / f"投稿{n}.docx")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a submission: left out

    _drop(editor_window, [*files, tmp_path / "notes.pdf"])
    qtbot.waitUntil(lambda: getattr(editor_window, "collect_dialog", None) is not None, timeout=20000)
    dialog = editor_window.collect_dialog
    assert dialog.table.rowCount() == 3
    assert [dialog.cell(r, 2).text() for r in range(3)] == ["省林草局", "应急厅", "自然资源厅"]
    assert [dialog.section_choice(r).currentText() for r in range(3)] == [
        "（一）优化营商环境工作开展情况", "（二）窗口服务效能提升工作情况", "（三）厅（局）长进大厅"]  # fmt: skip
    dialog.section_choice(1).setCurrentIndex(0)  # the compiler moves 应急厅's news to （一）
    dialog.apply_button.click()

    assert [i.text for i in business.items] == [texts[0], texts[1]]
    assert not service.items
    assert visits.items[0].leader == "党组成员、机关党委书记谢安军"
    assert editor_window.document.undo_stack.count() == 1  # one step
    editor_window.actions_by_name["undo"].trigger()
    assert not business.items and not visits.items
    editor_window.actions_by_name["redo"].trigger()
    assert len(business.items) == 2 and len(visits.items) == 1


def test_the_window_refuses_a_drag_of_files_that_are_no_submissions(editor_window, tmp_path, sample_issue):
    editor_window.open_issue(sample_issue)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.pdf"))])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.ignore()
    editor_window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_what_was_guessed_stays_available_after_applying(
    editor_window, qtbot, tmp_path, sample_issue, monkeypatch
):
    from bulletin_editor.ui import dialogs

    editor_window.open_issue(copy.deepcopy(sample_issue))
    (tmp_path / "来稿.txt").write_text("近日，窗口召开培训会，讲解新规定。", encoding="utf-8")
    editor_window.collect_submissions([tmp_path / "来稿.txt"])
    qtbot.waitUntil(lambda: getattr(editor_window, "collect_dialog", None) is not None, timeout=20000)
    editor_window.collect_dialog.apply_button.click()
    shown = []
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: shown.append(text))
    editor_window.actions_by_name["collect_report"].trigger()
    assert shown == ["来稿.txt：“近日，窗口召开培训会，讲…”没有认出部门名称"]


def test_an_unreadable_submission_is_named_and_nothing_is_collected(
    editor_window, tmp_path, sample_issue, monkeypatch
):
    from bulletin_editor.ui import dialogs

    editor_window.open_issue(copy.deepcopy(sample_issue))
    (tmp_path / "来稿.txt").write_text("近日，窗口召开培训会。", encoding="utf-8")
    (tmp_path / "坏.docx").write_bytes(b"not a zip")
    errors = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: errors.append(text))
    editor_window.collect_submissions([tmp_path / "来稿.txt", tmp_path / "坏.docx"])
    assert len(errors) == 1 and "“坏.docx”不是 Word 文档" in errors[0]
    assert getattr(editor_window, "collect_dialog", None) is None
    assert not editor_window.document.undo_stack.count()
