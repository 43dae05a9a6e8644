"""The checks panel (导出前检查): the findings of the open issue, each a click away from its place.

Below the list, buttons act on the selected finding: its one-click fix, the fix of every
finding of its kind, ignoring it (kept in the issue file), accepting its word for this user.
Ignored findings follow the others, marked, and can be restored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..model.tree import Place

if TYPE_CHECKING:  # the checks are imported once the window shows: findings come later
    from ..model.checks import Finding

TITLE = "导出前检查"
_IGNORED = Qt.ItemDataRole.UserRole + 1  # True on the entry of an ignored finding


class ChecksPanel(QDockWidget):
    placeActivated = Signal(object)  # the Place of the finding clicked or activated
    fixRequested = Signal(object)  # a Finding
    fixAllRequested = Signal(str)  # a finding code
    ignoreRequested = Signal(object)  # a Finding
    restoreRequested = Signal(object)  # an ignored Finding
    acceptRequested = Signal(object)  # a Finding whose words the user accepts

    def __init__(self, parent: QWidget | None = None):
        super().__init__(TITLE, parent)
        self.setObjectName("checksDock")
        self.findings_list = _FindingList()
        self.findings_list.setObjectName("checks")
        self.findings_list.itemActivated.connect(self._activated)
        self.findings_list.itemClicked.connect(self._activated)
        self.findings_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.fix_button = self._button("修正", "fix", lambda f: self.fixRequested.emit(f))
        self.fix_all_button = self._button(
            "全部修正同类", "fixAll", lambda f: self.fixAllRequested.emit(f.code)
        )
        self.ignore_button = self._button("忽略", "ignore", self._ignore_or_restore)
        self.accept_button = self._button("加入词表…", "accept", lambda f: self.acceptRequested.emit(f))
        buttons = QHBoxLayout()
        for button in (self.fix_button, self.fix_all_button, self.ignore_button, self.accept_button):
            buttons.addWidget(button)
        buttons.addStretch()
        self.comparison = QLabel()  # which issue the checks compared this one with
        self.comparison.setObjectName("comparison")
        self.comparison.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.comparison)
        layout.addWidget(self.findings_list)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._fixable_codes: set[str] = set()
        self.ignored_findings: list[Finding] = []
        self._update_buttons()

    def _button(self, text: str, name: str, act) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: (f := self.current_finding()) is not None and act(f))
        return button

    def show_findings(
        self, findings: list[Finding], ignored: list[Finding] | None = None, comparison: str = ""
    ) -> None:
        self.comparison.setText(comparison)
        ignored = ignored or []
        self.ignored_findings = ignored
        self.findings_list.clear()
        for finding in findings:
            self.findings_list.addItem(self._entry(finding, finding.message, False))
        for finding in ignored:
            entry = self._entry(finding, f"（已忽略）{finding.message}", True)
            entry.setForeground(QBrush(QColor("gray")))
            self.findings_list.addItem(entry)
        if not findings:
            self.findings_list.insertItem(0, "未发现问题。")
        self._fixable_codes = {f.code for f in findings if getattr(f, "fix", None) is not None}
        count = f"（{len(findings)}）" if findings else ""
        self.setWindowTitle(f"{TITLE}{count}")
        self._update_buttons()

    def _entry(self, finding: Finding, text: str, ignored: bool) -> QListWidgetItem:
        from ..model.proofread import CODES

        # A proofreading message says what is wrong; the excerpt says where.
        excerpt = getattr(finding, "excerpt", "") if finding.code in CODES else ""
        entry = QListWidgetItem(f"{text}：{excerpt}" if excerpt else text)
        entry.setData(Qt.ItemDataRole.UserRole, finding)
        entry.setData(_IGNORED, ignored)
        fix = getattr(finding, "fix", None)
        if fix is not None and not ignored:
            entry.setToolTip(f"可一键修正：{fix.description}")
        return entry

    def current_finding(self) -> Finding | None:
        entry = self.findings_list.currentItem()
        if entry is None:
            return None
        from ..model.checks import Finding  # there are entries: the checks have run

        finding = entry.data(Qt.ItemDataRole.UserRole)
        return finding if isinstance(finding, Finding) else None

    def _current_is_ignored(self) -> bool:
        entry = self.findings_list.currentItem()
        return bool(entry is not None and entry.data(_IGNORED))

    def _ignore_or_restore(self, finding: Finding) -> None:
        (self.restoreRequested if self._current_is_ignored() else self.ignoreRequested).emit(finding)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        ignored = self._current_is_ignored()
        fix = getattr(finding, "fix", None) if finding is not None else None
        self.fix_button.setEnabled(fix is not None and not ignored)
        self.fix_all_button.setEnabled(
            finding is not None and not ignored and finding.code in self._fixable_codes
        )
        self.ignore_button.setEnabled(finding is not None)
        self.ignore_button.setText("取消忽略" if ignored else "忽略")
        self.accept_button.setEnabled(not ignored and _is_wordlike(finding))

    def _activated(self, entry: QListWidgetItem) -> None:
        from ..model.checks import Finding

        finding = entry.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding) and isinstance(finding.place, Place):
            self.placeActivated.emit(finding.place)


def _is_wordlike(finding: Finding | None) -> bool:
    """Findings about a word, which the user may accept as a name or term."""
    return finding is not None and finding.code in ("char-not-gb2312", "word-typo", "name-variant")


class _FindingList(QListWidget):
    def sizeHint(self) -> QSize:  # a few lines; the editor keeps the height
        return QSize(400, 90)
