"""Interactive charts of the course (Altair / Vega-Lite; interaction runs in the browser).

    >>> from northeast import charts
    >>> charts.show(charts.gdp_share_then_now())

Every builder takes the claims table (loaded when not given) and returns an Altair chart with a
takeaway title, a screen-reader ``description`` and ``usermeta`` = {caption, source, ids}.
"""
from __future__ import annotations

from northeast import theme  # noqa: F401  (registers and enables the course theme)
from northeast.charts.intro import province_tile_map, support_estimates
from northeast.charts.one import (central_support_by_category, city_gdp_comparison, fiscal_self_sufficiency,
                                  gdp_share_then_now, per_capita_rank_slope, per_capita_relative,
                                  top500_then_now, transfers_by_province)

CHAPTER_CHARTS = {
    "intro": ["province_tile_map", "support_estimates"],
    "one": ["central_support_by_category", "transfers_by_province", "gdp_share_then_now", "per_capita_rank_slope",
            "per_capita_relative", "top500_then_now", "fiscal_self_sufficiency", "city_gdp_comparison"],
}
ALL = [name for names in CHAPTER_CHARTS.values() for name in names]
