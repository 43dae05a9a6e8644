"""JSON from files anyone may have written: bounded in size, nesting and digits.

The standard parser recurses (deep nesting raises RecursionError) and converts digits of any
length (more than 4,300 raise ValueError): every JSON file the program reads comes through here
and either parses or raises JsonInputError with the reason in Chinese.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import BulletinError
from ..model.limits import MAX_DIGITS, MAX_JSON_DEPTH


class JsonInputError(BulletinError):
    """`reason` says what is wrong, without the file's name: callers phrase the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _TooManyDigits(Exception):
    pass


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _TooManyDigits(len(digits.lstrip("-")))
    return int(digits)


def parse_json(text: str) -> Any:
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise JsonInputError(f"内容不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except RecursionError:
        raise JsonInputError(f"内容嵌套过深（超过 {MAX_JSON_DEPTH} 层）") from None
    except _TooManyDigits as exc:
        raise JsonInputError(f"内容中有一个 {exc.args[0]:,} 位的数，超出任何字段的范围") from None
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
        pending.extend((child, depth + 1) for child in children)
    return deepest
