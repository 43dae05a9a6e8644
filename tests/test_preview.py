"""The preview maps its paragraphs to their places in the issue without an anchor each."""

from __future__ import annotations

import copy

from bulletin_editor.model import printed_paragraphs
from bulletin_editor.ui.preview import Preview, issue_html


def test_every_paragraph_of_the_sample_is_mapped_to_its_place(qtbot, sample_issue):
    preview = Preview()
    qtbot.addWidget(preview)
    preview.show_issue(sample_issue)
    printed = [p for p in printed_paragraphs(sample_issue) if p.source.part is not None]
    blocks = sorted(preview._places)
    assert [preview._places[n] for n in blocks] == [p.source for p in printed]
    for number, paragraph in zip(blocks, printed):  # each block holds its paragraph's text
        text = preview.document().findBlockByNumber(number).text()
        assert text.startswith(paragraph.text.split("\n")[0][:10])
    assert "<a name" not in issue_html(sample_issue)


def _edits(issue):
    """Edits, each with whether only paragraphs' text changes (typing) so they are replaced in
    place, or more (a block's format, the table, the blocks) so the document is set afresh."""
    part = issue.parts[0]
    news = part.sections[1].subsections[1]
    inspection = part.sections[2]
    visits = part.sections[1].subsections[2]
    yield lambda: setattr(news.items[2], "text", news.items[2].text + "再加一句。"), True
    yield lambda: setattr(news.items[0], "text", "两行的\n一段"), True
    yield lambda: setattr(inspection.items[1], "text", "情况良好。"), True  # a run-in paragraph
    yield lambda: setattr(issue.masthead, "number", 29), True
    yield lambda: setattr(visits.items[0], "department", "省林草局"), True
    yield lambda: setattr(issue.distribution, "copies", 40), True
    yield lambda: setattr(inspection.items[1], "heading", ""), False  # run-in becomes body text
    yield lambda: setattr(issue.masthead, "unit", "四川省政务服务中心"), False  # in the table
    yield lambda: news.items.insert(1, copy.deepcopy(news.items[3])), False


def test_an_edited_issue_shows_as_it_would_rendered_afresh(qtbot, sample_issue, monkeypatch):
    shown = Preview()
    qtbot.addWidget(shown)
    shown.show_issue(sample_issue)
    set_afresh = []
    monkeypatch.setattr(shown, "setHtml", lambda html: set_afresh.append(Preview.setHtml(shown, html)))
    for edit, in_place in _edits(sample_issue):
        edit()
        set_afresh.clear()
        shown.show_issue(sample_issue)
        assert set_afresh == ([] if in_place else [None])
        fresh = Preview()  # the same issue, rendered from nothing
        qtbot.addWidget(fresh)
        fresh.show_issue(sample_issue)
        assert shown.document().toHtml() == fresh.document().toHtml()
        assert shown._places == fresh._places
    assert shown.document().toPlainText().count("再加一句。") == 1
