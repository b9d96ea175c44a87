"""Chapter 2 (Section One): the money the centre sent, and the Northeast's fall on five measures."""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from northeast import theme, views
from northeast.claims import RATE_ID
from northeast.charts._common import (CONTAINER, PANEL_WIDTH, axis_title, band_axis, color_scale, entity_names,
                                      find, find_all, frame, finish, get_claims, printed, province_count, row,
                                      tip, vega_money, when_narrow)

PROVINCES = views.THREE_PROVINCES
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
CATEGORY_LABELS = {
    "transfers": "Transfer payments",
    "key_projects": "Key projects",
    "soe_and_bank_support": "SOE and bank support",
    "special_allocations": "Special allocations",
}
CATEGORY_COLORS = {
    "Transfer payments": theme.OKABE_ITO["blue"],
    "Key projects": theme.OKABE_ITO["bluish_green"],
    "SOE and bank support": theme.OKABE_ITO["sky_blue"],
    "Special allocations": theme.OKABE_ITO["reddish_purple"],
}


def _province_scale(names: dict[str, str]) -> alt.Scale:
    return color_scale({names[p]: theme.PROVINCE_COLORS[p] for p in PROVINCES})


# --------------------------------------------------------------------------- 3
def central_support_by_category(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Every amount of Section One's four kinds of support (log scale), with currency and
    printed/corrected toggles and a clickable legend."""
    claims = get_claims(claims)
    table = views.central_support_by_category(claims)
    qualifier = {"low": ", low end", "high": ", high end"}
    records = []
    for r in table.to_dict("records"):
        item = (r["item"].replace("Northeast China, ", "").replace("China FAW Group", "FAW")
                .replace("Transfer payments, cumulative", "Transfers, total")
                .replace("Net transfers, cumulative", "Net transfers, total").replace(" onwards", " on")
                .replace("Transfers, total (2", "Transfers, total, all three (2")
                .replace("Logging-ban subsidy per year", "Logging ban, yearly"))
        item = re.sub(r"(\d)-(\d)", "\\1–\\2", item) + qualifier.get(r["qualifier"], "")
        flag = r["flag"] if isinstance(r["flag"], str) else ""
        records.append(dict(
            item=item, claim_id=r["claim_id"], category=CATEGORY_LABELS[r["category"]],
            value=float(r["printed_billion_rmb"]),
            printed_rmb=float(r["printed_billion_rmb"]), corrected_rmb=float(r["corrected_billion_rmb"]),
            printed_usd=float(r["usd_at_7_14_billion"]), corrected_usd=float(r["corrected_usd_at_7_14_billion"]),
            usd_printed=(r["usd_printed"] + " USD") if isinstance(r["usd_printed"], str) else "not printed",
            hedge=r["qualifier"].replace("_", " ") if r["qualifier"] not in ("exact", "low", "high") else "",
            flag=flag.replace("_", " "),
            marker="⚠ unit slip" if flag == "unit_slip" else "",
        ))
    df = frame(records)
    cat_order = list(CATEGORY_LABELS.values())
    df["cat_rank"] = df["category"].map({c: i for i, c in enumerate(cat_order)})
    df = df.sort_values(["cat_rank", "printed_rmb"], ascending=[True, False], ignore_index=True)
    df["order"] = range(len(df))
    rate = row(claims, RATE_ID)
    df["rate"] = float(rate["value"])
    values = pd.concat([df["printed_rmb"], df["corrected_rmb"], df["printed_usd"], df["corrected_usd"]])
    lo, hi = float(values.min()) / 1.5, float(values.max()) * 1.5

    at_rate = f"at {float(rate['value']):g}"
    currency = alt.param(name="category_currency", value="RMB",
                         bind=alt.binding_radio(options=["RMB", "USD"], labels=["RMB", f"USD ({at_rate})"],
                                                name="Currency: "))
    version = alt.param(name="category_version", value="printed",
                        bind=alt.binding_radio(options=["printed", "corrected"],
                                               labels=["As printed", "As corrected (unit slip fixed)"],
                                               name="Amounts: "))
    pick = alt.param(name="category_pick", value="all",
                     bind=alt.binding_radio(options=["all", *cat_order], labels=["All", *cat_order],
                                            name="Category: "))
    usd = "category_currency == 'USD'"
    fixed = "category_version == 'corrected'"
    base = alt.Chart(df).transform_calculate(
        amount=(f"{usd} ? ({fixed} ? datum.corrected_usd : datum.printed_usd) "
                f": ({fixed} ? datum.corrected_rmb : datum.printed_rmb)"),
    ).transform_calculate(
        amount_text=vega_money("datum.amount", "category_currency"),
        printed_text=vega_money("datum.printed_rmb", "'RMB'"),
        corrected_text=vega_money("datum.corrected_rmb", "'RMB'"),
    ).encode(
        y=alt.Y("item:N", sort=df["item"].tolist(), title=None, axis=band_axis(28, labelFontSize=12)),
        tooltip=[tip("item", "Item"), tip("category", "Category"), tip("amount_text", "Shown"),
                 tip("printed_text", "As printed"), tip("corrected_text", "As corrected"),
                 tip("usd_printed", "USD printed in the essay"), tip("hedge", "Hedge"), tip("flag", "Flag"),
                 tip("claim_id", "Claim id")],
    )
    x = alt.X("amount:Q", scale=alt.Scale(type="log", domain=[lo, hi]),
              title=axis_title(f"Amount, billion (log scale; RMB, or USD {at_rate})"),
              axis=alt.Axis(labelExpr="datum.value >= 1000 ? format(datum.value / 1000, '~g') + ' tn' "
                                      ": format(datum.value, '~g') + ' bn'", tickCount=4))
    bars = base.mark_bar(height=13).encode(
        x=x, x2=alt.datum(lo),  # a log scale has no zero: bars start at the axis minimum
        color=alt.Color("category:N", scale=color_scale(CATEGORY_COLORS),
                        legend=alt.Legend(title="Category", orient="bottom", columns=1, labelLimit=140)),
        opacity=alt.condition("category_pick == 'all' || datum.category == category_pick", alt.value(1.0),
                              alt.value(0.2)),
    )
    marks = base.transform_filter("datum.marker != ''").mark_text(
        align="left", dx=5, fontSize=12, color=theme.TEXT_COLOR
    ).encode(x="amount:Q", text=alt.Text("slip_text:N")).transform_calculate(
        slip_text=f"{fixed} ? '×1000 (corrected)' : '⚠ unit slip?'")
    chart = alt.layer(bars, marks).add_params(currency, version, pick).properties(
        width=CONTAINER, height=alt.Step(30))
    slips = df[df["flag"] == "unit slip"]
    return finish(
        chart,
        title=("Central support ran from billions to trillions of RMB; "
               f"{_WORDS.get(len(slips), len(slips))} printed figures are 1,000 times too small"),
        subtitle="Log scale: each gridline is ten times the one before. Switch to 'As corrected' to read the "
                 "provincial transfers as trillions.",
        description=(f"Horizontal bar chart, log scale, of {len(df)} amounts of central support to the Northeast "
                     f"named in Section One, grouped into four categories. {len(slips)} provincial transfer totals "
                     "are printed in billions but must be trillions; a toggle shows them corrected."),
        caption=("Totals and their parts, and both ends of ranges, appear as separate bars: do not add them up. "
                 "'Corrected' applies the unit-slip correction (billion → trillion) found by the consistency checks."),
        source="Section One",
        ids=df["claim_id"].tolist() + [rate["id"]],
    )


# --------------------------------------------------------------------------- 4
def transfers_by_province(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """The three provinces' 2003-2022 transfers stacked against the stated 'nearly 11 trillion', as
    printed (billions) or read as trillions."""
    claims = get_claims(claims)
    names = entity_names()
    parts = {p: find(claims, "central_transfer_payments", p) for p in PROVINCES}
    total = find(claims, "central_transfer_payments", "northeast")
    stack_row = "Three provinces"
    total_row = "Stated total"
    records = []
    ends = {"printed": 0.0, "corrected": 0.0}
    for p in PROVINCES:
        r = parts[p]
        v_pr = float(r["value"])
        v_co = float(r["value_corrected"]) if r["value_corrected"] is not None else v_pr
        rec = dict(row=stack_row, who=names[p], entity=p, claim_id=r["id"], value=v_pr,
                   value_corrected=v_co, text_printed=printed(r), text_corrected=theme.format_rmb_billion(v_co),
                   short=theme.format_rmb_billion(v_co).replace(" trillion RMB", " tn"),
                   flag=(r["flag"] or "").replace("_", " "), label="")
        for version, v in (("printed", v_pr), ("corrected", v_co)):
            rec[f"x0_{version}"] = ends[version] / 1000
            ends[version] += v
            rec[f"x1_{version}"] = ends[version] / 1000
        records.append(rec)
    records[-1]["label"] = "sum"
    records.append(dict(row=total_row, who=names["northeast"], entity="northeast", claim_id=total["id"],
                        value=float(total["value"]), value_corrected=float(total["value"]),
                        text_printed=printed(total), text_corrected=printed(total),
                        flag=(total["flag"] or "").replace("_", " "), label="total",
                        x0_printed=0.0, x1_printed=float(total["value"]) / 1000,
                        x0_corrected=0.0, x1_corrected=float(total["value"]) / 1000))
    df = frame(records)
    df["sum_printed"] = ends["printed"]
    df["sum_corrected"] = ends["corrected"]
    version = alt.param(name="transfers_version", value="printed",
                        bind=alt.binding_radio(options=["printed", "corrected"],
                                               labels=["As printed (billion RMB)", "Read as trillion RMB"],
                                               name="Provincial figures: "))
    fixed = "transfers_version == 'corrected'"
    xmax = max(ends["corrected"], float(total["value"])) / 1000
    base = alt.Chart(df).transform_calculate(
        x0=f"{fixed} ? datum.x0_corrected : datum.x0_printed",
        x1=f"{fixed} ? datum.x1_corrected : datum.x1_printed",
        shown=f"{fixed} ? datum.text_corrected : datum.text_printed",
        mid="(datum.x0 + datum.x1) / 2",
        sum_text="'sum: ' + " + vega_money(f"{fixed} ? datum.sum_corrected : datum.sum_printed", "'RMB'"),
    ).encode(
        y=alt.Y("row:N", title=None, sort=[stack_row, total_row], axis=alt.Axis(labelLimit=200)),
        tooltip=[tip("who", "Who"), tip("shown", "Amount shown"), tip("text_printed", "As printed"),
                 tip("flag", "Flag"), tip("claim_id", "Claim id")],
    )
    colors = {names[p]: theme.PROVINCE_COLORS[p] for p in PROVINCES}
    colors[names["northeast"]] = theme.NORTHEAST_COLOR
    x = alt.X("x0:Q", title=axis_title(f"Transfer payments {total['year_start']}–{total['year_end']}, trillion RMB"),
              scale=alt.Scale(domain=when_narrow(f"[0, {xmax * 2.3:.4g}]", f"[0, {xmax * 1.35:.4g}]")))
    bars = base.mark_bar(height=34).encode(
        x=x, x2="x1:Q",
        color=alt.Color("who:N", scale=color_scale(colors), sort=list(colors),
                        legend=alt.Legend(title=None, orient="bottom", columns=1)),
    )
    inside = base.transform_filter(f"{fixed} && datum.label != 'total'").mark_text(
        fontWeight="bold", fontSize=12).encode(
        x="mid:Q", text=alt.Text("short:N"),
        color=alt.condition(f"datum.entity == '{PROVINCES[0]}'", alt.value("white"), alt.value(theme.TEXT_COLOR)))
    sums = base.transform_filter("datum.label == 'sum'").mark_text(align="left", dx=6).encode(
        x="x1:Q", text=alt.Text("sum_text:N"))
    totals = base.transform_filter("datum.label == 'total'").mark_text(align="left", dx=6).encode(
        x="x1:Q", text=alt.Text("text_printed:N"))
    rule = base.transform_filter("datum.label == 'total'").mark_rule(
        strokeDash=[5, 4], color=theme.NORTHEAST_COLOR, strokeWidth=1.5).encode(x="x1:Q", y=alt.value(0),
                                                                               y2=alt.value(150))
    chart = alt.layer(bars, inside, sums, totals, rule).add_params(version).properties(
        width=CONTAINER, height=150)
    return finish(
        chart,
        title=("As printed the three provinces' transfers sum to " + theme.format_rmb_billion(ends["printed"])
               + "; as trillions they exceed the stated total"),
        subtitle=(f"Read as trillions the parts sum to {theme.format_rmb_billion(ends['corrected'])}, "
                  f"more than the stated '{printed(total)}'."),
        description=("Stacked bar of Liaoning's, Jilin's and Heilongjiang's cumulative transfer payments "
                     f"{total['year_start']}–{total['year_end']} against the stated three-province total. As printed, in billions, the stack is "
                     "invisible next to the total; read as trillions it is longer than the total."),
        caption=("The essay prints the provincial figures in billions but the total in trillions; reading the parts "
                 "as trillions makes them plausible, but then they sum to more than 'nearly' the total."),
        source="Section One",
        ids=[parts[p]["id"] for p in PROVINCES] + [total["id"]],
    )


# --------------------------------------------------------------------------- 5
def gdp_share_then_now(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """The Northeast's share of national GDP, 2002 and 2022, with half the 2002 share marked."""
    claims = get_claims(claims)
    then, now = sorted(find_all(claims, "gdp_share_of_national", ["northeast"]), key=lambda r: r["year_end"])
    fall = find(claims, "gdp_share_relative_fall", "northeast")
    v0, v1 = float(then["value"]), float(now["value"])
    drop = 100 * (v0 - v1) / v0
    df = frame([
        dict(year=str(then["year_end"]), value=v0, label=theme.format_percent(v0), claim_id=then["id"],
             quote=then["quote"]),
        dict(year=str(now["year_end"]), value=v1, label=theme.format_percent(v1), claim_id=now["id"],
             quote=now["quote"]),
    ])
    half = v0 * float(fall["value"]) / 100
    notes = frame([dict(half=half, half_label=f"Half of the {then['year_end']} share: {theme.format_percent(half)}",
                        fall_value=float(fall["value"]), drop=drop,
                        drop_label=[f"Relative fall: −{theme.format_percent(drop)}", f"(“a fall of {printed(fall)}”)"],
                        drop_tip=f"−{theme.format_percent(drop)}, stated as “a fall of {printed(fall)}”",
                        year=str(now["year_end"]), top=v0, claim_id=fall["id"])])
    tooltip = [tip("year", "Year"), tip("label", "Share of national GDP"), tip("claim_id", "Claim id")]
    bars = alt.Chart(df).mark_bar(size=90, color=theme.NORTHEAST_COLOR, cornerRadiusTopLeft=3,
                                  cornerRadiusTopRight=3).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=14)),
        y=alt.Y("value:Q", title="Share of China's GDP (%)", scale=alt.Scale(domain=[0, v0 * 1.15])),
        tooltip=tooltip,
    )
    labels = alt.Chart(df).mark_text(dy=-10, fontSize=15, fontWeight="bold").encode(
        x="year:O", y="value:Q", text="label:N", tooltip=tooltip)
    note_tip = [tip("half_label", "Reference"), tip("drop_tip", "Relative fall"), tip("claim_id", "Claim id")]
    half_rule = alt.Chart(notes).mark_rule(strokeDash=[6, 4], color=theme.MUTED_TEXT).encode(
        y="half:Q", tooltip=note_tip)
    half_text = alt.Chart(notes).mark_text(align="right", baseline="bottom", dy=-4, x="width",
                                           color=theme.MUTED_TEXT, fontSize=12).encode(
        y="half:Q", text="half_label:N", tooltip=note_tip)
    drop_text = alt.Chart(notes).mark_text(align="center", baseline="bottom", fontSize=13, lineHeight=16,
                                           color=theme.TEXT_COLOR).encode(
        x="year:O", y="top:Q", text="drop_label:N", tooltip=note_tip)
    chart = alt.layer(bars, labels, half_rule, half_text, drop_text).properties(width=CONTAINER, height=300)
    return finish(
        chart,
        title=(f"The Northeast's share of China's GDP fell by more than half, from "
               f"{theme.format_percent(v0)} in {then['year_end']} to {theme.format_percent(v1)} in {now['year_end']}"),
        description=(f"Two bars: the three northeastern provinces produced {theme.format_percent(v0)} of national "
                     f"GDP in {then['year_end']} and {theme.format_percent(v1)} in {now['year_end']}, a relative "
                     f"fall of {theme.format_percent(drop)}; a dashed line marks half of the earlier share."),
        caption=(f"A share falling from {theme.format_percent(v0)} to {theme.format_percent(v1)} is a relative fall "
                 f"of {theme.format_percent(drop)} (a drop of {v0 - v1:.1f} percentage points): 'more than half' "
                 "holds."),
        source="Section One",
        ids=[then["id"], now["id"], fall["id"]],
    )


