"""The paged preview in the real window: the sample's pages with their numbers, the status
bar's page count, clicks that open a paragraph. Screenshots go to <basetemp>/paged0/."""

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QImage

from bulletin_editor.model import Item, Role


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("paged")


@pytest.fixture
def window(paged_window):
    return paged_window


def dark_pixels(image: QImage, rect: QRectF) -> int:
    r = rect.toAlignedRect().intersected(image.rect())
    return sum(
        1
        for y in range(r.top(), r.bottom() + 1)
        for x in range(r.left(), r.right() + 1)
        if image.pixelColor(x, y).lightness() < 128
    )


def number_boxes(canvas, index: int) -> tuple[QRectF, QRectF]:
    """(where page index's number prints, the same box on the other side of the page)."""
    page = canvas.page_rect(index)
    g, s = canvas.geometry_pt, canvas.scale
    top = page.top() + (g.bottom + 2) * s
    height = (g.number_baseline - g.bottom) * s
    width = (g.right - g.left) / 3 * s
    left = QRectF(page.left() + g.left * s, top, width, height)
    right = QRectF(page.left() + g.right * s - width, top, width, height)
    return (right, left) if index % 2 == 0 else (left, right)


def test_the_sample_shows_five_pages_with_their_numbers(window, qtbot, shots):
    paged = window.preview_pane.paged
    paged.set_zoom("actual")
    canvas = paged.canvas
    assert len(canvas.pagination.pages) == 5
    image = canvas.grab().toImage()
    assert image.save(str(shots / "sample-100.png"))
    for index in range(5):
        printed, other = number_boxes(canvas, index)
        assert dark_pixels(image, printed) > 20, f"page {index + 1} has no number"
        assert dark_pixels(image, other) == 0, f"page {index + 1}'s number on the wrong side"
    # The 版记's last rule stands on the last page's type area foot.
    last = canvas.page_rect(4)
    g, s = canvas.geometry_pt, canvas.scale
    foot = QRectF(last.left() + g.left * s, last.top() + (g.bottom - 2) * s, (g.right - g.left) * s, 3 * s)
    assert dark_pixels(image, foot) > (g.right - g.left) * s
    paged.set_zoom("fit_page")
    paged.side_by_side.setChecked(True)
    assert canvas.page_rect(1).top() == canvas.page_rect(0).top()  # two pages a row
    assert canvas.page_rect(0).height() <= paged.scroll_area.viewport().height()
    assert window.grab().save(str(shots / "window-fit-page.png"))


def test_the_status_bar_counts_the_pages_an_edit_adds(window, qtbot):
    label = window.preview_pane.page_label
    assert label.text() == "共 5 页 · 第 1 页"
    section = window.document.issue.parts[0].sections[1].subsections[-1]
    text = "窗口持续优化服务流程，提升办事效率和群众满意度。" * 20
    window.document.insert(section.items, len(section.items), Item(text), "添加")
    qtbot.waitUntil(lambda: label.text().startswith("共 6 页"))
    window.outline.select_key(("distribution",))
    assert label.text() == "共 6 页 · 第 6 页"  # the cursor's page follows the selection
    window.undo_group.undo()
    qtbot.waitUntil(lambda: label.text().startswith("共 5 页"))


def test_a_click_on_a_page_opens_its_paragraph(window, qtbot):
    canvas = window.preview_pane.paged.canvas
    page = canvas.pagination.pages[1]
    on_page_1 = {line.paragraph for line in canvas.pagination.pages[0].lines}
    line = next(line for line in page.lines if line.role is Role.BODY and line.paragraph not in on_page_1)
    rect = canvas.line_rect(1, line)
    paged = window.preview_pane.paged
    paged.scroll_area.ensureVisible(round(rect.center().x()), round(rect.center().y()))
    point = QPoint(round(rect.center().x()), round(rect.center().y()))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    source = canvas.pagination.paragraphs[line.paragraph].source
    section = window.document.issue.parts[source.part].sections[source.section].subsections[source.subsection]
    assert window.outline.current_key() == ("item", section, section.items[source.item])
    assert window.preview_pane.page_label.text() == "共 5 页 · 第 2 页"


def test_an_issue_that_cannot_print_leaves_no_stale_pages(window, qtbot):
    stats = window.document.issue.parts[0].sections[0].statistics
    window.document.set_value(stats, "template", "截至{nowhere}", "模板")
    qtbot.waitUntil(lambda: window.preview_pane.page_label.text() == "")
    assert window.preview_pane.paged.pagination is None
    assert not [
        f for f in window.findings if f.code in ("heading-ends-page", "page-limit", "imprint-own-page")
    ]
    window.undo_group.undo()
    qtbot.waitUntil(lambda: window.preview_pane.page_label.text().startswith("共 5 页"))


def test_checks_asked_for_before_typing_pauses_see_the_pages_as_they_are_now(window):
    window.page_limit = 5
    window.refresh_preview()
    assert "page-limit" not in {f.code for f in window.findings}
    section = window.document.issue.parts[0].sections[1].subsections[-1]
    text = "窗口持续优化服务流程，提升办事效率和群众满意度。" * 20
    window.document.insert(section.items, len(section.items), Item(text), "添加")
    assert window.preview_timer.isActive()  # the preview waits for typing to pause
    assert "page-limit" in {f.code for f in window.refresh_checks()}  # as export and print ask
    assert window.preview_pane.page_label.text().startswith("共 6 页")


def test_continuous_chosen_before_the_paged_preview_exists(qtbot):
    from bulletin_editor.ui.preview import Preview
    from bulletin_editor.ui.preview_pane import PreviewPane

    pane = PreviewPane(Preview())  # the paged preview is made at the window's first refresh
    qtbot.addWidget(pane)
    pane.continuous_action.trigger()  # pytest-qt fails the test on an exception in the slot
    assert pane.continuous_action.isChecked() and not pane.is_paged()
    pane.paged_action.trigger()
    assert pane.is_paged() and pane.zoom_action.isVisible()
    pane.continuous_action.trigger()
    assert not pane.zoom_action.isVisible()
