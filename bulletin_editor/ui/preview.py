"""The live preview: the issue as it will print, rendered from printed_paragraphs as HTML.

It reads the same flat printed form as the .docx writer, so numbering and text match the
export. Sizes are the print's in px (16 pt body → 16 px) and a line holds 28 characters,
as on paper; the rest (exact page breaks) is left to Word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..model import Issue, Printed, Role, printed_paragraphs
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


@dataclass(frozen=True)
class _Chunk:
    """A piece of the preview's HTML; a paragraph (<p>, one block of the document) has its
    role and the place it comes from (None for the masthead's)."""

    html: str
    role: Role | None = None  # None: not a paragraph
    place: Place | None = None

    @property
    def paragraph(self) -> bool:
        return self.role is not None


def issue_html(issue: Issue) -> str:
    return _html(_chunks(printed_paragraphs(issue)))


def _html(chunks: list[_Chunk]) -> str:
    return "<html><body>" + "".join(chunk.html for chunk in chunks) + "</body></html>"


def _chunks(paragraphs: Iterable[Printed]) -> list[_Chunk]:
    """The HTML in pieces, a paragraph each.

    No <a name> per paragraph: Qt's HTML import grows faster than the text with one anchor
    each (127 ms against 28 ms at 1,600 paragraphs); blocks are matched to places instead.
    """
    from html import escape  # not at start-up: the preview is filled once the window shows

    chunks: list[_Chunk] = []
    in_distribution = False
    for printed in paragraphs:
        role = printed.role
        if role in (Role.DISTRIBUTION, Role.COPIES) and not in_distribution:
            chunks.append(_Chunk('<hr style="color: #000000;" />'))
            in_distribution = True
        if role is Role.UNIT_DATE:
            unit, date = (escape(r) for r in printed.runs)
            chunks.append(
                _Chunk(
                    f'<table width="100%" style="font-family: {_FANGSONG}; font-size: 15px; margin-top: 8px;">'
                    f'<tr><td>{unit}</td><td align="right">{date}</td></tr></table>'
                    '<hr style="background-color: #ff0000; margin-top: 2px;" />'
                )
            )
            continue
        if role is Role.RUN_IN:
            heading, result = (escape(r) for r in printed.runs)
            body = f'<span style="font-family: {_KAITI};">{heading}</span>{result}'
        else:
            body = escape(printed.text).replace("\n", "<br/>")
        place = printed.source if printed.source.part is not None else None
        chunks.append(_Chunk(f'<p style="{_STYLES[role]} {_LINE}">{body}</p>', role, place))
    if in_distribution:
        chunks.append(_Chunk('<hr style="color: #000000;" />'))
    return chunks


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
        self.document().setUndoRedoEnabled(False)  # paragraphs replaced in place keep no history
        self._chunks: list[_Chunk] = []  # as shown
        self._blocks: list[int] = []  # the block number of each paragraph chunk, in order
        self._places: dict[int, Place] = {}  # block number -> the place its paragraph comes from

    def show_issue(self, issue: Issue, paragraphs: Sequence[Printed] | None = None) -> None:
        """Re-render, keeping the scroll position: only the changed paragraphs when nothing
        else changed (typing costs the same at any size), else the whole document.
        `paragraphs`: the issue's printed paragraphs, when the caller has them already."""
        chunks = _chunks(printed_paragraphs(issue) if paragraphs is None else paragraphs)
        if not self._replace_paragraphs(chunks):
            bar = self.verticalScrollBar()
            position = bar.value()
            self.setHtml(_html(chunks))
            self._blocks = self._paragraph_blocks()
            bar.setValue(position)
        self._chunks = chunks
        places = [chunk.place for chunk in chunks if chunk.paragraph]
        self._places = (
            {block: place for block, place in zip(self._blocks, places) if place is not None}
            if len(self._blocks) == len(places)
            else {}  # not laid out as expected: clicks find nothing rather than the wrong place
        )

    def _replace_paragraphs(self, chunks: list[_Chunk]) -> bool:
        """Replace the text of the paragraphs that differ from those shown; False (nothing
        done) when anything but paragraphs differs."""
        shown = self._chunks
        if len(shown) != len(chunks) or len(self._blocks) != sum(c.paragraph for c in shown):
            return False
        changed, paragraph = [], -1
        for old, new in zip(shown, chunks):
            paragraph += old.paragraph
            if old != new:
                if not old.paragraph or old.role is not new.role:
                    return False  # the blocks or a block's format would change
                changed.append((self._blocks[paragraph], new.html))
        document = self.document()
        count = document.blockCount()
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number, html in changed:
            block = document.findBlockByNumber(number)
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertFragment(QTextDocumentFragment.fromHtml(html))
        cursor.endEditBlock()
        return document.blockCount() == count  # else a paragraph split: re-render it all

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
