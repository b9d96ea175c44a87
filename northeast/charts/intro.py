"""Chapter 1 (translator's introduction and the author's summary): where the Northeast is, and how
much money the centre sent it."""
from __future__ import annotations

import altair as alt
import pandas as pd

from northeast import theme
from northeast.claims import RATE_ID
from northeast.charts._common import (CONTAINER, axis_title, band_axis, find, frame, finish, get_claims,
                                      get_entities, printed, row, tip, when_narrow)

# Short labels for the tiles (names longer than a tile is wide are broken into lines).
_TILE_LABELS = {"inner_mongolia": "Inner Mongolia", "heilongjiang": "Heilong- jiang"}


def province_tile_map(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Tile-grid map of the 31 province-level units; the Northeast in its colour, a dropdown to
    highlight one region group."""
    claims = get_claims(claims)
    ents = get_entities()
    tiles = ents[ents["grid_row"].notna()]
    share_then = find(claims, "gdp_share_of_national", "northeast", 2002)
    share_now = find(claims, "gdp_share_of_national", "northeast", 2022)
    note_ne = (f"One of the three provinces of the Northeast, which together made {theme.format_percent(share_then['value'])}"
               f" of China's GDP in {share_then['year_end']} and {theme.format_percent(share_now['value'])}"
               f" in {share_now['year_end']}.")
    records = []
    for t in tiles.to_dict("records"):
        ne = t["region_group"] == "northeast"
        records.append(dict(
            id=t["id"], name_en=t["name_en"], name_zh=t["name_zh"], pinyin=t["pinyin"],
            region_group=t["region_group"], region=theme.REGION_LABELS[t["region_group"]],
            kind=str(t["kind"]).replace("_", " "),
            named="yes" if bool(t["named_in_essay"]) else "no",
            row=int(t["grid_row"]), col=int(t["grid_col"]),
            label=_TILE_LABELS.get(t["id"], t["name_en"]),
            note=note_ne if ne else "",
            gdp_share_then=float(share_then["value"]) if ne else None,
            gdp_share_now=float(share_now["value"]) if ne else None,
        ))
    df = frame(records)
    groups = list(theme.REGION_LABELS)
    pick = alt.param(
        name="highlight_region", value="all",
        bind=alt.binding_select(options=["all", *groups], labels=["All regions", *theme.REGION_LABELS.values()],
                                name="Highlight region: "),
    )
    on = "highlight_region == 'all' || datum.region_group == highlight_region"
    tooltip = [tip("name_en", "Province"), tip("name_zh", "Chinese"), tip("pinyin", "Pinyin"),
               tip("region", "Region group"), tip("kind", "Kind"), tip("named", "Named in the essay"),
               tip("note", "Note")]
    n_rows = int(df["row"].max())
    base = alt.Chart(df).encode(
        x=alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0.07, paddingOuter=0.02)),
        y=alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0.07, paddingOuter=0.02)),
        tooltip=tooltip,
    )
    squares = base.mark_rect(cornerRadius=4).encode(
        color=alt.Color("region:N", scale=alt.Scale(domain=list(theme.REGION_LABELS.values()),
                                                    range=[theme.REGION_COLORS[g] for g in groups]),
                        legend=alt.Legend(title="Region group", orient="bottom", direction="horizontal",
                                          columns=2)),
        opacity=alt.condition(on, alt.value(1.0), alt.value(0.2)),
        stroke=alt.condition(f"highlight_region != 'all' && datum.region_group == highlight_region",
                             alt.value(theme.TEXT_COLOR), alt.value(None)),
        strokeWidth=alt.value(2),
    ).add_params(pick)
    labels = base.mark_text(fontSize=when_narrow("9", "11"), lineHeight=when_narrow("10", "13"),
                            fontWeight="bold").transform_calculate(
        lines="split(datum.label, ' ')"
    ).encode(
        text=alt.Text("lines:N"),
        color=alt.condition("datum.region_group == 'northeast'", alt.value("white"), alt.value(theme.TEXT_COLOR)),
        opacity=alt.condition(on, alt.value(1.0), alt.value(0.35)),
    )
    chart = alt.layer(squares, labels).properties(width=CONTAINER, height=n_rows * 50)
    return finish(
        chart,
        title=f"The Northeast is three provinces in China's far north-east corner: "
              f"{theme.format_percent(share_then['value'])} of national GDP in {share_then['year_end']}, "
              f"{theme.format_percent(share_now['value'])} in {share_now['year_end']}",
        subtitle="Each square is a province-level unit, placed roughly where it lies on the map.",
        description=(f"Tile map of China's {len(df)} province-level units, one square each, placed roughly by geography. "
                     "Liaoning, Jilin and Heilongjiang, the Northeast, are in the top-right corner and in the "
                     "Northeast colour; the other provinces are shaded by region group."),
        caption=("A tile map gives every province the same size, so small provinces stay visible; "
                 "positions are approximate. Choose a region group to highlight it."),
        source="Place names: entities.csv; GDP shares: Section One",
        ids=[share_then["id"], share_now["id"]],
    )


def support_estimates(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """The author's estimates of the centre's money for the Northeast, as ranges; RMB/USD toggle."""
    claims = get_claims(claims)
    rate = row(claims, RATE_ID)
    at_rate = f"at {float(rate['value']):g}"
    items = [
        ("All central support",
         row(claims, "support_total_estimate_summary_low"), row(claims, "support_total_estimate_summary_high")),
        ("Gross transfers",
         row(claims, "transfers_total_northeast_2003_2022"), None),
        ("Net transfers",
         row(claims, "net_transfers_cumulative_low"), row(claims, "net_transfers_cumulative_high")),
    ]
    items = [(f"{label}, {lo['year_start']}–{lo['year_end']}", lo, hi) for label, lo, hi in items]
    records = []
    for order, (label, lo, hi) in enumerate(items):
        hi_ = hi or lo
        rmb = (float(lo["value"]), float(hi_["value"]))
        usd = (float(lo["usd_at_7_14_billion"]), float(hi_["usd_at_7_14_billion"]))
        if hi is None:
            text_rmb = printed(lo)
            text_usd = f"{theme.format_usd_billion(usd[0])} {at_rate} (printed: {lo['usd_printed']} USD)"
        else:
            text_rmb = f"{theme.format_rmb_billion(rmb[0])} to {theme.format_rmb_billion(rmb[1])}"
            text_usd = (f"{theme.format_usd_billion(usd[0])} to {theme.format_usd_billion(usd[1])} {at_rate} "
                        f"(printed: {lo['usd_printed']} to {hi['usd_printed']} USD)")
        records.append(dict(
            item=label, order=order, kind="single figure" if hi is None else "range",
            low_rmb=rmb[0], high_rmb=rmb[1], low_usd=usd[0], high_usd=usd[1],
            text_rmb=text_rmb, text_usd=text_usd,
            short_rmb=(theme.format_rmb_billion(rmb[0]).replace(" RMB", "") if hi is None else
                       f"{rmb[0] / 1000:g}–{rmb[1] / 1000:g} trillion"),
            short_usd=(theme.format_usd_billion(usd[0]).replace(" USD", "") if hi is None else
                       f"{theme.format_usd_billion(usd[0]).replace(' trillion USD', '').replace(' billion USD', '')}"
                       f"–{theme.format_usd_billion(usd[1]).replace(' USD', '')}"),
            hedge="nearly " if (hi is None and lo["qualifier"] == "nearly") else "",
            ids=", ".join(x["id"] for x in (lo, hi) if x is not None),
            quote=lo["quote"],
        ))
    df = frame(records)
    currency = alt.param(
        name="support_currency", value="RMB",
        bind=alt.binding_radio(options=["RMB", "USD"], labels=["RMB", f"USD ({at_rate} RMB per USD)"],
                               name="Currency: "),
    )
    df["rate"] = float(rate["value"])
    max_tn = float(df["high_rmb"].max()) / 1000
    usd = "support_currency == 'USD'"
    base = alt.Chart(df).transform_calculate(
        lo=f"({usd} ? datum.low_usd : datum.low_rmb) / 1000",
        hi=f"({usd} ? datum.high_usd : datum.high_rmb) / 1000",
        amount=f"{usd} ? datum.text_usd : datum.text_rmb",
        short=f"datum.hedge + ({usd} ? datum.short_usd : datum.short_rmb) + ' ' + support_currency",
    ).encode(
        y=alt.Y("item:N", sort=alt.SortField("order"), title=None, axis=band_axis(16)),
        tooltip=[tip("item", "Estimate"), tip("amount", "Amount"), tip("quote", "Quote"), tip("ids", "Claim ids")],
    )
    x = alt.X("lo:Q", title=axis_title(f"Trillion (RMB, or USD {at_rate} RMB per USD)"),
              scale=alt.Scale(domain=[0, max_tn * 1.3]),
              axis=alt.Axis(labelExpr="datum.value + ' tn ' + support_currency", tickCount=4))
    bars = base.transform_filter("datum.kind == 'range'").mark_bar(
        height=22, cornerRadius=3, color=theme.NORTHEAST_COLOR).encode(x=x, x2="hi:Q")
    dots = base.transform_filter("datum.kind != 'range'").mark_point(
        shape="diamond", size=260, filled=True, opacity=1, color=theme.NORTHEAST_COLOR).encode(x=x)
    text = base.mark_text(align="left", dx=10, fontSize=13).encode(x="hi:Q", text="short:N")
    chart = alt.layer(bars, dots, text).add_params(currency).properties(width=CONTAINER, height=alt.Step(50))
    lo_all, hi_all = items[0][1], items[0][2]
    return finish(
        chart,
        title=(f"Wang puts the centre's support for the Northeast at "
               f"{theme.format_rmb_billion(lo_all['value']).replace(' trillion RMB', '')}–"
               f"{theme.format_rmb_billion(hi_all['value'])} over twenty years"),
        subtitle="Bars are ranges the author gives; the diamond is a single stated total.",
        description=("Range chart of three estimates of central money for the Northeast: "
                     + "; ".join(f"{r['item'].split(',')[0].lower()} {r['text_rmb']}" for r in records)
                     + ". A toggle converts them to US dollars."),
        caption=(f"The author's own estimates; the USD values are recomputed at the translator's {float(rate['value']):g} "
                 "RMB per USD. "
                 "Gross transfers count all central transfers, net transfers subtract the taxes the provinces send "
                 "to Beijing."),
        source="Summary point 1 and Section One",
        ids=[r["id"] for _, lo, hi in items for r in (lo, hi) if r is not None] + [rate["id"]],
    )
