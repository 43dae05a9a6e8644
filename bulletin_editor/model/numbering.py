"""Numbering derived from position: 一、 at level 1, （一） at level 2, （1） for items."""

from __future__ import annotations

from .issue import Section, SectionKind

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (sections never reach 100)."""
    if not 1 <= n <= 99:
        raise ValueError(f"section number out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


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
    numbered = section.kind in (SectionKind.NEWS, SectionKind.VISITS) and len(section.items) > 1
    return [item_label(i) if numbered else "" for i in range(len(section.items))]
