"""Chapter 4 (Section Three): the world's rust belts, and the Northeast as an 'island' in Northeast Asia."""
from __future__ import annotations

import altair as alt
import pandas as pd

from northeast import theme, views
from northeast.claims import RATE_ID
from northeast.charts._common import (CONTAINER, axis_title, band_axis, color_scale, entity_names, find, frame,
                                      finish, get_claims, printed, row, tip)

# The five belts in the order the essay names them, with short labels and what the essay says
# became of each (words, not numbers).
BELTS = {
    "great_lakes_belt": ("Great Lakes (United States)", "Pittsburgh has achieved a healthy revitalization"),
    "ruhr_belt": ("Ruhr valley (Germany)", "has achieved a healthy revitalization"),
    "czech_polish_belt": ("Czech-Polish southern belt", "declined after the Great Lakes and the Ruhr"),
    "urals_belt": ("Urals (Soviet Union)", "slow to revitalize"),
    "northeast_industrial_belt": ("China's Northeast", "slow to revitalize; missed the emerging industries"),
}
# "Late 19th century" drawn as starting 70 years into the century (our reading, stated in the caption).
LATE_CENTURY_OFFSET = 70
_WORDS = {3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


# --------------------------------------------------------------------------- 16
def industrial_belts_timeline(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Rise and decline of the five heavy-industry belts; click a belt to highlight it."""
    claims = get_claims(claims)
    count = row(claims, "heavy_industrial_belt_count")
    c19 = row(claims, "heavy_industrialisation_century_19th")
    c20 = row(claims, "heavy_industrialisation_century_20th")
    decline = row(claims, "rust_belt_decline_decade_1960s")
    lag_decline = find(claims, "decline_lag_years", "northeast_industrial_belt")
    lag_rise = find(claims, "industrialisation_lag_years", "northeast_industrial_belt")
    essay_year = int(row(claims, "revitalization_document_year")["value"]) + int(
        row(claims, "strategy_duration")["value"])
    if int(count["value"]) != len(BELTS):
        raise ValueError(f"the essay names {count['value']} belts, the chart draws {len(BELTS)}")
    rise_start = (int(c19["value"]) - 1) * 100 + LATE_CENTURY_OFFSET
    decline_start = int(decline["value"])
    records = []
    for order, (entity, (label, outcome)) in enumerate(BELTS.items()):
        ne = entity == "northeast_industrial_belt"
        r0 = rise_start + (int(lag_rise["value"]) if ne else 0)
        d0 = decline_start + (int(lag_decline["value"]) if ne else 0)
        common = dict(belt=label, entity=entity, order=order, outcome=outcome, belt_count=float(count["value"]),
                      century_rise=float(c19["value"]), century_rise_2=float(c20["value"]),
                      lag=float(lag_rise["value"]) if ne else 0.0)
        records.append(dict(common, phase="Rise and heyday", start=r0, end=d0,
                            text=(f"from the late {int(c19['value'])}th / early {int(c20['value'])}th century"
                                  + (f", {int(lag_rise['value'])} years later than the others" if ne else "")),
                            claim_id=f"{c19['id']}, {c20['id']}" + (f", {lag_rise['id']}" if ne else "")))
        records.append(dict(common, phase="Decline", start=d0, end=essay_year,
                            text=(f"from the {decline_start}s" + (f" + {int(lag_decline['value'])} years" if ne else "")),
                            decline_decade=float(decline["value"]),
                            claim_id=decline["id"] + (f", {lag_decline['id']}" if ne else "")))
    df = frame(records)
    df["years"] = df["start"].astype(str) + "–" + df["end"].astype(str)
    df["phase_label"] = df["phase"].map({"Rise and heyday": "rise and heyday", "Decline": "decline →"})
    belt_labels = [label for label, _ in BELTS.values()]
    pick = alt.param(name="belt_pick", value="all",
                     bind=alt.binding_select(options=["all", *belt_labels], labels=["All belts", *belt_labels],
                                             name="Highlight: "))
    picked = "belt_pick == 'all' || datum.belt == belt_pick"
    colors = {label: theme.entity_color(e) if e == "northeast_industrial_belt" else theme.COMPARATOR_COLOR
              for e, (label, _) in BELTS.items()}
    tooltip = [tip("belt", "Industrial belt"), tip("phase", "Phase"), tip("years", "Drawn as"),
               tip("text", "The essay says"), tip("outcome", "Since then"), tip("claim_id", "Claim ids")]
    base = alt.Chart(df).encode(
        y=alt.Y("belt:N", sort=belt_labels, title=None, axis=band_axis(14)),
        tooltip=tooltip,
    )
    x = alt.X("start:Q", title=axis_title("Year (approximate: the essay gives centuries and decades)"),
              scale=alt.Scale(domain=[rise_start - 10, essay_year + 5]), axis=alt.Axis(format="d", tickCount=4))
    bars = base.mark_bar(height=22).encode(
        x=x, x2="end:Q",
        color=alt.Color("belt:N", scale=color_scale(colors), legend=None),
        opacity=alt.condition(picked, alt.Opacity("phase:O", scale=alt.Scale(domain=["Rise and heyday", "Decline"],
                                                                              range=[1.0, 0.4]),
                                                  legend=None),
                              alt.value(0.08)),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        x="start:Q", text="phase_label:N",
        color=alt.condition("datum.phase == 'Decline'", alt.value(theme.TEXT_COLOR), alt.value("white")),
        opacity=alt.condition(picked, alt.value(1.0), alt.value(0.15)))
    chart = alt.layer(bars, text).add_params(pick).properties(width=CONTAINER, height=alt.Step(36))
    return finish(
        chart,
        title=(f"One of {_WORDS.get(int(count['value']), int(count['value']))} rust belts: the Northeast rose and declined like the others, "
               f"{int(lag_decline['value'])} years later"),
        subtitle="Choose a belt above the chart to highlight it.",
        description=(f"Timeline of the {int(count['value'])} heavy-industry belts named in the essay: each rises from "
                     f"the late {int(c19['value'])}th century and declines from the {decline_start}s; China's "
                     f"Northeast does both {int(lag_decline['value'])} years later."),
        caption=(f"Approximate dates: 'late {int(c19['value'])}th century' is drawn from {rise_start}, the decline "
                 f"from {decline_start} and the Northeast's {int(lag_rise['value'])} years later; bars end in "
                 f"{essay_year}, when the essay was written."),
        source="Section Three",
        ids=[count["id"], c19["id"], c20["id"], decline["id"], lag_decline["id"], lag_rise["id"]],
    )


# --------------------------------------------------------------------------- 17
def exports_comparison(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """2022 exports of Heilongjiang + Jilin vs Xinjiang; RMB, USD as printed, or USD at 7.14."""
    claims = get_claims(claims)
    names = entity_names()
    hj = find(claims, "exports", "heilongjiang_jilin")
    xj = find(claims, "exports", "xinjiang")
    half = find(claims, "exports_pct_of_xinjiang", "heilongjiang_jilin")
    rate = row(claims, RATE_ID)
    rate_value = float(rate["value"])
    records = []
    for r in (hj, xj):
        records.append(dict(
            who=names[r["entity"]].replace(" (together)", ""), entity=r["entity"], value=float(r["value"]),
            rmb=float(r["value"]), usd_printed=float(r["usd_printed_billion"]), usd_714=float(r["usd_at_7_14_billion"]),
            text_rmb=theme.format_rmb_billion(r["value"], 4),
            text_usd_printed=f"{r['usd_printed']} USD (as printed)",
            text_usd_714=f"{theme.format_usd_billion(r['usd_at_7_14_billion'], 4)} (at {rate_value:g})",
            flag=(r["flag"] or "").replace("_", " "), claim_id=r["id"]))
    records[0].update(stated_pct_of_xinjiang=float(half["value"]), stated_text=printed(half), half_id=half["id"])
    df = frame(records)
    df["rate"] = rate_value
    currency = alt.param(name="exports_currency", value="rmb",
                         bind=alt.binding_radio(options=["rmb", "usd_printed", "usd_714"],
                                                labels=["RMB", "USD as printed", f"USD at {rate_value:g} RMB"],
                                                name="Currency: "))
    pick = {"rmb": "datum.rmb", "usd_printed": "datum.usd_printed", "usd_714": "datum.usd_714"}
    shown = " : ".join(f"exports_currency == '{k}' ? {v}" for k, v in list(pick.items())[:-1]) + \
        f" : {list(pick.values())[-1]}"
    text = ("exports_currency == 'rmb' ? datum.text_rmb : exports_currency == 'usd_printed' ? "
            "datum.text_usd_printed : datum.text_usd_714")
    colors = {r["who"]: theme.entity_color(r["entity"]) for r in records}
    base = alt.Chart(df).transform_calculate(shown=shown, label=text).encode(
        y=alt.Y("who:N", sort=[r["who"] for r in records], title=None),
        tooltip=[tip("who", "Exporter"), tip("label", "Exports, 2022"), tip("text_rmb", "As printed (RMB)"),
                 tip("stated_text", "Share of Xinjiang's (stated)"), tip("flag", "Flag"), tip("claim_id", "Claim id")],
    )
    x = alt.X("shown:Q", title=axis_title("Exports in 2022, billion (RMB or USD, see the toggle)"),
              scale=alt.Scale(domainMin=0, nice=True),
              axis=alt.Axis(labelExpr="datum.value + (exports_currency == 'rmb' ? ' RMB' : ' USD')", tickCount=3))
    bars = base.mark_bar(height=30).encode(x=x, color=alt.Color("who:N", scale=color_scale(colors), legend=None))
    labels = base.mark_text(align="left", dx=5).encode(x="shown:Q", text="label:N")
    chart = alt.layer(bars, labels).add_params(currency).properties(width=CONTAINER, height=110)
    ratio = 100 * float(hj["value"]) / float(xj["value"])
    return finish(
        chart,
        title=(f"Heilongjiang and Jilin together exported only {printed(half).replace('about ', '')} as much as "
               f"Xinjiang in 2022 ({theme.format_percent(ratio)})"),
        subtitle=(f"Switch currencies: the USD printed for Xinjiang ({xj['usd_printed']} USD) is not "
                  f"{float(xj['value']):g} ÷ {rate_value:g} ({theme.format_usd_billion(xj['usd_at_7_14_billion'], 4)})."),
        description=(f"Two bars: 2022 exports of Heilongjiang and Jilin together, "
                     f"{theme.format_rmb_billion(hj['value'], 4)}, and of Xinjiang, "
                     f"{theme.format_rmb_billion(xj['value'], 4)}; a toggle shows them in RMB, in US dollars as "
                     f"printed, or in US dollars at {rate_value:g} RMB per dollar."),
        caption=(f"{float(hj['value']):g} ÷ {float(xj['value']):g} = {theme.format_percent(ratio)}: 'only half' holds. "
                 "The printed USD for Xinjiang does not match the translator's rate."),
        source="Section Three",
        ids=[hj["id"], xj["id"], half["id"], rate["id"]],
    )


# --------------------------------------------------------------------------- 18
def trade_dependence(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Trade as a share of GDP in 2022: the Northeast, China, Heilongjiang and Jilin."""
    claims = get_claims(claims)
    names = entity_names()
    rows = [find(claims, "trade_dependence", e) for e in ("china", "northeast", "heilongjiang_jilin")]
    df = frame([dict(who=("China" if r["entity"] == "china" else names[r["entity"]].replace(" (together)", "")),
                     entity=r["entity"], value=float(r["value"]), label=printed(r), claim_id=r["id"],
                     quote=r["quote"]) for r in rows]).sort_values("value", ascending=False, ignore_index=True)
    colors = {r["who"]: theme.entity_color(r["entity"]) for r in df.to_dict("records")}
    base = alt.Chart(df).encode(
        y=alt.Y("who:N", sort=df["who"].tolist(), title=None),
        x=alt.X("value:Q", title=axis_title("Trade dependence, 2022 (trade as % of GDP)"),
                scale=alt.Scale(domain=[0, float(df["value"].max()) * 1.3])),
        tooltip=[tip("who", "Who"), tip("label", "Trade dependence"), tip("quote", "Quote"),
                 tip("claim_id", "Claim id")],
    )
    bars = base.mark_bar(height=30).encode(color=alt.Color("who:N", scale=color_scale(colors), legend=None))
    labels = base.mark_text(align="left", dx=5, fontWeight="bold").encode(text="label:N")
    chart = alt.layer(bars, labels).properties(width=CONTAINER, height=150)
    ne = df[df["entity"] == "northeast"].iloc[0]
    cn = df[df["entity"] == "china"].iloc[0]
    return finish(
        chart,
        title=(f"An 'island' in Northeast Asia: trade is {ne['label']} of the Northeast's GDP, against "
               f"{cn['label']} for China as a whole"),
        description=("Horizontal bars of trade dependence in 2022: "
                     + ", ".join(f"{r['who']} {r['label']}" for r in df.to_dict("records")) + "."),
        caption=("Trade dependence = exports plus imports as a share of GDP. The Heilongjiang-and-Jilin figure is "
                 "stated for the two provinces together and only approximately."),
        source="Section Three",
        ids=df["claim_id"].tolist(),
    )


# --------------------------------------------------------------------------- 19
def fdi_implied_totals(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Foreign capital used in 2020: the totals implied for China and four provinces by the Northeast's
    3.6 bn USD and the stated percentages; a dropdown picks the comparator."""
    claims = get_claims(claims)
    names = entity_names()
    table = views.implied_totals_from_fdi(claims)
    base_row = find(claims, "foreign_capital_utilised", "northeast")
    records = []
    for r in table.to_dict("records"):
        who = "China" if r["comparator"] == "china" else names.get(r["comparator"], r["comparator"])
        records.append(dict(
            comparator=r["comparator"], who=who, implied=float(r["implied_total_billion_usd"]),
            northeast=float(r["northeast_billion_usd"]), pct=float(r["northeast_pct"]), claim_id=r["claim_id"],
            implied_text=f"≈{theme.format_usd_billion(r['implied_total_billion_usd'])} (implied)",
            pct_text=theme.format_percent(r["northeast_pct"]),
            sentence=(f"The Northeast's {theme.format_usd_billion(r['northeast_billion_usd'])} is "
                      f"{theme.format_percent(r['northeast_pct'])} of {who}'s "
                      f"≈{theme.format_usd_billion(r['implied_total_billion_usd'])}"),
            base_id=base_row["id"],
        ))
    df = frame(records)
    df["sentence_lines"] = df["sentence"].map(lambda text: theme.wrap(text, 36))
    options = df["comparator"].tolist()
    default = "jiangsu" if "jiangsu" in options else options[0]
    pick = alt.param(name="fdi_comparator", value=default,
                     bind=alt.binding_select(options=options, labels=df["who"].tolist(), name="Compare with: "))
    chosen = "datum.comparator == fdi_comparator"
    tooltip = [tip("who", "Comparator"), tip("implied_text", "Foreign capital used, 2020"),
               tip("pct_text", "Northeast as % of it (stated)"), tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(y=alt.Y("who:N", sort=df["who"].tolist(), title=None), tooltip=tooltip)
    x = alt.X("implied:Q", title=axis_title("Foreign capital actually used in 2020, billion USD"),
              scale=alt.Scale(domain=[0, float(df["implied"].max()) * 1.05]))
    totals = base.mark_bar(height=24, color=theme.COMPARATOR_COLOR).encode(
        x=x, opacity=alt.condition(chosen, alt.value(1.0), alt.value(0.3)),
        stroke=alt.condition(chosen, alt.value(theme.TEXT_COLOR), alt.value(None)), strokeWidth=alt.value(1.5))
    ne = base.mark_bar(height=24, color=theme.NORTHEAST_COLOR).encode(
        x="northeast:Q", opacity=alt.condition(chosen, alt.value(1.0), alt.value(0.35)))
    labels = base.mark_text(align="left", dx=5, fontSize=12).encode(
        x="implied:Q", text="implied_text:N", opacity=alt.condition(chosen, alt.value(1.0), alt.value(0.5)))
    sentence = alt.Chart(df).transform_filter(chosen).mark_text(
        align="left", baseline="bottom", fontSize=14, fontWeight="bold", lineHeight=18,
        color=theme.NORTHEAST_COLOR).encode(x=alt.value(0), y=alt.value(-12), text="sentence_lines:N",
                                            tooltip=tooltip)
    chart = alt.layer(totals, ne, labels, sentence).add_params(pick).properties(width=CONTAINER, height=200)
    china = df[df["comparator"] == "china"]
    provinces = df[df["comparator"] != "china"]
    share = f"{china['pct_text'].iloc[0]} of China's" if len(china) else "a small share"
    below = ", less than any comparator" if (provinces["pct"] < 100).all() else ""
    return finish(
        chart,
        title=(f"The Northeast drew {theme.format_usd_billion(base_row['value'])} of foreign capital in "
               f"{base_row['year_end']}: {share}{below}"),
        subtitle="Bars are the totals implied by the essay's percentages; the Northeast's amount is in colour.",
        description=(f"Horizontal bars of the foreign capital used in {base_row['year_end']} by China, Jiangsu, Beijing, "
                     f"Sichuan and Shaanxi, as implied by the Northeast's {theme.format_usd_billion(base_row['value'])} "
                     "and the stated percentages, with the Northeast's amount overlaid; a dropdown highlights one."),
        caption=(f"Implied total = {float(base_row['value']):g} ÷ stated percentage. The essay prints only the "
                 "percentages, so the implied totals carry their rounding (8% could be 7.5–8.5%)."),
        source="Section Three",
        ids=[base_row["id"], *df["claim_id"].tolist()],
    )
