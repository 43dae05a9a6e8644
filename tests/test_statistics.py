"""The statistics sentence read back into its figures and period (model/statistics.py)."""

import copy
import datetime as dt

from bulletin_editor.model.statistics import generated_sentence, parse_statistics


def _stats_and_part(issue):
    part = issue.parts[0]
    return part.sections[0].statistics, part


def test_the_generated_sentence_reads_back_to_its_figures(sample_issue):
    stats, part = _stats_and_part(sample_issue)
    parsed = parse_statistics(generated_sentence(stats, part), part)
    assert parsed is not None and parsed.figures == stats.figures
    assert (parsed.period_start, parsed.period_end) == (stats.period_start, stats.period_end)


def test_typists_digits_and_spaces_are_tolerated_and_a_changed_period_kept(sample_issue):
    stats, part = _stats_and_part(sample_issue)
    changed = copy.deepcopy(stats)
    changed.period_start = dt.date(part.period_end.year, 3, 1)
    typed = generated_sentence(changed, part).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    parsed = parse_statistics(typed.replace("，", "， "), part)
    assert parsed is not None and parsed.figures == stats.figures
    assert parsed.period_start == dt.date(part.period_end.year, 3, 1)


def test_another_sentence_or_an_impossible_date_is_not_the_templates(sample_issue):
    stats, part = _stats_and_part(sample_issue)
    sentence = generated_sentence(stats, part)
    assert parse_statistics("本周窗口运行平稳。", part) is None
    impossible = sentence.replace("1月1日", "2月30日", 1)
    assert impossible != sentence and parse_statistics(impossible, part) is None
