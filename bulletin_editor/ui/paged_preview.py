"""The paged preview: the issue on A4 pages at the official geometry, as the pagination model
lays it out (model/pagination.py), with the page numbers and the 版记 where they print.

Pagination runs when the window refreshes its preview (already debounced while typing); a
scroll or zoom only repaints, and only the pages in view are painted. `ui/preview_pane.py` puts
it beside the continuous preview (ui/preview.py) behind a 连续/分页 switch.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..model import Issue, Role
from ..model.layout import Layout, load_layout
from ..model.pagination import Line, Page, Pagination, paginate
from ..model.tree import Place
from .font_metrics import QtFontMetrics

TWIPS_PER_PT = 20
PT_PER_MM = 72 / 25.4
GAP_PX = 16  # between pages and around them
ZOOMS = {"fit_width": "适合宽度", "fit_page": "适合页面", "actual": "100%"}
_DISTRIBUTION = (Role.DISTRIBUTION, Role.COPIES)
_MARK = QColor("#3d7eff")  # the bar beside the paragraph being edited


@dataclass(frozen=True)
class _Geometry:
    """The page in points, from the layout table."""

    width: float
    height: float
    left: float
    right: float  # the type area's right edge
    bottom: float  # the type area's bottom edge
    number_baseline: float

    @classmethod
    def of(cls, layout: Layout) -> _Geometry:
        page = layout.page
        bottom = (page.height_twips - page.margin_bottom_twips) / TWIPS_PER_PT
        left = page.margin_left_twips / TWIPS_PER_PT
        return cls(
            page.width_twips / TWIPS_PER_PT,
            page.height_twips / TWIPS_PER_PT,
            left,
            left + layout.type_width_twips / TWIPS_PER_PT,
            bottom,
            bottom + page.page_number_below_type_mm * PT_PER_MM,
        )


def page_number_text(layout: Layout, number: int) -> str:
    dash = layout.elements["page_number"].dash or "—"
    return f"{dash} {number} {dash}"


class PageCanvas(QWidget):
    """The pages, one below the other or two side by side, drawn at `scale` pixels a point."""

    clicked = Signal(int)  # the printed paragraph clicked

    def __init__(self, metrics: QtFontMetrics, layout: Layout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.metrics = metrics
        self.layout_table = layout
        self.geometry_pt = _Geometry.of(layout)
        self.pagination: Pagination | None = None
        self.scale = 1.0
        self.columns = 1
        self.marked: int | None = None  # the paragraph being edited
        self._starts: list[list[int]] = []  # for each page, where each line's text starts in its paragraph's
        self._fonts: dict[tuple[str, float], QFont] = {}
        self._pressed: QPoint | None = None

    # --- geometry ------------------------------------------------------------------------

    def show_pagination(self, pagination: Pagination | None) -> None:
        self.pagination = pagination
        done: dict[int, int] = {}  # paragraph -> characters on the lines so far
        self._starts = []
        for page in pagination.pages if pagination else ():
            starts = []
            for line in page.lines:
                starts.append(done.get(line.paragraph, 0))
                done[line.paragraph] = starts[-1] + len(line.text)
            self._starts.append(starts)
        self._resize()
        self.update()

    def set_view(self, scale: float, columns: int) -> None:
        if (scale, columns) != (self.scale, self.columns):
            self.scale, self.columns = scale, columns
            self._fonts.clear()
            self._resize()
            self.update()

    def page_size_px(self) -> tuple[float, float]:
        return self.geometry_pt.width * self.scale, self.geometry_pt.height * self.scale

    def _count(self) -> int:
        return len(self.pagination.pages) if self.pagination else 0

    def _resize(self) -> None:
        width, height = self.page_size_px()
        rows = -(-self._count() // self.columns)
        self.setFixedSize(
            round(self.columns * (width + GAP_PX) + GAP_PX), round(max(rows, 1) * (height + GAP_PX) + GAP_PX)
        )

    def page_rect(self, index: int) -> QRectF:
        """Where page `index` (0-based) is drawn, in pixels."""
        width, height = self.page_size_px()
        row, column = divmod(index, self.columns)
        spare = max(0.0, self.width() - (self.columns * (width + GAP_PX) + GAP_PX)) / 2
        return QRectF(
            spare + GAP_PX + column * (width + GAP_PX), GAP_PX + row * (height + GAP_PX), width, height
        )

    def line_rect(self, page: int, line: Line) -> QRectF:
        origin = self.page_rect(page).topLeft()
        s = self.scale
        return QRectF(
            origin.x() + line.left_pt * s, origin.y() + line.top_pt * s, line.width_pt * s, line.height_pt * s
        )

    def paragraph_at(self, point: QPoint) -> int | None:
        if self.pagination is None:
            return None
        for index, page in enumerate(self.pagination.pages):
            if not self.page_rect(index).contains(point):
                continue
            for line in page.lines:
                rect = self.line_rect(index, line)
                if rect.top() <= point.y() < rect.bottom():
                    return line.paragraph
        return None

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#8a8f98"))
        if self.pagination is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        visible = QRectF(event.rect())
        for index, page in enumerate(self.pagination.pages):
            rect = self.page_rect(index)
            if rect.intersects(visible):
                self._paint_page(painter, index, page, rect)

    def _paint_page(self, painter: QPainter, index: int, page: Page, rect: QRectF) -> None:
        painter.fillRect(rect.translated(3, 3), QColor(0, 0, 0, 60))
        painter.fillRect(rect, Qt.GlobalColor.white)
        for n, line in enumerate(page.lines):
            self._paint_line(painter, index, line, self._starts[index][n])
            last_of_paragraph = n + 1 == len(page.lines) or page.lines[n + 1].paragraph != line.paragraph
            rule = self.layout_table.element(line.role)
            if last_of_paragraph and rule.rule_width_pt is not None and line.role not in _DISTRIBUTION:
                box = self.line_rect(index, line)
                thickness = rule.rule_width_pt * self.scale
                painter.fillRect(
                    QRectF(box.left(), box.bottom() + self.scale, box.width(), thickness),
                    QColor(f"#{rule.rule_color or '000000'}"),
                )
            if self.marked == line.paragraph:
                box = self.line_rect(index, line)
                painter.fillRect(QRectF(rect.left() + 12 * self.scale, box.top(), 3, box.height()), _MARK)
        self._paint_distribution_rules(painter, index, page)
        self._paint_page_number(painter, index, rect)

    def _font(self, name: str, size_pt: float) -> QFont:
        key = (name, size_pt)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.metrics.family(name))
            font.setPointSizeF(size_pt * self.scale * 72 / max(self.logicalDpiY(), 1))
            font.setKerning(False)
            self._fonts[key] = font
        return font

    def _segments(self, line: Line, start: int) -> list[tuple[str, str]]:
        """(font, text) pieces of the line (its text `start` characters into its paragraph's):
        a run-in heading in its own font."""
        if line.role is not Role.RUN_IN or self.pagination is None:
            return [(line.font, line.text)]
        heading = len(self.pagination.paragraphs[line.paragraph].runs[0])
        cut = min(max(heading - start, 0), len(line.text))
        run_in = self.layout_table.element(Role.RUN_IN).font
        return [
            (font, text) for font, text in ((run_in, line.text[:cut]), (line.font, line.text[cut:])) if text
        ]

    def _paint_line(self, painter: QPainter, page: int, line: Line, start: int) -> None:
        box = self.line_rect(page, line)
        spec = self.layout_table.element(line.role)
        painter.setPen(QColor(f"#{spec.color}") if spec.color else Qt.GlobalColor.black)
        if line.role is Role.UNIT_DATE and "\t" in line.text:
            unit, date = line.text.split("\t", 1)
            self._draw(painter, [(line.font, unit)], box, "left", line)
            self._draw(painter, [(line.font, date)], box, "right", line)
            return
        self._draw(painter, self._segments(line, start), box, line.align, line)

    def _draw(
        self, painter: QPainter, segments: list[tuple[str, str]], box: QRectF, align: str, line: Line
    ) -> None:
        fonts = [self._font(name, line.size_pt) for name, _ in segments]
        natural = sum(QFontMetricsF(f).horizontalAdvance(text) for f, (_, text) in zip(fonts, segments))
        count = sum(len(text) for _, text in segments)
        spacing = 0.0
        if line.size_pt == self.layout_table.page.body_size_pt:
            spacing = self.layout_table.char_spacing_twips / TWIPS_PER_PT * self.scale
        if align == "justify" and count > 1:
            spacing = (box.width() - natural) / (count - 1)
        width = natural + spacing * count
        x = {"center": box.left() + (box.width() - width) / 2, "right": box.right() - width}.get(
            align, box.left()
        )
        first = QFontMetricsF(fonts[0])
        baseline = box.top() + (box.height() + first.ascent() - first.descent()) / 2
        for font, (_, text) in zip(fonts, segments):
            spaced = QFont(font)
            spaced.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
            painter.setFont(spaced)
            painter.drawText(QPoint(round(x), round(baseline)), text)
            x += QFontMetricsF(spaced).horizontalAdvance(text)

    def _paint_distribution_rules(self, painter: QPainter, index: int, page: Page) -> None:
        """The 版记's rules: above its first line, between its paragraphs, on the type area's foot."""
        rows = [line for line in page.lines if line.role in _DISTRIBUTION]
        if not rows:
            return
        spec = self.layout_table.element(Role.DISTRIBUTION)
        outer, inner = spec.outer_rule_pt or 1.0, spec.inner_rule_pt or 0.75
        g, s = self.geometry_pt, self.scale
        origin = self.page_rect(index).topLeft()
        rules = [(rows[0].top_pt - outer, outer)]
        rules += [
            (b.top_pt - inner, inner) for a, b in itertools.pairwise(rows) if a.paragraph != b.paragraph
        ]
        rules.append((g.bottom - outer, outer))
        for top, height in rules:
            painter.fillRect(
                QRectF(
                    origin.x() + g.left * s, origin.y() + top * s, (g.right - g.left) * s, max(height * s, 1)
                ),
                Qt.GlobalColor.black,
            )

    def _paint_page_number(self, painter: QPainter, index: int, rect: QRectF) -> None:
        """— N —: odd pages on the right, even pages on the left, one character in (GB/T 9704 7.5)."""
        spec = self.layout_table.elements["page_number"]
        size = spec.size_pt or 14.0
        number = index + 1
        g, s = self.geometry_pt, self.scale
        font = self._font(spec.font, size)
        text = page_number_text(self.layout_table, number)
        width = QFontMetricsF(font).horizontalAdvance(text)
        inset = (spec.indent_chars or 0) * size * s
        x = rect.left() + g.right * s - inset - width if number % 2 else rect.left() + g.left * s + inset
        painter.setPen(Qt.GlobalColor.black)
        painter.setFont(font)
        painter.drawText(QPoint(round(x), round(rect.top() + g.number_baseline * s)), text)

    # --- clicks --------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if self._pressed is None or (point - self._pressed).manhattanLength() > 4:
            return  # a drag, not a click
        paragraph = self.paragraph_at(point)
        if paragraph is not None:
            self.clicked.emit(paragraph)


class PagedPreview(QWidget):
    sourceClicked = Signal(object)  # the Place of the paragraph clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagedPreview")
        self.layout_table = load_layout()
        self.metrics = QtFontMetrics()
        self.pagination: Pagination | None = None
        self.zoom = "fit_width"
        self.canvas = PageCanvas(self.metrics, self.layout_table)
        self.canvas.clicked.connect(self._clicked)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("pagedScroll")
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoom")
        for key, label in ZOOMS.items():
            self.zoom_box.addItem(label, key)
        self.zoom_box.currentIndexChanged.connect(lambda _: self.set_zoom(self.zoom_box.currentData()))
        self.side_by_side = QCheckBox("并排")
        self.side_by_side.setObjectName("sideBySide")
        self.side_by_side.toggled.connect(lambda _: self._apply_view())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def show_issue(self, issue: Issue, page_limit: int | None = None) -> Pagination:
        """Paginate `issue` and repaint; returns the pagination (the checks use it too). An
        issue that cannot print (a broken statistics template) leaves no pages, not stale ones."""
        self.pagination = None
        try:
            self.pagination = paginate(issue, self.metrics, self.layout_table, page_limit)
        finally:
            self.canvas.show_pagination(self.pagination)
        self._apply_view()
        return self.pagination

    def set_zoom(self, zoom: str) -> None:
        self.zoom = zoom
        self.zoom_box.setCurrentIndex(list(ZOOMS).index(zoom))
        self._apply_view()

    def scale_for(self, zoom: str, columns: int) -> float:
        """Pixels a point for a zoom: 100% is the paper's size on this screen."""
        g = self.canvas.geometry_pt
        viewport = self.scroll_area.viewport().size()
        fit_width = (viewport.width() - GAP_PX * (columns + 1)) / (columns * g.width)
        if zoom == "fit_width":
            return max(fit_width, 0.1)
        if zoom == "fit_page":
            return max(min(fit_width, (viewport.height() - 2 * GAP_PX) / g.height), 0.1)
        return self.logicalDpiX() / 72

    def _apply_view(self) -> None:
        columns = 2 if self.side_by_side.isChecked() else 1
        self.canvas.set_view(self.scale_for(self.zoom, columns), columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_view()

    def _place(self, paragraph: int) -> Place:
        assert self.pagination is not None
        printed = self.pagination.paragraphs[paragraph]
        if printed.source.part is not None:
            return printed.source
        return Place(field="distribution" if printed.role in _DISTRIBUTION else "masthead")

    def _clicked(self, paragraph: int) -> None:
        self.sourceClicked.emit(self._place(paragraph))

    def paragraph_of(self, place: Place) -> int | None:
        """The first printed paragraph from `place` (the masthead's title for the masthead)."""
        if self.pagination is None:
            return None
        return next((i for i in range(len(self.pagination.paragraphs)) if self._place(i) == place), None)

    def page_of(self, place: Place) -> int:
        paragraph = self.paragraph_of(place)
        return 1 if paragraph is None or self.pagination is None else self.pagination.page_of(paragraph)

    def scroll_to(self, place: Place) -> None:
        """Bring the first line printed from `place` into view and mark its paragraph."""
        paragraph = self.paragraph_of(place)
        self.canvas.marked = paragraph
        self.canvas.update()
        if paragraph is None or self.pagination is None:
            return
        for index, page in enumerate(self.pagination.pages):
            for line in page.lines:
                if line.paragraph == paragraph:
                    rect = self.canvas.line_rect(index, line)
                    self.scroll_area.ensureVisible(
                        round(rect.center().x()), round(rect.top()), 0, round(rect.height()) + 40
                    )
                    return
