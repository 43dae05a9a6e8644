"""Acting on the checks panel's findings: fixes, ignoring, the user's word lists.

Mixed into MainWindow (it works on `document`, `checks_dock`, `findings`, `refresh_checks`).
A fix is one undoable step (one SetValue); fixing every finding of a kind is one step too (a
macro). Ignoring a finding adds it to the issue's `ignored` list, also an undoable edit, so
it is saved with the issue and stays ignored for a colleague who opens the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QWidget

from ..errors import BulletinError
from ..model import IgnoredFinding
from . import dialogs, file_actions

# The checks, proofreading and word lists are imported where used: after the window shows.
if TYPE_CHECKING:
    from ..model.checks import Finding
    from ..model.proofread import Words
    from .checks_panel import ChecksPanel
    from .document import IssueDocument


class ProofreadingActions:
    """Mixed into MainWindow."""

    _words: Words | None = None
    if TYPE_CHECKING:
        document: IssueDocument | None
        checks_dock: ChecksPanel
        findings: list[Finding]

        def refresh_checks(self) -> list[Finding]: ...

    def _document(self) -> IssueDocument:
        assert self.document is not None  # the panel acts only on an open issue
        return self.document

    def _window(self) -> QWidget:
        return cast(QWidget, self)

    def connect_proofreading(self) -> None:
        panel = self.checks_dock
        panel.fixRequested.connect(self.fix_finding)
        panel.fixAllRequested.connect(self.fix_all)
        panel.ignoreRequested.connect(self.ignore_finding)
        panel.restoreRequested.connect(self.restore_finding)
        panel.acceptRequested.connect(self.accept_words_of)

    def proofreading_words(self) -> Words:
        """This user's lists, read once (again after they change); a broken list is reported
        once and the shipped one used."""
        from ..model.proofread import Words
        from ..storage import word_lists

        if self._words is None:
            try:
                self._words = word_lists.user_words()
            except BulletinError as exc:
                self._words = Words()
                dialogs.show_error(self._window(), f"{exc}。本次校对使用程序自带的表。")
        return self._words

    def fix_finding(self, finding: Finding) -> None:
        self._apply([finding], f"校对：{finding.fix.description}" if finding.fix else "")

    def fix_all(self, code: str) -> None:
        from ..model.proofread import CODES

        findings = [f for f in self.findings if f.code == code and f.fix is not None]
        self._apply(findings, f"校对：全部修正“{CODES.get(code, code)}”")

    def _apply(self, findings: list[Finding], text: str) -> None:
        from ..model.proofread import fixed_texts

        fixes = [(f.place, f.fix) for f in findings if f.fix is not None]
        if not fixes:
            return
        try:
            changes = fixed_texts(self._document().issue, fixes)
        except BulletinError as exc:  # the text changed since the check: check again
            self.refresh_checks()
            dialogs.show_error(self._window(), f"无法修正：{exc}")
            return
        if len(changes) == 1:
            self._document().set_value(*changes[0], text)
        else:
            with self._document().macro(text):
                for owner, attr, value in changes:
                    self._document().set_value(owner, attr, value, text)
        self.refresh_checks()

    def ignore_finding(self, finding: Finding) -> None:
        issue = self._document().issue
        ignored = issue.ignored
        self._document().insert(
            ignored, len(ignored), IgnoredFinding(finding.code, finding.excerpt), "忽略检查结果"
        )
        self.refresh_checks()

    def restore_finding(self, finding: Finding) -> None:
        ignored = self._document().issue.ignored
        key = IgnoredFinding(finding.code, finding.excerpt)
        at = next((i for i, entry in enumerate(ignored) if entry == key), -1)
        if at >= 0:
            self._document().remove(ignored, at, "取消忽略检查结果")
        self.refresh_checks()

    def accept_words_of(self, finding: Finding) -> None:
        """Ask which word to accept (the offending characters, offered as a start)."""
        word = dialogs.ask_word(self._window(), _word_offered(finding))
        if word:
            self.accept_word(word)

    def accept_word(self, word: str) -> None:
        from ..storage import word_lists

        try:
            word_lists.accept_word(word)
        except BulletinError as exc:
            dialogs.show_error(self._window(), str(exc))
            return
        self._words = None
        self.refresh_checks()

    def edit_accepted_words(self) -> None:
        """Open the user's word list in the system's text editor (made empty if missing)."""
        from ..storage import word_lists

        self._open_list(word_lists.words_for_editing)

    def edit_departments(self) -> None:
        """Open the user's copy of the departments list in the system's text editor."""
        from ..storage import word_lists

        self._open_list(word_lists.departments_for_editing)

    def _open_list(self, make) -> None:
        try:
            path = make()
        except BulletinError as exc:
            dialogs.show_error(self._window(), str(exc))
            return
        self._words = None  # read again at the next check
        file_actions.open_path(path)


def _word_offered(finding: Finding) -> str:
    """What the word dialog starts with: the characters at fault (with the one before a
    character the font lacks, as it is usually a given name after the family name)."""
    if finding.fix is not None:
        return finding.fix.original
    char = finding.message[1:2] if finding.message.startswith("“") else ""
    at = finding.excerpt.find(char) if char else -1
    return finding.excerpt[max(0, at - 1) : at + 1] if at >= 0 else char
