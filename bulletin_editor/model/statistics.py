"""The statistics sentence, generated from the six figures and the period."""

import datetime as dt
import string

from ..errors import BulletinError
from .dates import chinese_date
from .issue import Part, Statistics

CATEGORIES = ("licensing", "public_service", "other_powers")
MEASURES = ("accepted", "completed")


def statistics_period(stats: Statistics, part: Part) -> tuple[dt.date, dt.date]:
    """The period the cumulative figures cover: 1 January to the end of the reporting period."""
    end = stats.period_end or part.period_end
    return stats.period_start or dt.date(end.year, 1, 1), end


def generated_sentence(stats: Statistics, part: Part) -> str:
    start, end = statistics_period(stats, part)
    values: dict[str, object] = {"start": chinese_date(start), "end": chinese_date(end)}
    for category in CATEGORIES:
        for measure in MEASURES:
            values[f"{category}_{measure}"] = getattr(getattr(stats.figures, category), measure)
    try:
        return string.Formatter().vformat(stats.template, (), values)
    except KeyError as exc:
        raise BulletinError(f"统计句模板中的占位符 {{{exc.args[0]}}} 无法识别") from None
    except (IndexError, ValueError) as exc:
        raise BulletinError(f"统计句模板有误：{exc}") from None


def statistics_sentence(stats: Statistics, part: Part) -> str:
    """What prints: the hand-edited sentence if there is one, else the generated one."""
    if stats.sentence_override is not None:
        return stats.sentence_override
    return generated_sentence(stats, part)
