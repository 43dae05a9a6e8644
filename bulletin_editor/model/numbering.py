"""Numbering derived from position: 一、 at level 1, （一） at level 2, （1） for items."""

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
