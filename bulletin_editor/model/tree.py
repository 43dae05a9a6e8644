"""A place in the issue, and the walks over the issue tree that find and resolve places.

`Place` is the one location type: the printed form records where each paragraph comes from,
checks say where a finding is, the editor's outline, preview and archive hits go there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .issue import Issue, Item, Part, Section


@dataclass(frozen=True)
class Place:
    """Indexes into the issue; no part means the masthead or the distribution block."""

    part: int | None = None
    section: int | None = None
    subsection: int | None = None
    item: int | None = None
    field: str = ""  # "masthead", "distribution", "period", "figures", "figures.licensing.accepted"

    @property
    def indexes(self) -> tuple[int | None, ...]:
        """(part, section, subsection, item), for storing a place as JSON."""
        return (self.part, self.section, self.subsection, self.item)

    @classmethod
    def from_indexes(cls, indexes: Sequence[int | None]) -> Place:
        part, section, subsection, item = indexes[:4]
        return cls(part, section, subsection, item)

    def section_place(self) -> Place:
        """The section or subsection this place is in (itself when it is one)."""
        return Place(self.part, self.section, self.subsection)


NOWHERE = Place()  # the masthead and the distribution block: no part


def index_of(items: Sequence[object], obj: object) -> int:
    """Position of `obj` itself in `items` (two empty items are equal, not the same), or -1."""
    return next((i for i, x in enumerate(items) if x is obj), -1)


def walk_sections(issue: Issue) -> Iterator[tuple[Place, Section]]:
    """Every section and subsection with its place, in print order."""
    for p, part in enumerate(issue.parts):
        for s, top in enumerate(part.sections):
            yield Place(p, s), top
            for u, sub in enumerate(top.subsections):
                yield Place(p, s, u), sub


def walk_items(issue: Issue) -> Iterator[tuple[Place, Section, Item]]:
    """Every item with its place and its section, in print order."""
    for place, section in walk_sections(issue):
        for i, item in enumerate(section.items):
            yield Place(place.part, place.section, place.subsection, i), section, item


def find_section(issue: Issue, section: Section) -> Place | None:
    """The place of `section`, or None when it is no longer in the issue."""
    return next((place for place, s in walk_sections(issue) if s is section), None)


def section_at(issue: Issue, place: Place) -> Section:
    assert place.part is not None and place.section is not None
    section = issue.parts[place.part].sections[place.section]
    return section if place.subsection is None else section.subsections[place.subsection]


def item_at(issue: Issue, place: Place) -> Item | None:
    """The item at `place`, or None where the place is not an item (a heading, the statistics)."""
    if place.item is None or place.section is None:
        return None
    return section_at(issue, place).items[place.item]


def part_of(issue: Issue, section: Section) -> Part | None:
    place = find_section(issue, section)
    return None if place is None or place.part is None else issue.parts[place.part]


def owner_list(issue: Issue, obj: Part | Section) -> list | None:
    """The list that holds a part or section, or None when it is no longer in the issue."""
    if index_of(issue.parts, obj) >= 0:
        return issue.parts
    place = find_section(issue, obj) if isinstance(obj, Section) else None
    if place is None or place.part is None or place.section is None:
        return None
    part = issue.parts[place.part]
    return part.sections if place.subsection is None else part.sections[place.section].subsections


def object_at(issue: Issue, place: Place) -> object:
    """The model object whose field a place names: the masthead, a distribution line, a part,
    a section, its statistics, an item."""
    area = place.field.partition(".")[0]
    if area == "masthead":
        return issue.masthead
    if area == "distribution":
        return issue.distribution if place.item is None else issue.distribution.lines[place.item]
    assert place.part is not None
    if place.section is None:
        return issue.parts[place.part]
    if place.item is not None:
        return section_at(issue, place).items[place.item]
    section = section_at(issue, place)
    return section.statistics if area == "figures" and section.statistics is not None else section
