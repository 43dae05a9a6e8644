from bulletin_editor.model.departments import shipped_departments
from bulletin_editor.storage import word_lists


def test_accepted_words_are_kept_one_a_line(user_dirs):
    assert word_lists.accepted_words() == frozenset()
    word_lists.accept_word("王喆")
    word_lists.accept_word(" 王喆 ")
    word_lists.accept_word("李堃")
    assert word_lists.accepted_words() == {"王喆", "李堃"}
    text = word_lists.words_path().read_text(encoding="utf-8")
    assert text.startswith("#") and text.count("王喆") == 1
    assert str(word_lists.words_path()).startswith(str(user_dirs))
    assert word_lists.user_words().accepted == {"王喆", "李堃"}


def test_the_users_departments_replace_the_shipped_list_once_edited(user_dirs):
    assert word_lists.user_departments() is shipped_departments()
    path = word_lists.departments_for_editing()
    assert path.read_text(encoding="utf-8") == shipped_departments_text()
    path.write_text("四川省某某局|省某局\n", encoding="utf-8")
    assert word_lists.departments_for_editing() == path  # an existing copy is kept
    assert [d.full_name for d in word_lists.user_departments()] == ["四川省某某局"]
    assert word_lists.user_words().departments.find("省某局") is not None


def shipped_departments_text():
    from bulletin_editor.paths import resource_path

    return resource_path("departments.txt").read_text(encoding="utf-8")
