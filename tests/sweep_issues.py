"""Issues of different lengths and masthead widths, built from the sample, for the pagination sweep."""

from __future__ import annotations

import copy

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import Issue, Item


def _news_sections(issue: Issue):
    for part in issue.parts:
        for section in part.sections:
            for sub in section.subsections:
                if sub.items:
                    yield sub


def _scaled(factor: int) -> Issue:
    """The sample with every news subsection's items repeated `factor` times."""
    issue = load_sample()
    for sub in _news_sections(issue):
        sub.items = [copy.deepcopy(item) for _ in range(factor) for item in sub.items]
    return issue


def _trimmed(keep: int) -> Issue:
    """The sample with only the first `keep` items of each news subsection."""
    issue = load_sample()
    for sub in _news_sections(issue):
        sub.items = sub.items[:keep]
    return issue


def _shifted(chars: int) -> Issue:
    """The sample with the first news item `chars` characters shorter: every later line moves."""
    issue = load_sample()
    first = next(_news_sections(issue)).items[0]
    first.text = first.text[chars:]
    return issue


def _long_title() -> Issue:
    issue = load_sample()
    issue.masthead.title = "四川省政务服务中心窗口工作周报"  # 15 characters at 42 pt: two lines
    return issue


def _long_unit() -> Issue:
    issue = load_sample()
    issue.masthead.unit = "四川省人民政府政务服务和公共资源交易服务中心办公室综合处"  # date wraps
    return issue


def _punctuation() -> Issue:
    """Closing marks and Latin words where lines end."""
    issue = _trimmed(2)
    sub = next(_news_sections(issue))
    sub.items.append(
        Item(
            text=(
                "近日，窗口推出“一网通办”“跨省通办”服务（含APP和PC端）。"
                "办事群众可通过Windows、macOS或Android设备登录，"
                "全年累计办件12345678件，同比增长15.5%。“好差评”好评率达99.9%，"
                "《四川省政务服务条例》规定的事项已全部纳入；群众说：“办事更方便了！”"
                "下一步，窗口将继续优化流程……努力实现“最多跑一次”。"
            )
        )
    )
    return issue


SWEEP = {
    "sample": load_sample,
    "short": lambda: _trimmed(1),
    "medium": lambda: _trimmed(2),
    "double": lambda: _scaled(2),
    "triple": lambda: _scaled(3),
    "ten_times": lambda: _scaled(10),
    "shifted_7": lambda: _shifted(7),
    "shifted_19": lambda: _shifted(19),
    "long_title": _long_title,
    "long_unit": _long_unit,
    "punctuation": _punctuation,
}


def extended(lines: int, last: bool = False) -> Issue:
    """The sample with about `lines` full lines added to its fourth news item, or to its last item."""
    issue = load_sample()
    section = issue.parts[-1].sections[-1] if last else list(_news_sections(issue))[1]
    target = section.items[-1 if last else 3]
    filler = "窗口持续优化服务流程，提升办事效率和群众满意度。"  # 24 characters
    target.text = (
        target.text.rstrip("。") + "，" + (filler * lines * 2)[: lines * 28 - 1].rstrip("，。") + "。"
    )
    return issue


SWEEP.update(
    {
        "heading_at_foot": lambda: extended(3),
        "distribution_moved": lambda: extended(9, last=True),
        "distribution_fits": lambda: extended(7, last=True),
    }
)
