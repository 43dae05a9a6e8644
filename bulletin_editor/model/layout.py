"""The layout table (resources/layout.toml): every value with its basis, read in one place."""

from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass

from ..paths import resource_path


@dataclass(frozen=True)
class Layout:
    page: dict[str, object]
    elements: dict[str, dict[str, object]]

    @property
    def type_width_twips(self) -> int:
        p = self.page
        return p["width_twips"] - p["margin_left_twips"] - p["margin_right_twips"]

    @property
    def type_height_twips(self) -> int:
        p = self.page
        return p["height_twips"] - p["margin_top_twips"] - p["margin_bottom_twips"]

    @property
    def line_pitch_twips(self) -> int:
        """The exact line height that fits lines_per_page lines in the type area."""
        return self.type_height_twips // self.page["lines_per_page"]

    @property
    def char_spacing_twips(self) -> int:
        """Spacing (negative: condensed) that fits chars_per_line body characters in a line."""
        per_char = self.type_width_twips / self.page["chars_per_line"]
        return math.floor(per_char - self.page["body_size_pt"] * 20)


@functools.cache
def load_layout() -> Layout:
    """The values of the table; each entry's basis is for the people who adjust it."""
    table = tomllib.loads(resource_path("layout.toml").read_text(encoding="utf-8"))

    def values(group: dict) -> dict[str, object]:
        return {key: entry["value"] for key, entry in group.items()}

    return Layout(values(table["page"]), {name: values(group) for name, group in table["elements"].items()})
