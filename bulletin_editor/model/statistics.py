"""The statistics sentence: generated from the six figures and the period, and read back."""

import copy
import datetime as dt
import functools
import re

from ..errors import BulletinError
from .dates import chinese_date
from .issue import Part, Statistics
from .limits import FIGURE, MAX_DIGITS, check_template
from .text import match_key

CATEGORIES = ("licensing", "public_service", "other_powers")
MEASURES = ("accepted", "completed")
CATEGORY_NAMES = {
    "licensing": "行政许可事项",
    "public_service": "公共服务事项",
    "other_powers": "其它九类行权事项",
}
MEASURE_NAMES = {"accepted": "受理", "completed": "办结"}


def statistics_period(stats: Statistics, part: Part) -> tuple[dt.date, dt.date]:
    """The period the cumulative figures cover: 1 January to the end of the reporting period."""
    end = stats.period_end or part.period_end
    return stats.period_start or dt.date(end.year, 1, 1), end


def sentence_values(stats: Statistics, part: Part) -> dict[str, str]:
    """What each placeholder of the template prints as."""
    start, end = statistics_period(stats, part)
    values = {"start": chinese_date(start), "end": chinese_date(end)}
    for category in CATEGORIES:
        for measure in MEASURES:
            values[f"{category}_{measure}"] = str(getattr(getattr(stats.figures, category), measure))
    return values


def generated_sentence(stats: Statistics, part: Part) -> str:
    values = sentence_values(stats, part)
    return "".join(
        literal + (values[name] if name else "") for literal, name in check_template(stats.template)
    )


def statistics_sentence(stats: Statistics, part: Part) -> str:
    """What prints: the hand-edited sentence if there is one, else the generated one."""
    if stats.sentence_override is not None:
        return stats.sentence_override
    return generated_sentence(stats, part)


# --- reading a sentence back -----------------------------------------------------------------

_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@functools.cache
def _statistics_pattern(template: str) -> re.Pattern:
    """A template's sentence as a pattern: dates and figures where its placeholders are."""
    pattern, last = "", 0
    for m in re.finditer(r"\{(\w+)\}", template):
        name = m.group(1)
        if name not in _PLACEHOLDERS or f"(?P<{name}>" in pattern:
            return re.compile(r"(?!)")  # a placeholder unknown or used twice: never matches
        pattern += re.escape(match_key(template[last : m.start()]))
        pattern += rf"(?P<{name}>{_DATE.pattern})" if name in ("start", "end") else rf"(?P<{name}>\d+)"
        last = m.end()
    return re.compile(pattern + re.escape(match_key(template[last:])) + "$")


_PLACEHOLDERS = {"start", "end"} | {f"{c}_{m}" for c in CATEGORIES for m in MEASURES}


def parse_statistics(sentence: str, part: Part, base: Statistics | None = None) -> Statistics | None:
    """The figures and period of a sentence written by the template of `base` (default: the
    default template), or None when the sentence is not the template's. What the template
    does not print is kept from `base`. Spaces and full-width digits are tolerated."""
    statistics = copy.deepcopy(base) if base is not None else Statistics()
    statistics.sentence_override = None
    key = match_key(sentence)
    m = _statistics_pattern(statistics.template).match(key)
    if m is None:
        return None
    for name, value in m.groupdict().items():
        if name in ("start", "end"):
            try:
                day = dt.date(*map(int, re.findall(r"\d+", value)))
            except ValueError:  # 2月30日
                return None
            setattr(statistics, f"period_{name}", day)
        else:
            if len(value) > MAX_DIGITS or int(value) > FIGURE.high:
                return None  # no figure this large: the sentence stays as it reads
            category, measure = name.rsplit("_", 1)
            setattr(getattr(statistics.figures, category), measure, int(value))
    # Keep only what differs from the default: 1 January to the end of the part's period.
    if statistics.period_end == part.period_end:
        statistics.period_end = None
    end = statistics.period_end or part.period_end
    if statistics.period_start == dt.date(end.year, 1, 1):
        statistics.period_start = None
    try:
        regenerated = match_key(generated_sentence(statistics, part))
    except BulletinError:
        return None
    return statistics if regenerated == key else None
