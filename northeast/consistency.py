"""Recompute the essay's derived statements from its own numbers.

The essay states many numbers that depend on other numbers it also prints: shares, ratios,
totals, "half", "more than half", USD conversions. Each such dependency is one small declarative
:class:`Check` in :data:`CHECKS`; on top of them, every row that carries a printed USD amount
gets a generic conversion check at the translator's rate (read from the claims themselves).

    >>> from northeast.data import load
    >>> from northeast.consistency import run_checks, derived_flags
    >>> report = run_checks(load("claims"))      # one row per check
    >>> flags = derived_flags(load("claims"))    # {claim id: flag} for the inconsistent ones

The ``flag`` column of ``claims.csv`` must equal :func:`derived_flags` (a test enforces it),
so the computation, not a person, decides what is flagged.

How a hedged statement is compared with a computed value (:func:`agrees`):

* ``exact``: the computed value rounds to the printed number at the printed precision
  (``69`` accepts 68.5-69.5; a verbal number such as "half" accepts 5% either way);
* ``about``: within 5% of the printed number (or within rounding, if that is wider);
* ``nearly``: between 90% of the printed number and the number itself;
* ``more_than`` / ``less_than`` / ``at_least``: the plain inequality.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from northeast.claims import PROVINCES, RATE_ID
from northeast.claims import printed as printed_form

ABOUT_TOLERANCE = 0.05  # "about", "roughly", verbal fractions: +-5% of the stated value
NEARLY_FLOOR = 0.90  # "nearly X": at least 90% of X and not above X
USD_SCALE = {"million": 1e-3, "billion": 1.0, "trillion": 1e3}  # printed USD unit -> billion USD


@dataclass(frozen=True)
class Check:
    """One derived statement of the essay and how to recompute it.

    ``ids`` are the claims involved, in the order the ``kind`` expects; ``target_id`` is the claim
    that gets ``flag`` when the recomputation disagrees with what the essay states. ``params``:
    ``op`` and optional ``constant`` for ``compare``; ``correctable=False`` when the recomputed
    value is not a valid correction of the target (it describes something narrower).
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
       flag="sum_mismatch"),
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
       "Northeast / national per-capita GDP in 2003 gives the stated percentage.", flag="ratio_mismatch"),
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
       flag="ratio_mismatch", correctable=False),
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


# --------------------------------------------------------------------------- comparing
def _decimals(printed: str) -> int | None:
    """Decimals of a printed numeral ('3.2553' -> 4, '12,900' -> 0); None for words ('half')."""
    text = str(printed).replace(",", "").strip()
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        return None
    return len(text.split(".")[1]) if "." in text else 0


def _half_unit(printed: str, stated: float) -> float:
    d = _decimals(printed)
    if d is None:  # verbal numbers ("half", "one third") are approximate by nature
        return ABOUT_TOLERANCE * abs(stated)
    return 0.5 * 10 ** (-d)


