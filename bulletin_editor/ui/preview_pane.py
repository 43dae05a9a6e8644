"""The preview pane: the continuous preview and the paged one behind a 连续/分页 switch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from ..model import Issue
from ..model.pagination import Pagination
from ..model.tree import Place
from .paged_preview import PagedPreview
from .preview import Preview


class PreviewPane(QWidget):
    """The continuous preview and the paged one behind a 连续/分页 switch, and the status bar's
    page label (共 N 页 · 第 N 页 where the cursor is)."""

    sourceClicked = Signal(object)  # a Place, from either preview

    def __init__(self, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.preview = preview
        self.paged = PagedPreview()
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.current = Place(field="masthead")
        self.stack = QStackedWidget()
        self.stack.addWidget(preview)
        self.stack.addWidget(self.paged)
        bar = QToolBar()
        bar.setObjectName("previewBar")
        group = QActionGroup(self)
        self.continuous_action = bar.addAction("连续", lambda: self.set_paged(False))
        self.paged_action = bar.addAction("分页", lambda: self.set_paged(True))
        for action, name in ((self.continuous_action, "continuous"), (self.paged_action, "paged")):
            action.setObjectName(name)
            action.setCheckable(True)
            group.addAction(action)
        self.continuous_action.setChecked(True)
        bar.addSeparator()
        self.zoom_action = bar.addWidget(self.paged.zoom_box)
        self.columns_action = bar.addWidget(self.paged.side_by_side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.stack)
        self.paged.sourceClicked.connect(self.sourceClicked)
        preview.sourceClicked.connect(self.sourceClicked)
        self.set_paged(False)

    def set_paged(self, paged: bool) -> None:
        (self.paged_action if paged else self.continuous_action).setChecked(True)
        self.stack.setCurrentWidget(self.paged if paged else self.preview)
        self.zoom_action.setVisible(paged)
        self.columns_action.setVisible(paged)
        if paged:
            self.paged.scroll_to(self.current)

    def is_paged(self) -> bool:
        return self.stack.currentWidget() is self.paged

    def show_issue(self, issue: Issue, page_limit: int | None = None) -> Pagination:
        self.preview.show_issue(issue)
        pagination = self.paged.show_issue(issue, page_limit)
        self._update_label()
        return pagination

    def scroll_to(self, place: Place) -> None:
        self.current = place
        self.preview.scroll_to(place)
        self.paged.scroll_to(place)
        self._update_label()

    def _update_label(self) -> None:
        pagination = self.paged.pagination
        if pagination is None:
            self.page_label.clear()
            return
        self.page_label.setText(f"共 {len(pagination.pages)} 页 · 第 {self.paged.page_of(self.current)} 页")
