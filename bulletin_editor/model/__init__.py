"""The issue model. Plain Python only: a test keeps Qt, python-docx and openpyxl out."""

from .issue import (
    DEFAULT_STATISTICS_TEMPLATE,
    DEFAULT_TITLE,
    DEFAULT_UNIT,
    Counts,
    Distribution,
    DistributionLine,
    Figures,
    IgnoredFinding,
    Issue,
    Item,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
)
from .printed import Printed, Role, printed_paragraphs
from .statistics import generated_sentence, statistics_sentence
from .text import clean_text

__all__ = [
    "DEFAULT_STATISTICS_TEMPLATE",
    "DEFAULT_TITLE",
    "DEFAULT_UNIT",
    "Counts",
    "Distribution",
    "DistributionLine",
    "Figures",
    "IgnoredFinding",
    "Issue",
    "Item",
    "Masthead",
    "Part",
    "Printed",
    "Role",
    "Section",
    "SectionKind",
    "Statistics",
    "clean_text",
    "generated_sentence",
    "printed_paragraphs",
    "statistics_sentence",
]
