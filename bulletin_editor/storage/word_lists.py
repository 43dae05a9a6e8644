"""The user's own lists for proofreading, in the per-user configuration folder.

- 校对词表.txt: names and terms the user accepted (王喆, a product name): one a line; the
  proofreader finds nothing inside them.
- 部门名称表.txt: the user's copy of the departments list; made from the shipped list the
  first time the user edits it, and used instead of the shipped list from then on.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BulletinError
from ..model.departments import RESOURCE, Departments, load_departments
from ..model.proofread import Words
from ..paths import resource_path
from .atomic import atomic_write
from .settings import config_dir

WORDS_FILE = "校对词表.txt"
DEPARTMENTS_FILE = "部门名称表.txt"
_WORDS_HEADER = "# 校对时接受的名称和术语，每行一个；校对不再指出其中的字词。\n"


def words_path() -> Path:
    return config_dir() / WORDS_FILE


def departments_path() -> Path:
    return config_dir() / DEPARTMENTS_FILE


def accepted_words() -> frozenset[str]:
    path = words_path()
    if not path.exists():
        return frozenset()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise BulletinError(f"无法读取校对词表“{path}”：请检查它是 UTF-8 文本文件") from None
    words = (line.strip() for line in text.splitlines())
    return frozenset(word for word in words if word and not word.startswith("#"))


def accept_word(word: str) -> None:
    """Add `word` to the user's list (once)."""
    word = word.strip()
    if not word or word in accepted_words():
        return
    path = words_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8-sig") if path.exists() else _WORDS_HEADER
    if not text.endswith("\n"):
        text += "\n"
    atomic_write(path, (text + word + "\n").encode("utf-8"))


def words_for_editing() -> Path:
    """The user's word list, made with its header line if it does not exist yet."""
    path = words_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, _WORDS_HEADER.encode("utf-8"))
    return path


def user_departments() -> Departments:
    """The user's copy of the departments list when there is one, else the shipped list."""
    path = departments_path()
    return load_departments(path) if path.exists() else load_departments()


def departments_for_editing() -> Path:
    """The user's copy, made from the shipped list if it does not exist yet."""
    path = departments_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, resource_path(RESOURCE).read_bytes())
    return path


def user_words() -> Words:
    """What the proofreader uses for this user: the shipped typos, their departments and words."""
    return Words(departments=user_departments(), accepted=accepted_words())