def interval(stated: float, qualifier: str, printed: str) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open): the values a hedged statement admits."""
    eps = 1e-9
    half = _half_unit(printed, stated) + eps
    if qualifier in ("exact", "low", "high"):
        return stated - half, stated + half, False, False
    if qualifier == "about":
        tol = max(half, ABOUT_TOLERANCE * abs(stated))
        return stated - tol, stated + tol, False, False
    if qualifier == "nearly":
        return NEARLY_FLOOR * stated, stated + eps, False, False
    if qualifier == "more_than":
        return stated, math.inf, True, False
    if qualifier == "less_than":
        return -math.inf, stated, False, True
    if qualifier == "at_least":
        return stated, math.inf, False, False
    raise ValueError(f"unknown qualifier {qualifier!r}")


def agrees(computed: float, stated: float, qualifier: str, printed: str) -> bool:
    """Does a computed value agree with a stated one, given how the essay hedges it?"""
    low, high, low_open, high_open = interval(stated, qualifier, printed)
    above = computed > low if low_open else computed >= low
    below = computed < high if high_open else computed <= high
    return above and below


def _overlap(a: tuple, b: tuple) -> bool:
    """Do two intervals from :func:`interval` share a point?"""
    lo = max(a[0], b[0])
    hi = min(a[1], b[1])
    if lo < hi:
        return True
    if lo > hi:
        return False
    # touching ends: closed on both sides?
    lo_open = (a[2] if a[0] == lo else False) or (b[2] if b[0] == lo else False)
    hi_open = (a[3] if a[1] == hi else False) or (b[3] if b[1] == hi else False)
    return not (lo_open or hi_open)


def usd_conversion_ok(value_billion_rmb: float, usd_printed: str, rate: float) -> tuple[bool, float]:
    """Is the printed USD the RMB amount at ``rate``, rounded or truncated to the printed precision?

    Returns (ok, exact) where exact is the conversion in the printed USD unit.
    """
    number, unit = usd_printed.split()
    exact = value_billion_rmb / rate / USD_SCALE[unit]
    d = _decimals(number) or 0
    printed = float(number)
    scale = 10**d
    rounded = round(exact * scale) / scale
    truncated = math.floor(exact * scale + 1e-9) / scale
    ok = math.isclose(printed, rounded, abs_tol=1e-9) or math.isclose(printed, truncated, abs_tol=1e-9)
    return ok, exact


# --------------------------------------------------------------------------- running
def _fmt(x: float) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.1f}"


def _year_of(row) -> int:
    """A claim's year: its value when the claim *is* a year, else its year_start."""
    return int(row["value"]) if row["unit"] == "year" else int(row["year_start"])


def _stated_text(row) -> str:
    """How the essay states a claim, e.g. 'nearly 11 trillion RMB [= 11000 billion_rmb]'."""
    text = printed_form(row)
    printed = str(row["value_printed"])
    numeric = _decimals(printed) is not None and float(printed.replace(",", "")) == float(row["value"])
    if not numeric:
        text += f" [= {float(row['value']):g} {row['unit']}]"
    return text


