"""Screenshots of the main window with the sample open, one per editor, for a reviewer to look
at (in pytest's temporary folder: <basetemp>/screenshots0/, e.g. under /tmp/pytest-of-$USER/).
Each must show its editor and the preview."""

import pytest
from PySide6.QtGui import QImage

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.model import Section, SectionKind


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def keys(issue):
    part = issue.parts[0]
    stats, group, inspection = part.sections
    _business, efficiency, visits = group.subsections
    free_text = Section("其他", SectionKind.TEXT)  # the sample has none; added for its screenshot
    return {
        "masthead": (("masthead",), "MastheadEditor"),
        "part": (("part", part), "PartEditor"),
        "statistics": (("section", stats), "StatisticsEditor"),
        "group": (("section", group), "GroupEditor"),
        "news": (("item", efficiency, efficiency.items[0]), "NewsEditor"),
        "visits": (("item", visits, visits.items[0]), "VisitsEditor"),
        "inspection": (("item", inspection, inspection.items[1]), "InspectionEditor"),
        "text": (("section", free_text), "TextEditor"),
        "distribution": (("distribution",), "DistributionEditor"),
    }, free_text


@pytest.mark.parametrize(
    "name",
    ["masthead", "part", "statistics", "group", "news", "visits", "inspection", "text", "distribution"],
)
def test_screenshot_of_each_editor(editor_window, qtbot, shots, name):
    window = editor_window
    issue = load_sample()
    window.open_issue(issue)
    window.resize(1500, 900)
    table, free_text = keys(issue)
    if name == "text":
        issue.parts[0].sections.append(free_text)
        free_text.items.append(type(issue.parts[0].sections[2].items[0])("本周无其他事项。"))
        window.document.notify(structure=True)
    key, editor = table[name]
    assert window.outline.select_key(key)
    assert type(window.editor).__name__ == editor
    qtbot.waitUntil(lambda: not window.preview_timer.isActive())  # the preview shows the selection
    path = shots / f"{name}.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 1200
    # The preview's red masthead title is drawn (red pixels exist) unless it scrolled away.
    preview = window.preview.grab().toImage()
    reds = sum(
        1
        for x in range(0, preview.width(), 4)
        for y in range(0, preview.height(), 4)
        if preview.pixelColor(x, y).red() > 200 and preview.pixelColor(x, y).green() < 80
    )
    assert reds > 0 or window.preview.verticalScrollBar().value() > 0
