"""The layout table (resources/layout.toml), loaded once into frozen dataclasses and validated.

Every entry is `{ value = …, basis = "…" }`; the basis is for the people who adjust the table.
A missing, unknown or mistyped key fails when the table is loaded, with a message naming it,
never half-way through an export. The exporter and the pagination model both read the page
geometry, the keep rules and the 版记 placement from here, so they cannot disagree.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import tomllib
import types
import typing
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ..errors import BulletinError
from ..paths import resource_path
from .printed import Role

TWIPS_PER_MM = 1440 / 25.4
Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Page:
    width_twips: int
    height_twips: int
    margin_top_twips: int
    margin_bottom_twips: int
    margin_left_twips: int
    margin_right_twips: int
    chars_per_line: int
    lines_per_page: int
    body_size_pt: float
    page_number_below_type_mm: float  # from the type area's bottom edge to the number's baseline


@dataclass(frozen=True)
class Element:
    """One printed element: its named style and how it is set. Absent values are not set."""

    style: str  # the style name Word shows
    font: str
    size_pt: float | None = None
    color: str | None = None
    align: Align | None = None
    line_pt: float | None = None  # an exact line height other than the grid's
    before_pt: float = 0
    after_pt: float = 0
    first_line_chars: int | None = None
    indent_chars: int | None = None
    outline_level: int | None = None
    keep_with_next: bool = False  # never the last line of a page: it stays with what follows
    paragraph: str | None = None  # a character style: the element of the paragraphs it is used in
    hang_after: str | None = None  # wrapped lines start after the first of these characters
    rule_color: str | None = None
    rule_width_pt: float | None = None
    outer_rule_pt: float | None = None
    inner_rule_pt: float | None = None
    min_spacing_twips: int | None = None  # how far the line may be condensed to stay one line
    min_size_pt: float | None = None  # how far it may then shrink
    gap_chars: float | None = None  # the least room between the unit and the date
    dash: str | None = None
    baseline_em: float | None = None  # the baseline's height above its line's bottom edge


@dataclass(frozen=True)
class Imprint:
    """The 版记 (报/送/发 and the copies line): where and how it is set."""

    construct: Literal["frame"]
    anchor: Literal["type_area_bottom"]
    split: bool
    last_page_only: bool


@dataclass(frozen=True)
class Layout:
    page: Page
    imprint: Imprint
    elements: dict[str, Element]

    def element(self, role: Role) -> Element:
        return self.elements[role.value]

    def paragraph_element(self, role: Role) -> str:
        """The element whose paragraph style a paragraph of `role` takes."""
        return self.elements[role.value].paragraph or role.value

    @staticmethod
    def style_id(element: str) -> str:
        """ASCII style ids (the Chinese names are what Word shows): run_in -> BulletinRunIn."""
        return "Bulletin" + "".join(word.capitalize() for word in element.split("_"))

    @property
    def type_width_twips(self) -> int:
        p = self.page
        return p.width_twips - p.margin_left_twips - p.margin_right_twips

    @property
    def type_height_twips(self) -> int:
        p = self.page
        return p.height_twips - p.margin_top_twips - p.margin_bottom_twips

    @property
    def line_pitch_twips(self) -> int:
        """The exact line height that fits lines_per_page lines in the type area."""
        return self.type_height_twips // self.page.lines_per_page

    @property
    def char_spacing_twips(self) -> int:
        """Spacing (negative: condensed) that fits chars_per_line body characters in a line."""
        per_char = self.type_width_twips / self.page.chars_per_line
        return math.floor(per_char - self.page.body_size_pt * 20)

    @property
    def footer_distance_twips(self) -> int:
        """From the page's bottom edge to the footer line's bottom edge, so that the page
        number's baseline stands page_number_below_type_mm under the type area."""
        number = self.elements["page_number"]
        assert number.line_pt is not None and number.baseline_em is not None
        baseline_above_bottom = number.baseline_em * number.line_pt * 20
        below_type = self.page.page_number_below_type_mm * TWIPS_PER_MM
        return round(self.page.margin_bottom_twips - below_type - baseline_above_bottom)


class LayoutError(BulletinError):
    pass


@functools.cache
def load_layout() -> Layout:
    """The table, read and checked once."""
    path = resource_path("layout.toml")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(f"版式表“{path}”无法读取：{exc}") from None
    return parse_layout(table)


def parse_layout(table: dict) -> Layout:
    groups = dict(table)
    elements = groups.pop("elements", None)
    if not isinstance(elements, dict):
        raise LayoutError("版式表缺少 [elements] 部分")
    layout = Layout(
        _build(Page, groups.pop("page", None), "page"),
        _build(Imprint, groups.pop("imprint", None), "imprint"),
        {name: _build(Element, group, f"elements.{name}") for name, group in elements.items()},
    )
    for name in groups:
        raise LayoutError(f"版式表中有未知的部分 [{name}]")
    _check_elements(layout)
    return layout


