"""The Excel import dialog: the six figures found, where each came from, the change since
last issue, and the sentence they make; nothing reaches the issue until Apply.

Where two tables could be meant the user chooses one; where none is found the user picks
the six cells by hand, and that choice is remembered for next time.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import BulletinError, Cancelled
from ..formats.excel.reader import (
    KEYS,
    AmbiguousFigures,
    CellRef,
    Cells,
    FiguresNotFound,
    Reading,
    StatsWorkbook,
    column_letter,
    describe,
    figure_name,
    remember_cells,
    remembered_cells,
)
from ..formats.excel.template import write_template
from ..model import Figures, Part, Statistics
from ..model.statistics import generated_sentence
from ..storage import settings
from .background import run_with_progress
from .screen import fit_to_screen

EXCEL_FILTER = "电子表格 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods);;所有文件 (*)"
_COLUMNS = ("项目", "导入数字", "来源单元格", "上期", "变化")


def ask_open_workbook(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "选择统计表", _workbooks_folder(), EXCEL_FILTER)
    return _remembered(Path(name)) if name else None


def ask_template_path(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "保存空白统计模板", str(Path(_workbooks_folder(), "统计模板.xlsx")), "Excel 工作簿 (*.xlsx)"
    )
    return _remembered(Path(name).with_suffix(".xlsx")) if name else None


def _workbooks_folder() -> str:
    """Where the last workbook was chosen; "" (Qt's own choice) the first time."""
    folder = settings.last_folder("workbooks")
    return str(folder) if folder is not None else ""


def _remembered(path: Path) -> Path:
    settings.remember_folder("workbooks", path)
    return path


def ask_figures(
    parent: QWidget | None,
    previous: Figures | None,
    part: Part | None = None,
    statistics: Statistics | None = None,
) -> Figures | None:
    """Ask for a workbook and show what it holds; the figures on Apply, None on cancel.

    `part` (and the statistics section, found in `part` when not given) let the dialog show
    the sentence the figures produce.
    """
    path = ask_open_workbook(parent)
    if path is None:
        return None
    dialog = StatsImportDialog(parent, previous, part, statistics)
    dialog.load_file(path)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.reading is None:
        return None
    return dialog.reading.figures


def _read(path: Path, report) -> tuple[StatsWorkbook, Reading | BulletinError]:
    """The workbook, and its figures or why they were not found (the cells can still be picked)."""
    workbook = StatsWorkbook(path, report)
    try:
        return workbook, workbook.find()
    except BulletinError as exc:
        return workbook, exc


def _statistics_in(part: Part | None) -> Statistics | None:
    sections = [] if part is None else list(part.sections)
    while sections:
        section = sections.pop(0)
        if section.statistics is not None:
            return section.statistics
        sections[:0] = section.subsections
    return None


def _value(figures: Figures, key) -> int:
    return getattr(getattr(figures, key[0]), key[1])


class StatsImportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        previous: Figures | None,
        part: Part | None = None,
        statistics: Statistics | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("从 Excel 导入统计数字")
        self.previous = previous
        self.part = part
        self.statistics = statistics or _statistics_in(part)
        self.workbook: StatsWorkbook | None = None
        self.reading: Reading | None = None
        self.candidates: list[Cells] = []

        self.path_edit = QLineEdit(readOnly=True, placeholderText="尚未选择文件")
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose_file)
        template = QPushButton("保存空白模板…")
        template.setToolTip("供同事手工填写的统计表，本程序能直接读取")
        template.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        for widget in (QLabel("统计表："), self.path_edit, choose, template):
            file_row.addWidget(widget)
        file_row.setStretchFactor(self.path_edit, 1)

        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.candidate_box = QComboBox()
        self.candidate_box.setObjectName("candidates")
        self.candidate_box.currentIndexChanged.connect(self._candidate_chosen)
        self.candidate_row = QWidget()
        candidate_layout = QHBoxLayout(self.candidate_row)
        candidate_layout.setContentsMargins(0, 0, 0, 0)
        candidate_layout.addWidget(QLabel("要用的表格："))
        candidate_layout.addWidget(self.candidate_box, 1)
        self.candidate_row.hide()

        self.table = QTableWidget(len(KEYS), len(_COLUMNS))
        self.table.setObjectName("figures")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, key in enumerate(KEYS):
            self.table.setItem(row, 0, QTableWidgetItem(figure_name(key)))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setFixedHeight(  # exactly the six rows: the space below is the picker's
            self.table.verticalHeader().defaultSectionSize() * len(KEYS)
            + self.table.horizontalHeader().sizeHint().height()
            + 2 * self.table.frameWidth()
        )

        self.sentence = QLabel(wordWrap=True)
        self.sentence.setObjectName("sentence")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.pick_box = self._pick_box()
        self.pick_box.hide()
        pick = QPushButton("手动选择单元格…")
        pick.setObjectName("pick")
        pick.clicked.connect(self.show_pick)

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("应用", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(pick, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.message)
        layout.addWidget(self.candidate_row)
        layout.addWidget(self.table)
        layout.addWidget(QLabel("生成的统计句："))
        layout.addWidget(self.sentence)
        layout.addWidget(self.pick_box, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self.resize(760, 460)
        self._show(None)

    def _pick_box(self) -> QGroupBox:
        """Six figures on the left; click a cell in the sheet on the right to fill the checked one."""
        box = QGroupBox("手动选择六个数字所在的单元格（会记住，下次优先使用）")
        grid = QGridLayout()
        self.pick_current = QButtonGroup(box)
        self.pick_sheets: dict[tuple, QComboBox] = {}
        self.pick_cells: dict[tuple, QLineEdit] = {}
        for row, key in enumerate(KEYS):
            choose = QRadioButton(figure_name(key))
            self.pick_current.addButton(choose, row)
            self.pick_sheets[key] = QComboBox()
            self.pick_cells[key] = QLineEdit(placeholderText="如 B4")
            grid.addWidget(choose, row, 0)
            grid.addWidget(self.pick_sheets[key], row, 1)
            grid.addWidget(self.pick_cells[key], row, 2)
        self.pick_current.button(0).setChecked(True)
        read = QPushButton("按所选单元格读取")
        read.setObjectName("read_picked")
        read.clicked.connect(self.read_picked)
        grid.addWidget(read, len(KEYS), 2)
        grid.setRowStretch(len(KEYS) + 1, 1)

        self.preview_sheet = QComboBox()
        self.preview_sheet.setObjectName("preview_sheet")
        self.preview_sheet.currentTextChanged.connect(self._show_sheet)
        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.cellClicked.connect(self._cell_clicked)
        sheet_side = QVBoxLayout()
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(QLabel("工作表："))
        sheet_row.addWidget(self.preview_sheet, 1)
        sheet_side.addLayout(sheet_row)
        sheet_side.addWidget(QLabel("先勾选左边的项目，再点击右边表中的数字："))
        sheet_side.addWidget(self.preview, 1)

        layout = QHBoxLayout(box)
        layout.addLayout(grid)
        layout.addLayout(sheet_side, 1)
        return box

    def _show_sheet(self, sheet: str) -> None:
        self.preview.clear()
        if self.workbook is None or sheet not in self.workbook.sheet_names:
            return
        rows = self.workbook.preview(sheet)
        width = max((len(row) for row in rows), default=0)
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(width)
        self.preview.setHorizontalHeaderLabels([column_letter(c) for c in range(1, width + 1)])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()

    def _cell_clicked(self, row: int, column: int) -> None:
        current = self.pick_current.checkedId()
        key = KEYS[current]
        self.pick_sheets[key].setCurrentText(self.preview_sheet.currentText())
        self.pick_cells[key].setText(f"{column_letter(column + 1)}{row + 1}")
        self.pick_current.button((current + 1) % len(KEYS)).setChecked(True)

    # --- Actions ---------------------------------------------------------------------

    def choose_file(self) -> None:
        path = ask_open_workbook(self)
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.workbook = None
        self.candidates = []
        self.candidate_row.hide()
        self.pick_box.hide()
        try:
            workbook, found = run_with_progress(
                self, f"正在读取“{path.name}”…", lambda report: _read(path, report)
            )
        except Cancelled:
            self.path_edit.clear()
            self._show(None, "已取消读取。")
            return
        except BulletinError as exc:
            self._show(None, str(exc))
            return
        self.workbook = workbook
        self._fill_pick_sheets(workbook)
        if isinstance(found, AmbiguousFigures):
            self._offer(workbook, found.candidates)
        elif isinstance(found, FiguresNotFound):
            self._show(None, str(found))
            self.show_pick()
        elif isinstance(found, BulletinError):
            self._show(None, str(found))
        else:
            self._show(found)

    def show_pick(self) -> None:
        if self.workbook is None:
            self._show(None, "请先选择统计表文件")
            return
        if self.reading is not None:  # start from the cells found
            for key, ref in self.reading.sources.items():
                self.pick_sheets[key].setCurrentText(ref.sheet)
                self.pick_cells[key].setText(ref.cell)
            self.preview_sheet.setCurrentText(self.reading.sources[KEYS[0]].sheet)
        self.pick_box.show()
        fit_to_screen(self, max(self.width(), 980), max(self.height(), 760))

    def read_picked(self) -> None:
        if self.workbook is None:
            return
        cells = {
            key: CellRef(
                self.pick_sheets[key].currentText(),
                self.pick_cells[key].text().strip().upper().replace("$", ""),
            )
            for key in KEYS
        }
        empty = [figure_name(key) for key, ref in cells.items() if not ref.cell]
        if empty:
            self._show(None, f"请填写{'、'.join(empty)}所在的单元格")
            return
        try:
            reading = self.workbook.read(cells)
        except BulletinError as exc:
            self._show(None, str(exc))
            return
        note = "已按所选单元格读取，下次导入时将优先使用这些单元格。"
        try:
            remember_cells(cells)
        except (BulletinError, OSError) as exc:  # the config folder may not be writable
            note = f"已按所选单元格读取，但未能记住所选位置：{exc}"
        self._show(reading, note)

    def save_template(self) -> None:
        path = ask_template_path(self)
        if path is None:
            return
        try:
            write_template(path)
        except BulletinError as exc:
            self._show(self.reading, str(exc))
            return
        self._show(self.reading, f"空白统计模板已保存到“{path}”。")

    # --- Display ---------------------------------------------------------------------

    def _fill_pick_sheets(self, workbook: StatsWorkbook) -> None:
        for combo in (*self.pick_sheets.values(), self.preview_sheet):
            combo.clear()
            combo.addItems(workbook.sheet_names)

    def _offer(self, workbook: StatsWorkbook, candidates: list[Cells]) -> None:
        self.candidates = candidates
        self.candidate_box.blockSignals(True)
        self.candidate_box.clear()
        self.candidate_box.addItem("（请选择）")
        self.candidate_box.addItems([self._describe(workbook, cells) for cells in candidates])
        self.candidate_box.blockSignals(False)
        self.candidate_row.show()
        self.candidate_box.setFocus()
        self._show(
            None,
            f"找到 {len(candidates)} 个表格都像统计表，请在下面的“要用的表格”中选择一个（各表列出表头和位置）。",
        )

    def _describe(self, workbook: StatsWorkbook, cells: Cells) -> str:
        """A table's heading, where it is and its first figure, to tell 本周 from 累计 at a glance."""
        first = KEYS[0]
        if cells == remembered_cells():  # chosen by place, not found under a heading
            where = f"上次手动选择的单元格 {describe(cells)}"
        else:
            where = workbook.describe(cells)
        try:
            value = _value(workbook.read(cells).figures, first)
        except BulletinError:
            return f"{where}（数字有误，选中后可看原因）"
        return f"{where}（{figure_name(first)} {value:,} 件）"

    def _candidate_chosen(self, index: int) -> None:
        if index <= 0 or self.workbook is None:
            self._show(None, "请选择要用的表格。")
            return
        try:
            self._show(self.workbook.read(self.candidates[index - 1]))
        except BulletinError as exc:
            self._show(None, str(exc))

    def _show(self, reading: Reading | None, note: str = "") -> None:
        self.reading = reading
        self.apply_button.setEnabled(reading is not None)
        decreased = []
        for row, key in enumerate(KEYS):
            value = _value(reading.figures, key) if reading else None
            before = _value(self.previous, key) if self.previous else None
            change = QTableWidgetItem("" if value is None or before is None else f"{value - before:+,}")
            if value is not None and before is not None and value < before:
                decreased.append(figure_name(key))
                change.setForeground(QColor("red"))
                change.setToolTip("比上期少：自1月1日起的累计数字一般不会减少，请核对")
            cells = (
                "" if value is None else f"{value:,}",
                str(reading.sources[key]) if reading else "",
                "" if before is None else f"{before:,}",
            )
            for column, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    if column != 2
                    else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                )
                self.table.setItem(row, column, item)
            change.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 4, change)
        self.sentence.setText(self._sentence(reading))
        notes = [note] if note else []
        if reading is not None and reading.remembered:
            notes.insert(0, "按上次手动选择的单元格读取；如不对，请点“手动选择单元格…”重新选择。")
        if decreased:
            notes.append(f"{'、'.join(decreased)}比上期少，请核对。")
        self.message.setText("\n".join(notes))
        trouble = (reading is None and note) or decreased
        self.message.setStyleSheet("color: #c00000;" if trouble else "color: #205020;")

    def _sentence(self, reading: Reading | None) -> str:
        if reading is None or self.statistics is None or self.part is None:
            return ""
        preview = dataclasses.replace(self.statistics, figures=reading.figures, sentence_override=None)
        try:
            sentence = generated_sentence(preview, self.part)
        except BulletinError as exc:
            return str(exc)
        if self.statistics.sentence_override is not None:
            sentence += "\n（注意：本期统计句已手工修改，应用后印出的仍是手工修改的句子。）"
        return sentence
