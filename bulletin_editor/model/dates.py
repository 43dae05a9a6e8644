"""Dates as the bulletin prints them."""

import datetime as dt
import re


def chinese_date(day: dt.date, with_year: bool = True) -> str:
    """2022年9月27日, or 9月27日 without the year."""
    month_day = f"{day.month}月{day.day}日"
    return f"{day.year}年{month_day}" if with_year else month_day


def period_line(start: dt.date, end: dt.date) -> str:
    """（8月22日—8月26日）; years are shown only when the period crosses a year's end."""
    with_year = start.year != end.year
    return f"（{chinese_date(start, with_year)}—{chinese_date(end, with_year)}）"


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")

# 2022-10-04, 2022/10/4, 2022.10.4, 2022年10月4日 (spaces allowed), or eight digits 20221004.
_TYPED_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*$"
)


def parse_date(text: str) -> dt.date | None:
    """A date as a person types it, or None when `text` is not a whole, real date."""
    found = _TYPED_DATE.match(text.translate(_FULL_WIDTH_DIGITS))
    if found is None:
        return None
    year, *rest = found.groups()
    month, day = (int(x) for x in rest if x is not None)
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None