def _evaluate(check: Check, rows: dict[str, Any], corrections: dict[str, float]) -> dict:
    """Compute one check; returns stated, computed, consistent, corrected, explanation."""
    r = [rows[i] for i in check.ids]
    val = [float(x["value"]) for x in r]
    eff = [corrections.get(i, v) for i, v in zip(check.ids, val)]  # value after earlier corrections
    tgt = rows[check.target_id]
    out = dict(stated=_stated_text(tgt), computed=float("nan"), consistent=True, corrected=None, explanation="")

    if check.kind == "scale":
        part, total = val
        share = 100 * part / total
        ok = 1 <= share <= 100
        out.update(computed=share, consistent=ok, stated=f"{part:g} of {total:g}")
        if ok:
            out["explanation"] = f"{part:g} is {share:.1f}% of {total:g}: a plausible part."
        else:
            scaled = part * 1000
            fits = 1 <= 100 * scaled / total <= 100
            out["corrected"] = scaled if fits else None
            out["explanation"] = (
                f"{part:g} is only {share:.3f}% of the total {total:g}; "
                + (f"read one unit larger (x1000 = {scaled:g}) it is {100 * scaled / total:.1f}%, so the unit slipped."
                   if fits else "no unit change makes it a plausible part.")
            )
    elif check.kind == "sum":
        *parts, _total = eff
        total_row = r[-1]
        computed = sum(parts)
        ok = agrees(computed, val[-1], total_row["qualifier"], total_row["value_printed"])
        out.update(computed=computed, consistent=ok, corrected=None if ok else round(computed, 6))
        out["explanation"] = (
            f"parts {' + '.join(_fmt(p) for p in parts)} = {_fmt(computed)}; stated {_stated_text(total_row)}: " + ("consistent." if ok else "the parts do not add up to the stated total.")
        )
    elif check.kind in ("ratio", "relative_fall"):
        a, b, _ = eff
        stated_row = r[2]
        if check.kind == "ratio":
            computed = a / b * (100 if stated_row["unit"] == "percent" else 1)
            how = f"{_fmt(a)} / {_fmt(b)}"
        else:
            computed = 100 * (a - b) / a
            how = f"({_fmt(a)} - {_fmt(b)}) / {_fmt(a)}"
        ok = agrees(computed, val[2], stated_row["qualifier"], stated_row["value_printed"])
        correctable = check.params.get("correctable", True)
        out.update(computed=computed, consistent=ok, corrected=None if ok or not correctable else round(computed, 1))
        unit = "%" if stated_row["unit"] == "percent" else ":1"
        out["explanation"] = f"{how} = {computed:.2f}{unit}; stated {_stated_text(stated_row)}: " + (
            "consistent." if ok else "the figures give a different value.")
    elif check.kind == "gap_range":
        leader, laggard, low, high = eff
        computed = 100 * (leader - laggard) / leader
        ok = low <= computed <= high
        out.update(computed=computed, consistent=ok, stated=f"{low:g}-{high:g}%")
        out["explanation"] = f"({_fmt(leader)} - {_fmt(laggard)}) / {_fmt(leader)} = {computed:.1f}%, " + (
            f"inside {low:g}-{high:g}%." if ok else f"outside {low:g}-{high:g}%.")
    elif check.kind == "within":
        x, low, high = eff
        ok = low <= x <= high
        out.update(computed=x, consistent=ok, stated=f"{low:g}-{high:g}")
        out["explanation"] = f"{_fmt(x)} is " + ("inside" if ok else "outside") + f" {_fmt(low)}-{_fmt(high)}."
    elif check.kind == "compare":
        op = check.params["op"]
        a = eff[0]
        b = check.params["constant"] if "constant" in check.params else eff[1]
        ok = {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
        out.update(computed=a, consistent=ok, stated=f"{op} {b:g}")
        out["explanation"] = f"{_fmt(a)} {op} {_fmt(b)}: " + ("holds." if ok else "does not hold.")
    elif check.kind == "equal":
        ok = math.isclose(eff[0], eff[1])
        out.update(computed=eff[0], consistent=ok, stated=f"= {eff[1]:g}")
        out["explanation"] = f"{_fmt(eff[0])} vs {_fmt(eff[1])}: " + ("equal." if ok else "different.")
    elif check.kind == "duration":
        start, end, stated_row = r
        computed = _year_of(end) - _year_of(start)
        ok = agrees(computed, val[2], stated_row["qualifier"], stated_row["value_printed"])
        out.update(computed=float(computed), consistent=ok, corrected=None if ok else float(computed))
        out["explanation"] = (f"{_year_of(end)} - {_year_of(start)} = {computed} years; stated "
                              f"{_stated_text(stated_row)}: " + ("consistent." if ok else "inconsistent."))
    elif check.kind == "rank_order":
        count_a, rank_a, count_b, rank_b = eff
        if count_a > count_b:
            ok = rank_a < rank_b
        elif count_a < count_b:
            ok = rank_a > rank_b
        else:
            ok = rank_a == rank_b
        out.update(computed=rank_b, consistent=ok, stated=f"{count_a:g} -> {rank_a:g}, {count_b:g} -> {rank_b:g}")
        out["explanation"] = (f"counts {count_a:g} and {count_b:g}, ranks {rank_a:g} and {rank_b:g}: "
                              + ("ordered consistently." if ok else "ranks contradict counts."))
    elif check.kind == "restatement":
        a, b = r
        ia = interval(float(a["value"]), a["qualifier"], a["value_printed"])
        ib = interval(float(b["value"]), b["qualifier"], b["value_printed"])
        ok = _overlap(ia, ib)
        out.update(computed=float(b["value"]), consistent=ok,
                   stated=f"{_stated_text(a)} vs {_stated_text(b)}")
        out["explanation"] = (f"'{_stated_text(a)}' ({a['section']}) and '{_stated_text(b)}' ({b['section']}) "
                              + ("can both hold." if ok else "cannot both hold."))
    else:
        raise ValueError(f"unknown check kind {check.kind!r} in {check.name}")
    return out


def conversion_checks(claims: pd.DataFrame) -> list[Check]:
    """The generic check: one per claim that carries a printed USD conversion."""
    with_usd = claims[claims["usd_printed"].notna()]
    return [
        Check(f"usd_conversion_{cid}", "conversion", (cid, RATE_ID), cid,
              "The printed USD equals the RMB amount at the translator's rate (rounded or truncated).",
              "conversion_mismatch")
        for cid in with_usd["id"]
    ]


def all_checks(claims: pd.DataFrame) -> list[Check]:
    return [*CHECKS, *conversion_checks(claims)]


def run_checks(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per check: check, kind, ids, target_id, stated, computed, consistent, flag,
    explanation, plus ``corrected`` (the value the target would take in its normalised unit, when
    the check implies one)."""
    rows = {r["id"]: r for r in claims.to_dict("records")}
    missing = sorted({i for c in all_checks(claims) for i in c.ids if i not in rows})
    if missing:
        raise KeyError(f"checks refer to claims that do not exist: {missing}")
    rate = float(rows[RATE_ID]["value"])
    corrections: dict[str, float] = {}
    records = []
    for check in all_checks(claims):
        if check.kind == "conversion":
            row = rows[check.target_id]
            ok, exact = usd_conversion_ok(float(row["value"]), row["usd_printed"], rate)
            unit = row["usd_printed"].split()[1]
            res = dict(stated=f"{row['usd_printed']} USD", computed=exact, consistent=ok, corrected=None,
                       explanation=f"{float(row['value']):g} billion RMB / {rate:g} = {exact:.4f} {unit} USD; printed "
                                   f"{row['usd_printed']}: " + ("matches." if ok else "does not match."))
        else:
            res = _evaluate(check, rows, corrections)
        if not res["consistent"] and res["corrected"] is not None and check.kind == "scale":
            corrections[check.target_id] = res["corrected"]
        records.append(dict(
            check=check.name, kind=check.kind, ids=list(check.ids), target_id=check.target_id,
            stated=res["stated"], computed=res["computed"], consistent=bool(res["consistent"]),
            flag="" if res["consistent"] else check.flag, explanation=res["explanation"],
            corrected=res["corrected"],
        ))
    frame = pd.DataFrame.from_records(records)
    frame["computed"] = frame["computed"].astype(float)
    frame["corrected"] = pd.array(frame["corrected"].tolist(), dtype="Float64")
    return frame


def derived_flags(claims: pd.DataFrame) -> dict[str, str]:
    """{claim id: flag} for every claim that an inconsistent check targets."""
    report = run_checks(claims)
    flags: dict[str, str] = {}
    for rec in report[~report["consistent"]].itertuples():
        previous = flags.setdefault(rec.target_id, rec.flag)
        if previous != rec.flag:
            raise ValueError(f"claim {rec.target_id} would get two flags: {previous} and {rec.flag}")
    return flags


def derived_corrections(claims: pd.DataFrame) -> dict[str, float]:
    """{claim id: corrected value} implied by the inconsistent checks (where one is implied)."""
    report = run_checks(claims)
    bad = report[~report["consistent"] & report["corrected"].notna()]
    return {rec.target_id: float(rec.corrected) for rec in bad.itertuples()}


if __name__ == "__main__":  # pragma: no cover - a quick look from the command line
    from northeast.data import load

    with pd.option_context("display.width", 200, "display.max_colwidth", 90, "display.max_rows", 500):
        rep = run_checks(load("claims"))
        print(rep[["check", "consistent", "flag", "explanation"]].to_string(index=False))
        print(f"\n{(~rep['consistent']).sum()} of {len(rep)} checks inconsistent")
