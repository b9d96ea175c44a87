"""Interactive charts of the course (Altair / Vega-Lite; interaction runs in the browser).

    >>> from northeast import charts
    >>> charts.show(charts.gdp_share_then_now())

Every builder takes the claims table (loaded when not given) and returns an Altair chart with a
takeaway title, a screen-reader ``description`` and ``usermeta`` = {caption, source, ids}.
"""
from __future__ import annotations

from northeast import theme  # noqa: F401  (registers and enables the course theme)
from northeast.charts.intro import province_tile_map, support_estimates

CHAPTER_CHARTS = {
    "intro": ["province_tile_map", "support_estimates"],
}
ALL = [name for names in CHAPTER_CHARTS.values() for name in names]
