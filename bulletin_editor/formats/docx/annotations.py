"""What an export's reader needs besides the visible text, and none of the text itself.

An export must reopen as exactly the issue it was made from, yet the file must keep no word of
the issue but those on the page: a paragraph deleted in Word before the file goes out must
leave nothing behind. So the embedded part describes the printed paragraphs one by one, in
print order, by what the page does not say: the paragraph's role, a hash of its visible text
(which ties the description to the paragraph, so a deleted paragraph takes the meaning of its
description with it), section kinds, where a label ends and the words begin, dates and figures
that do not print, and whether an item names a department and a leader. The words come from
the page when the issue is rebuilt; a department and a leader are read again from the item's
text (parse_visit), so they come back exactly when they are the ones the text names.

A custom statistics template is kept as its shape (the length of each literal piece and the
placeholder after it); its words are read off the printed sentence. A template whose sentence
was replaced by hand does not print, so it is not kept: it comes back as the default.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from typing import Any

from ...model import (
    DEFAULT_STATISTICS_TEMPLATE,
    Counts,
    Distribution,
    DistributionLine,
    Figures,
    IgnoredFinding,
    Issue,
    Item,
    Masthead,
    Part,
    Printed,
    Role,
    Section,
    SectionKind,
    Statistics,
    clean_text,
    printed_paragraphs,
)
from ...model.dates import chinese_date
from ...model.limits import check_template
from ...model.numbering import item_number
from ...model.statistics import CATEGORIES, MEASURES, sentence_values
from ...model.submissions import parse_visit
from ...model.text import match_key
from ...model.tree import item_at, section_at

VERSION = 2
_HASH_CHARS = 16  # 64 bits: no two paragraphs of an issue collide by chance
_DATE_PATTERN = r"\d{4}年\d{1,2}月\d{1,2}日"


def paragraph_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_CHARS]


# --- writing ---------------------------------------------------------------------------------


def annotate(issue: Issue) -> dict[str, Any]:
    """The description of `issue`'s printed paragraphs, to embed in its export."""
    printed = printed_paragraphs(issue)
    lines = iter(issue.distribution.lines)
    records = [_record(issue, paragraph, lines) for paragraph in printed]
    ignored = []
    for finding in issue.ignored:
        # An excerpt is a piece of a printed paragraph: kept as where it is, not as its words.
        at = next(
            ((n, p.text.find(finding.excerpt)) for n, p in enumerate(printed) if finding.excerpt in p.text),
            None,
        )
        if at is not None:
            ignored.append([finding.code, at[0], at[1], at[1] + len(finding.excerpt)])
    return {"version": VERSION, "paragraphs": records, "ignored": ignored}


def _record(issue: Issue, printed: Printed, distribution) -> dict[str, Any]:
    record: dict[str, Any] = {"role": printed.role.value}
    if clean_text(printed.text):
        record["hash"] = paragraph_hash(printed.text)
    role, place, m = printed.role, printed.source, issue.masthead
    if role is Role.ISSUE_LINE:
        record.update(year=m.year, number=m.number, total_number=m.total_number)
    elif role is Role.UNIT_DATE:
        record["date"] = m.issue_date.isoformat()
    elif role is Role.PERIOD:
        part = issue.parts[place.part or 0]
        record.update(start=part.period_start.isoformat(), end=part.period_end.isoformat())
    elif role in (Role.LEVEL1, Role.LEVEL2):
        section = section_at(issue, place)
        record.update(text=len(printed.text) - len(section.title), kind=section.kind.value)
    elif role in (Role.BODY, Role.RUN_IN):
        section = section_at(issue, place)
        item = item_at(issue, place)
        if item is None:
            assert section.statistics is not None
            record["statistics"] = _statistics(section.statistics, issue.parts[place.part or 0])
        else:
            label = len(item_number(section, place.item or 0))
            if role is Role.RUN_IN:
                record.update(label=label, heading=label + len(item.heading), text=len(printed.runs[0]))
            else:
                record["text"] = label
            record.update(
                date=item.date.isoformat() if item.date else None,
                department=bool(item.department),
                leader=bool(item.leader),
            )
    elif role is Role.DISTRIBUTION:
        record["text"] = len(next(distribution).label) + 1  # after the colon
    elif role is Role.COPIES:
        record["copies"] = issue.distribution.copies
    return record


