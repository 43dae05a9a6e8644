"""Where every line and page of an issue ends, on the official grid of the layout table.

Plain Python: character widths come from a `FontMetrics` the caller supplies (the editor
measures with Qt, tests may read the font files), so the answer follows the fonts that will
print. The rules are those LibreOffice applies to the exported .docx, which the rendering
tests check line by line:

- the document grid snaps every line to a whole number of grid lines (the pitch), so a line's
  height is the pitch times the grid lines its font needs;
- Chinese line breaking: a line breaks between any two Chinese characters, never inside a
  run of Latin letters or digits; no line starts with closing punctuation or ends with
  opening punctuation; one closing mark that would overflow hangs past the margin;
- between Chinese characters and Latin letters or digits, a fifth of an em is added;
- no widow or orphan control (the print lets one line stand at a page foot); headings
  whose element asks for keep_with_next go to the next page with the line after them;
- the 版记 (distribution block) stands at the foot of the last page; when it does not fit
  under the text, it goes to a page of its own.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from .issue import Issue
from .layout import Element, Layout, fit_unit_date, load_layout
from .printed import Printed, Role, printed_paragraphs
from .tree import Place

# UAX 14 classes CL, CP, EX, IS, NS and the Chinese full-width ones: never first on a line.
NO_LINE_START = frozenset("!%),.:;?]}¢°·’”‰′″℃、。〉》」』】〕〗〞〟〙〛！％），．：；？］｝～｠…‥")
# UAX 14 classes OP and the Chinese opening quotes and brackets: never last on a line.
NO_LINE_END = frozenset("$([{£¥‘“〈《「『【〔〖〝〘〚（［｛｟￡￥")
# Closing marks that hang past the margin rather than move down with the character before.
HANGING = frozenset("，。、；：？！,.")

# Punctuation of either script: it takes the script of the character before it.
_WEAK = frozenset("“”‘’—…·")

_TWIPS_PER_PT = 20
# LibreOffice measures in whole twips, each advance rounded: a line within a twip of full
# does not fit there (the sweep's （14） line of 410.17 pt in 410.2 pt).
_TOLERANCE_PT = -0.05
# Heights are sums of floats too; a page this much too full still takes the line.
_SLACK_PT = 0.01

_MASTHEAD_FIELDS = {
    Role.TITLE: "masthead.title",
    Role.ISSUE_LINE: "masthead.number",
    Role.UNIT_DATE: "masthead.unit",
    Role.COPIES: "distribution.copies",
}

HEADINGS = frozenset({Role.PART_TITLE, Role.PERIOD, Role.LEVEL1, Role.LEVEL2})


class FontMetrics(Protocol):
    """The metrics of the font that prints for an official font name, in ems."""

    def advance(self, font: str, char: str) -> float:
        """The advance width of one character."""

    def height(self, font: str) -> float:
        """Ascent plus descent: what one line of the font needs."""


@dataclass(frozen=True)
class Line:
    paragraph: int  # index into printed_paragraphs(issue)
    role: Role
    text: str  # as printed, the date of the unit/date line after a tab
    top_pt: float  # from the page's top edge
    height_pt: float
    left_pt: float  # where the line's box starts, from the page's left edge
    width_pt: float  # the box the line is set in
    align: str  # left, center, right, justify; the last line of a justified paragraph is left
    font: str
    size_pt: float


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]  # the text, top to bottom; on the last page the 版记 rows too

    @property
    def end(self) -> str:
        """The last printed characters of the page's text (the 版记 aside), without whitespace."""
        text = [line for line in self.lines if line.role not in (Role.DISTRIBUTION, Role.COPIES)]
        return "".join(text[-1].text.split()) if text else ""


@dataclass(frozen=True)
class PageFinding:
    code: str  # heading-ends-page, imprint-own-page, unit-date-wraps, page-limit
    paragraph: int | None  # index into printed_paragraphs(issue)
    page: int
    message: str


