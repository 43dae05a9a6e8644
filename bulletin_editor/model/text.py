"""Cleaning of text where it enters the model.

Word and pasted text carry control characters that XML 1.0 forbids (python-docx raises
ValueError on them). A vertical tab is Word's manual line break and a form feed its page
break: both become "\n", which the exporter writes as a line break. The rest are dropped.
"""

import re

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
# Lone surrogates cannot be encoded at all (a damaged file, a bad paste): dropped with the rest.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's own "line break" stays a break; runs of blank lines collapse so no empty line prints.
_BLANK_LINES = re.compile(r"[ \t\u3000]*\n\s*")


def clean_text(text: str) -> str:
    """Return `text` with forbidden characters removed, line breaks unified, ends trimmed."""
    if text.isprintable():  # no line break, control, surrogate or noncharacter: nothing to clean
        return text.strip()
    text = _LINE_BREAKS.sub("\n", text)
    text = _FORBIDDEN.sub("", text)
    text = _BLANK_LINES.sub("\n", text)
    return text.strip()


# Typed text as recognisers compare it: half-width brackets and colons, full-width digits and
# spaces vary from one typist to the next.
_HALF_TO_FULL = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ":": "：",
        "０": "0",
        "１": "1",
        "２": "2",
        "３": "3",
        "４": "4",
        "５": "5",
        "６": "6",
        "７": "7",
        "８": "8",
        "９": "9",
    }
)


def match_key(text: str) -> str:
    """Text normalised for recognition: ASCII digits, full-width brackets, no spaces."""
    return re.sub(r"\s+", "", text.translate(_HALF_TO_FULL))
