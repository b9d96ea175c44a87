"""Derived tables for charts and exercises, computed from the claims (never kept by hand).

    >>> from northeast.data import load
    >>> from northeast import views
    >>> views.implied_totals_from_fdi(load("claims"))

Every function takes the claims DataFrame returned by ``load("claims")``; the ones that print
names also take the entities table (loaded on demand when not given).
"""
from __future__ import annotations

import pandas as pd

from northeast.claims import PROVINCES, find, find_all, rate, years_text

THREE_PROVINCES = PROVINCES

# Section One's money indicators: (category of support, label for charts).
SUPPORT_ITEMS = {
    "central_transfer_payments": ("transfers", "Transfer payments, cumulative"),
    "net_central_transfer_annual": ("transfers", "Net transfers per year"),
    "net_central_transfer_cumulative": ("transfers", "Net transfers, cumulative"),
    "key_project_investment": ("key_projects", "Key-project investment"),
    "soe_cooperation_investment": ("soe_and_bank_support", "SOE cooperation projects"),
    "debt_write_off": ("soe_and_bank_support", "SOE debt written off by banks"),
    "bank_credit": ("soe_and_bank_support", "Bank credit"),
    "bankrupt_enterprise_subsidy": ("special_allocations", "Subsidies for bankrupt enterprises"),
    "food_agriculture_subsidy": ("special_allocations", "Food and agriculture subsidies"),
    "tax_arrears_exemption": ("special_allocations", "Tax arrears waived"),
    "equipment_tax_exemption": ("special_allocations", "Equipment tax exemption"),
    "employment_pension_subsidy": ("special_allocations", "Employment and pension subsidies"),
    "low_income_insurance_subsidy": ("special_allocations", "Minimum-income subsidies"),
    "water_conservancy_subsidy": ("special_allocations", "Water-works subsidies"),
    "logging_cessation_subsidy_annual": ("special_allocations", "Logging-ban subsidy per year"),
    "housing_infrastructure_allocation": ("special_allocations", "Housing and infrastructure"),
}
SUPPORT_CATEGORIES = {indicator: category for indicator, (category, _) in SUPPORT_ITEMS.items()}
CATEGORY_ORDER = ["transfers", "key_projects", "soe_and_bank_support", "special_allocations"]


def _entities(entities: pd.DataFrame | None) -> pd.DataFrame:
    if entities is None:
        from northeast.data import load

        entities = load("entities")
    return entities


def comparator_of(indicator: str) -> str | None:
    """The yardstick entity of a relative indicator: '..._share_of_national' -> 'china',
    '..._pct_of_jiangsu' -> 'jiangsu'; None for other indicators."""
    if indicator.endswith("_share_of_national") or indicator.endswith("_pct_of_national"):
        return "china"
    if "_pct_of_" in indicator:
        return indicator.split("_pct_of_", 1)[1]
    return None


def implied_totals_from_fdi(claims: pd.DataFrame) -> pd.DataFrame:
    """Foreign capital actually used in 2020: the Northeast's 3.6 bn USD divided by each printed
    percentage gives the implied total of the yardstick (China, Jiangsu, Beijing, Sichuan, Shaanxi)."""
    base = find(claims, "foreign_capital_utilised", "northeast")
    shares = claims[claims["indicator"].str.startswith("foreign_capital_utilised_")
                    & (claims["entity"] == "northeast") & (claims["unit"] == "percent")]
    out = pd.DataFrame({
        "comparator": [comparator_of(i) for i in shares["indicator"]],
        "claim_id": shares["id"].to_numpy(),
        "year": shares["year_start"].to_numpy(),
        "northeast_pct": shares["value"].astype(float).to_numpy(),
        "northeast_billion_usd": float(base["value"]),
    })
    out["implied_total_billion_usd"] = out["northeast_billion_usd"] / (out["northeast_pct"] / 100)
    return out.sort_values("implied_total_billion_usd", ascending=False, ignore_index=True)


def dependency_ratios(claims: pd.DataFrame) -> pd.DataFrame:
    """Employees per retiree: computed where the essay prints both counts (Heilongjiang,
    Guangdong), stated where it prints only the ratio (the Northeast, China)."""
    def by_entity(indicator):
        return {r["entity"]: r for r in find_all(claims, indicator)}

    employed, retired, stated = by_entity("employed_persons"), by_entity("retired_persons"), by_entity(
        "employee_to_retiree_ratio")
    records = []
    for entity in [*employed, *[e for e in stated if e not in employed]]:
        e, r, s = employed.get(entity), retired.get(entity), stated.get(entity)
        year = next(x["year_start"] for x in (e, r, s) if x is not None)
        computed = float(e["value"]) / float(r["value"]) if e is not None and r is not None else float("nan")
        records.append(dict(
            entity=entity, year=year,
            employed_million=float(e["value"]) if e is not None else float("nan"),
            retired_million=float(r["value"]) if r is not None else float("nan"),
            ratio_computed=computed,
            ratio_stated=float(s["value"]) if s is not None else float("nan"),
            stated_claim_id=s["id"] if s is not None else None,
        ))
    return pd.DataFrame.from_records(records)


def central_support_by_category(claims: pd.DataFrame, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Section One's four categories of central support, one row per printed amount: the printed
    and the corrected amount (billion RMB; ``value_corrected``, stored by the consistency checks), the
    printed USD, and USD recomputed at 7.14 for the printed and for the corrected amount.

    Totals and their parts both appear (e.g. the three provinces' transfers and their cumulative
    total), as do both ends of printed ranges, so do not simply sum a category."""
    names = _entities(entities).set_index("id")["name_en"]
    rmb_per_usd = rate(claims)
    sub = claims[(claims["section"] == "one") & claims["indicator"].isin(SUPPORT_CATEGORIES)
                 & (claims["unit"] == "billion_rmb")]
    records = []
    for r in sub.to_dict("records"):
        label = SUPPORT_ITEMS[r["indicator"]][1]
        when = years_text(r)
        value = float(r["value"])
        fixed = value if pd.isna(r["value_corrected"]) else float(r["value_corrected"])
        records.append(dict(
            category=SUPPORT_CATEGORIES[r["indicator"]],
            item=f"{label} ({names.get(r['entity'], r['entity'])}{', ' + when if when else ''})",
            claim_id=r["id"], qualifier=r["qualifier"],
            printed_billion_rmb=value, corrected_billion_rmb=fixed,
            usd_printed=r["usd_printed"] if isinstance(r["usd_printed"], str) else None,
            usd_at_7_14_billion=round(value / rmb_per_usd, 4),
            corrected_usd_at_7_14_billion=round(fixed / rmb_per_usd, 4),
            flag=r["flag"] if isinstance(r["flag"], str) else None,
        ))
    out = pd.DataFrame.from_records(records)
    out["category"] = pd.Categorical(out["category"], categories=CATEGORY_ORDER, ordered=True)
    return out.sort_values("category", kind="stable", ignore_index=True)
