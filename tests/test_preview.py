"""The preview maps its paragraphs to their places in the issue without an anchor each."""

from __future__ import annotations

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
