"""JSON from files anyone may have written: bounded in size, nesting and digits.

The standard parser recurses (deep nesting raises RecursionError) and converts digits of any
length (more than 4,300 raise ValueError): every JSON file the program reads comes through here
and either parses or raises JsonInputError with the reason in Chinese.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import BulletinError
from ..model.limits import MAX_JSON_DEPTH


class JsonInputError(BulletinError):
    """`reason` says what is wrong, without the file's name: callers phrase the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Converting is quadratic in the digits: beyond this, a number is not converted at all. Below it,
# a number out of range reaches the range checks, which name the field.
MAX_JSON_DIGITS = 1000


class LongNumber:
    """An integer with more digits than any field allows, kept unconverted so the field that
    holds it can be named: the caller's type check refuses it."""

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"一个 {self.digits:,} 位的数"


def _bounded_int(digits: str) -> int | LongNumber:
    length = len(digits.lstrip("-"))
    return LongNumber(length) if length > MAX_JSON_DIGITS else int(digits)


def parse_json(text: str) -> Any:
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"内容不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except RecursionError:
        raise JsonInputError(f"内容嵌套过深（超过 {MAX_JSON_DEPTH} 层）") from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise JsonInputError(f"内容嵌套过深（超过 {MAX_JSON_DEPTH} 层）")
    return value


def _depth(value: Any) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        current, depth = pending.pop()
        if isinstance(current, dict):
            children = list(current.values())
        elif isinstance(current, list):
            children = current
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            return deepest
        # Only what nests further: most values are strings and numbers.
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
