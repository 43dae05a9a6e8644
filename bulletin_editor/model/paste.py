"""Text pasted into an item editor: keep the words, repair the line breaks, drop typed numbering.

Pasted text comes from Word (one paragraph a line, \x0b for manual breaks), from PDF or
e-mail (lines hard-wrapped in the middle of a sentence) or from an earlier bulletin (with
its numbering typed in). The bulletin numbers items itself, so a typed （1） would print
twice.
"""

import re

from .text import clean_text

# （1） (1) 1. 1． 1、 with ASCII or full-width digits; "1.5万" is a number, not a label.
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*(?:[.．](?![0-9０-９])|、))\s*")
# A line ending in one of these closes its paragraph; any other line break is a wrap.
_PARAGRAPH_END = ("。", "！", "？", "；", "：", "”", "’", "）", ")", "…", "!", "?", ".")


def strip_numbering(text: str) -> str:
    """Remove one hand-typed item label at the start: （1）近日… → 近日…"""
    return _NUMBERING.sub("", text, count=1)


def paste_paragraphs(text: str) -> list[str]:
    """The paragraphs in pasted text, each cleaned and without typed numbering.

    A new paragraph starts after a blank line, before a line with typed numbering, or after
    a line that ends a sentence; other line breaks were wraps and are joined.
    """
    lines = [line.strip(" \t\u3000") for line in re.split(r"\r\n|[\r\n\x0b\x0c\u2028\u2029]", text)]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            _close(paragraphs, current)
            current = ""
            continue
        starts_new = bool(_NUMBERING.match(line)) or current.endswith(_PARAGRAPH_END)
        if starts_new:
            _close(paragraphs, current)
            current = line
        else:
            current = _join(current, line)
    _close(paragraphs, current)
    return paragraphs


def _close(paragraphs: list[str], text: str) -> None:
    text = clean_text(strip_numbering(text))
    if text:
        paragraphs.append(text)


def _join(left: str, right: str) -> str:
    """Join a wrapped line: Chinese joins directly, two Latin words keep a space."""
    if left and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right
