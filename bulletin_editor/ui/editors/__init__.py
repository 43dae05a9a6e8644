"""One editor per kind of outline node; `editor_for` picks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model import SectionKind

if TYPE_CHECKING:
    from .base import Editor


def editor_class(kind: str | SectionKind) -> type[Editor]:
    """The editor class for a node kind: "masthead", "part", "distribution" or a SectionKind."""
    cls: type[Editor]
    if kind == "masthead":
        from .masthead import MastheadEditor as cls
    elif kind == "part":
        from .part import PartEditor as cls
    elif kind == "distribution":
        from .distribution import DistributionEditor as cls
    elif kind is SectionKind.STATISTICS:
        from .statistics import StatisticsEditor as cls
    elif kind is SectionKind.GROUP:
        from .group import GroupEditor as cls
    elif kind is SectionKind.NEWS:
        from .news import NewsEditor as cls
    elif kind is SectionKind.VISITS:
        from .visits import VisitsEditor as cls
    elif kind is SectionKind.INSPECTION:
        from .inspection import InspectionEditor as cls
    else:
        from .text import TextEditor as cls
    return cls
