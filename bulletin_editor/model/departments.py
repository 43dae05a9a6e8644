"""The provincial departments' full and short names (resources/departments.txt).

One line a department: its full name, then its short names, separated by "|"; lines that
start with # are notes. The province in front of a name (四川省, 四川, 省) does not make a
second way of writing it: 省林草局 and 林草局 are one way, 省林业和草原局 another.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BulletinError
from ..paths import resource_path

RESOURCE = "departments.txt"
_PROVINCE = ("四川省", "四川", "省")
# A name right after these is another level's office (成都市市场监管局, 国家林业和草原局).
_OTHER_LEVEL = ("市", "县", "区", "州", "国家")
# Without the province, a name this short is an ordinary word too often (外办, 残联).
_SHORTEST_BARE = 3


class DepartmentsError(BulletinError):
    pass


@dataclass(frozen=True)
class Department:
    full_name: str
    short_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full_name, *self.short_names)

    @property
    def short_name(self) -> str:
        """The name to show where space is short: the first short name, else the full name."""
        return self.short_names[0] if self.short_names else self.full_name


@dataclass(frozen=True)
class Mention:
    """A department's name found in a text: text[start:end] == written."""

    start: int
    end: int
    written: str
    department: Department

    @property
    def form(self) -> str:
        """The way of writing it, without the province in front."""
        return bare_name(self.written)


def bare_name(name: str) -> str:
    """The name without the province in front: 四川省林业和草原局 → 林业和草原局."""
    for prefix in _PROVINCE:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


class Departments:
    """The list, looked up by any of its names with or without the province."""

    def __init__(self, departments: Iterable[Department]):
        self.departments = tuple(departments)
        self._by_form: dict[str, Department] = {}
        for department in self.departments:
            for name in department.names:
                self._by_form[bare_name(name)] = department
        # Found from their last character, which few characters are (厅 局 委 办…): a scan
        # for those is much faster than trying every name at every position.
        self._lengths: dict[str, list[int]] = {}  # last character → the names' lengths, longest first
        for form in self._by_form:
            self._lengths.setdefault(form[-1], []).append(len(form))
        for lengths in self._lengths.values():
            lengths[:] = sorted(set(lengths), reverse=True)
        endings = "".join(sorted(self._lengths))
        self._endings = re.compile(f"[{re.escape(endings)}]") if endings else None

    def __iter__(self) -> Iterator[Department]:
        return iter(self.departments)

    def __len__(self) -> int:
        return len(self.departments)

    def find(self, name: str) -> Department | None:
        """The department called `name` (full or short, with or without 四川省/省), if any."""
        return self._by_form.get(bare_name(name.strip()))

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every department named in `text`, left to right, the longest name where two fit."""
        if self._endings is None:
            return
        done = 0
        for match in self._endings.finditer(text):
            end = match.end()
            form = next(
                (
                    text[end - n : end]
                    for n in self._lengths[match.group()]
                    if end - n >= done and text[end - n : end] in self._by_form
                ),
                None,
            )
            if form is None:
                continue
            start = end - len(form)
            prefix = next(
                (p for p in _PROVINCE if text.startswith(p, start - len(p)) and start >= len(p)), ""
            )
            if not prefix and (
                len(form) < _SHORTEST_BARE or text[max(0, start - 2) : start].endswith(_OTHER_LEVEL)
            ):
                continue
            done = end
            yield Mention(start - len(prefix), end, prefix + form, self._by_form[form])


def parse_departments(text: str, source: str = "部门名称表") -> Departments:
    """Read the list's text; a name given to two departments is an error, named by its line."""
    departments: list[Department] = []
    owner: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [name.strip() for name in line.split("|")]
        if any(not name for name in names):
            raise DepartmentsError(f"{source}第 {number} 行有空的名称（两个“|”之间或行尾）")
        for name in names:
            form = bare_name(name)
            if owner.get(form, number) != number:
                raise DepartmentsError(f"{source}第 {number} 行的“{name}”与第 {owner[form]} 行的部门重名")
            owner[form] = number
        departments.append(Department(names[0], tuple(names[1:])))
    return Departments(departments)


def load_departments(path: Path | None = None) -> Departments:
    """The list in `path` (a user's own copy), or the list shipped with the program."""
    if path is None:
        return shipped_departments()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DepartmentsError(f"无法读取部门名称表“{path.name}”：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DepartmentsError(f"部门名称表“{path.name}”不是 UTF-8 文本") from None
    return parse_departments(text, f"部门名称表“{path.name}”")


@functools.cache
def shipped_departments() -> Departments:
    return parse_departments(resource_path(RESOURCE).read_text(encoding="utf-8"))
