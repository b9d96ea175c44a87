"""Chapter 5 (Section Four and the story as a whole): the dated events of the revitalisation story."""
from __future__ import annotations

import altair as alt
import pandas as pd

from northeast import theme
from northeast.charts._common import (CONTAINER, SECTION_NAMES, band_axis, color_scale, frame, finish, get_claims,
                                      printed, row, tip)

# Claims that date an event of the revitalisation story, with a short label; amounts and the counts
# in braces are filled in from the data. Ranges come from the claim's year_start/year_end.
EVENTS = {
    "tax_sharing_reform_year": "Tax-sharing reform",
    "soe_reform_wave_start_year": "SOE bankruptcies and reorganisation",
    "western_development_start_year": "Strategy: opening up the West",
    "revitalization_document_year": "Strategy: revitalise the Northeast",
    "central_rise_start_year": "Strategy: rise of Central China",
    "bankrupt_enterprise_subsidy_2004_2005": "Subsidies for bankrupt firms",
    "debt_write_off_2006": "Banks write off SOE debt",
    "employment_pension_subsidy_2011": "Employment and pension grants",
    "key_project_investment_2014": "State Council: {n} key projects",
    "logging_cessation_subsidy_annual": "Logging-ban subsidy begins",
    "housing_infrastructure_allocation_2015": "Housing and urban renewal grant",
    "key_project_investment_2016": "NDRC rolling plan: {n} projects",
    "faw_credit_2018": "{n} banks lend to FAW",
    "sasac_symposium_investment": "SASAC meeting: {n} SOE projects",
    "liaoning_credit_2023": "Bank credit for Liaoning",
    "ageing_peak_forecast_year": "Ageing peaks (forecast)",
}
# The claim holding the count {n} in a label above.
_LABEL_COUNTS = {
    "key_project_investment_2014": "key_project_count_2014",
    "key_project_investment_2016": "key_project_count_2016",
    "faw_credit_2018": "faw_credit_bank_count",
    "sasac_symposium_investment": "sasac_symposium_project_count",
}
SECTION_COLORS = {
    "Section One": theme.OKABE_ITO["blue"],
    "Section Two": theme.OKABE_ITO["bluish_green"],
    "Section Four": theme.OKABE_ITO["reddish_purple"],
    "Section Three": theme.OKABE_ITO["sky_blue"],
}


def strategy_timeline(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Dated events from the 1994 tax reform to the 2030 ageing peak, coloured by the essay's section;
    click the legend to show one section."""
    claims = get_claims(claims)
    counts = {event_id: row(claims, count_id) for event_id, count_id in _LABEL_COUNTS.items()}
    end_row = row(claims, "soe_reform_wave_end_year")
    records = []
    for event_id, label in EVENTS.items():
        r = row(claims, event_id)
        count = counts.get(event_id)
        if count is not None:
            label = label.format(n=int(count["value"]))
        if r["unit"] == "year":
            start = int(r["value"])
            end = int(end_row["value"]) if event_id == "soe_reform_wave_start_year" else start
            what = ""
        else:
            start = int(r["year_start"])
            end = int(r["year_end"]) if r["year_end"] is not None else start
            if r["unit"] == "billion_rmb":
                what = printed(r)
                short = theme.format_rmb_billion(r["value"]).replace("billion", "bn").replace("trillion", "tn")
                label = f"{label} ({short})"
            else:
                what = printed(r)
        section = SECTION_NAMES[r["section"]]
        when = str(start) if end == start else f"{start}–{end}"
        if event_id == "logging_cessation_subsidy_annual":
            when = f"{start} onwards (per year)"
        ids = [r["id"]]
        if end != start and r["unit"] == "year":
            ids.append(end_row["id"])
        if count is not None:
            ids.append(count["id"])
        records.append(dict(event=label, start=start, end=end, when=when, section=section, amount=what,
                            value=float(r["value"]), count=float(count["value"]) if count is not None else None,
                            claim_id=", ".join(ids), quote=r["quote"], kind="period" if end != start else "year"))
    df = frame(records).sort_values(["start", "end"], ignore_index=True)
    df["end_value"] = float(end_row["value"])
    sections = [s for s in SECTION_COLORS if s in set(df["section"])]
    # A bound control, not a legend click: the radio buttons work by keyboard and touch, and one
    # param filters every layer (a legend selection sat on the dots' layer only).
    pick = alt.param(name="timeline_section", value="all",
                     bind=alt.binding_radio(options=["all", *sections], labels=["All sections", *sections],
                                            name="Show: "))
    tooltip = [tip("event", "Event"), tip("when", "When"), tip("amount", "Amount as printed"),
               tip("section", "Where in the essay"), tip("quote", "Quote"), tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(
        y=alt.Y("event:N", sort=df["event"].tolist(), title=None, axis=band_axis(22, labelFontSize=12)),
        color=alt.Color("section:N", scale=color_scale({s: SECTION_COLORS[s] for s in sections}),
                        legend=alt.Legend(title="Where in the essay", orient="bottom", columns=1)),
        opacity=alt.condition("timeline_section == 'all' || datum.section == timeline_section", alt.value(1.0),
                              alt.value(0.12)),
        tooltip=tooltip,
    )
    x_scale = alt.Scale(domain=[int(df["start"].min()) - 2, int(df["end"].max()) + 2])
    x = alt.X("start:Q", title="Year", axis=alt.Axis(format="d", tickCount=4), scale=x_scale)
    spans = base.transform_filter("datum.kind == 'period'").mark_bar(height=10, cornerRadius=5).encode(
        x=x, x2="end:Q")
    dots = base.mark_circle(size=120).encode(x=x)
    ref = frame([dict(year=int(row(claims, "revitalization_document_year")["value"]) +
                      int(row(claims, "strategy_duration")["value"]), label="Essay written")])
    ref["label"] = ref["label"] + " (" + ref["year"].astype(str) + ")"
    ref_x = alt.X("year:Q", scale=x_scale, title="Year")
    rule = alt.Chart(ref).mark_rule(strokeDash=[4, 3], color=theme.MUTED_TEXT).encode(
        x=ref_x, tooltip=[tip("label", "Reference")])
    rule_text = alt.Chart(ref).mark_text(align="right", dx=-4, y=-8, fontSize=12, color=theme.MUTED_TEXT).encode(
        x=ref_x, text="label:N", tooltip=[tip("label", "Reference")])
    chart = alt.layer(rule, spans, dots, rule_text).add_params(pick).properties(width=CONTAINER,
                                                                                 height=alt.Step(30))
    first, last = df.iloc[0], df.iloc[-1]
    return finish(
        chart,
        title=(f"From the {first['start']} tax reform to {int(ref['year'].iloc[0])}, the centre kept launching new "
               "plans and new money for the Northeast"),
        subtitle="Dots mark a year, bars a period. Choose a section above the chart to show only its events.",
        description=(f"Timeline of {len(df)} dated events in the essay, from the {first['event']} of {first['start']} "
                     f"to the {last['event'].lower()} in {last['start']}, one row each, coloured by the section "
                     "of the essay that mentions it."),
        caption=("Events are the dated policies and money transfers the essay names; amounts are as printed. "
                 "The 1858 Treaty of Aigun (Section Three) is left out to keep the time axis readable."),
        source="Sections One, Two and Four",
        ids=[i for ids in df["claim_id"] for i in ids.split(", ")],
    )
