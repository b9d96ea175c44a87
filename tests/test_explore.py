"""The live explorer's pure part: one indicator as a place × year table."""
import pytest

from northeast.data import load
from northeast.explore import compare, comparison, explorer, indicators_with_comparisons


@pytest.fixture(scope="module")
def claims():
    return load("claims")


def test_compare_pivots_values_from_the_claims(claims):
    table = compare(claims, "per_capita_gdp_rank")
    rows = claims[claims["indicator"] == "per_capita_gdp_rank"]
    names = load("entities").set_index("id")["name_en"]
    for row in rows.itertuples():
        assert table.loc[names[row.entity], str(row.year_end)] == row.value


def test_compare_refuses_unknown_indicator(claims):
    with pytest.raises(ValueError, match="no numbers for indicator 'nope'"):
        compare(claims, "nope")


def test_only_comparable_quantities_are_offered(claims):
    offered = indicators_with_comparisons(claims)
    assert "fiscal_self_sufficiency" in offered
    assert "event_year" not in offered


def test_explorer_recomputes_on_choice():
    box = explorer()
    dropdown, table = box.children
    before = table.value
    dropdown.value = "fiscal_self_sufficiency"
    assert table.value != before and "Jilin" in table.value


def test_comparison_shows_a_dash_where_the_essay_gives_no_value(claims):
    """pandas prints missing values as <NA>; a reader sees "–", in the live table and in text."""
    shown = comparison(claims, "fiscal_self_sufficiency")
    assert compare(claims, "fiscal_self_sufficiency").isna().any().any()
    for text in (shown._repr_html_(), repr(shown)):
        assert "NA" not in text and "NaN" not in text and "–" in text