def _statistics(stats: Statistics, part: Part) -> dict[str, Any]:
    record: dict[str, Any] = {
        "figures": _figures(stats.figures),
        "previous": _figures(stats.previous) if stats.previous is not None else None,
        "start": stats.period_start.isoformat() if stats.period_start else None,
        "end": stats.period_end.isoformat() if stats.period_end else None,
        "override": stats.sentence_override is not None,
        "template": None,
    }
    if stats.template != DEFAULT_STATISTICS_TEMPLATE and stats.sentence_override is None:
        values = sentence_values(stats, part)
        record["template"] = [
            [len(literal), name, len(values[name]) if name else 0]
            for literal, name in check_template(stats.template)
        ]
    return record


def _figures(figures: Figures) -> list[int]:
    return [getattr(getattr(figures, c), m) for c in CATEGORIES for m in MEASURES]


# --- matching the description with the paragraphs found ---------------------------------------


def described(annotations: Any) -> list[dict[str, Any]]:
    """The paragraph records, or ValueError when the part does not hold any."""
    records = annotations.get("paragraphs") if isinstance(annotations, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError("no paragraph records")
    return records


def align(records: list[dict[str, Any]], texts: list[str]):
    """(the text of each record: found, "" for a blank one, None where it is gone or changed;
    the opcodes of the visible records against `texts`; the index of each visible record)."""
    visible = [n for n, record in enumerate(records) if "hash" in record]
    matcher = difflib.SequenceMatcher(
        None, [records[n]["hash"] for n in visible], [paragraph_hash(t) for t in texts], autojunk=False
    )
    found: list[str | None] = [None if "hash" in record else "" for record in records]
    opcodes = matcher.get_opcodes()
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            for k in range(i2 - i1):
                found[visible[i1 + k]] = texts[j1 + k]
    return found, opcodes, visible


# --- rebuilding ------------------------------------------------------------------------------


def rebuild(
    records: list[dict[str, Any]],
    texts: list[str | None],
    annotations: Any,
    changed: dict[int, str] | None = None,
) -> Issue:
    """The issue the records describe, its words taken from `texts` (None: unknown, read as
    empty); `changed`: the text now in place of a paragraph changed in Word, which still gives a
    statistics template's words. ValueError when the records do not describe an issue."""
    changed = changed or {}
    masthead: dict[str, Any] = {}
    parts: list[Part] = []
    lines: list[DistributionLine] = []
    copies = 0
    top: Section | None = None
    current: Section | None = None
    for n, (record, known) in enumerate(zip(records, texts, strict=True)):
        text = known or ""
        role = Role(_get(record, "role", str))
        if role is Role.TITLE:
            masthead["title"] = text
        elif role is Role.ISSUE_LINE:
            for key in ("year", "number", "total_number"):
                masthead[key] = _get(record, key, int)
        elif role is Role.UNIT_DATE:
            masthead["issue_date"] = day = _date(record, "date")
            masthead["unit"] = text[: max(0, len(text) - len("\t" + chinese_date(day)))]
        elif role is Role.PART_TITLE:
            parts.append(Part(text, dt.date.min, dt.date.min))
            top = current = None
        elif role is Role.PERIOD:
            _last(parts).period_start, _last(parts).period_end = _date(record, "start"), _date(record, "end")
        elif role in (Role.LEVEL1, Role.LEVEL2):
            section = Section(text[_get(record, "text", int) :], SectionKind(_get(record, "kind", str)))
            if role is Role.LEVEL1:
                _last(parts).sections.append(section)
                top = section
            else:
                _present(top).subsections.append(section)
            current = section
        elif role in (Role.BODY, Role.RUN_IN) and "statistics" in record:
            _present(current).statistics = _rebuilt_statistics(
                _get(record, "statistics", dict), known, changed.get(n)
            )
        elif role in (Role.BODY, Role.RUN_IN):
            _present(current).items.append(_item(record, text, role, masthead.get("year", 2000)))
        elif role is Role.DISTRIBUTION:
            at = _get(record, "text", int)
            lines.append(DistributionLine(text[: max(0, at - 1)], text[at:]))
        elif role is Role.COPIES:
            copies = _get(record, "copies", int)
    if not {"year", "number", "total_number", "issue_date"} <= masthead.keys():
        raise ValueError("no masthead")
    return Issue(
        Masthead(**masthead), parts, Distribution(lines, copies), _ignored(annotations, records, texts)
    )


def _item(record: dict[str, Any], text: str, role: Role, year: int) -> Item:
    start = _get(record, "text", int)
    item = Item(text[start:])
    if role is Role.RUN_IN:
        item.heading = text[_get(record, "label", int) : _get(record, "heading", int)]
    item.date = _date(record, "date") if record.get("date") is not None else None
    department, leader = _get(record, "department", bool), _get(record, "leader", bool)
    visit = parse_visit(item.text, year, known_visit=True) if department or leader else None
    if visit is not None:
        item.department = visit.department if department else ""
        item.leader = visit.leader if leader else ""
    return item


def _rebuilt_statistics(record: dict[str, Any], sentence: str | None, changed: str | None) -> Statistics:
    stats = Statistics(
        _figures_of(_get(record, "figures", list)),
        _date(record, "start") if record.get("start") is not None else None,
        _date(record, "end") if record.get("end") is not None else None,
    )
    if record.get("previous") is not None:
        stats.previous = _figures_of(_get(record, "previous", list))
    if _get(record, "override", bool):
        stats.sentence_override = sentence or ""
    shape = record.get("template")
    if shape is not None:
        found = template_from(sentence, _shape(shape)) if sentence is not None else None
        if found is None and changed is not None:
            found = template_read(changed, _shape(shape))
        stats.template = found or DEFAULT_STATISTICS_TEMPLATE
    return stats


def template_from(sentence: str, shape: list[tuple[int, str | None, int]]) -> str | None:
    """The template of the shape whose sentence this is, its literal words read off the sentence;
    None when the sentence does not have the shape."""
    pieces, at = [], 0
    for literal, name, value in shape:
        pieces.append(_escaped(sentence[at : at + literal]) + ("{" + name + "}" if name else ""))
        at += literal + value
    return "".join(pieces) if at == len(sentence) else None


def template_read(sentence: str, shape: list[tuple[int, str | None, int]]) -> str | None:
    """Like template_from, for a sentence whose figures or dates were changed by hand."""
    pattern = "".join(
        f"(.{{{literal}}})" + ((_DATE_PATTERN if name in ("start", "end") else r"\d+") if name else "")
        for literal, name, _ in shape
    )
    found = re.fullmatch(pattern, match_key(sentence), re.DOTALL)
    if found is None:
        return None
    return "".join(
        _escaped(words) + ("{" + name + "}" if name else "")
        for words, (_, name, _) in zip(found.groups(), shape, strict=True)
    )


def _shape(shape: Any) -> list[tuple[int, str | None, int]]:
    if not isinstance(shape, list):
        raise ValueError("template shape")
    out = []
    for piece in shape:
        if not (isinstance(piece, list) and len(piece) == 3):
            raise ValueError("template piece")
        literal, name, value = piece
        if type(literal) is not int or type(value) is not int or not (name is None or isinstance(name, str)):
            raise ValueError("template piece")
        if name is not None and not re.fullmatch(r"\w+", name):
            raise ValueError("placeholder")
        out.append((literal, name, value))
    return out


def _escaped(literal: str) -> str:
    return literal.replace("{", "{{").replace("}", "}}")


def _ignored(annotations: Any, records: list, texts: list[str | None]) -> list[IgnoredFinding]:
    out = []
    entries = annotations.get("ignored", []) if isinstance(annotations, dict) else []
    for entry in entries if isinstance(entries, list) else []:
        if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)):
            raise ValueError("ignored finding")
        code, n, start, end = entry
        if not all(type(x) is int for x in (n, start, end)) or not 0 <= n < len(records):
            raise ValueError("ignored finding")
        text = texts[n]
        if text is not None:  # a finding about a paragraph changed since is gone with it
            out.append(IgnoredFinding(code, text[start:end]))
    return out


def _figures_of(values: list) -> Figures:
    if len(values) != 6 or not all(type(v) is int for v in values):
        raise ValueError("figures")
    return Figures(*(Counts(values[i], values[i + 1]) for i in (0, 2, 4)))


def _get(record: dict[str, Any], key: str, kind: type):
    value = record.get(key)
    if type(value) is not kind:
        raise ValueError(key)
    return value


def _date(record: dict[str, Any], key: str) -> dt.date:
    return dt.date.fromisoformat(_get(record, key, str))


def _last(parts: list[Part]) -> Part:
    if not parts:
        raise ValueError("a section before any part")
    return parts[-1]


def _present(section: Section | None) -> Section:
    if section is None:
        raise ValueError("a paragraph outside any section")
    return section