# --------------------------------------------------------------------------- 6
def per_capita_rank_slope(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Slope chart of the three provinces' per-capita GDP ranks, 2003 -> 2022 (1 = top)."""
    claims = get_claims(claims)
    names = entity_names()
    n = province_count()
    records = []
    for r in find_all(claims, "per_capita_gdp_rank", PROVINCES):
        records.append(dict(province=names[r["entity"]], entity=r["entity"], year=int(r["year_end"]),
                            value=float(r["value"]), rank_label=theme.ordinal(r["value"]) + f" of {n}",
                            claim_id=r["id"]))
    df = frame(records).sort_values(["entity", "year"], ignore_index=True)
    years = sorted(df["year"].unique())
    first, last = int(years[0]), int(years[-1])
    df["end"] = df["year"].map({first: "start", last: "end"})
    df["text_left"] = df["value"].map(lambda v: theme.ordinal(v))
    df["text_right"] = df["value"].map(lambda v: theme.ordinal(v)) + " " + df["province"]
    pick = alt.param(name="rank_province", value="all",
                     bind=alt.binding_radio(options=["all", *[names[p] for p in PROVINCES]],
                                            labels=["All", *[names[p] for p in PROVINCES]], name="Highlight: "))
    tooltip = [tip("province", "Province"), tip("year", "Year"), tip("rank_label", "Per-capita GDP rank"),
               tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=14, orient="top"),
                scale=alt.Scale(padding=0.5)),
        y=alt.Y("value:Q", title=axis_title(f"Rank in per-capita GDP among {n} provinces (1 = richest)"),
                scale=alt.Scale(domain=[1, n], reverse=True, nice=False), axis=alt.Axis(values=[1, 5, 10, 15, 20, 25, 30])),
        color=alt.Color("province:N", scale=_province_scale(names), sort=[names[p] for p in PROVINCES],
                        legend=alt.Legend(title=None, orient="bottom", columns=1)),
        opacity=alt.condition("rank_province == 'all' || datum.province == rank_province", alt.value(1.0),
                              alt.value(0.15)),
        tooltip=tooltip,
    )
    lines = base.mark_line(strokeWidth=3).encode(detail="province:N")
    points = base.mark_circle(size=110)
    left = base.transform_filter("datum.end == 'start'").mark_text(align="right", dx=-10, fontSize=13,
                                                                  fontWeight="bold").encode(text="text_left:N")
    right = base.transform_filter("datum.end == 'end'").mark_text(align="left", dx=10, fontSize=13,
                                                                 fontWeight="bold").encode(text="text_right:N")
    chart = alt.layer(lines, points, left, right).add_params(pick).properties(width=CONTAINER, height=340)
    worst = df[df["year"] == last].sort_values("value").iloc[-1]
    return finish(
        chart,
        title=(f"All three provinces slid down the per-capita GDP table: by {last} {worst['province']} "
               f"was {theme.ordinal(worst['value'])} of {n}"),
        description=(f"Slope chart of per-capita GDP ranks among {n} provinces in {first} and {last}: "
                     + "; ".join(f"{g['province'].iloc[0]} from {theme.ordinal(g['value'].iloc[0])} to "
                                 f"{theme.ordinal(g['value'].iloc[-1])}" for _, g in df.groupby("entity", sort=False))
                     + "."),
        caption="Rank 1 is the richest province per person; the axis is reversed so that falling in the table "
                "means falling on the page. Choose a province above the chart to highlight it.",
        source="Section One",
        ids=df["claim_id"].tolist(),
    )


