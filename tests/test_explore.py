"""The live explorer's pure part: one indicator as a place × year table."""
import pytest

from northeast.data import load
from northeast.explore import compare, explorer, indicators_with_comparisons


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
