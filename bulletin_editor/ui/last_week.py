"""Which issue came before the open one, for the checks and the Excel import: the issue it was
made from by 由本期生成下一期, else last week's issue in the archive (by year and number − 1,
or total number − 1), however the open one was opened (a file, the archive, a recovered
autosave, a Word document)."""

from __future__ import annotations

import logging
import os

from ..errors import BulletinError
from ..formats.bulletin import load_issue
from ..model import Issue

_log = logging.getLogger(__name__)


class LastWeek:
    def __init__(self) -> None:
        self.made_from: Issue | None = None  # set by 由本期生成下一期
        self._key: tuple | None = None
        self._found: Issue | None = None

    def find(self, issue: Issue) -> Issue | None:
        if self.made_from is not None:
            return self.made_from
        from ..storage.archive import archive_folder  # the archive's index: after the window shows

        folder = archive_folder()
        try:
            changed = os.stat(folder).st_mtime_ns  # a file added or removed changes it
        except OSError:
            return None  # no archive yet
        m = issue.masthead
        key = (folder, changed, m.year, m.number, m.total_number)
        if key != self._key:  # typing elsewhere must not read the archive again
            self._key, self._found = key, _from_archive(folder, issue)
        return self._found


def _from_archive(folder, issue: Issue) -> Issue | None:
    from ..storage.archive import Archive

    archive = Archive(folder)
    try:
        path = archive.previous_of(issue)
        return load_issue(path) if path is not None else None
    except BulletinError as exc:  # an unreadable archive: the checks go on without last week
        _log.warning("last week's issue not read from the archive: %s", exc)
        return None
    finally:
        archive.close()
