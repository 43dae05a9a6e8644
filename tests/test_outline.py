"""The outline after value edits relabels only what an edit changed, and reads exactly as an
outline built afresh from the edited issue."""

from bulletin_editor.formats.bulletin import load_sample
from bulletin_editor.ui.outline import outline_nodes


def shown(window) -> list[str]:
    return [w.text(0) for w in window.outline.entries()]


def built_afresh(window) -> list[str]:
    def flat(nodes):
        for node in nodes:
            yield node.label
            yield from flat(node.children)

    return list(flat(outline_nodes(window.current_issue())))


def test_every_labelled_value_edit_relabels_as_a_rebuild_would(window):
    issue = window.current_issue()
    part = issue.parts[0]
    group, inspection = part.sections[1], part.sections[2]
    news = group.subsections[1]
    edits = [
        (issue.masthead, "number", 29),
        (part, "title", "公共资源交易工作"),
        (group, "title", "窗口动态"),
        (news, "title", "效能提升"),
        (news.items[3], "text", "新的第四条。"),
        (inspection.items[2], "heading", ""),  # the checks after it are numbered one less
        (inspection.items[0], "heading", "总体情况"),  # the intro becomes check （一）
    ]
    before = shown(window)
    for obj, attr, value in edits:
        window.document.set_value(obj, attr, value, "修改")
        assert shown(window) == built_afresh(window)
    assert "（三）效能提升" not in before and "二、窗口动态" in shown(window)
    assert window.outline.select_key(("section", inspection))
    checks = window.outline.currentItem()
    assert [checks.child(i).text(0) for i in range(4)] == [
        "（一）总体情况",
        "（二）按时到岗情况",
        "总体情况良好。",  # unheaded now: its text, unnumbered
        "（三）着装情况",
    ]
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
        assert shown(window) == built_afresh(window)
    assert shown(window) == before


def test_select_key_finds_entries_by_their_objects(window):
    news = window.current_issue().parts[0].sections[1].subsections[1]
    assert window.outline.select_key(("item", news, news.items[2]))
    assert window.outline.current_key()[2] is news.items[2]
    assert not window.outline.select_key(
        ("item", news, load_sample().parts[0].sections[1].subsections[1].items[2])
    )
    assert window.outline.select_key(("distribution",))


def test_the_items_list_lines_follow_every_field_they_show(window):
    part = window.current_issue().parts[0]
    visits, inspection = part.sections[1].subsections[2], part.sections[2]
    lines = lambda: [window.editor.list.item(i).text() for i in range(window.editor.list.count())]  # noqa: E731
    assert window.outline.select_key(("section", visits))
    before = lines()
    window.document.set_value(visits.items[1], "department", "省林草局", "修改")
    assert lines()[1].endswith("〔省林草局" + visits.items[1].leader + "〕") and lines()[0] == before[0]
    window.document.undo_stack.undo()
    assert lines() == before
    assert window.outline.select_key(("section", inspection))
    window.document.set_value(inspection.items[2], "heading", "", "修改")  # later checks renumber
    assert [line[:3] for line in lines()[1:4]] == ["（一）", "说明：", "（二）"]
