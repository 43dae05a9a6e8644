"""The checks panel (导出前检查): the findings of the open issue, each a click away from its place."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..model.checks import Finding
from ..model.tree import Place

TITLE = "导出前检查"


class ChecksPanel(QDockWidget):
    placeActivated = Signal(object)  # the Place of the finding clicked or activated

    def __init__(self, parent: QWidget | None = None):
        super().__init__(TITLE, parent)
        self.setObjectName("checksDock")
        self.findings_list = _FindingList()
        self.findings_list.setObjectName("checks")
        self.findings_list.itemActivated.connect(self._activated)
        self.findings_list.itemClicked.connect(self._activated)
        self.comparison = QLabel()  # which issue the checks compared this one with
        self.comparison.setObjectName("comparison")
        self.comparison.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 0)
        layout.setSpacing(2)
        layout.addWidget(self.comparison)
        layout.addWidget(self.findings_list)
        self.setWidget(body)

    def show_findings(self, findings: list[Finding], comparison: str = "") -> None:
        self.comparison.setText(comparison)
        self.findings_list.clear()
        for finding in findings:
            entry = QListWidgetItem(finding.message)
            entry.setData(Qt.ItemDataRole.UserRole, finding.place)
            self.findings_list.addItem(entry)
        if not findings:
            self.findings_list.addItem("未发现问题。")
        count = f"（{len(findings)}）" if findings else ""
        self.setWindowTitle(f"{TITLE}{count}")

    def _activated(self, entry: QListWidgetItem) -> None:
        place = entry.data(Qt.ItemDataRole.UserRole)
        if isinstance(place, Place):
            self.placeActivated.emit(place)


class _FindingList(QListWidget):
    def sizeHint(self) -> QSize:  # a few lines; the editor keeps the height
        return QSize(400, 90)
