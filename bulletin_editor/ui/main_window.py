"""The main window: outline | editor | preview and the checks panel, its menus and wiring.

The window's jobs are split by module: file actions (`file_actions`), structure actions
(`structure_actions`), the checks panel (`checks_panel`); this module builds the window and
connects them.

Hooks for other parts of the program: `open_issue(issue, path)`, `current_issue()`,
`current_path()`, the `issueChanged` signal (after every edit and after opening another
issue), `closing` (after a confirmed close), and `previous_issue_provider` (which issue
came before this one, for the checks and the Excel import).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QMainWindow,
    QScrollArea,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import BulletinError
from ..model import Issue, Item, SectionKind
from ..model.tree import Place, find_section, index_of
from ..storage import settings
from . import dialogs
from .checks_panel import ChecksPanel
from .document import IssueDocument
from .editors import editor_class
from .editors.base import Editor
from .editors.items import ItemsEditor
from .file_actions import APP_NAME, FileActions
from .last_week import LastWeek
from .locate import KIND_NAMES
from .outline import Outline
from .preview import Preview
from .preview_pane import PreviewPane
from .print_actions import PrintActions
from .proofreading import ProofreadingActions
from .safekeeping import Safekeeping
from .screen import fit_to_screen
from .structure_actions import StructureActions

if TYPE_CHECKING:
    from ..model.checks import Finding

PREVIEW_DELAY_MS = 200  # typing pauses this long before the preview and checks refresh


class MainWindow(FileActions, PrintActions, StructureActions, ProofreadingActions, QMainWindow):
    issueChanged = Signal()
    closing = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document: IssueDocument | None = None
        self.editor: Editor | None = None
        self.findings: list[Finding] = []
        self.last_week = LastWeek()
        self.previous_issue_provider: Callable[[Issue], Issue | None] = self.last_week.find
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle(APP_NAME)
        fit_to_screen(self, 1400, 860)

        self.outline = Outline()
        self.outline.nodeSelected.connect(self._node_selected)
        self.editor_area = QScrollArea()
        self.editor_area.setObjectName("editorArea")
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview = Preview()
        self.preview_pane = PreviewPane(self.preview)  # 连续 | 分页
        self.preview_pane.sourceClicked.connect(self.navigate)
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.refresh_preview)
        self.preview_held = False  # at start-up the preview waits for the window's first paint
        self.page_limit = settings.page_limit()  # of the checks, passed to each pagination

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # Two short bars, adding above moving, so none of their buttons hides behind ›› in the pane.
        self.add_bar, self.structure_bar = QToolBar(), QToolBar()
        left_layout.addWidget(self.add_bar)
        left_layout.addWidget(self.structure_bar)
        left_layout.addWidget(self.outline)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget, stretch in ((left, 2), (self.editor_area, 4), (self.preview_pane, 3)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setSizes([330, 560, 510])
        self.setCentralWidget(self.splitter)
        self.setAcceptDrops(True)  # submissions dropped on the window are collected

        self.checks_dock = ChecksPanel(self)
        self.checks_list = self.checks_dock.findings_list
        self.checks_dock.placeActivated.connect(self.navigate)
        self.connect_proofreading()
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)

        self._build_actions()
        self._restore_layout()
        self.statusBar().addPermanentWidget(self.preview_pane.page_label)
        self.safekeeping = Safekeeping(self)  # autosave, locks, versions, 定稿
        QTimer.singleShot(1500, self._report_missing_fonts)

    # ----- hooks -----
    def current_issue(self) -> Issue | None:
        return None if self.document is None else self.document.issue

    def current_path(self) -> Path | None:
        return None if self.document is None else self.document.path

    def is_modified(self) -> bool:
        return self.document is not None and not self.document.undo_stack.isClean()

    def open_issue(self, issue: Issue, path: Path | None = None, modified: bool = False) -> None:
        """Show `issue` (replacing the open one without asking); `modified` marks it unsaved."""
        old = self.document
        document = self.document = IssueDocument(issue, path, self)
        document.previous_issue = lambda: self.previous_issue_provider(document.issue)
        stack = document.undo_stack
        self.undo_group.addStack(stack)
        self.undo_group.setActiveStack(stack)
        if modified:
            stack.resetClean()  # never clean until saved
        stack.cleanChanged.connect(self._update_title)
        self.document.changed.connect(self._document_changed)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._set_editor(None)
        self.outline.show_issue(issue)
        self.outline.select_key(("masthead",))
        self._update_title()
        self.refresh_preview()
        self.issueChanged.emit()

    # ----- actions -----
    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.setObjectName(name)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        a = self._action
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction(a("新建(&N)", self.new_issue, QKeySequence.StandardKey.New, "new"))
        menu.addAction(a("打开(&O)…", self.open_file, QKeySequence.StandardKey.Open, "open"))
        self.recent_menu = menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addAction(a("保存(&S)", self.save, QKeySequence.StandardKey.Save, "save"))
        menu.addAction(a("另存为(&A)…", self.save_as, QKeySequence("Ctrl+Shift+S"), "save_as"))
        menu.addSeparator()
        menu.addAction(a("导出 Word(&E)…", self.export_word, QKeySequence("Ctrl+E"), "export"))
        menu.addAction(a("导出发布稿(&D)…", self.export_release, None, "export_release"))
        menu.addAction(a("导出 PDF(&T)…", self.export_pdf, None, "export_pdf"))
        menu.addAction(a("打印(&P)…", self.print_issue, QKeySequence("Ctrl+P"), "print"))
        menu.addAction(
            a("由本期生成下一期(&X)", self.make_next_issue, QKeySequence("Ctrl+Shift+N"), "next_issue")
        )
        menu.addAction(a("收集投稿(&C)…", self.collect_submissions, None, "collect"))
        menu.addAction(a("上次收集的推断…", self.show_collect_report, None, "collect_report"))
        menu.addAction(a("归档(&H)…", self.show_archive, None, "archive"))
        menu.addSeparator()
        menu.addAction(a("退出(&Q)", self.close, QKeySequence.StandardKey.Quit, "quit"))

        menu = self.menuBar().addMenu("编辑(&E)")
        undo = self.undo_group.createUndoAction(self, "撤销")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_group.createRedoAction(self, "重做")
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        undo.setObjectName("undo")
        redo.setObjectName("redo")
        self.actions_by_name.update(undo=undo, redo=redo)
        menu.addActions([undo, redo])
        menu.addSeparator()
        menu.addAction(a("校对词表…", self.edit_accepted_words, None, "accepted_words"))
        menu.addAction(a("部门名称表…", self.edit_departments, None, "departments"))

        menu = self.menuBar().addMenu("结构(&S)")
        menu.addAction(a("添加部分", self.add_part, None, "add_part"))
        self.add_section_menu = menu.addMenu("添加一级标题")
        self.add_subsection_menu = menu.addMenu("添加二级标题")
        for kind, label in KIND_NAMES.items():
            self.add_section_menu.addAction(
                a(label, lambda k=kind: self.add_section(k, sub=False), None, f"add_section_{kind}")
            )
            if kind is not SectionKind.GROUP:
                self.add_subsection_menu.addAction(
                    a(label, lambda k=kind: self.add_section(k, sub=True), None, f"add_subsection_{kind}")
                )
        menu.addSeparator()
        menu.addAction(a("上移", lambda: self.move_node(-1), QKeySequence("Ctrl+Up"), "node_up"))
        menu.addAction(a("下移", lambda: self.move_node(1), QKeySequence("Ctrl+Down"), "node_down"))
        menu.addAction(a("重命名", self.rename_node, QKeySequence("F2"), "rename"))
        menu.addAction(a("删除", self.delete_node, None, "delete_node"))
        self.add_bar.addAction(self.actions_by_name["add_part"])
        for title, sub_menu in (
            ("＋一级标题", self.add_section_menu),
            ("＋二级标题", self.add_subsection_menu),
        ):
            action = self.add_bar.addAction(title)
            action.setMenu(sub_menu)
            button = self.add_bar.widgetForAction(action)
            if isinstance(button, QToolButton):  # a click opens the menu: the action itself does nothing
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for name in ("node_up", "node_down", "rename", "delete_node"):
            action = self.actions_by_name[name]
            self.structure_bar.addAction(action)
            if not action.shortcut().isEmpty():
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.text()}（{shortcut}）")

        menu = self.menuBar().addMenu("视图(&V)")
        menu.addAction(self.checks_dock.toggleViewAction())
        menu.addAction(a("页数上限…", self.ask_page_limit, None, "page_limit"))
        menu = self.menuBar().addMenu("帮助(&H)")
        menu.addAction(a("字体检查…", self.show_fonts, None, "fonts"))
        menu.addAction(a("关于周报编辑器…", self.show_about, None, "about"))
        self.addActions(list(self.actions_by_name.values()))

    # ----- editors -----
    def _set_editor(self, editor: Editor | None) -> None:
        old = self.editor_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.editor = editor
        if editor is not None:
            self.editor_area.setWidget(editor)
            editor.sync()

    def _node_selected(self, key: tuple) -> None:
        if self.document is None or key is None:
            return
        kind = key[0]
        target = key[1] if len(key) > 1 else None
        if not self._editor_shows(key):
            if kind in ("masthead", "distribution"):
                editor = editor_class(kind)(self.document)
            elif kind == "part":
                editor = editor_class("part")(self.document, target)
            else:
                editor = editor_class(key[1].kind)(self.document, target)
                if isinstance(editor, ItemsEditor):
                    editor.itemSelected.connect(self._item_selected)
            self._set_editor(editor)
        if kind == "item" and isinstance(self.editor, ItemsEditor):
            self.editor.select_item(key[2])
        self._scroll_preview(key)

    def _editor_shows(self, key: tuple) -> bool:
        editor = self.editor
        if editor is None:
            return False
        if key[0] in ("masthead", "distribution"):
            return type(editor) is editor_class(key[0])
        return getattr(editor, "part" if key[0] == "part" else "section", None) is key[1]

    def _item_selected(self, item: Item | None) -> None:
        if not isinstance(self.editor, ItemsEditor):
            return
        section = self.editor.section
        key = ("item", section, item) if item is not None else ("section", section)
        self.outline.select_key(key, emit=False)
        self._scroll_preview(key)

    def _scroll_preview(self, key: tuple) -> None:
        issue = self.open_document.issue
        if key[0] in ("section", "item"):
            where = find_section(issue, key[1])
            if where is not None:
                if key[0] == "item":
                    where = Place(where.part, where.section, where.subsection, index_of(key[1].items, key[2]))
                self.preview_pane.scroll_to(where)
        elif key[0] == "part":
            self.preview_pane.scroll_to(Place(index_of(issue.parts, key[1])))
        else:
            self.preview_pane.scroll_to(Place(field=key[0]))  # the masthead or the distribution

    def _document_changed(self, structure: bool, edited: object) -> None:
        issue = self.open_document.issue
        self.outline.refresh(issue, edited)
        if self.editor is not None and not self.editor.still_valid():
            self.outline.select_key(("masthead",))
        elif isinstance(self.editor, ItemsEditor):
            self.editor.sync(None if structure else edited)
            self._follow_item(self.editor)
        elif self.editor is not None:
            self.editor.sync()
        self.preview_timer.start()
        self.issueChanged.emit()

    def _follow_item(self, editor: ItemsEditor) -> None:
        """Keep the outline on the section, or on the editor's item if it was on an item."""
        key = self.outline.current_key()
        if key is None or key[0] == "item":
            current = editor.current
            key = ("item", editor.section, current) if current else ("section", editor.section)
            self.outline.select_key(key, emit=False)

    def release_preview(self) -> None:
        self.preview_held = False
        self.refresh_preview()

    def refresh_preview(self) -> None:
        """Re-render the preview and re-run the checks (debounced while typing)."""
        if self.document is None or self.preview_held:
            return
        try:
            self.preview_pane.show_issue(self.document.issue, self.page_limit)
        except BulletinError as exc:
            self.preview.setPlainText(str(exc))
        self.refresh_checks()

    def refresh_checks(self) -> list[Finding]:
        if self.preview_timer.isActive() and not self.preview_held:
            # Typing has not paused yet: the pages the checks read catch up with it first.
            self.preview_timer.stop()
            self.refresh_preview()  # which runs the checks
            return self.findings
        # Imported here: the checks (and proofreading) first run after the window has painted.
        from ..model.checks import check_issue, comparison_note, split_ignored

        document = self.open_document
        previous = document.previous_issue()
        pages = self.preview_pane.paged.pagination  # as the preview shows it, for the page findings
        findings = check_issue(document.issue, previous, self.proofreading_words(), pages)
        self.findings, ignored = split_ignored(document.issue, findings)
        self.checks_dock.show_findings(self.findings, ignored, comparison_note(document.issue, previous))
        return self.findings

    def navigate(self, place: Place) -> None:
        """Select the outline node of a place and put the cursor on it."""
        issue = self.open_document.issue
        key: tuple
        if place.field.startswith("distribution"):
            key = ("distribution",)
        elif place.part is None or place.field.startswith("masthead"):
            key = ("masthead",)
        elif place.section is None:
            key = ("part", issue.parts[place.part])
        else:
            section = issue.parts[place.part].sections[place.section]
            if place.subsection is not None:
                section = section.subsections[place.subsection]
            key = ("section", section)
            if place.item is not None:
                key = ("item", section, section.items[place.item])
        self.outline.select_key(key)
        if (current := self.outline.currentItem()) is not None:
            self.outline.scrollToItem(current)
        if self.editor is not None:
            self.editor.focus_place(place)

    # ----- fonts, layout, closing -----
    def ask_page_limit(self) -> None:
        chosen, limit = dialogs.ask_page_limit(self, self.page_limit, settings.MAX_PAGE_LIMIT)
        if chosen and limit != self.page_limit:
            self.page_limit = limit
            settings.set_page_limit(limit)
            self.refresh_preview()

    def show_about(self) -> None:
        from .. import __version__

        dialogs.show_info(
            self, "关于周报编辑器", f"周报编辑器 {__version__}\n\n编辑、归档并按公文格式导出《窗口工作周报》"
        )

    def show_fonts(self) -> None:
        from .fonts import font_statuses

        lines = [status.describe() for status in font_statuses()]
        dialogs.show_info(self, "字体检查", "导出的文档使用公文规定的字体：\n\n" + "\n".join(lines))

    def _report_missing_fonts(self) -> None:
        from .fonts import font_statuses

        missing = [s.official for s in font_statuses() if not s.installed]
        if missing:
            self.statusBar().showMessage(
                f"本机未安装 {'、'.join(missing)}，Word 会用替代字体显示（详见 帮助 ▸ 字体检查）", 15000
            )

    def _restore_layout(self) -> None:
        layout = settings.window_layout()
        self._layout_restored = "state" in layout
        if "geometry" in layout:
            self.restoreGeometry(QByteArray(layout["geometry"]))
        if "state" in layout:
            self.restoreState(QByteArray(layout["state"]))
        if "splitter" in layout:
            self.splitter.restoreState(QByteArray(layout["splitter"]))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self.resizeDocks([self.checks_dock], [120], Qt.Orientation.Vertical)
            self._layout_restored = True

    def _save_layout(self) -> None:
        settings.save_window_layout(
            {
                "geometry": bytes(self.saveGeometry().data()),
                "state": bytes(self.saveState().data()),
                "splitter": bytes(self.splitter.saveState().data()),
            }
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from .collect_dialog import submission_paths  # loaded on first use, not at start-up

        if self.document is not None and submission_paths(_dropped_paths(event)):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from .collect_dialog import submission_paths

        paths = submission_paths(_dropped_paths(event))
        if paths:
            event.acceptProposedAction()
            self.collect_submissions(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_layout()
        self.closing.emit()
        event.accept()


def _dropped_paths(event: QDropEvent) -> list[Path]:
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
