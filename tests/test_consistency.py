"""The consistency checks decide the flags: stored flags must equal the computed ones, and the
key recomputations must give the numbers the course discusses."""
from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from northeast import views
from northeast.consistency import (
    CHECKS,
    KINDS,
    agrees,
    all_checks,
    conversion,
    conversions,
    derived_corrections,
    derived_flags,
    derived_severities,
    run_checks,
    severity,
)
from northeast.consistency.rules import ORDER_OF_MAGNITUDE
from northeast.data import DATA_DIR, load


@pytest.fixture(scope="module")
def claims():
    return load("claims")


@pytest.fixture(scope="module")
def report(claims):
    return run_checks(claims).set_index("check")


# --------------------------------------------------------------------------- flags
def test_stored_flags_equal_derived_flags(claims):
    stored = {r.id: r.flag for r in claims.itertuples() if isinstance(r.flag, str)}
    assert derived_flags(claims) == stored


def test_expected_flags(claims):
    flags = derived_flags(claims)
    assert flags == {
        "transfers_total_liaoning_2003_2022": "unit_slip",
        "transfers_total_jilin_2003_2022": "unit_slip",
        "transfers_total_heilongjiang_2003_2022": "unit_slip",
        "transfers_total_northeast_2003_2022": "sum_mismatch",
        "per_capita_gdp_pct_of_national_2003": "ratio_mismatch",
        "soe_profit_tax_pct_of_shanghai_summary": "statement_mismatch",
        "employee_retiree_ratio_northeast_2022": "ratio_mismatch",
        "net_transfer_annual_avg_jilin": "conversion_mismatch",
        "net_transfers_cumulative_low": "conversion_mismatch",
        "net_transfers_cumulative_high": "conversion_mismatch",
        "sasac_symposium_investment": "conversion_mismatch",
        "debt_write_off_2006": "conversion_mismatch",
        "exports_heilongjiang_jilin_2022": "conversion_mismatch",
        "exports_xinjiang_2022": "conversion_mismatch",
    }


def test_stored_severities_equal_derived(claims):
    stored = {r.id: r.severity for r in claims.itertuples() if isinstance(r.severity, str)}
    assert derived_severities(claims) == stored
    assert claims["severity"].isna().eq(claims["flag"].isna()).all(), "a severity exactly where there is a flag"


def test_severities_at_their_size(claims):
    levels = derived_severities(claims)
    # only the x1000 slips (and the dollar figures that carry them) are major
    assert sorted(c for c, s in levels.items() if s == "major") == [
        "transfers_total_heilongjiang_2003_2022", "transfers_total_jilin_2003_2022", "transfers_total_liaoning_2003_2022"]
    # conversions under 1% off are minor, never on a par with a unit slip
    assert {levels[c] for c, f in derived_flags(claims).items() if f == "conversion_mismatch"} == {"minor"}
    # 2.5:1 against another province's counts is a wording mismatch
    assert levels["employee_retiree_ratio_northeast_2022"] == "note"


def test_severity_rule():
    assert severity(True, factor=1000) == ""
    assert severity(False, factor=ORDER_OF_MAGNITUDE) == "major"
    assert severity(False, factor=ORDER_OF_MAGNITUDE * 0.99) == "minor"
    assert severity(False, reverses=True) == "major"
    assert severity(False, factor=1.1, scope="narrower") == "note"
    assert severity(False, factor=20, scope="narrower") == "major"