# --------------------------------------------------------------------------- 7
def per_capita_relative(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Northeast per-capita GDP as % of the national level, stated vs recomputed from the RMB levels."""
    claims = get_claims(claims)
    records = []
    used = []
    years = sorted(int(r["year_end"]) for r in find_all(claims, "per_capita_gdp_pct_of_national", ["northeast"]))
    for year in years:
        stated = find(claims, "per_capita_gdp_pct_of_national", "northeast", year)
        ne = find(claims, "per_capita_gdp", "northeast", year)
        cn = find(claims, "per_capita_gdp", "china", year)
        computed = 100 * float(ne["value"]) / float(cn["value"])
        used += [stated["id"], ne["id"], cn["id"]]
        how = f"{ne['value_printed']} / {cn['value_printed']} RMB"
        common = dict(year=str(year), ne_rmb=float(ne["value"]), china_rmb=float(cn["value"]),
                      levels=f"Northeast {printed(ne)}, China {printed(cn)}")
        records.append(dict(common, kind="Stated in the essay", value=float(stated["value"]),
                            label=printed(stated).replace("about ", "≈"), how=f"“{stated['quote']}”",
                            claim_id=stated["id"], flag=(stated["flag"] or "").replace("_", " ")))
        records.append(dict(common, kind="Recomputed from the RMB levels", value=computed,
                            label=theme.format_percent(computed), how=f"{how} = {theme.format_percent(computed, 2)}",
                            claim_id=f"{ne['id']} / {cn['id']}", flag=""))
    df = frame(records)
    kinds = {"Stated in the essay": theme.NORTHEAST_COLOR, "Recomputed from the RMB levels": theme.NORTHEAST_TINT}
    pick = alt.param(name="relative_kind", value="all",
                     bind=alt.binding_radio(options=["all", *kinds], labels=["Both", *kinds], name="Highlight: "))
    tooltip = [tip("year", "Year"), tip("kind", "Figure"), tip("label", "Per-capita GDP, % of national"),
               tip("how", "How"), tip("levels", "Levels printed"), tip("flag", "Flag"), tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(
        x=alt.X("year:N", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=14)),
        xOffset=alt.XOffset("kind:N", sort=list(kinds)),
        y=alt.Y("value:Q", title=axis_title("Northeast per-capita GDP, % of national level"),
                scale=alt.Scale(domain=[0, float(df["value"].max()) * 1.15])),
        tooltip=tooltip,
    )
    bars = base.mark_bar(cornerRadiusTopLeft=3, cornerRadiusTopRight=3).encode(
        color=alt.Color("kind:N", scale=color_scale(kinds), sort=list(kinds),
                        legend=alt.Legend(title=None, orient="bottom", direction="vertical")),
        opacity=alt.condition("relative_kind == 'all' || datum.kind == relative_kind", alt.value(1.0),
                              alt.value(0.25)),
    )
    labels = base.mark_text(dy=-9, fontSize=13, fontWeight="bold").encode(text="label:N")
    national = frame([dict(value=100.0, label="National level = 100%")])
    ref_tip = [tip("label", "Reference")]
    rule = alt.Chart(national).mark_rule(color=theme.NATIONAL_COLOR, strokeWidth=2, strokeDash=[6, 3]).encode(
        y="value:Q", tooltip=ref_tip)
    rule_text = alt.Chart(national).mark_text(align="right", x="width", dy=-8, color=theme.NATIONAL_COLOR,
                                              fontSize=12).encode(y="value:Q", text="label:N", tooltip=ref_tip)
    chart = alt.layer(bars, labels, rule, rule_text).add_params(pick).properties(width=CONTAINER, height=300)
    s03 = df[(df["year"] == str(years[0]))]
    return finish(
        chart,
        title=(f"The Northeast's per-capita GDP fell from {s03['label'].iloc[0].replace('≈', 'about ')} of the "
               f"national level to {df[(df['year'] == str(years[-1]))]['label'].iloc[0]}"),
        # The text can't say which figure of the 2003 sentence is wrong, so the chart keeps both readings.
        subtitle=(f"But the essay's own {years[0]} levels give {s03['label'].iloc[1]}: either that ratio "
                  "or a level is misprinted."),
        description=("Grouped bars of the Northeast's per-capita GDP as a percentage of the national level in "
                     f"{years[0]} and {years[-1]}, the percentage the essay states next to the one recomputed from the RMB levels it "
                     "prints; a line marks the national level at 100%."),
        caption=("Recomputed = Northeast level / national level × 100, both as printed in the same sentence. "
                 f"In {years[0]} the two disagree (the Northeast's level is printed as "
                 f"'{find(claims, 'per_capita_gdp', 'northeast', years[0])['value_printed']}"
                 f"{'+' if find(claims, 'per_capita_gdp', 'northeast', years[0])['qualifier'] == 'more_than' else ''}')."),
        source="Section One",
        ids=used,
    )


# --------------------------------------------------------------------------- 8
def top500_then_now(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Top-500 enterprises per province and the provinces' rank by that count, 2002 vs 2022; a
    dropdown switches the metric."""
    claims = get_claims(claims)
    names = entity_names()
    n = province_count()
    metrics = {"count": "top500_enterprise_count", "rank": "top500_province_rank"}
    records = []
    for metric, indicator in metrics.items():
        for r in find_all(claims, indicator, PROVINCES):
            v = float(r["value"])
            records.append(dict(metric=metric, province=names[r["entity"]], entity=r["entity"],
                                year=int(r["year_end"]), value=v, claim_id=r["id"],
                                shown=(f"{int(v)} enterprise" + ("s" if v != 1 else "")) if metric == "count"
                                else f"{theme.ordinal(v)} of {n}"))
    df = frame(records)
    years = sorted(df["year"].unique())
    # direct labels; tied values share one label ("Jilin, Heilongjiang: 26th")
    labels = {}
    for (metric, year, value), g in df.groupby(["metric", "year", "value"]):
        short = str(int(value)) if metric == "count" else theme.ordinal(value)
        who = ", ".join(g.sort_values("entity", key=lambda s: s.map(PROVINCES.index))["province"])
        # on the right, one name a line, so the labels stay narrow on a phone
        names_ = who.split(", ")
        text = [f"{n}," for n in names_[:-1]] + [f"{names_[-1]}: {short}"] if year == years[-1] else f"{short}"
        labels[g.index[0]] = text
    df["label"] = [labels.get(i, "") for i in df.index]
    missing = [names[p] for p in PROVINCES if not ((df["metric"] == "rank") & (df["entity"] == p)
                                                   & (df["year"] == years[0])).any()]
    max_count = float(df.loc[df["metric"] == "count", "value"].max())
    metric = alt.param(name="top500_metric", value="count",
                       bind=alt.binding_select(options=list(metrics),
                                               labels=["Number of top-500 enterprises",
                                                       "Province's rank by that number"],
                                               name="Show: "))
    is_rank = "top500_metric == 'rank'"
    tooltip = [tip("province", "Province"), tip("year", "Year"), tip("shown", "Value"), tip("claim_id", "Claim id")]
    base = alt.Chart(df).transform_filter("datum.metric == top500_metric").encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelFontSize=14, orient="top"),
                scale=alt.Scale(padding=when_narrow("0.7", "0.25"))),
        y=alt.Y("value:Q", title=axis_title("Enterprises, or rank (up = better)"),
                scale=alt.Scale(reverse=alt.ExprRef(is_rank), zero=False, nice=False,
                                domain=alt.ExprRef(f"{is_rank} ? [1, {n}] : [0, {max_count + 1:g}]"))),
        tooltip=tooltip,
    )
    colored = base.encode(color=alt.Color("province:N", scale=_province_scale(names),
                                          sort=[names[p] for p in PROVINCES],
                                          legend=alt.Legend(title=None, orient="bottom", columns=1)))
    lines = colored.mark_line(strokeWidth=3).encode(detail="province:N")
    points = colored.mark_circle(size=110, opacity=1)
    left = base.transform_filter(f"datum.year == {years[0]} && datum.label != ''").mark_text(
        align="right", dx=-10, fontSize=13).encode(text="label:N")
    right = base.transform_filter(f"datum.year == {years[-1]} && datum.label != ''").mark_text(
        align="left", dx=10, fontSize=13).encode(text="label:N")
    heading = alt.Chart(frame([dict(note="metric heading")])).mark_text(
        align="left", baseline="top", x=0, y=-62, fontSize=13, fontWeight="bold", lineHeight=16,
        text=alt.ExprRef(f"{is_rank} ? ['Rank of {n} provinces', 'by top-500 count (1 = most)'] "
                         ": ['Number of enterprises', 'among China\\'s top 500']")).encode(
        tooltip=[tip("note", "Note")])
    chart = alt.layer(lines, points, left, right, heading).add_params(metric).properties(width=CONTAINER,
                                                                                          height=300)
    c = df[df["metric"] == "count"]
    then_total = int(c[c["year"] == years[0]]["value"].sum())
    now_total = int(c[c["year"] == years[-1]]["value"].sum())
    return finish(
        chart,
        title=(f"The three provinces went from {then_total} of China's top 500 enterprises in {years[0]} "
               f"to {now_total} in {years[-1]}"),
        description=(f"Slope chart of each northeastern province's number of top-500 enterprises, or its rank by "
                     f"that number, in {years[0]} and {years[-1]}; a dropdown switches between the two."),
        caption=(f"The essay gives no {years[0]} rank for {', '.join(missing) or '—'}. In {years[-1]} Jilin and "
                 "Heilongjiang share a rank with one enterprise each."),
        source="Section One",
        ids=df["claim_id"].tolist(),
    )


