"""The check list: every derived statement of the essay, as data.

The essay states many numbers that depend on other numbers it also prints: shares, ratios,
totals, "half", "more than half", USD conversions. Each such dependency is one declarative
:class:`Check` in :data:`CHECKS`, naming its kind (a function in :mod:`northeast.consistency.kinds`),
the claims involved and the claim that gets the flag; on top of them, every row that carries a
printed USD amount gets a conversion check at the translator's rate (:func:`conversion_checks`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from northeast.claims import PROVINCES, RATE_ID


@dataclass(frozen=True)
class Check:
    """One derived statement of the essay and how to recompute it.

    ``ids`` are the claims involved, in the order the ``kind`` expects; ``target_id`` is the claim
    that gets ``flag`` when the recomputation disagrees with what the essay states. ``params``:
    ``op`` and optional ``constant`` for ``compare``; ``correctable=False`` when the recomputed
    value is not a valid correction of the target (the text cannot tell which of its figures is
    wrong, or the figures describe something narrower); ``scope="narrower"`` when the figures
    printed beside the statement measure less than the statement claims (a wording mismatch,
    severity ``note``); ``why`` says, for a flag without a single correction, what the readings are;
    ``reading_input`` (ratios) names the input that would be wrong if the stated ratio were right.
    """

    name: str
    kind: str
    ids: tuple[str, ...]
    target_id: str
    description: str
    flag: str = "statement_mismatch"
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


# --------------------------------------------------------------------------- the checks
def _c(name, kind, ids, target, description, flag="statement_mismatch", **params):
    return Check(name, kind, tuple(ids), target, description, flag, params)


_TRANSFER_PARTS = (
    "transfers_total_liaoning_2003_2022",
    "transfers_total_jilin_2003_2022",
    "transfers_total_heilongjiang_2003_2022",
)
_TRANSFER_TOTAL = "transfers_total_northeast_2003_2022"

CHECKS: list[Check] = [
    # -- Section One: the transfer figures (scale first: the sum uses its corrections)
    *[
        _c(f"transfer_scale_{part.split('_')[2]}", "scale", (part, _TRANSFER_TOTAL), part,
           "A province's 2003-2022 transfers must be a plausible part (1-100%) of the three-province total.",
           flag="unit_slip")
        for part in _TRANSFER_PARTS
    ],
    _c("transfer_sum", "sum", (*_TRANSFER_PARTS, _TRANSFER_TOTAL), _TRANSFER_TOTAL,
       "The three provinces' transfers (read at the corrected scale) add up to the stated cumulative total.",
       flag="sum_mismatch", correctable=False,
       why="either a provincial figure or the total is wrong (or they count different things); the text "
           "does not say which, so neither is corrected."),
    _c("transfers_within_overall_estimate", "within",
       (_TRANSFER_TOTAL, "support_total_estimate_one_low", "support_total_estimate_one_high"), _TRANSFER_TOTAL,
       "Gross transfers alone lie inside the author's 10-20 trillion estimate of all central support.",
       flag="sum_mismatch"),
    _c("net_below_gross_transfers", "compare", ("net_transfers_cumulative_high", _TRANSFER_TOTAL),
       "net_transfers_cumulative_high", "Net transfers (6-7 trillion) are below gross transfers.", op="<"),
    _c("strategy_twenty_years", "duration",
       ("revitalization_document_year", "sasac_symposium_project_count", "strategy_duration"), "strategy_duration",
       "From the 2003 document to 'this year' (2023) is the stated 20 years."),
    # -- Section One: GDP and per-capita GDP
    _c("gdp_share_fall_more_than_half", "relative_fall",
       ("gdp_share_northeast_2002", "gdp_share_northeast_2022", "gdp_share_fall_2002_2022"), "gdp_share_fall_2002_2022",
       "The fall of the GDP share from 11.4% to 4.8% is 'more than half'.", flag="ratio_mismatch"),
    _c("per_capita_gdp_ratio_2003", "ratio",
       ("per_capita_gdp_northeast_2003", "per_capita_gdp_china_2003", "per_capita_gdp_pct_of_national_2003"),
       "per_capita_gdp_pct_of_national_2003",
       "Northeast / national per-capita GDP in 2003 gives the stated percentage.", flag="ratio_mismatch",
       correctable=False, reading_input=0),
    _c("per_capita_gdp_ratio_2022", "ratio",
       ("per_capita_gdp_northeast_2022", "per_capita_gdp_china_2022", "per_capita_gdp_pct_of_national_2022"),
       "per_capita_gdp_pct_of_national_2022",
       "Northeast / national per-capita GDP in 2022 gives the stated percentage.", flag="ratio_mismatch"),
    *[
        _c(f"per_capita_rank_fell_{p}", "compare",
           (f"per_capita_gdp_rank_{p}_2003", f"per_capita_gdp_rank_{p}_2022"), f"per_capita_gdp_rank_{p}_2022",
           f"{p.title()}'s per-capita GDP rank 'declined' from 2003 to 2022 (a larger rank number).", op="<")
        for p in PROVINCES
    ],
    _c("heilongjiang_half_century", "duration",
       ("per_capita_income_rank_heilongjiang_pre_reform", "per_capita_income_rank_from_bottom_heilongjiang_now",
        "heilongjiang_top_to_bottom_period"), "heilongjiang_top_to_bottom_period",
       "Heilongjiang went from second highest (before reform, 1978) to second lowest (2022) in less than half a century."),
    # -- Section One: top-500 enterprises
    *[
        _c(f"top500_count_shrank_{p}", "compare",
           (f"top500_enterprise_count_{p}_2022", f"top500_enterprise_count_{p}_2002"),
           f"top500_enterprise_count_{p}_2022", f"{p.title()}'s number of top-500 enterprises 'shrank'.", op="<")
        for p in PROVINCES
    ],
    *[
        _c(f"top500_rank_fell_{p}", "compare",
           (f"top500_province_rank_{p}_2002", f"top500_province_rank_{p}_2022"), f"top500_province_rank_{p}_2022",
           f"{p.title()}'s top-500 ranking 'fell'.", op="<")
        for p in ("liaoning", "heilongjiang")
    ],
    _c("top500_rank_order_2002", "rank_order",
       ("top500_enterprise_count_liaoning_2002", "top500_province_rank_liaoning_2002",
        "top500_enterprise_count_heilongjiang_2002", "top500_province_rank_heilongjiang_2002"),
       "top500_province_rank_heilongjiang_2002",
       "More top-500 enterprises means a better rank (Liaoning 17 -> 7th, Heilongjiang 9 -> 10th)."),
    _c("top500_rank_order_2022", "rank_order",
       ("top500_enterprise_count_liaoning_2022", "top500_province_rank_liaoning_2022",
        "top500_enterprise_count_jilin_2022", "top500_province_rank_jilin_2022"),
       "top500_province_rank_jilin_2022",
       "More top-500 enterprises means a better rank (Liaoning 4 -> 23rd, Jilin 1 -> 26th)."),
    _c("top500_tie_2022", "rank_order",
       ("top500_enterprise_count_jilin_2022", "top500_province_rank_jilin_2022",
        "top500_enterprise_count_heilongjiang_2022", "top500_province_rank_heilongjiang_2022"),
       "top500_province_rank_heilongjiang_2022",
       "Jilin and Heilongjiang have the same count (1), so sharing 26th place is consistent."),
    # -- Section One: cities
    _c("top20_within_top30_2002", "compare",
       ("ne_cities_in_top20_count_2002", "ne_cities_in_top30_count_2002"), "ne_cities_in_top20_count_2002",
       "Cities in the top 20 cannot outnumber cities in the top 30.", op="<="),
    _c("dalian_shenyang_gap_2002", "gap_range",
       ("city_gdp_hangzhou_2002", "city_gdp_dalian_2002",
        "dalian_shenyang_gdp_gap_low_2002", "dalian_shenyang_gdp_gap_high_2002"),
       "dalian_shenyang_gdp_gap_low_2002",
       "Dalian trails Hangzhou by 20-30% of Hangzhou's GDP (178.2 vs 140.6 billion).", flag="ratio_mismatch"),
    _c("dalian_above_nanjing_2002", "compare", ("city_gdp_nanjing_2002", "city_gdp_dalian_2002"),
       "city_gdp_dalian_2002", "Dalian 'still ranked higher than Nanjing' in output.", op="<"),
    _c("dalian_inside_top50_2022", "compare", ("city_rank_dalian_2022", "city_ranking_top50_cutoff_2022"),
       "city_rank_dalian_2022", "Dalian's rank (29) is inside the top 50.", op="<="),
    _c("dalian_outside_top20_2022", "compare", ("city_ranking_top20_cutoff_2022", "city_rank_dalian_2022"),
       "city_rank_dalian_2022", "All northeastern cities, Dalian included, are outside the top 20.", op="<"),
    _c("dalian_place_in_jiangsu", "compare", ("dalian_hypothetical_rank_in_jiangsu", "jiangsu_prefecture_city_count"),
       "dalian_hypothetical_rank_in_jiangsu", "7th place exists among Jiangsu's 13 cities.", op="<="),
    # -- Section One: fiscal self-sufficiency
    *[
        _c(f"self_sufficiency_slipped_{p}", "compare",
           (f"fiscal_self_sufficiency_{p}_2022", f"fiscal_self_sufficiency_{p}_1994_2002"),
           f"fiscal_self_sufficiency_{p}_2022", f"{p.title()}'s fiscal self-sufficiency 'slipped' after 1994-2002.",
           op="<")
        for p in PROVINCES
    ],
    *[
        _c(f"self_sufficiency_{p}_below_{q}", "compare",
           (f"fiscal_self_sufficiency_{p}_2022", f"fiscal_self_sufficiency_{q}_2022"),
           f"fiscal_self_sufficiency_{p}_2022", f"{p.title()} is 'quite a bit lower' than {q.title()}.", op="<")
        for p in ("jilin", "heilongjiang")
        for q in ("guizhou", "xinjiang")
    ],
    # -- Section Two
    *[
        _c(f"soe_share_above_national_{p}", "compare",
           ("soe_share_of_large_enterprises_china", f"soe_share_of_large_enterprises_{p}"),
           f"soe_share_of_large_enterprises_{p}", f"{p.title()}'s SOE share is 'much higher' than the national 27%.",
           op="<")
        for p in ("liaoning", "heilongjiang", "jilin")
    ],
    _c("dependency_ratio_heilongjiang", "ratio",
       ("employed_heilongjiang_2022", "retired_heilongjiang_2022", "employee_retiree_ratio_northeast_2022"),
       "employee_retiree_ratio_northeast_2022",
       "The stated 2.5:1 against the only counts printed with it (Heilongjiang's employed / retired).",
       flag="ratio_mismatch", correctable=False, scope="narrower"),
    _c("pension_gap_nearly_half", "ratio",
       ("pension_gap_heilongjiang_2022", "fiscal_revenue_heilongjiang_2022",
        "pension_gap_pct_of_fiscal_revenue_heilongjiang_2022"),
       "pension_gap_pct_of_fiscal_revenue_heilongjiang_2022",
       "Heilongjiang's pension gap is 'nearly half' of its fiscal revenue.", flag="ratio_mismatch"),
    _c("lag_years_equal", "equal", ("northeast_decline_lag_years", "northeast_industrialisation_lag_years"),
       "northeast_decline_lag_years", "The decline came as many years later as the industrialization did."),
    # -- Section Three
    _c("exports_half_of_xinjiang", "ratio",
       ("exports_heilongjiang_jilin_2022", "exports_xinjiang_2022", "exports_pct_of_xinjiang_2022"),
       "exports_pct_of_xinjiang_2022", "Heilongjiang and Jilin's exports are 'only half' of Xinjiang's.",
       flag="ratio_mismatch"),
    _c("trade_dependence_below_national", "compare",
       ("trade_dependence_northeast_2022", "trade_dependence_china_2022"), "trade_dependence_northeast_2022",
       "The Northeast's 19% is 'far lower' than the national 34%.", op="<"),
    _c("trade_dependence_hlj_jl_lowest", "compare",
       ("trade_dependence_heilongjiang_jilin_2022", "trade_dependence_northeast_2022"),
       "trade_dependence_heilongjiang_jilin_2022", "Heilongjiang and Jilin 'in particular' are below the regional 19%.",
       op="<"),
    *[
        _c(f"fdi_below_{q}", "compare", (f"foreign_capital_utilised_pct_of_{q}_2020",),
           f"foreign_capital_utilised_pct_of_{q}_2020",
           f"The Northeast's foreign capital is lower than {q.title()}'s (share below 100%).", op="<", constant=100)
        for q in ("jiangsu", "beijing", "sichuan", "shaanxi")
    ],
    # -- Summary restated in the sections
    _c("summary_profit_tax_vs_section_two", "restatement",
       ("soe_profit_tax_pct_of_shanghai_summary", "soe_profit_tax_pct_of_shanghai_2020"),
       "soe_profit_tax_pct_of_shanghai_summary",
       "Summary point 4 and section Two compare SOE profits and taxes with Shanghai's.", flag="statement_mismatch"),
    _c("summary_huawei_vs_section_two", "restatement",
       ("soe_tax_pct_of_huawei_summary", "soe_tax_pct_of_huawei_2020"), "soe_tax_pct_of_huawei_summary",
       "Summary point 4 and section Two compare SOE taxes with Huawei's.", flag="statement_mismatch"),
    _c("summary_support_low_vs_section_one", "restatement",
       ("support_total_estimate_summary_low", "support_total_estimate_one_low"), "support_total_estimate_summary_low",
       "Summary point 1 and section One give the same lower bound of central support.", flag="statement_mismatch"),
    _c("summary_support_high_vs_section_one", "restatement",
       ("support_total_estimate_summary_high", "support_total_estimate_one_high"),
       "support_total_estimate_summary_high",
       "Summary point 1 and section One give the same upper bound of central support.", flag="statement_mismatch"),
]


def conversion_checks(claims: pd.DataFrame) -> list[Check]:
    """The generic check: one per claim that carries a printed USD conversion."""
    with_usd = claims[claims["usd_printed"].notna()]
    return [
        Check(f"usd_conversion_{cid}", "conversion", (cid, RATE_ID), cid,
              "The printed USD is the RMB amount at the translator's rate, within the rounding of both.",
              "conversion_mismatch")
        for cid in with_usd["id"]
    ]


def all_checks(claims: pd.DataFrame) -> list[Check]:
    return [*CHECKS, *conversion_checks(claims)]


