import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_editor.errors import BulletinError
from bulletin_editor.formats.bulletin import VERSION, issue_to_json, load_issue, save_issue
from bulletin_editor.model import (
    Counts,
    Distribution,
    DistributionLine,
    Figures,
    IgnoredFinding,
    Issue,
    Item,
    Masthead,
    Part,
    Section,
    SectionKind,
    Statistics,
)

texts = st.text(st.characters(exclude_categories=()), max_size=30)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
counts = st.builds(Counts, st.integers(0, 10**9), st.integers(0, 10**9))
items = st.builds(Item, texts, texts, st.none() | dates, texts, texts)
statistics = st.builds(
    Statistics,
    st.builds(Figures, counts, counts, counts),
    st.none() | dates,
    st.none() | dates,
    st.just("{start}至{end}"),
    st.none() | texts,
)
leaf_sections = st.builds(
    Section,
    texts,
    st.sampled_from(SectionKind),
    items=st.lists(items, max_size=3),
    statistics=st.none() | statistics,
)
sections = st.builds(
    Section,
    texts,
    st.sampled_from(SectionKind),
    items=st.lists(items, max_size=3),
    subsections=st.lists(leaf_sections, max_size=3),
)
issues = st.builds(
    Issue,
    st.builds(
        Masthead, st.integers(2000, 2099), st.integers(1, 60), st.integers(1, 5000), dates, texts, texts
    ),
    st.lists(st.builds(Part, texts, dates, dates, st.lists(sections, max_size=3)), max_size=2),
    st.builds(
        Distribution, st.lists(st.builds(DistributionLine, texts, texts), max_size=3), st.integers(0, 999)
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(issue=issues)
def test_any_issue_survives_save_and_load(tmp_path, issue):
    path = tmp_path / "any.bulletin"
    save_issue(issue, path)
    assert load_issue(path) == issue


def test_sample_file_is_readable_json_with_format_and_version(sample_issue):
    document = json.loads(issue_to_json(sample_issue))
    assert document["format"] == "bulletin-editor" and document["version"] == VERSION == 3
    assert "窗口工作周报" in issue_to_json(sample_issue)  # not \u-escaped: readable and diff-friendly


def test_a_version_1_file_opens_without_last_weeks_figures(tmp_path, sample_issue):
    document = json.loads(issue_to_json(sample_issue))
    document["version"] = 1
    del document["issue"]["parts"][0]["sections"][0]["statistics"]["previous"]
    issue = load_issue(_write(tmp_path, json.dumps(document, ensure_ascii=False)))
    assert issue == sample_issue and issue.parts[0].sections[0].statistics.previous is None


def test_a_version_2_file_opens_with_nothing_ignored_and_ignores_are_kept(tmp_path, sample_issue):
    document = json.loads(issue_to_json(sample_issue))
    document["version"] = 2
    del document["issue"]["ignored"]
    issue = load_issue(_write(tmp_path, json.dumps(document, ensure_ascii=False)))
    assert issue == sample_issue and issue.ignored == []
    issue.ignored.append(IgnoredFinding("space-in-cjk", " 省林草局 狠抓"))
    path = tmp_path / "ignored.bulletin"
    save_issue(issue, path)
    assert load_issue(path).ignored == [IgnoredFinding("space-in-cjk", " 省林草局 狠抓")]  # not trimmed


def _write(tmp_path, content):
    path = tmp_path / "bad.bulletin"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _document(sample_issue, **changes):
    document = json.loads(issue_to_json(sample_issue))
    document.update(changes)
    return document


def test_missing_file(tmp_path):
    with pytest.raises(BulletinError, match="找不到文件"):
        load_issue(tmp_path / "nowhere.bulletin")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(BulletinError, match="文件夹"):
        load_issue(tmp_path)


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json {", "不是有效的 JSON"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        ("[1, 2]", "不是周报编辑器的文件"),
        ('{"format": "something-else", "version": 1}', "不是周报编辑器的文件"),
        ('{"format": "bulletin-editor", "version": "1"}', "版本号无效"),
    ],
)
def test_not_an_issue_file(tmp_path, content, message):
    with pytest.raises(BulletinError, match=message):
        load_issue(_write(tmp_path, content))


def test_newer_version_names_both_versions(tmp_path, sample_issue):
    path = _write(tmp_path, json.dumps(_document(sample_issue, version=VERSION + 1)))
    with pytest.raises(BulletinError, match=f"版本 {VERSION + 1}.*版本 {VERSION}.*升级"):
        load_issue(path)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["issue"]["masthead"].pop("year"), r"issue\.masthead 缺少字段 year"),
        (lambda d: d["issue"]["masthead"].update(year="2022"), r"issue\.masthead\.year 应为整数"),
        (lambda d: d["issue"]["masthead"].update(number=True), r"issue\.masthead\.number 应为整数"),
        (lambda d: d["issue"]["masthead"].update(issue_date="2022-13-01"), r"issue_date 应为日期"),
        (
            lambda d: d["issue"]["parts"][0]["sections"][0].update(kind="poem"),
            r"sections\[0\]\.kind 的值 'poem' 无效",
        ),
        (lambda d: d["issue"]["parts"][0].update(sections={}), r"parts\[0\]\.sections 应为列表"),
        (lambda d: d["issue"]["distribution"].update(colour="red"), r"未知字段 colour"),
    ],
)
def test_missing_or_mistyped_fields_are_named(tmp_path, sample_issue, change, message):
    document = _document(sample_issue)
    change(document)
    with pytest.raises(BulletinError, match=message):
        load_issue(_write(tmp_path, json.dumps(document, ensure_ascii=False)))


def test_interrupted_save_keeps_the_previous_file(tmp_path, sample_issue, monkeypatch):
    path = tmp_path / "2022-028.bulletin"
    save_issue(sample_issue, path)
    before = path.read_bytes()
    sample_issue.masthead.number = 29

    def power_cut(source, destination):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(BulletinError, match="无法保存"):
        save_issue(sample_issue, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_full_disk_is_explained(tmp_path, sample_issue, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(BulletinError, match="磁盘空间不足"):
        save_issue(sample_issue, tmp_path / "x.bulletin")
    assert list(tmp_path.iterdir()) == []