@dataclass(frozen=True)
class Pagination:
    pages: tuple[Page, ...]
    findings: tuple[PageFinding, ...]
    paragraphs: tuple[Printed, ...]

    @property
    def ends(self) -> list[str]:
        """For every page but the last, the last printed characters of its text."""
        return [page.end for page in self.pages[:-1]]

    def place_of(self, paragraph: int) -> Place:
        """Where in the issue a printed paragraph comes from, as the checks name places."""
        printed = self.paragraphs[paragraph]
        field = _MASTHEAD_FIELDS.get(printed.role)
        if field is not None:
            return Place(field=field)
        if printed.role is Role.DISTRIBUTION:
            line = sum(p.role is Role.DISTRIBUTION for p in self.paragraphs[:paragraph])
            return Place(item=line, field="distribution")
        if printed.role is Role.PERIOD:
            return replace(printed.source, field="period")
        return printed.source

    def page_of(self, paragraph: int) -> int:
        """The page number where a printed paragraph starts (1 if it prints nowhere)."""
        for page in self.pages:
            if any(line.paragraph == paragraph for line in page.lines):
                return page.number
        return 1


def paginate(
    issue: Issue, metrics: FontMetrics, layout: Layout | None = None, page_limit: int | None = None
) -> Pagination:
    global _last_set
    layout = layout or load_layout()
    paragraphs = printed_paragraphs(issue)
    paginator = _Paginator(layout, metrics)
    if _last_set is not None and _last_set[0] is metrics and _last_set[1] is layout:
        paginator.earlier = _last_set[2]
    pagination = paginator.run(paragraphs, page_limit)
    _last_set = (metrics, layout, paginator.set_now)
    return pagination


# The paragraphs of the last pagination set into lines, by (index, role, runs), for the next one
# with the same metrics and layout: a keystroke changes one paragraph, and setting the lines is
# nine tenths of the work (cProfile, 10x the sample). Only the last run's are kept.
_last_set: tuple[FontMetrics, Layout, dict[tuple, _Block]] | None = None