def test_a_reversed_direction_is_major(tmp_path):
    """Make Liaoning's 2022 per-capita rank better than its 2003 one: 'declined' no longer holds."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    fixed = load("claims", path=copy)
    rank_2003 = fixed.loc[fixed["id"] == "per_capita_gdp_rank_liaoning_2003", "value"].item()
    fixed.loc[fixed["id"] == "per_capita_gdp_rank_liaoning_2022", "value"] = rank_2003 - 1
    assert derived_severities(fixed)["per_capita_gdp_rank_liaoning_2022"] == "major"


def test_every_check_kind_has_a_function(claims):
    assert {c.kind for c in all_checks(claims)} == set(KINDS)


def test_stored_corrections_equal_derived(claims):
    with_fix = claims.dropna(subset=["value_corrected"])
    stored = dict(zip(with_fix["id"], with_fix["value_corrected"].astype(float)))
    derived = derived_corrections(claims)
    assert stored.keys() == derived.keys()
    for cid, value in derived.items():
        assert stored[cid] == pytest.approx(value, abs=0.05), cid


# --------------------------------------------------------------------------- the checks themselves
def test_check_ids_exist_and_target_is_involved(claims):
    ids = set(claims["id"])
    names = [c.name for c in all_checks(claims)]
    assert len(names) == len(set(names)), "check names must be unique"
    for check in all_checks(claims):
        assert set(check.ids) <= ids, (check.name, set(check.ids) - ids)
        assert check.target_id in check.ids, check.name
        assert check.description


def test_every_usd_row_has_a_conversion_check(claims, report):
    with_usd = set(claims.loc[claims["usd_printed"].notna(), "id"])
    conversions = set(report[report["kind"] == "conversion"]["target_id"])
    assert conversions == with_usd


def test_report_columns(report):
    for column in ("kind", "ids", "target_id", "stated", "computed", "consistent", "flag", "explanation"):
        assert column in report.reset_index().columns
    assert (report["flag"] == "").eq(report["consistent"]).all()
    assert report["explanation"].str.len().gt(0).all()


def test_spot_per_capita_2003(report):
    row = report.loc["per_capita_gdp_ratio_2003"]
    assert round(row["computed"], 1) == 142.9 and not row["consistent"]


def test_spot_transfer_sum(report):
    row = report.loc["transfer_sum"]
    assert row["computed"] == pytest.approx(12002.8) and not row["consistent"]
    for province in ("liaoning", "jilin", "heilongjiang"):
        assert not report.loc[f"transfer_scale_{province}", "consistent"]


def test_spot_dependency_ratio(report, claims):
    row = report.loc["dependency_ratio_heilongjiang"]
    assert round(row["computed"], 2) == 2.25 and not row["consistent"]
    ratios = views.dependency_ratios(claims).set_index("entity")
    assert round(ratios.loc["heilongjiang", "ratio_computed"], 2) == 2.25
    assert round(ratios.loc["guangdong", "ratio_computed"], 1) == 9.4
    assert ratios.loc["northeast", "ratio_stated"] == 2.5
    assert ratios.loc["china", "ratio_stated"] == 5.8


@pytest.mark.parametrize("check, expected", [
    ("gdp_share_fall_more_than_half", 57.9),
    ("exports_half_of_xinjiang", 50.1),
    ("dalian_shenyang_gap_2002", 21.1),
    ("per_capita_gdp_ratio_2022", 69.3),
    ("pension_gap_nearly_half", 49.7),
    ("heilongjiang_half_century", 44.0),
    ("strategy_twenty_years", 20.0),
])
def test_consistent_statements_confirmed(report, check, expected):
    row = report.loc[check]
    assert row["consistent"], row["explanation"]
    assert round(row["computed"], 1) == expected


def test_ten_to_twenty_trillion_converts(report):
    for cid in ("support_total_estimate_summary_low", "support_total_estimate_summary_high",
                "support_total_estimate_one_low", "support_total_estimate_one_high"):
        assert report.loc[f"usd_conversion_{cid}", "consistent"]


def test_conversion_mismatches_are_exactly_the_known_ones(report):
    bad = report[(report["kind"] == "conversion") & (report["flag"] == "conversion_mismatch")]
    assert set(bad["target_id"]) == {
        "net_transfer_annual_avg_jilin", "net_transfers_cumulative_low", "net_transfers_cumulative_high",
        "sasac_symposium_investment", "debt_write_off_2006", "exports_heilongjiang_jilin_2022",
        "exports_xinjiang_2022"}


def test_checks_see_a_corrected_copy(tmp_path):
    """Fix the essay's slips in a copy: the checks must then find nothing wrong with them."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    path = copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    for old, new in (("3.2553,billion_rmb", "3255.3,billion_rmb"), ("2.8628,billion_rmb", "2862.8,billion_rmb"),
                     ("5.8847,billion_rmb", "5884.7,billion_rmb")):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    fixed = load("claims", path=copy)
    report = run_checks(fixed).set_index("check")
    for province in ("liaoning", "jilin", "heilongjiang"):
        assert report.loc[f"transfer_scale_{province}", "consistent"]
    assert not report.loc["transfer_sum", "consistent"]  # 12.0 is still not "nearly 11"


