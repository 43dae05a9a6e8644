"""Every modal question the editor asks, in one place, so tests can answer them."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

BULLETIN_FILTER = "周报文件 (*.bulletin)"
DOCX_FILTER = "Word 文档 (*.docx)"
OPEN_FILTER = f"周报或 Word 文档 (*.bulletin *.docx);;{BULLETIN_FILTER};;{DOCX_FILTER}"


class Unsaved(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class AfterExport(enum.Enum):
    OPEN_DOCUMENT = "document"
    OPEN_FOLDER = "folder"
    NOTHING = "nothing"


def ask_unsaved(parent: QWidget, name: str) -> Unsaved:
    box = QMessageBox(QMessageBox.Warning, "周报编辑器", f"“{name}”已修改，是否保存？", parent=parent)
    box.setInformativeText("不保存，所做的修改将丢失。")
    save = box.addButton("保存", QMessageBox.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.DestructiveRole)
    box.addButton("取消", QMessageBox.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return Unsaved.SAVE if clicked is save else Unsaved.DISCARD if clicked is discard else Unsaved.CANCEL


def ask_open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "打开周报", folder, OPEN_FILTER)
    return Path(name) if name else None


def ask_submission_paths(parent: QWidget, folder: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(
        parent, "收集投稿", folder, "投稿 (*.docx *.txt *.doc *.wps);;所有文件 (*)"
    )
    return [Path(name) for name in names]


def ask_save_path(parent: QWidget, suggestion: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "保存周报", suggestion, BULLETIN_FILTER)
    return Path(name).with_suffix(".bulletin") if name else None


def ask_export_path(parent: QWidget, suggestion: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "导出 Word 文档", suggestion, DOCX_FILTER)
    return Path(name).with_suffix(".docx") if name else None


def confirm_export_with_findings(parent: QWidget, count: int) -> bool:
    answer = QMessageBox.question(
        parent,
        "导出前检查",
        f"检查发现 {count} 处问题（见“导出前检查”面板）。仍要导出吗？",
        QMessageBox.Yes | QMessageBox.No,
        QMessageBox.No,
    )
    return answer == QMessageBox.Yes


def offer_open_export(parent: QWidget, path: Path) -> AfterExport:
    box = QMessageBox(QMessageBox.Information, "导出完成", f"已导出到“{path}”。", parent=parent)
    document = box.addButton("打开文档", QMessageBox.AcceptRole)
    folder = box.addButton("打开所在文件夹", QMessageBox.ActionRole)
    box.addButton("关闭", QMessageBox.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is document:
        return AfterExport.OPEN_DOCUMENT
    return AfterExport.OPEN_FOLDER if clicked is folder else AfterExport.NOTHING


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.critical(parent, "周报编辑器", message)


def show_info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)
