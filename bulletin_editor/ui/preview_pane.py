"""The preview pane: the continuous preview and the paged one behind a 连续/分页 switch.

The paged preview (and the pagination it imports) is built at the first refresh, which the
window holds until after its first paint, so start-up does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from ..model import Issue
from ..model.tree import Place
from .preview import Preview

if TYPE_CHECKING:
    from ..model.pagination import Pagination
    from .paged_preview import PagedPreview


class PreviewPane(QWidget):
    """The continuous preview and the paged one behind a 连续/分页 switch, and the status bar's
    page label (共 N 页 · 第 N 页 where the cursor is)."""

    sourceClicked = Signal(object)  # a Place, from either preview

    def __init__(self, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.preview = preview
        self._paged: PagedPreview | None = None
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.current = Place(field="masthead")
        self.stack = QStackedWidget()
        self.stack.addWidget(preview)
        self.bar = bar = QToolBar()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.stack)
        preview.sourceClicked.connect(self.sourceClicked)

    @property
    def paged(self) -> PagedPreview:
        if self._paged is None:
            from .paged_preview import PagedPreview

            self._paged = paged = PagedPreview()
            self.stack.addWidget(paged)
            self.zoom_action = self.bar.addWidget(paged.zoom_box)
            self.columns_action = self.bar.addWidget(paged.side_by_side)
            paged.sourceClicked.connect(self.sourceClicked)
            self._show_zoom(self.paged_action.isChecked())
        return self._paged

    def set_paged(self, paged: bool) -> None:
        (self.paged_action if paged else self.continuous_action).setChecked(True)
        self.stack.setCurrentWidget(self.paged if paged else self.preview)
        self._show_zoom(paged)
        if paged:
            self.paged.scroll_to(self.current)

    def _show_zoom(self, shown: bool) -> None:
        if self._paged is None:
            return  # the zoom and side-by-side controls come with the paged preview
        self.zoom_action.setVisible(shown)
        self.columns_action.setVisible(shown)

    def is_paged(self) -> bool:
        return self._paged is not None and self.stack.currentWidget() is self._paged

    def show_issue(self, issue: Issue, page_limit: int | None = None) -> Pagination:
        try:
            pagination = self.paged.show_issue(issue, page_limit)
        finally:
            self._update_label()  # no pages for an issue that cannot print
        self.preview.show_issue(issue, pagination.paragraphs)  # the paragraphs made once for both views
        return pagination

    def scroll_to(self, place: Place) -> None:
        self.current = place
        self.preview.scroll_to(place)
        if self._paged is not None:
            self._paged.scroll_to(place)
        self._update_label()

    def _update_label(self) -> None:
        pagination = self._paged.pagination if self._paged is not None else None
        if pagination is None:
            self.page_label.clear()
            return
        self.page_label.setText(f"共 {len(pagination.pages)} 页 · 第 {self.paged.page_of(self.current)} 页")
