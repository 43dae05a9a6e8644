"""An issue as its export keeps it, for the round-trip tests."""

import copy

from bulletin_editor.model import Issue, SectionKind
from bulletin_editor.model.submissions import parse_visit
from bulletin_editor.model.tree import walk_items


def as_kept(issue: Issue) -> Issue:
    """The issue as its export keeps it: no word that does not print, so a department and a
    leader come back as the item's text names them, or not at all, and a heading only where
    it prints (inspections)."""
    kept = copy.deepcopy(issue)
    for _, section, item in walk_items(kept):
        if section.kind is not SectionKind.INSPECTION:
            item.heading = ""
        visit = parse_visit(item.text, kept.masthead.year, known_visit=True)
        item.department = visit.department if item.department and visit else ""
        item.leader = visit.leader if item.leader and visit else ""
    return kept
