"""Every modal question the editor asks, in one place, so tests can answer them.

Qt's dialog classes are named through the module (`QtWidgets.QMessageBox`), not imported by
name: PySide builds a class, with all its enums, the first time it is named, and nothing here
is needed before the window has shown.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

BULLETIN_FILTER = "周报文件 (*.bulletin)"
DOCX_FILTER = "Word 文档 (*.docx)"
PDF_FILTER = "PDF 文档 (*.pdf)"
DEFAULT_PRINTER = "默认打印机"
OPEN_FILTER = f"周报或 Word 文档 (*.bulletin *.docx);;{BULLETIN_FILTER};;{DOCX_FILTER}"


class Unsaved(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class NextFrom(enum.Enum):
    SAVE = "save"  # save this issue, then make the next one from the file
    EDITOR = "editor"  # from the editor's state, unsaved edits included, without saving them
    CANCEL = "cancel"


class AfterExport(enum.Enum):
    OPEN_DOCUMENT = "document"
    OPEN_FOLDER = "folder"
    NOTHING = "nothing"


def ask_unsaved(parent: QWidget, name: str) -> Unsaved:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Warning, "周报编辑器", f"“{name}”已修改，是否保存？", parent=parent
    )
    box.setInformativeText("不保存，所做的修改将丢失。")
    save = box.addButton("保存", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return Unsaved.SAVE if clicked is save else Unsaved.DISCARD if clicked is discard else Unsaved.CANCEL


def ask_next_from_unsaved(parent: QWidget, name: str) -> NextFrom:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Warning,
        "由本期生成下一期",
        f"“{name}”有未保存的修改。下一期按哪个版本生成？",
        parent=parent,
    )
    box.setInformativeText(
        "保存后生成：先保存本期，再由保存的本期生成。\n按编辑中的内容生成：本期的修改不保存。"
    )
    save = box.addButton("保存后生成", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    editor = box.addButton("按编辑中的内容生成", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return NextFrom.SAVE if clicked is save else NextFrom.EDITOR if clicked is editor else NextFrom.CANCEL


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QtWidgets.QFileDialog.getOpenFileName(parent, "打开周报", folder, OPEN_FILTER)
    return Path(name) if name else None


def ask_submission_paths(parent: QWidget, folder: str) -> list[Path]:
    names, _ = QtWidgets.QFileDialog.getOpenFileNames(
        parent, "收集投稿", folder, "投稿 (*.docx *.txt *.doc *.wps);;所有文件 (*)"
    )
    return [Path(name) for name in names]


def ask_save_path(parent: QWidget, suggestion: str) -> Path | None:
    name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "保存周报", suggestion, BULLETIN_FILTER)
    return Path(name).with_suffix(".bulletin") if name else None


def ask_export_path(parent: QWidget, suggestion: str) -> Path | None:
    return _ask_docx_path(parent, "导出 Word 文档", suggestion)


def ask_release_path(parent: QWidget, suggestion: str) -> Path | None:
    """Where the distribution copy (发布稿) goes."""
    return _ask_docx_path(parent, "导出发布稿（不含内嵌数据）", suggestion)


def _ask_docx_path(parent: QWidget, title: str, suggestion: str) -> Path | None:
    name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, suggestion, DOCX_FILTER)
    return Path(name).with_suffix(".docx") if name else None


def ask_page_limit(parent: QWidget, current: int | None, most: int) -> tuple[bool, int | None]:
    """(chosen, the limit or None for none): the most pages an issue should fill."""
    value, ok = QtWidgets.QInputDialog.getInt(
        parent, "页数上限", "全文超过多少页时在“导出前检查”中提示（0 表示不限）：", current or 0, 0, most
    )
    return ok, (value or None)


def ask_pdf_path(parent: QWidget, suggestion: str) -> Path | None:
    name, _ = QtWidgets.QFileDialog.getSaveFileName(parent, "导出 PDF", suggestion, PDF_FILTER)
    return Path(name).with_suffix(".pdf") if name else None


def ask_print(
    parent: QWidget, printers: list[str], default: str | None, copies: int
) -> tuple[str | None, int] | None:
    """(the printer, None for the system's default, and the copies), or None if cancelled."""
    dialog = QtWidgets.QDialog(parent)
    dialog.setWindowTitle("打印")
    printer = QtWidgets.QComboBox()
    printer.addItems([DEFAULT_PRINTER, *printers])
    if default in printers:
        printer.setCurrentText(default)
    count = QtWidgets.QSpinBox()
    count.setRange(1, 999)
    count.setValue(copies)
    buttons = QtWidgets.QDialogButtonBox(
        QtWidgets.QDialogButtonBox.StandardButton.Ok | QtWidgets.QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText("打印")
    buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QtWidgets.QFormLayout(dialog)
    form.addRow("打印机", printer)
    form.addRow("份数", count)
    form.addRow(buttons)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    chosen = printer.currentText()
    return (None if chosen == DEFAULT_PRINTER else chosen), count.value()


def ask_folder(parent: QWidget, title: str, start: str) -> Path | None:
    folder = QtWidgets.QFileDialog.getExistingDirectory(parent, title, start)
    return Path(folder) if folder else None


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Yes or no, No by default."""
    answer = QtWidgets.QMessageBox.question(
        parent,
        title,
        question,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        QtWidgets.QMessageBox.StandardButton.No,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def confirm_delete(parent: QWidget, title: str, items: int) -> bool:
    return confirm(parent, "删除", f"“{title}”下有 {items} 条内容，将一并删除。\n确定删除吗？（可以撤销）")


def confirm_export_with_findings(parent: QWidget, count: int) -> bool:
    return confirm(parent, "导出前检查", f"检查发现 {count} 处问题（见“导出前检查”面板）。仍要导出吗？")


def confirm_print_with_findings(parent: QWidget, count: int) -> bool:
    return confirm(parent, "打印前检查", f"检查发现 {count} 处问题（见“导出前检查”面板）。仍要打印吗？")


def confirm_export_wrapping_unit_date(parent: QWidget, message: str, others: int) -> bool:
    """The masthead would print on two lines: asked on its own, before the other findings."""
    more = f"\n另有 {others} 处其他问题（见“导出前检查”面板）。" if others else ""
    return confirm(parent, "导出前检查", f"{message}。{more}\n仍要导出吗？")


def offer_open_export(parent: QWidget, path: Path) -> AfterExport:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Information, "导出完成", f"已导出到“{path}”。", parent=parent
    )
    document = box.addButton("打开文档", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton("打开所在文件夹", QtWidgets.QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QtWidgets.QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is document:
        return AfterExport.OPEN_DOCUMENT
    return AfterExport.OPEN_FOLDER if clicked is folder else AfterExport.NOTHING


def ask_take_over(parent: QWidget, message: str) -> bool:
    """An issue another editor has open: take it over (that editor is told), or open it read-only."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "文件已被打开", message, parent=parent)
    take = box.addButton("接管编辑", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("只读打开", QtWidgets.QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is take


def ask_take_back(parent: QWidget, message: str) -> bool:
    """Another editor took the open issue over: take it back, or stay read-only."""
    box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "文件已被接管", message, parent=parent)
    take = box.addButton("取回编辑", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("保持只读", QtWidgets.QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is take


def show_read_only(parent: QWidget, message: str) -> None:
    QtWidgets.QMessageBox.information(
        parent, "只读打开", message + "\n\n可以查看和修改，但只能用“另存为”保存到别处。"
    )


def confirm_change_final(parent: QWidget, mark: str) -> bool:
    return confirm(parent, "修改定稿", f"本期已由{mark}。\n仍要修改吗？保存后将取消定稿标记。")


def show_error(parent: QWidget, message: str) -> None:
    """Every error the editor reports: the error icon and the program's name as the title."""
    QtWidgets.QMessageBox.critical(parent, "周报编辑器", message)


def show_info(parent: QWidget, title: str, message: str) -> None:
    QtWidgets.QMessageBox.information(parent, title, message)


def show_report(parent: QWidget, title: str, text: str) -> None:
    """A long report: its first line, the whole of it behind “显示详细信息”."""
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Information, title, text.splitlines()[0], parent=parent
    )
    if "\n" in text:
        box.setDetailedText(text)
    box.exec()


def ask_word(parent: QWidget, offered: str) -> str | None:
    """The name or term to add to the user's proofreading word list, or None."""
    word, ok = QtWidgets.QInputDialog.getText(
        parent,
        "加入校对词表",
        "接受为正确的名称或术语（本机所有周报都不再指出其中的字词）：",
        QtWidgets.QLineEdit.EchoMode.Normal,
        offered,
    )
    return word.strip() if ok and word.strip() else None