@functools.cache
def _type_hints(cls) -> dict:
    """Once per class: evaluating the annotations is most of reading the table (the editor's
    masthead reads it at start-up)."""
    return typing.get_type_hints(cls)


def _build(cls, group, where: str):
    if not isinstance(group, dict):
        raise LayoutError(f"版式表缺少 [{where}] 部分")
    hints = _type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values = {}
    for key, entry in group.items():
        if key not in fields:
            raise LayoutError(f"版式表 [{where}] 中有未知的键“{key}”")
        if not isinstance(entry, dict) or set(entry) != {"value", "basis"} or not str(entry["basis"]).strip():
            raise LayoutError(f'版式表 [{where}] 的“{key}”应写成 {{ value = …, basis = "依据" }}')
        values[key] = _checked(entry["value"], hints[key], f"[{where}] 的“{key}”")
    for name, f in fields.items():
        if name not in values and f.default is dataclasses.MISSING:
            raise LayoutError(f"版式表 [{where}] 缺少“{name}”")
    return cls(**values)


def _checked(value, hint, where: str):
    allowed = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    for kind in allowed:
        if kind is type(None):
            continue
        if typing.get_origin(kind) is Literal:
            if value in typing.get_args(kind):
                return value
            choices = "、".join(typing.get_args(kind))
            raise LayoutError(f"版式表 {where} 应为 {choices} 之一，而不是“{value}”")
        if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
    names = {int: "整数", float: "数值", str: "文字", bool: "true 或 false"}
    expected = "或".join(names.get(k, str(k)) for k in allowed if k is not type(None))
    raise LayoutError(f"版式表 {where} 应为{expected}，而不是“{value}”")


def _check_elements(layout: Layout) -> None:
    needed = {role.value for role in Role} | {"page_number"}
    for name in sorted(needed - layout.elements.keys()):
        raise LayoutError(f"版式表缺少 [elements.{name}]")
    for name, element in layout.elements.items():
        if element.paragraph is not None and element.paragraph not in layout.elements:
            raise LayoutError(
                f"版式表 [elements.{name}] 的“paragraph”指向不存在的 [elements.{element.paragraph}]"
            )
        if element.paragraph is None and element.size_pt is None:
            raise LayoutError(f"版式表 [elements.{name}] 缺少“size_pt”")
    number = layout.elements["page_number"]
    if number.line_pt is None or number.baseline_em is None:
        raise LayoutError("版式表 [elements.page_number] 需要“line_pt”和“baseline_em”")
    unit_date = layout.elements[Role.UNIT_DATE.value]
    if None in (unit_date.min_spacing_twips, unit_date.min_size_pt, unit_date.gap_chars):
        raise LayoutError("版式表 [elements.unit_date] 需要“min_spacing_twips”“min_size_pt”和“gap_chars”")


def width_em(text: str) -> float:
    """The advance of `text` in ems: Chinese and full-width characters one, the rest half."""
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


@dataclass(frozen=True)
class LineFit:
    """How the unit/date line is set so that it stays one line."""

    size_pt: float
    spacing_twips: int  # character spacing, negative: condensed
    fits: bool  # False: even at the table's limits the line is too long
    room_chars: float  # at the official size: room left (negative: how much too long)


def fit_unit_date(layout: Layout, unit: str, date: str) -> LineFit:
    """Condense first, then shrink, down to the table's limits (practice, see layout.toml)."""
    spec = layout.element(Role.UNIT_DATE)
    assert spec.size_pt and spec.gap_chars is not None and spec.min_spacing_twips is not None
    assert spec.min_size_pt is not None
    ems = width_em(unit) + spec.gap_chars + width_em(date)
    count = len(unit) + len(date)
    room = layout.type_width_twips - ems * spec.size_pt * 20
    room_chars = room / (spec.size_pt * 20)
    if room >= 0:
        return LineFit(spec.size_pt, 0, True, room_chars)
    spacing = math.floor(room / count)
    if spacing >= spec.min_spacing_twips:
        return LineFit(spec.size_pt, spacing, True, room_chars)
    spacing = spec.min_spacing_twips
    size = math.floor((layout.type_width_twips - count * spacing) / (ems * 20) * 2) / 2
    if size >= spec.min_size_pt:
        return LineFit(size, spacing, True, room_chars)
    return LineFit(spec.min_size_pt, spacing, False, room_chars)


def unit_chars_over(layout: Layout, unit: str, date: str) -> int:
    """How many characters the unit must lose for the line to fit at the table's limits."""
    return next(
        (k for k in range(len(unit) + 1) if fit_unit_date(layout, unit[: len(unit) - k], date).fits),
        len(unit),
    )
