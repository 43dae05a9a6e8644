"""Dates as the bulletin prints them."""

import datetime as dt


def chinese_date(day: dt.date, with_year: bool = True) -> str:
    """2022年9月27日, or 9月27日 without the year."""
    month_day = f"{day.month}月{day.day}日"
    return f"{day.year}年{month_day}" if with_year else month_day


def period_line(start: dt.date, end: dt.date) -> str:
    """（8月22日—8月26日）; years are shown only when the period crosses a year's end."""
    with_year = start.year != end.year
    return f"（{chinese_date(start, with_year)}—{chinese_date(end, with_year)}）"
