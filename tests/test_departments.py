from pathlib import Path

import pytest

from bulletin_editor.model.departments import (
    Department,
    DepartmentsError,
    load_departments,
    parse_departments,
    shipped_departments,
)


def test_the_shipped_list_knows_the_sample_s_departments():
    departments = shipped_departments()
    assert len(departments) > 50
    forestry = departments.find("省林草局")
    assert forestry == Department("四川省林业和草原局", ("省林草局",))
    assert departments.find("四川省林业和草原局") is forestry
    assert departments.find("林草局") is forestry  # the province in front is optional
    assert departments.find("省应急厅") is departments.find("应急厅") is departments.find("省应急管理厅")
    assert departments.find("省林业局") is None
    assert forestry.short_name == "省林草局"
    assert departments.find("四川省教育厅").short_name == "四川省教育厅"


def test_mentions_in_text_longest_name_first():
    departments = shipped_departments()
    text = "省林业和草原局与应急厅、四川省市场监督管理局会同省市场监管局"
    found = [(m.written, m.form, m.department.full_name) for m in departments.mentions(text)]
    assert found == [
        ("省林业和草原局", "林业和草原局", "四川省林业和草原局"),
        ("应急厅", "应急厅", "四川省应急管理厅"),
        ("四川省市场监督管理局", "市场监督管理局", "四川省市场监督管理局"),
        ("省市场监管局", "市场监管局", "四川省市场监督管理局"),
    ]
    for m in departments.mentions(text):
        assert text[m.start : m.end] == m.written


def test_other_levels_and_short_words_are_not_mentions():
    departments = shipped_departments()
    text = "成都市市场监管局、国家林业和草原局、某县体育局到场，对外办理，省外办和残联也来了"
    assert [m.written for m in departments.mentions(text)] == ["省外办"]


def test_a_users_list(tmp_path: Path):
    path = tmp_path / "部门.txt"
    path.write_text("# 我的表\n\n四川省某某厅 | 省某厅\n成都海关\n", encoding="utf-8")
    departments = load_departments(path)
    assert list(departments) == [Department("四川省某某厅", ("省某厅",)), Department("成都海关")]
    assert [m.written for m in departments.mentions("省某厅和成都海关")] == ["省某厅", "成都海关"]


def test_a_name_of_two_departments_is_named_by_its_line():
    with pytest.raises(DepartmentsError, match="第 3 行的“省甲局”与第 1 行的部门重名"):
        parse_departments("四川省甲局\n四川省乙局\n四川省丙局|省甲局\n")
    with pytest.raises(DepartmentsError, match="第 1 行有空的名称"):
        parse_departments("四川省甲局||省甲\n")


def test_unreadable_lists_fail_in_chinese(tmp_path: Path):
    with pytest.raises(DepartmentsError, match="无法读取部门名称表"):
        load_departments(tmp_path / "无.txt")
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("四川省教育厅".encode("gbk"))
    with pytest.raises(DepartmentsError, match="不是 UTF-8 文本"):
        load_departments(bad)


def test_an_empty_list_finds_nothing():
    assert list(parse_departments("# 空\n").mentions("省林草局")) == []
