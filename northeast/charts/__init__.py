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
    """The chart's caption in words (``<p class="chart-caption">Source: … </p>``), then its claim ids
    folded behind "Data: N numbers", each linking to its row on the data page (whose rows are
    anchored by claim id). Deterministic: the same chart always gives the same HTML."""
    meta = chart.usermeta
    if not isinstance(meta, dict):
        meta = meta.to_dict()
    caption = html.escape(meta.get("caption", ""), quote=False)
    source = html.escape(meta.get("source", ""), quote=False)
    text = f'<p class="chart-caption">Source: {source}. {caption}</p>'
    ids = meta.get("ids", [])
    if not ids:
        return text
    items = "".join(
        f'<li><a href="data.html#{html.escape(i)}"><code>{html.escape(i, quote=False)}</code></a></li>' for i in ids
    )
    count = f"{len(ids)} number{'s' if len(ids) != 1 else ''}"
    return f'{text}\n<details class="chart-data"><summary>Data: {count}</summary><ul>{items}</ul></details>'


def show(chart) -> None:
    """Display a chart followed by its caption. The course renderer (:mod:`northeast.charts.renderer`)
    puts the offline Vega bundle on the page before a session's first chart."""
    from IPython.display import HTML, display

    display(chart)
    display(HTML(caption_html(chart)))


__all__ = [*ALL, "ALL", "CHAPTER_CHARTS", "caption_html", "show"]
