"""Interactive charts of the course (Altair 6 / Vega-Lite 6; all interaction runs in the browser).

    >>> from northeast import charts
    >>> charts.show(charts.gdp_share_then_now())

Every builder takes the claims table (``load("claims")`` when not given) and returns an Altair
chart with a takeaway title, a screen-reader ``description`` and
``usermeta = {"caption": ..., "source": ..., "ids": [claim ids]}``. Builders read every number
from the data. :data:`CHAPTER_CHARTS` lists them per chapter (from :mod:`northeast.chapters`); :func:`show` displays a chart with
its caption.
"""
from __future__ import annotations

import html

from northeast import theme  # noqa: F401  (registers and enables the course theme)
from northeast.chapters import CHAPTERS
from northeast.charts import renderer  # noqa: F401  (enables the course renderer: charts draw offline in Lab too)
from northeast.charts.four import strategy_timeline
from northeast.charts.intro import province_tile_map, support_estimates
from northeast.charts.numbers import conversion_check, printed_vs_corrected, stated_vs_recomputed
from northeast.charts.one import (central_support_by_category, city_gdp_comparison, fiscal_self_sufficiency,
                                  gdp_share_then_now, per_capita_rank_slope, per_capita_relative,
                                  top500_then_now, transfers_by_province)
from northeast.charts.three import (exports_comparison, fdi_implied_totals, industrial_belts_timeline,
                                    trade_dependence)
from northeast.charts.two import (demography_milestones, labour_and_urban_growth, pension_burden,
                                  soe_losses_and_taxes, soe_share_vs_national)

# Chapter key -> its charts' builder names, in page order (kept in the chapter registry).
CHAPTER_CHARTS = {c.key: list(c.charts) for c in CHAPTERS}
ALL = [name for names in CHAPTER_CHARTS.values() for name in names]


def caption_html(chart) -> str:
    """The chart's caption paragraph: ``<p class="chart-caption">Source: … Data: ids …</p>``
    (deterministic: the same chart always gives the same HTML)."""
    meta = chart.usermeta
    if not isinstance(meta, dict):
        meta = meta.to_dict()
    ids = ", ".join(f"<code>{html.escape(i, quote=False)}</code>" for i in meta.get("ids", []))
    caption = html.escape(meta.get("caption", ""), quote=False)
    source = html.escape(meta.get("source", ""), quote=False)
    data = f" Data: ids {ids}." if ids else ""
    return f'<p class="chart-caption">Source: {source}. {caption}{data}</p>'


def show(chart) -> None:
    """Display a chart followed by its caption. The course renderer (:mod:`northeast.charts.renderer`)
    puts the offline Vega bundle on the page before a session's first chart."""
    from IPython.display import HTML, display

    display(chart)
    display(HTML(caption_html(chart)))


__all__ = [*ALL, "ALL", "CHAPTER_CHARTS", "caption_html", "show"]