# --------------------------------------------------------------------------- the comparison rules
@given(st.floats(min_value=0.01, max_value=1e5, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_exact_accepts_its_own_rounding(x, decimals):
    printed = f"{x:.{decimals}f}"
    assert agrees(x, float(printed), "exact", printed)


@given(st.floats(min_value=1, max_value=1e4, allow_nan=False))
def test_qualifiers(x):
    printed = f"{x:.2f}"  # a figure printed with two decimals
    x = float(printed)
    assert agrees(x * 1.04, x, "about", printed) and not agrees(x * 1.2, x, "about", printed)
    assert agrees(x * 0.95, x, "nearly", printed) and not agrees(x * 1.05, x, "nearly", printed)
    assert not agrees(x * 0.8, x, "nearly", printed)
    assert agrees(x * 1.01, x, "more_than", printed) and not agrees(x * 0.99, x, "more_than", printed)
    assert agrees(x * 0.99, x, "less_than", printed) and not agrees(x, x, "less_than", printed)
    assert agrees(x, x, "at_least", printed) and not agrees(x * 0.99, x, "at_least", printed)


@given(st.floats(min_value=0.001, max_value=50000, allow_nan=False), st.integers(min_value=0, max_value=2))
def test_a_rounded_conversion_is_consistent(rmb_billion, decimals):
    usd = rmb_billion / 7.14
    if round(usd, decimals) == 0:
        return
    printed = f"{round(usd, decimals):.{decimals}f} billion"
    assert conversion(rmb_billion, printed, 7.14, "7.14").consistent


@given(st.floats(min_value=10, max_value=50000, allow_nan=False), st.floats(min_value=1.05, max_value=3))
def test_a_conversion_beyond_its_rounding_is_not(rmb_billion, off):
    usd = rmb_billion / 7.14 * off  # 5% or more off, printed to two decimals (rounding allows < 0.6%)
    assert not conversion(rmb_billion, f"{usd:.2f} billion", 7.14, "7.14").consistent


def test_conversions_judged_by_relative_deviation():
    # -1.52%, but "1.2" allows 4.2%: consistent
    loose = conversion(8.7, "1.2 billion", 7.14, "7.14")
    assert loose.consistent and loose.deviation == pytest.approx(-0.0152, abs=1e-4)
    # +0.51%, but "18.3" allows only 0.27% (+0.07% for the rate's own rounding): beyond rounding
    tight = conversion(130, "18.3 billion", 7.14, "7.14")
    assert not tight.consistent and tight.deviation == pytest.approx(0.0051, abs=1e-4)
    assert tight.allowed == pytest.approx(0.05 / (130 / 7.14) + 0.005 / 7.14)
    # a printed figure at the edge of the rate's rounding still agrees (76.75 printed as 76.7)
    assert conversion(548, "76.7 billion", 7.14, "7.14").consistent


def test_all_34_conversions(claims):
    table = conversions(claims)
    assert len(table) == 34 == claims["usd_printed"].notna().sum()
    beyond = table["deviation_pct"].abs() > table["allowed_pct"]
    assert set(table.loc[beyond, "claim_id"]) == {
        "net_transfer_annual_avg_jilin", "net_transfers_cumulative_low", "net_transfers_cumulative_high",
        "sasac_symposium_investment", "debt_write_off_2006", "exports_heilongjiang_jilin_2022",
        "exports_xinjiang_2022"}
    # the five that overshoot share one rate near 7.09: the ranges of rates that round to them overlap
    over = table[beyond & (table["deviation_pct"] > 0)]
    low, high = over["implied_rate_low"].max(), over["implied_rate_high"].min()
    assert len(over) == 5 and 7.08 < low < high < 7.10


def test_mis_scaled_dollars_are_flagged_with_their_yuan_rows(report):
    for province in ("liaoning", "jilin", "heilongjiang"):
        row = report.loc[f"usd_conversion_transfers_total_{province}_2003_2022"]
        assert not row["consistent"] and row["flag"] == "unit_slip" and row["severity"] == "major"
    assert report.loc["usd_conversion_transfers_total_northeast_2003_2022", "consistent"]


def test_no_single_correction_where_the_text_cannot_decide(report, claims):
    for check, target in (("transfer_sum", "transfers_total_northeast_2003_2022"),
                          ("per_capita_gdp_ratio_2003", "per_capita_gdp_pct_of_national_2003")):
        assert not report.loc[check, "consistent"] and pd.isna(report.loc[check, "corrected"])
        assert pd.isna(claims.loc[claims["id"] == target, "value_corrected"].item())
    # both readings of the 2003 ratio: 142.9% from the levels, or a level of about 12,010 at 133%
    explanation = report.loc["per_capita_gdp_ratio_2003", "explanation"]
    assert "142.9%" in explanation and "12,010" in explanation


# --------------------------------------------------------------------------- derived views
def test_implied_totals_from_fdi(claims):
    fdi = views.implied_totals_from_fdi(claims).set_index("comparator")
    assert fdi.loc["china", "implied_total_billion_usd"] == pytest.approx(144)
    assert fdi.loc["jiangsu", "implied_total_billion_usd"] == pytest.approx(45)
    assert fdi.loc["sichuan", "implied_total_billion_usd"] == pytest.approx(10)
    assert set(fdi.index) == {"china", "jiangsu", "beijing", "sichuan", "shaanxi"}


def test_central_support_by_category(claims):
    table = views.central_support_by_category(claims).set_index("claim_id")
    assert list(table["category"].cat.categories) == [
        "transfers", "key_projects", "soe_and_bank_support", "special_allocations"]
    assert set(table["category"]) == set(table["category"].cat.categories)
    assert table.loc["transfers_total_liaoning_2003_2022", "corrected_billion_rmb"] == pytest.approx(3255.3)
    # the text cannot tell whether the total or a part is wrong: the total stays as printed
    assert table.loc["transfers_total_northeast_2003_2022", "corrected_billion_rmb"] == pytest.approx(11000)
    assert table.loc["debt_write_off_2006", "usd_at_7_14_billion"] == pytest.approx(43.5574)
    assert len(CHECKS) > 30


def test_tables_print_numbers_as_readers_write_them():
    """No '1.2e+04' where a reader expects 12,002.8 (or, where the text can't decide, no number)."""
    from northeast import tables

    for table in (tables.flagged_numbers(), tables.conversions_table()):
        assert not re.search(r"\d[eE][+-]?\d", table._repr_html_()), table.table_id
