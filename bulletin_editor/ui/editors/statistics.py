"""The statistics section: six figures, the period they cover, and the sentence they make.

The sentence is generated; editing it by hand marks it as such until it is reset.
"""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from ...errors import BulletinError
from ...model import Counts, Part, Section, Statistics, clean_text
from ...model.limits import FIGURE
from ...model.statistics import (
    CATEGORIES,
    CATEGORY_NAMES,
    MEASURE_NAMES,
    MEASURES,
    generated_sentence,
    statistics_period,
    statistics_sentence,
)
from ...model.tree import Place, part_of, walk_sections
from ..document import IssueDocument
from ..fields import DateField, IntField, TextField
from .base import SectionEditor


class StatisticsEditor(SectionEditor):
    def __init__(self, document: IssueDocument, section: Section, parent: QWidget | None = None):
        super().__init__(document, section, parent)
        if section.statistics is None:  # only a hand-made file has a statistics section without figures
            document.set_value(section, "statistics", Statistics(), "添加统计数字")
        stats = lambda: self.section.statistics  # noqa: E731
        grid = QGridLayout()
        for column, measure in enumerate(MEASURES, start=1):
            grid.addWidget(QLabel(MEASURE_NAMES[measure]), 0, column)
        self.figures: dict[str, IntField] = {}
        for row, category in enumerate(CATEGORIES, start=1):
            grid.addWidget(QLabel(CATEGORY_NAMES[category]), row, 0)
            for column, measure in enumerate(MEASURES, start=1):
                counts = functools.partial(self._counts, category)
                field = IntField(
                    document, counts, measure, f"{CATEGORY_NAMES[category]}{MEASURE_NAMES[measure]}", FIGURE
                )
                field.setObjectName(f"{category}.{measure}")
                field.setMinimumWidth(140)
                grid.addWidget(field, row, column)
                self.fields.append(field)
                self.figures[f"{category}.{measure}"] = field
        self.form.addRow("统计数字（件）", grid)
        self.import_button = QPushButton("从 Excel 导入…")
        self.import_button.setObjectName("import_excel")
        self.import_button.clicked.connect(self.import_from_excel)
        self.form.addRow("", self.import_button)
        self.period_start = self.add_field(
            "统计起始日",
            DateField(
                document,
                stats,
                "period_start",
                "统计起始日",
                optional="自定义",
                automatic=lambda: self._period()[0],
            ),
            "period_start",
        )
        self.period_start.setToolTip("不勾选时为统计截止日所在年份的1月1日")
        self.period_end = self.add_field(
            "统计截止日",
            DateField(
                document,
                stats,
                "period_end",
                "统计截止日",
                optional="自定义",
                automatic=lambda: self._period()[1],
            ),
            "period_end",
        )
        self.period_end.setToolTip("不勾选时为本部分时间段的结束日")

        self.sentence = TextField(document, stats, "sentence_override", "统计句")
        self.sentence.setObjectName("sentence")
        # Typing the generated text back clears the override.
        self.sentence.push = self._sentence_edited  # type: ignore[method-assign,assignment]
        self.layout_.addWidget(QLabel("统计句（印出的内容，可直接修改）"))
        self.layout_.addWidget(self.sentence, 1)
        buttons = QHBoxLayout()
        self.hand_edited = QLabel("已手工修改，数字改动不再自动更新统计句。")
        self.hand_edited.setStyleSheet("color: #b06000;")
        self.reset_button = QPushButton("恢复为自动生成")
        self.reset_button.setObjectName("reset_sentence")
        self.reset_button.clicked.connect(self.reset_sentence)
        buttons.addWidget(self.hand_edited)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        self.layout_.addLayout(buttons)
        self.error = QLabel()
        self.error.setStyleSheet("color: red;")
        self.layout_.addWidget(self.error)

    def still_valid(self) -> bool:
        return self.section.statistics is not None and super().still_valid()

    @property
    def _stats(self) -> Statistics:
        stats = self.section.statistics
        assert stats is not None  # given one when the editor opened; still_valid checks it stays
        return stats

    def _counts(self, category: str) -> Counts:
        return getattr(self._stats.figures, category)

    @property
    def _part(self) -> Part:
        part = part_of(self.document.issue, self.section)
        assert part is not None  # still_valid: the section is in the issue
        return part

    def _period(self):
        return statistics_period(self._stats, self._part)

    def _printed(self) -> str:
        try:
            return statistics_sentence(self._stats, self._part)
        except BulletinError as exc:
            return str(exc)

    def _sentence_edited(self, text: str) -> None:
        stats = self._stats
        try:
            generated = generated_sentence(stats, self._part)
        except BulletinError:
            generated = None
        override = None if text == generated else text
        self.document.set_value(stats, "sentence_override", override, "修改统计句", mergeable=True)

    def reset_sentence(self) -> None:
        self.document.set_value(self._stats, "sentence_override", None, "恢复自动生成的统计句")

    def sync(self) -> None:
        super().sync()  # fields, except the sentence which has its own rule
        stats = self._stats
        printed = self._printed()
        if clean_text(self.sentence.toPlainText()) != printed:
            self.sentence.blockSignals(True)
            self.sentence.setPlainText(printed)
            self.sentence.blockSignals(False)
        manual = stats.sentence_override is not None
        self.hand_edited.setVisible(manual)
        self.reset_button.setEnabled(manual)
        try:
            generated_sentence(stats, self._part)
            self.error.clear()
        except BulletinError as exc:
            self.error.setText(str(exc))

    def import_from_excel(self) -> None:
        """The Excel import (its own module, loaded on first use); its figures are one undoable edit."""
        from ..stats_import_dialog import ask_figures

        stats = self.section.statistics
        previous = self.document.previous_issue()
        figures = ask_figures(
            self.window(),
            _first_figures(previous) if previous else None,
            part_of(self.document.issue, self.section),
            stats,
        )
        if figures is not None:
            self.document.set_value(stats, "figures", figures, "从 Excel 导入统计数字")

    def focus_place(self, place: Place) -> None:
        key = place.field.removeprefix("figures.")
        self.figures.get(key, self.figures["licensing.accepted"]).setFocus()


def _first_figures(issue):
    """The figures of an issue's (first) statistics section, to compare an import against."""
    return next((s.statistics.figures for _, s in walk_sections(issue) if s.statistics is not None), None)
