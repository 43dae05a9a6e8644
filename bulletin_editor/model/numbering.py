"""Numbering derived from position: 一、 at level 1, （一） at level 2, （1） for items."""

from __future__ import annotations

from .issue import Section, SectionKind

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 101 → 一百零一, 1010 → 一千零一十."""
    if not 1 <= n <= 9999:
        raise ValueError(f"number out of range for a Chinese numeral: {n}")
    if n < 20:  # 十, 十二: no leading 一 below twenty
        return ("十" if n >= 10 else "") + (_DIGITS[n % 10] if n % 10 else "")
    out: list[str] = []
    gap = False  # a zero between digits reads 零 once
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if gap and out:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            gap = False
        elif out:
            gap = True
    return "".join(out)


def level1_label(index: int) -> str:
    return f"{chinese_numeral(index + 1)}、"


def level2_label(index: int) -> str:
    return f"（{chinese_numeral(index + 1)}）"


def item_label(index: int) -> str:
    return f"（{index + 1}）"


def item_labels(section: Section) -> list[str]:
    """Each item's printed number: （1）… for news and visits when there are two or more,
    （一）… for an inspection's headed checks (its intro is unnumbered), nothing for free text."""
    if section.kind is SectionKind.INSPECTION:
        labels, checks = [], 0
        for item in section.items:
            labels.append(level2_label(checks) if item.heading else "")
            checks += bool(item.heading)
        return labels
    if not _numbered(section):
        return [""] * len(section.items)
    return [item_label(i) for i in range(len(section.items))]


def item_number(section: Section, index: int) -> str:
    """`item_labels(section)[index]`, without numbering the other items where the position
    alone decides (everywhere but an inspection): typing costs the same in any section."""
    if section.kind is SectionKind.INSPECTION:
        return item_labels(section)[index]
    return item_label(index) if _numbered(section) else ""


def _numbered(section: Section) -> bool:
    return section.kind in (SectionKind.NEWS, SectionKind.VISITS) and len(section.items) > 1
