"""The live preview: the issue as it will print, rendered from printed_paragraphs as HTML.

It reads the same flat printed form as the .docx writer, so numbering and text match the
export. Sizes are the print's in px (16 pt body → 16 px) and a line holds 28 characters,
as on paper; the rest (exact page breaks) is left to Word.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..model import Issue, Role, printed_paragraphs
from ..model.tree import Place

CHARS_PER_LINE = 28
BODY_PX = 16
# Official font first, then the substitutes Word usually takes, then what a Linux machine has.
_SONG = "'宋体', 'SimSun', 'Noto Serif CJK SC'"
_XIAOBIAOSONG = f"'方正小标宋简体', '方正小标宋_GBK', '华文中宋', 'STZhongsong', {_SONG}"
_FANGSONG = f"'仿宋_GB2312', '仿宋', 'FangSong', {_SONG}"
_KAITI = f"'楷体_GB2312', '楷体', 'KaiTi', {_SONG}"
_HEITI = "'黑体', 'SimHei', 'Noto Sans CJK SC'"

_STYLES = {
    Role.TITLE: f"font-family: {_XIAOBIAOSONG}; font-size: 42px; color: #ff0000; text-align: center; margin-top: 8px;",
    Role.ISSUE_LINE: f"font-family: {_FANGSONG}; font-size: 16px; text-align: center; margin-top: 12px;",
    Role.PART_TITLE: f"font-family: {_XIAOBIAOSONG}; font-size: 22px; text-align: center; margin-top: 16px;",
    Role.PERIOD: f"font-family: {_KAITI}; font-size: 16px; text-align: center;",
    Role.LEVEL1: f"font-family: {_HEITI}; font-size: 16px; text-indent: 32px;",
    Role.LEVEL2: f"font-family: {_KAITI}; font-size: 16px; text-indent: 32px;",
    Role.BODY: f"font-family: {_FANGSONG}; font-size: 16px; text-indent: 32px; text-align: justify;",
    Role.RUN_IN: f"font-family: {_FANGSONG}; font-size: 16px; text-indent: 32px; text-align: justify;",
    Role.DISTRIBUTION: f"font-family: {_FANGSONG}; font-size: 14px; margin-left: 14px; margin-right: 14px;",
    Role.COPIES: f"font-family: {_FANGSONG}; font-size: 14px; text-align: right; margin-right: 14px;",
}
_PARAGRAPH_BOTTOM = 6  # px; only the paragraphs' blocks have it (not rules, tables, the empty ends)
_LINE = f"line-height: 125%; margin-top: 0px; margin-bottom: {_PARAGRAPH_BOTTOM}px;"


def issue_html(issue: Issue) -> str:
    return _issue_html(issue)[0]


def _issue_html(issue: Issue) -> tuple[str, list[Place | None]]:
    """The HTML, and for each paragraph (<p>) in order the place it comes from.

    No <a name> per paragraph: Qt's HTML import grows faster than the text with one anchor
    each (127 ms against 28 ms at 1,600 paragraphs); blocks are matched to places instead.
    """
    parts = ["<html><body>"]
    places: list[Place | None] = []
    in_distribution = False
    for printed in printed_paragraphs(issue):
        role = printed.role
        if role in (Role.DISTRIBUTION, Role.COPIES) and not in_distribution:
            parts.append('<hr style="color: #000000;" />')
            in_distribution = True
        if role is Role.UNIT_DATE:
            unit, date = (escape(r) for r in printed.runs)
            parts.append(
                f'<table width="100%" style="font-family: {_FANGSONG}; font-size: 15px; margin-top: 8px;">'
                f'<tr><td>{unit}</td><td align="right">{date}</td></tr></table>'
                '<hr style="background-color: #ff0000; margin-top: 2px;" />'
            )
            continue
        if role is Role.RUN_IN:
            heading, result = (escape(r) for r in printed.runs)
            body = f'<span style="font-family: {_KAITI};">{heading}</span>{result}'
        else:
            body = escape(printed.text).replace("\n", "<br/>")
        places.append(printed.source if printed.source.part is not None else None)
        parts.append(f'<p style="{_STYLES[role]} {_LINE}">{body}</p>')
    if in_distribution:
        parts.append('<hr style="color: #000000;" />')
    parts.append("</body></html>")
    return "".join(parts), places


class Preview(QTextBrowser):
    sourceClicked = Signal(object)  # a click on a paragraph: the Place it comes from in the issue

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self.setLineWrapColumnOrWidth(CHARS_PER_LINE * BODY_PX + 8)
        self.setMinimumWidth(CHARS_PER_LINE * BODY_PX + 60)
        self.setStyleSheet("QTextBrowser#preview { background: white; color: black; }")
        self._places: dict[int, Place] = {}  # block number -> the place its paragraph comes from

    def show_issue(self, issue: Issue) -> None:
        """Re-render, keeping the scroll position."""
        bar = self.verticalScrollBar()
        position = bar.value()
        html, places = _issue_html(issue)
        self.setHtml(html)
        blocks = self._paragraph_blocks()
        self._places = (
            {block: place for block, place in zip(blocks, places) if place is not None}
            if len(blocks) == len(places)
            else {}  # not laid out as expected: clicks find nothing rather than the wrong place
        )
        bar.setValue(position)

    def _paragraph_blocks(self) -> list[int]:
        numbers = []
        block = self.document().begin()
        while block.isValid():
            if (
                block.blockFormat().bottomMargin() == _PARAGRAPH_BOTTOM
                and QTextCursor(block).currentTable() is None
            ):
                numbers.append(block.blockNumber())
            block = block.next()
        return numbers

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self.textCursor().hasSelection():
            return  # selecting text to copy, not clicking
        block = self.cursorForPosition(event.position().toPoint()).block()
        place = self._places.get(block.blockNumber()) if block.isValid() else None
        if place is not None:
            self.sourceClicked.emit(place)

    def scroll_to(self, place: Place) -> None:
        """Put the first paragraph printed from `place` at the top of the view."""
        number = next((n for n, p in self._places.items() if p == place), None)
        if number is None:
            return
        block = self.document().findBlockByNumber(number)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(round(top))
