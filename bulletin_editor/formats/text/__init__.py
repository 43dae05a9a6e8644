"""Rebuilding an issue from its visible text: past issues typed by hand, or an export edited in Word."""

from .build import import_lines
from .tokens import Line

__all__ = ["Line", "import_lines"]
