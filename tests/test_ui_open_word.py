"""File ▸ Open takes Word documents too: an export comes back exactly, a typed issue by its text."""

import docx

from bulletin_editor.formats.docx.writer import export_docx
from bulletin_editor.ui import dialogs


def test_open_an_exported_word_document(editor_window, sample_issue, tmp_path, monkeypatch):
    exported = tmp_path / "2022-028.docx"
    export_docx(sample_issue, exported)
    exported_bytes = exported.read_bytes()
    shown, save_suggestions = [], []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder: exported)
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, message: shown.append(message))
    monkeypatch.setattr(
        dialogs,
        "ask_save_path",
        lambda parent, suggestion: save_suggestions.append(suggestion) or tmp_path / "新.bulletin",
    )

    editor_window.actions_by_name["open"].trigger()

    assert editor_window.current_issue() == sample_issue
    assert "原样恢复" in shown[0]
    assert editor_window.current_path() is None  # never saved as JSON over the .docx
    editor_window.actions_by_name["save"].trigger()
    assert save_suggestions and editor_window.current_path() == tmp_path / "新.bulletin"
    assert exported.read_bytes() == exported_bytes


def test_open_a_word_document_typed_by_hand(editor_window, tmp_path, monkeypatch):
    typed = tmp_path / "旧周报.docx"
    document = docx.Document()
    for line in [
        "窗口工作周报",
        "2021年第5期（总第330期）",
        "四川省政府政务服务和公共资源交易服务中心",
        "2021年2月8日",
        "政务服务工作",
        "（2月1日—2月5日）",
        "一、窗口工作动态",
        "（1）近日，甲窗口开展培训。",
        "（2）近日，乙窗口上门服务。",
    ]:
        document.add_paragraph(line)
    document.save(str(typed))
    monkeypatch.setattr(dialogs, "show_info", lambda *args: None)  # the import report

    assert editor_window.open_file(typed)

    issue = editor_window.current_issue()
    assert (issue.masthead.year, issue.masthead.number, issue.masthead.total_number) == (2021, 5, 330)
    assert [item.text for item in issue.parts[0].sections[0].items] == [
        "近日，甲窗口开展培训。",
        "近日，乙窗口上门服务。",
    ]
    assert editor_window.current_path() is None
