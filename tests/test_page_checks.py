"""The checks that only the pages show: in the model, in `bulletin-editor check` and in the
editor's checks panel."""

import copy
import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from sweep_issues import extended
from test_pagination import HalfWidthLatin

from bulletin_editor.formats.bulletin import load_sample, save_issue
from bulletin_editor.model import Role
from bulletin_editor.model.checks import check_issue, page_findings
from bulletin_editor.model.pagination import paginate
from bulletin_editor.model.tree import Place


def _codes(findings):
    return [f.code for f in findings]


def _heading_at_foot():
    """The sample pushed down a line at a time until a heading would end a page."""
    for lines in range(24):
        issue = extended(lines)
        pages = paginate(issue, HalfWidthLatin())
        if "heading-ends-page" in _codes(pages.findings):
            return issue, pages
    raise AssertionError("no length puts a heading at a page foot")


def test_a_heading_at_a_page_foot_is_a_finding_at_its_heading():
    issue, pages = _heading_at_foot()
    found = [f for f in check_issue(issue, pages=pages) if f.code == "heading-ends-page"]
    assert len(found) == 1
    finding = found[0]
    printed = pages.paragraphs[pages.findings[0].paragraph]
    assert printed.role in (Role.LEVEL1, Role.LEVEL2, Role.PART_TITLE, Role.PERIOD)
    assert finding.place == printed.source and finding.excerpt == printed.text
    assert "页末" in finding.message
    assert "heading-ends-page" not in _codes(check_issue(issue))  # without the pages, not seen


def test_an_issue_past_the_page_limit_and_a_moved_imprint():
    issue = extended(9, last=True)  # the 版记 no longer fits under the text (tests/sweep_issues.py)
    pages = paginate(issue, HalfWidthLatin(), page_limit=2)
    found = {f.code: f for f in page_findings(pages)}
    assert found["page-limit"].place == Place() and f"共 {len(pages.pages)} 页" in found["page-limit"].message
    assert found["imprint-own-page"].place == Place(item=0, field="distribution")
    assert "第 6 页" in found["imprint-own-page"].message
    assert "page-limit" not in _codes(page_findings(paginate(issue, HalfWidthLatin())))


class WideFangsong(HalfWidthLatin):
    """A 仿宋 a fifth wider than the official one: the unit line wraps where the table says it fits."""

    def advance(self, font, char):
        return super().advance(font, char) * (1.2 if font == "仿宋_GB2312" else 1)


def test_a_unit_line_that_wraps_on_the_page_is_said_once():
    issue = load_sample()
    pages = paginate(issue, WideFangsong())
    assert "unit-date-wraps" in _codes(page_findings(pages))
    assert "unit-date-wraps" in _codes(check_issue(issue, pages=pages))  # the table thought it fits
    issue.masthead.unit = "四川省人民政府政务服务和公共资源交易服务中心办公室综合处行政审批科"
    codes = _codes(check_issue(issue, pages=paginate(issue, WideFangsong())))
    assert "unit-date-too-long" in codes and "unit-date-wraps" not in codes  # the layout check says it


def _check(path, *args, config):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    command = [sys.executable, "-m", "bulletin_editor", "check", str(path), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_cli_check_with_a_page_limit(tmp_path, user_dirs):
    path = tmp_path / "sample.bulletin"
    save_issue(load_sample(), path)
    result = _check(path, "--json", "--page-limit", "4", config=user_dirs / "config")
    assert result.returncode == 0, result.stderr
    rows = [row for row in json.loads(result.stdout) if row["code"] == "page-limit"]
    assert len(rows) == 1 and "超过设定的 4 页" in rows[0]["message"] and rows[0]["paragraph"] is None
    result = _check(path, "--json", "--page-limit", "5", config=user_dirs / "config")
    assert "page-limit" not in [row["code"] for row in json.loads(result.stdout)]


def test_cli_check_takes_the_editors_page_limit(tmp_path, user_dirs):
    from bulletin_editor.storage import settings

    path = tmp_path / "sample.bulletin"
    save_issue(load_sample(), path)
    settings.set_page_limit(3)
    process_config = tmp_path / "xdg"  # the process finds its settings in $XDG_CONFIG_HOME/BulletinEditor
    (process_config / settings.APP_ID).mkdir(parents=True)
    settings.setting_path("editor").replace(process_config / settings.APP_ID / "editor.json")
    result = _check(path, config=process_config)
    assert result.returncode == 0 and "page-limit\t全文共 5 页，超过设定的 3 页" in result.stdout


@pytest.mark.parametrize("limit", ["0", "100", "四"])
def test_cli_refuses_a_page_limit_out_of_range(tmp_path, limit, user_dirs):
    path = tmp_path / "sample.bulletin"
    save_issue(load_sample(), path)
    result = _check(path, "--page-limit", limit, config=user_dirs / "config")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "页数上限应为 1 到 99 之间的整数" in result.stderr


# --- the editor -------------------------------------------------------------------------------


@pytest.fixture
def window(paged_window):
    return paged_window


def _entries(window):
    panel = window.checks_list
    return [panel.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.count())]


def _pushed_heading(issue, metrics) -> str:
    """The first news item's text lengthened until a heading would end a page."""
    text = issue.parts[0].sections[1].subsections[1].items[0].text
    for extra in range(1, 400):
        trial = copy.deepcopy(issue)
        trial.parts[0].sections[1].subsections[1].items[0].text = text + "办" * extra
        if "heading-ends-page" in _codes(paginate(trial, metrics).findings):
            return text + "办" * extra
    raise AssertionError("no length pushes a heading to a page foot")


def test_a_heading_pushed_to_a_page_foot_is_in_the_checks_panel(window, qtbot, tmp_path_factory):
    issue = window.current_issue()
    assert "heading-ends-page" not in [getattr(f, "code", "") for f in _entries(window)]
    text = _pushed_heading(issue, window.preview_pane.paged.metrics)
    window.document.set_value(issue.parts[0].sections[1].subsections[1].items[0], "text", text, "编辑")
    qtbot.waitUntil(lambda: not window.preview_timer.isActive())
    found = [f for f in _entries(window) if getattr(f, "code", "") == "heading-ends-page"]
    assert len(found) == 1 and "页末" in found[0].message
    row = _entries(window).index(found[0])
    window.checks_list.itemClicked.emit(window.checks_list.item(row))  # a click away from its heading
    key = window.outline.current_key()
    assert key[0] == "section" and key[1].title in found[0].message
    shots = tmp_path_factory.mktemp("page-checks-screenshots")
    assert window.grab().save(str(shots / "heading-at-page-foot.png"))
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.preview_timer.isActive())
    assert "heading-ends-page" not in [getattr(f, "code", "") for f in _entries(window)]


def test_the_page_limit_from_the_view_menu(window, qtbot, monkeypatch):
    from bulletin_editor.storage import settings
    from bulletin_editor.ui import dialogs

    asked = []

    def answer(parent, current, most):
        asked.append((current, most))
        return True, 4

    monkeypatch.setattr(dialogs, "ask_page_limit", answer)
    window.actions_by_name["page_limit"].trigger()
    assert asked == [(None, 99)] and settings.page_limit() == 4
    found = [f for f in _entries(window) if getattr(f, "code", "") == "page-limit"]
    assert len(found) == 1 and "超过设定的 4 页" in found[0].message
    monkeypatch.setattr(dialogs, "ask_page_limit", lambda parent, current, most: (True, None))
    window.actions_by_name["page_limit"].trigger()
    assert settings.page_limit() is None
    assert "page-limit" not in [getattr(f, "code", "") for f in _entries(window)]
