"""argparse's own texts in Simplified Chinese (`usage:`, `positional arguments`, its errors).

argparse looks its texts up through gettext at the moment it prints them, and Python ships
no Chinese catalogue, so the lookup is pointed at this table. Texts not listed (a newer
Python's new message) stay English rather than fail.
"""

from __future__ import annotations

import argparse

TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python before 3.10
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中之一",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
PLURAL_TEXTS = {
    "expected %s argument": "需要 %s 个值",
    "conflicting option string: %s": "选项冲突：%s",
}


def chinese(text: str) -> str:
    return TEXTS.get(text, text)


def chinese_plural(singular: str, plural: str, n: int) -> str:
    return PLURAL_TEXTS.get(singular, singular if n == 1 else plural)


def install() -> None:
    """From now on argparse speaks Chinese (it is only ever used by this program's command line)."""
    argparse._ = chinese  # type: ignore[attr-defined]
    argparse.ngettext = chinese_plural  # type: ignore[attr-defined]
