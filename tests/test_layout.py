"""The layout table: typed, validated when loaded, every key named in its error."""

import copy
import tomllib

import pytest

from bulletin_editor.model import Role
from bulletin_editor.model.layout import LayoutError, fit_unit_date, load_layout, parse_layout
from bulletin_editor.paths import resource_path


@pytest.fixture(scope="module")
def table():
    return tomllib.loads(resource_path("layout.toml").read_text(encoding="utf-8"))


def test_the_shipped_table_loads(table):
    layout = parse_layout(copy.deepcopy(table))
    assert layout == load_layout()
    assert layout.element(Role.RUN_IN).paragraph == "body"
    assert layout.paragraph_element(Role.RUN_IN) == "body"
    assert _style_ids(layout) == {
        "BulletinTitle",
        "BulletinIssueLine",
        "BulletinUnitDate",
        "BulletinPartTitle",
        "BulletinPeriod",
        "BulletinLevel1",
        "BulletinLevel2",
        "BulletinBody",
        "BulletinRunIn",
        "BulletinDistribution",
        "BulletinCopies",
        "BulletinPageNumber",
    }


def _style_ids(layout):
    return {layout.style_id(name) for name in layout.elements}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t["elements"]["title"].update(sise_pt={"value": 4, "basis": "x"}), "sise_pt"),
        (lambda t: t["page"].pop("lines_per_page"), "lines_per_page"),
        (lambda t: t["elements"]["body"].update(size_pt={"value": "三号", "basis": "x"}), "size_pt"),
        (lambda t: t["elements"]["body"].update(align={"value": "middle", "basis": "x"}), "align"),
        (lambda t: t["elements"]["body"].update(keep_with_next={"value": 1, "basis": "x"}), "keep_with_next"),
        (lambda t: t["elements"]["body"].update(font={"value": "仿宋"}), "font"),
        (lambda t: t["imprint"].update(construct={"value": "table", "basis": "x"}), "construct"),
        (lambda t: t["elements"].pop("copies"), "copies"),
        (lambda t: t.update(pages={}), "pages"),
        (lambda t: t["elements"]["run_in"].update(paragraph={"value": "bodyy", "basis": "x"}), "bodyy"),
    ],
)
def test_a_typo_fails_at_load_naming_the_key(table, change, message):
    broken = copy.deepcopy(table)
    change(broken)
    with pytest.raises(LayoutError, match=message):
        parse_layout(broken)


def test_the_footer_distance_puts_the_number_7_mm_under_the_type_area():
    layout = load_layout()
    number = layout.elements["page_number"]
    baseline_from_bottom = layout.footer_distance_twips + number.baseline_em * number.line_pt * 20
    below_type = layout.page.margin_bottom_twips - baseline_from_bottom
    assert below_type * 25.4 / 1440 == pytest.approx(7, abs=0.05)


@pytest.mark.parametrize(
    "unit_chars, size, condensed, fits",
    [
        (20, 14, False, True),
        (23, 14, False, True),
        (24, 14, True, True),
        (28, 13, True, True),
        (34, 12, True, False),
    ],
)
def test_unit_date_line_condenses_then_shrinks_to_the_limit(unit_chars, size, condensed, fits):
    fit = fit_unit_date(load_layout(), "中" * unit_chars, "2022年9月27日")
    assert fit.size_pt == size
    assert (fit.spacing_twips < 0) == condensed
    assert fit.fits == fits
    assert (fit.room_chars >= 0) == (not condensed)