def is_chinese(char: str) -> bool:
    """Chinese characters and full-width punctuation: a line may break before and after each."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or char in "“”‘’—…·"
    )


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def break_lines(chars: Sequence[str], widths: Sequence[float], first_width: float, width: float) -> list[int]:
    """Where each line after the first starts: indexes into chars.

    `widths` are the advances with any spacing; the first line is `first_width` wide (its
    indent taken off), the rest `width`."""
    starts: list[int] = []
    start = 0
    n = len(chars)
    while start < n:
        room = first_width if not starts and start == 0 else width
        used = 0.0
        end = start
        while end < n and used + widths[end] <= room + _TOLERANCE_PT:
            used += widths[end]
            end += 1
        if end >= n:
            break
        if chars[end] in HANGING and _may_break(chars, end + 1, start):
            end += 1  # the mark hangs in the margin
            if end >= n:
                break
        cut = end
        while cut > start and not _may_break(chars, cut, start):
            cut -= 1
        if cut == start:  # one unbreakable run longer than the line: break it where it overflows
            cut = max(end, start + 1)
        starts.append(cut)
        start = cut
    return starts


def _may_break(chars: Sequence[str], index: int, start: int) -> bool:
    """May a line end before chars[index] (and so the next one start there)?"""
    if index <= start:
        return False
    if index >= len(chars):
        return True
    before, after = chars[index - 1], chars[index]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before.isspace():
        return True
    if after.isspace():
        return False
    return is_chinese(before) or is_chinese(after)


@dataclass
class _Block:
    """One printed paragraph set into lines, before it is placed on a page."""

    paragraph: int
    role: Role
    lines: list[Line]  # top_pt relative to the block's first line
    before_pt: float
    after_pt: float
    extra_pt: float  # rules under the paragraph
    keep_with_next: bool


class _Paginator:
    def __init__(self, layout: Layout, metrics: FontMetrics) -> None:
        page = layout.page
        self.layout = layout
        self.metrics = metrics
        self.pitch = layout.line_pitch_twips / _TWIPS_PER_PT
        self.top = page.margin_top_twips / _TWIPS_PER_PT
        self.bottom = (page.height_twips - page.margin_bottom_twips) / _TWIPS_PER_PT
        self.left = page.margin_left_twips / _TWIPS_PER_PT
        self.type_width = layout.type_width_twips / _TWIPS_PER_PT
        self.body_size = page.body_size_pt
        self.earlier: dict[tuple, _Block] = {}  # set by an earlier run with these metrics
        self.set_now: dict[tuple, _Block] = {}

    # --- one paragraph -------------------------------------------------------------------

    def spec(self, role: Role) -> Element:
        return self.layout.elements[self.layout.paragraph_element(role)]

    def spacing(self, size_pt: float) -> float:
        # The exporter condenses body-sized text only (its other sizes keep 0).
        return self.layout.char_spacing_twips / _TWIPS_PER_PT if size_pt == self.body_size else 0.0

    @functools.cache  # noqa: B019 - one paginator per run; fonts repeat on every line
    def line_height(self, font: str, size_pt: float) -> float:
        needed = self.metrics.height(font) * size_pt
        return max(1, math.ceil(needed / self.pitch - 1e-6)) * self.pitch

    def advances(self, runs: Sequence[tuple[str, str]], size_pt: float) -> tuple[list[str], list[float]]:
        """Characters and their advances for (font, text) runs, spacing and autospace included."""
        spacing = self.spacing(size_pt)
        chars: list[str] = []
        widths: list[float] = []
        script = None
        for font, text in runs:
            for char in text:
                width = self.metrics.advance(font, char) * size_pt + spacing
                current = script if char in _WEAK or char.isspace() else is_chinese(char)
                if chars and script is not None and current != script:
                    # LibreOffice condenses within a script's run only, not across the change.
                    widths[-1] -= spacing
                    if _autospaced(chars[-1], char):
                        widths[-1] += size_pt / 5
                script = current
                chars.append(char)
                widths.append(width)
        return chars, widths

    def block(self, index: int, printed: Printed) -> _Block:
        spec = self.spec(printed.role)
        size = spec.size_pt
        assert size is not None
        font = spec.font
        if printed.role is Role.RUN_IN:
            runs = [(self.layout.element(Role.RUN_IN).font, printed.runs[0]), (font, printed.runs[1])]
        else:
            runs = [(font, printed.text)]
        indent = (spec.indent_chars or 0) * size
        left = self.left + indent
        width = self.type_width - 2 * indent
        first_indent = (spec.first_line_chars or 0) * size
        height = self.line_height(font, size)
        align = spec.align or "justify"

        def line(text: str, top: float, x: float, w: float, line_align: str) -> Line:
            return Line(index, printed.role, text, top, height, x, w, line_align, font, size)

        if printed.role is Role.UNIT_DATE:
            lines = self._unit_date(printed, line, width, size)
        else:
            chars, widths = self.advances(runs, size)
            starts = [0, *break_lines(chars, widths, width - first_indent, width), len(chars)]
            lines = []
            for n, (a, b) in enumerate(itertools.pairwise(starts)):
                last = b == len(chars)
                x, w = (left + first_indent, width - first_indent) if n == 0 else (left, width)
                lines.append(
                    line(
                        "".join(chars[a:b]),
                        n * height,
                        x,
                        w,
                        "left" if last and align == "justify" else align,
                    )
                )
        extra = spec.rule_width_pt + 1 if spec.rule_width_pt is not None else 0.0  # rule and its 1 pt gap
        return _Block(index, printed.role, lines, spec.before_pt, spec.after_pt, extra, spec.keep_with_next)

    def _unit_date(self, printed: Printed, line, width: float, size: float) -> list[Line]:
        """Unit flush left, date on the right tab, condensed as the exporter does; beyond the
        layout table's limits the date breaks on."""
        unit, date = printed.runs
        font = self.spec(printed.role).font
        fit = fit_unit_date(self.layout, unit, date)  # the exporter condenses, then shrinks
        size = fit.size_pt
        chars, widths = self.advances([(font, unit), (font, "\t"), (font, date)], size)
        widths = [w + fit.spacing_twips / _TWIPS_PER_PT for w in widths]
        tab = len(unit)
        widths[tab] = size  # at least a gap of one character before the date
        if sum(widths) <= width + _TOLERANCE_PT:
            return [line(f"{unit}\t{date}", 0.0, self.left, width, "left")]
        widths[tab] = 0.0
        starts = [0, *break_lines(chars, widths, width, width), len(chars)]
        height = self.line_height(font, size)
        return [
            line("".join(chars[a:b]).replace("\t", " ").strip(), n * height, self.left, width, "left")
            for n, (a, b) in enumerate(itertools.pairwise(starts))
        ]

    # --- pages -----------------------------------------------------------------------------

    def set_block(self, index: int, printed: Printed) -> _Block:
        key = (index, printed.role, printed.runs)
        block = self.earlier.get(key)
        if block is None:
            block = self.block(index, printed)
        self.set_now[key] = block
        return block

    def run(self, paragraphs: list[Printed], page_limit: int | None) -> Pagination:
        blocks = [self.set_block(i, p) for i, p in enumerate(paragraphs)]
        text = [b for b in blocks if b.role not in (Role.DISTRIBUTION, Role.COPIES)]
        distribution = [b for b in blocks if b.role in (Role.DISTRIBUTION, Role.COPIES)]
        pages: list[list[Line]] = [[]]
        findings: list[PageFinding] = []
        y = self.top
        for n, block in enumerate(text):
            y += block.before_pt if pages[-1] or len(pages) == 1 else 0.0
            if block.keep_with_next and n + 1 < len(text):
                follower = text[n + 1]
                needed = sum(line.height_pt for line in block.lines) + block.after_pt
                needed += follower.before_pt + follower.lines[0].height_pt
                if pages[-1] and y + needed > self.bottom + _SLACK_PT:
                    findings.append(self._heading_finding(block, len(pages), moved=True))
                    pages.append([])
                    y = self.top
            for line in block.lines:
                if pages[-1] and y + line.height_pt > self.bottom + _SLACK_PT:
                    pages.append([])
                    y = self.top
                pages[-1].append(_placed(line, y))
                y += line.height_pt
            y += block.extra_pt + block.after_pt
        findings.extend(self._headings_at_foot(pages, text))
        if distribution:
            rows, height = self._distribution(distribution)
            if y + height > self.bottom + _SLACK_PT:
                findings.append(
                    PageFinding(
                        "imprint-own-page",
                        distribution[0].paragraph,
                        len(pages),
                        f"版记在第 {len(pages)} 页放不下，将单独占用第 {len(pages) + 1} 页",
                    )
                )
                pages.append([])
            pages[-1].extend(rows)
        findings.extend(self._unit_date_findings(text))
        if page_limit and len(pages) > page_limit:
            findings.append(
                PageFinding(
                    "page-limit", None, len(pages), f"全文共 {len(pages)} 页，超过设定的 {page_limit} 页"
                )
            )
        return Pagination(
            tuple(Page(i + 1, tuple(lines)) for i, lines in enumerate(pages)),
            tuple(findings),
            tuple(paragraphs),
        )

    def _distribution(self, blocks: list[_Block]) -> tuple[list[Line], float]:
        """The 版记's rows placed at the foot of the page, and the block's height."""
        spec = self.layout.element(Role.DISTRIBUTION)
        assert spec.outer_rule_pt is not None and spec.inner_rule_pt is not None
        outer, inner = spec.outer_rule_pt, spec.inner_rule_pt
        heights = [sum(line.height_pt for line in b.lines) for b in blocks]
        total = sum(heights) + 2 * outer + inner * (len(blocks) - 1)
        y = self.bottom - total + outer
        placed: list[Line] = []
        for block, height in zip(blocks, heights):
            placed.extend(_placed(line, y + line.top_pt) for line in block.lines)
            y += height + inner
        return placed, total

    def _headings_at_foot(self, pages: list[list[Line]], text: list[_Block]) -> list[PageFinding]:
        """Headings that are the last line of a page, their text starting on the next."""
        out = []
        by_index = {b.paragraph: b for b in text}
        for number, lines in enumerate(pages[:-1], start=1):
            if lines and lines[-1].role in HEADINGS:
                out.append(self._heading_finding(by_index[lines[-1].paragraph], number, moved=False))
        return out

    def _heading_finding(self, block: _Block, page: int, moved: bool) -> PageFinding:
        title = "".join(line.text for line in block.lines)
        if moved:
            message = f"标题“{title}”落在第 {page} 页末，已随下文移到第 {page + 1} 页，第 {page} 页末留有空白"
        else:
            message = f"标题“{title}”落在第 {page} 页末，正文从第 {page + 1} 页开始"
        return PageFinding("heading-ends-page", block.paragraph, page, message)

    def _unit_date_findings(self, text: list[_Block]) -> list[PageFinding]:
        return [
            PageFinding("unit-date-wraps", b.paragraph, 1, "发文单位和日期一行放不下，将折成两行")
            for b in text
            if b.role is Role.UNIT_DATE and len(b.lines) > 1
        ]


def _autospaced(before: str, after: str) -> bool:
    return (_is_ideograph(before) and _is_latin(after)) or (_is_latin(before) and _is_ideograph(after))


def _placed(line: Line, top: float) -> Line:
    # The constructor, not dataclasses.replace (five times slower): this runs for every line
    # of every refresh.
    return Line(
        line.paragraph,
        line.role,
        line.text,
        top,
        line.height_pt,
        line.left_pt,
        line.width_pt,
        line.align,
        line.font,
        line.size_pt,
    )
