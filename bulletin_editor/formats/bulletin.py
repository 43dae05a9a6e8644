"""The .bulletin issue file: UTF-8 JSON, human-readable and diff-friendly.

    {"format": "bulletin-editor", "version": 1, "issue": {...}}

The JSON mirrors the model's dataclasses field by field; loading checks every field and
names the first one that is missing or of the wrong type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import os
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import BulletinError
from ..model import Issue
from ..model.limits import LimitError, check_issue
from ..paths import resource_path
from ..storage.atomic import atomic_write
from ..storage.files import read_user_file
from .json_input import JsonInputError, LongNumber, parse_json

FORMAT = "bulletin-editor"
VERSION = 3
SUFFIX = ".bulletin"
# Far above any issue (the sample is 20 KB), far below what would cost minutes to read.
MAX_BYTES = 16 * 1024 * 1024

# MIGRATIONS[n] turns a version-n document (the whole top-level dict) into version n + 1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {
    1: lambda document: {**document, "version": 2},  # 2 adds statistics.previous (上期), optional
    2: lambda document: {**document, "version": 3},  # 3 adds issue.ignored (忽略的检查结果), optional
}


class IssueFileError(BulletinError):
    pass


def issue_to_document(issue: Issue) -> dict[str, Any]:
    """The file's top-level object, for embedding in other JSON (autosaves)."""
    return {"format": FORMAT, "version": VERSION, "issue": _encode(issue)}


def issue_to_json(issue: Issue) -> str:
    return json.dumps(issue_to_document(issue), ensure_ascii=False, indent=2) + "\n"


def issue_from_json(text: str, name: str = "文件") -> Issue:
    """Parse and validate; `name` is how error messages refer to the source."""
    if len(text) > MAX_BYTES:
        raise IssueFileError(f"{name}过大（超过 {MAX_BYTES // 1024 // 1024} MB），不像是周报文件")
    try:
        document = parse_json(text)
    except JsonInputError as exc:
        raise IssueFileError(f"{name}不是周报文件：{exc.reason}") from None
    return issue_from_document(document, name)


def issue_from_document(document: Any, name: str = "文件") -> Issue:
    """Validate (and migrate) a file's top-level object already parsed from JSON."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise IssueFileError(f'{name}不是周报编辑器的文件（缺少 "format": "{FORMAT}"）')
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise IssueFileError(f"{name}的格式版本号无效：{version!r}")
    if version > VERSION:
        raise IssueFileError(
            f"{name}由更新版本的周报编辑器保存（文件格式版本 {version}，"
            f"本程序只支持到版本 {VERSION}），请升级周报编辑器后再打开"
        )
    while version < VERSION:
        document = MIGRATIONS[version](document)
        version += 1
    if "issue" not in document:
        raise IssueFileError(f"{name}内容有误：缺少字段 issue")
    try:
        issue = _decode(Issue, document["issue"], "issue")
        check_issue(issue)
    except (_FieldError, LimitError) as exc:
        raise IssueFileError(f"{name}内容有误：{exc}") from None
    return issue


def save_issue(issue: Issue, path: str | os.PathLike) -> None:
    atomic_write(path, issue_to_json(issue).encode("utf-8"))


def load_issue(path: str | os.PathLike) -> Issue:
    path = Path(path)
    name = f"“{path.name}”"
    raw = read_user_file(path, "周报文件", MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IssueFileError(f"{name}不是周报文件：内容不是 UTF-8 文本") from None
    return issue_from_json(text, name)


class _FieldError(Exception):
    pass


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


_TYPE_NAMES = {
    int: "整数",
    str: "文本",
    bool: "是/否",
    dict: "对象",
    list: "列表",
    dt.date: "日期（YYYY-MM-DD）",
}


@functools.cache
def _kind_of(kind: Any) -> tuple[bool, str, Any]:
    """How a value of type `kind` is read: whether it may be None, the way, and the type
    itself (a list's: the type of its elements); once per type, not once per value."""
    optional = False
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        optional = type(None) in options
        (kind,) = [o for o in options if o is not type(None)]
    if typing.get_origin(kind) is list:
        return optional, "list", typing.get_args(kind)[0]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return optional, "dataclass", kind
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return optional, "enum", kind
    return optional, "value", kind


def _decode(kind: Any, value: Any, where: str) -> Any:
    optional, way, kind = _kind_of(kind)
    if value is None and optional:
        return None
    if way == "list":
        if not isinstance(value, list):
            raise _FieldError(f"{where} 应为{_TYPE_NAMES[list]}")
        return [_decode(kind, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if way == "dataclass":
        return _decode_dataclass(kind, value, where)
    if way == "enum":
        try:
            return kind(value)
        except ValueError:
            allowed = "、".join(m.value for m in kind)
            raise _FieldError(f"{where} 的值 {value!r} 无效，应为 {allowed} 之一") from None
    if kind is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _FieldError(f"{where} 应为{_TYPE_NAMES[dt.date]}，而不是 {value!r}") from None
    if isinstance(value, LongNumber):
        raise _FieldError(f"{where} 是{value!r}，超出范围")
    if type(value) is not kind:  # exact: a bool is not an int, a float is not an int
        raise _FieldError(f"{where} 应为{_TYPE_NAMES[kind]}，而不是 {value!r}")
    return value


@functools.cache
def _fields_of(kind: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field]]:
    # get_type_hints evaluates every annotation: too slow to repeat for each object read.
    return typing.get_type_hints(kind), {f.name: f for f in dataclasses.fields(kind)}


def _decode_dataclass(kind: type, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise _FieldError(f"{where} 应为{_TYPE_NAMES[dict]}")
    hints, fields = _fields_of(kind)
    unknown = set(value) - set(fields)
    if unknown:
        raise _FieldError(f"{where} 含有未知字段 {sorted(unknown)[0]}")
    arguments = {}
    for name, f in fields.items():
        if name in value:
            arguments[name] = _decode(hints[name], value[name], f"{where}.{name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise _FieldError(f"{where} 缺少字段 {name}")
    return kind(**arguments)


SAMPLE_NAME = "sample-2022-28.bulletin"


def load_sample() -> Issue:
    """The built-in sample: the printed 2022 No. 28 issue."""
    return load_issue(resource_path(SAMPLE_NAME))