# --------------------------------------------------------------------------- 9
def fiscal_self_sufficiency(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Fiscal self-sufficiency 1994-2002 and 2022 for the three provinces and two comparators, with a
    slider threshold that re-colours the bars below it."""
    claims = get_claims(claims)
    names = entity_names()
    records = []
    for r in find_all(claims, "fiscal_self_sufficiency"):
        period = f"{r['year_start']}–{r['year_end']}" if r["year_start"] != r["year_end"] else str(r["year_end"])
        records.append(dict(who=names[r["entity"]], entity=r["entity"], period=period, value=float(r["value"]),
                            label=f"{theme.format_percent(r['value'])} ({period})", claim_id=r["id"],
                            role="Northeast province" if r["entity"] in PROVINCES else "comparator"))
    df = frame(records)
    comparators = df[df["role"] == "comparator"]
    order = [names[p] for p in PROVINCES] + comparators["who"].tolist()
    periods = sorted(df["period"].unique(), key=lambda p: p.split("–")[0])
    default = float(comparators["value"].max()) if len(comparators) else 30.0
    threshold = alt.param(name="fiscal_threshold", value=default,
                          bind=alt.binding_range(min=10, max=70, step=1, name="Colour bars at or below (%): "))
    colors = {names[e]: theme.entity_color(e) for e in df["entity"].unique()}
    tooltip = [tip("who", "Province"), tip("period", "Period"), tip("label", "Self-sufficiency"),
               tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(
        y=alt.Y("who:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13)),
        yOffset=alt.YOffset("period:N", sort=periods),
        x=alt.X("value:Q", title=axis_title("Fiscal self-sufficiency (own revenue as % of own spending)"),
                scale=alt.Scale(domain=[0, 100])),
        tooltip=tooltip,
    )
    bars = base.mark_bar(height=alt.RelativeBandSize(0.9)).encode(
        color=alt.condition("datum.value <= fiscal_threshold",
                            alt.Color("who:N", scale=color_scale(colors), legend=None),
                            alt.value(theme.LIGHT_GREY)),
    )
    text = base.mark_text(align="left", dx=5, fontSize=12).encode(text="label:N")
    rule_df = frame([dict(what="threshold")])
    rule_tip = [tip("rule_text", "Threshold")]
    rule = alt.Chart(rule_df).transform_calculate(t="fiscal_threshold", rule_text="'at or below ' + fiscal_threshold + '%'"
                                                  ).mark_rule(color=theme.TEXT_COLOR, strokeDash=[5, 3],
                                                              strokeWidth=1.5).encode(x="t:Q", tooltip=rule_tip)
    rule_text = alt.Chart(rule_df).transform_calculate(
        t="fiscal_threshold", rule_text="'at or below ' + fiscal_threshold + '%: in colour'").mark_text(
        align="left", dx=4, y=-8, fontSize=12).encode(x="t:Q", text="rule_text:N", tooltip=rule_tip)
    chart = alt.layer(bars, text, rule, rule_text).add_params(threshold).properties(
        width=CONTAINER, height=alt.Step(20))
    now = df[(df["role"] != "comparator") & (df["period"] == periods[-1])]
    return finish(
        chart,
        title=(f"By {periods[-1]} Jilin and Heilongjiang paid for less of their own spending than subsidised "
               f"{' and '.join(comparators['who'])}"),
        subtitle="Each province has two bars: the 1994–2002 average and 2022. Move the slider to change the mark.",
        description=("Horizontal bars of fiscal self-sufficiency for Liaoning, Jilin and Heilongjiang in 1994–2002 "
                     f"and {periods[-1]}, and for the comparators {' and '.join(comparators['who'])} in "
                     f"{periods[-1]}; bars at or below an adjustable threshold are coloured, the rest grey."),
        caption=("Self-sufficiency = a province's own budget revenue as a share of its spending; the rest comes "
                 f"from central transfers. The comparators' year is not printed; {periods[-1]} is assumed."),
        source="Section One",
        ids=df["claim_id"].tolist(),
    )


# --------------------------------------------------------------------------- 10
def city_gdp_comparison(claims: pd.DataFrame | None = None) -> alt.VConcatChart:
    """2002 GDP of Hangzhou, Dalian and Nanjing, and Dalian's 2022 GDP as % of Suzhou's and Hangzhou's."""
    claims = get_claims(claims)
    names = entity_names()
    gdp = find_all(claims, "city_gdp")
    then = frame([dict(city=names[r["entity"]], entity=r["entity"], value=float(r["value"]),
                       label=f"{r['value_printed']} {r['unit_printed']}", claim_id=r["id"],
                       color=theme.entity_color(r["entity"])) for r in gdp])
    year0 = int(gdp[0]["year_end"])
    rel = [find(claims, ind, "dalian") for ind in ("gdp_pct_of_suzhou", "gdp_pct_of_hangzhou")]
    year1 = int(rel[0]["year_end"])
    rel_records = []
    for r in rel:
        other = names[r["indicator"].split("_pct_of_")[1]]
        rel_records.append(dict(city=other, what=f"{other} = 100%", value=100.0, dalian=float(r["value"]),
                                label=f"Dalian: {theme.format_percent(r['value'])} of {other}", claim_id=r["id"]))
    now = frame(rel_records)
    tooltip0 = [tip("city", "City"), tip("label", f"GDP {year0} (currency not printed)"), tip("claim_id", "Claim id")]
    colors = {row_["city"]: row_["color"] for row_ in then.to_dict("records")}
    base0 = alt.Chart(then).encode(
        y=alt.Y("city:N", sort=then.sort_values("value", ascending=False)["city"].tolist(), title=None),
        x=alt.X("value:Q", title=axis_title(f"GDP in {year0}, billion (currency not printed; RMB assumed)", 30),
                scale=alt.Scale(domain=[0, float(then["value"].max()) * 1.25])),
        tooltip=tooltip0,
    )
    top = alt.layer(
        base0.mark_bar(height=26).encode(color=alt.Color("city:N", scale=color_scale(colors), legend=None)),
        base0.mark_text(align="left", dx=5).encode(text="label:N"),
    ).properties(width=PANEL_WIDTH, height=120, title=alt.Title(f"{year0}: Dalian ahead of Nanjing",
                                                                    fontSize=14, anchor="start"))
    tooltip1 = [tip("label", f"Dalian's GDP, {year1}"), tip("what", "Yardstick"), tip("claim_id", "Claim id")]
    base1 = alt.Chart(now).encode(
        y=alt.Y("city:N", title=None, sort=now.sort_values("dalian", ascending=False)["city"].tolist()),
        tooltip=tooltip1,
    )
    x1 = alt.X("value:Q", title=axis_title(f"Dalian's GDP in {year1}, % of the other city's", 30),
               scale=alt.Scale(domain=[0, 100]))
    bottom = alt.layer(
        base1.mark_bar(height=26, color=theme.LIGHT_GREY).encode(x=x1),
        base1.mark_bar(height=26, color=theme.NORTHEAST_COLOR).encode(x="dalian:Q"),
        base1.mark_text(align="left", dx=5).encode(x="dalian:Q", text="label:N"),
    ).properties(width=PANEL_WIDTH, height=90,
                 title=alt.Title(theme.wrap(f"{year1}: Dalian, the best-placed northeastern city, far behind", 34),
                                 fontSize=14, anchor="start"))
    chart = alt.vconcat(top, bottom)
    lead = then.sort_values("value", ascending=False).iloc[0]
    dal = then[then["entity"] == "dalian"].iloc[0]
    gap = 100 * (lead["value"] - dal["value"]) / lead["value"]
    return finish(
        chart,
        title=(f"In {year0} Dalian was only {theme.format_percent(gap, 0)} behind {lead['city']}; by {year1} its "
               "economy was " + " and ".join(f"{theme.format_percent(r['dalian'])} of {r['city']}'s"
                                            for r in rel_records)),
        description=(f"Two bar charts. Top: GDP in {year0} of "
                     + ", ".join(f"{r['city']} ({r['label']})" for r in then.to_dict("records"))
                     + f". Bottom: Dalian's GDP in {year1} as a percentage of "
                     + " and ".join(f"{r['city']}'s ({theme.format_percent(r['dalian'])})" for r in rel_records) + "."),
        caption=(f"The essay prints the {year0} city GDP figures without a currency; we assume RMB. "
                 f"For {year1} it gives only percentages, so the two panels cannot be put on one scale."),
        source="Section One",
        ids=then["claim_id"].tolist() + now["claim_id"].tolist(),
    )
