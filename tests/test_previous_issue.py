"""Finding last week's issue in the archive: by year and number − 1, else by total number − 1."""

import copy

from bulletin_editor.formats.bulletin import save_issue
from bulletin_editor.model.next_issue import next_issue
from bulletin_editor.storage.archive import Archive


def test_the_previous_issue_by_number_then_by_total(tmp_path, sample_issue):
    archive = Archive(tmp_path)
    save_issue(sample_issue, tmp_path / "2022-028.bulletin")
    other = copy.deepcopy(sample_issue)
    other.masthead.number, other.masthead.total_number = 27, 402
    save_issue(other, tmp_path / "2022-027.bulletin")
    (tmp_path / "2022-026.bulletin").write_text("damaged", encoding="utf-8")
    new = next_issue(sample_issue)
    assert archive.previous_of(new) == tmp_path / "2022-028.bulletin"
    new.masthead.number = 40  # a wrong number: the total still finds it
    assert archive.previous_of(new) == tmp_path / "2022-028.bulletin"
    first = next_issue(sample_issue)
    first.masthead.year, first.masthead.number = 2023, 1  # a new year: only the total can find it
    assert archive.previous_of(first) == tmp_path / "2022-028.bulletin"
    new.masthead.total_number = 999
    assert archive.previous_of(new) is None
    archive.close()
