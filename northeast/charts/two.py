"""Chapter 3 (Section Two): why the Northeast declined — state ownership, pensions, loss-making SOEs,
an early-ageing population and a thin rural labour force."""
from __future__ import annotations

import altair as alt
import pandas as pd

from northeast import theme, views
from northeast.charts._common import (CONTAINER, PANEL_WIDTH, axis_title, band_axis, color_scale, entity_names,
                                      find, find_all, frame, finish, get_claims, printed, row, tip, when_narrow,
                                      wrapped_labels)

PROVINCES = views.THREE_PROVINCES


# --------------------------------------------------------------------------- 11
def soe_share_vs_national(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """State-owned share of large enterprises in the three provinces against the national average."""
    claims = get_claims(claims)
    names = entity_names()
    provs = find_all(claims, "soe_share_of_large_enterprises", PROVINCES)
    national = find(claims, "soe_share_of_large_enterprises", "china")
    nat = float(national["value"])
    df = frame([dict(province=names[r["entity"]], entity=r["entity"], value=float(r["value"]),
                     label=theme.format_percent(r["value"]),
                     vs=f"{float(r['value']) / nat:.1f} × the national average", claim_id=r["id"])
                for r in provs]).sort_values("value", ascending=False, ignore_index=True)
    colors = {names[p]: theme.PROVINCE_COLORS[p] for p in PROVINCES}
    tooltip = [tip("province", "Province"), tip("label", "State-owned share of large enterprises"),
               tip("vs", "Compared with China"), tip("claim_id", "Claim id")]
    base = alt.Chart(df).encode(
        y=alt.Y("province:N", sort=df["province"].tolist(), title=None),
        x=alt.X("value:Q", title=axis_title("State-owned share of enterprises with significant revenue (%)"),
                scale=alt.Scale(domain=[0, 100])),
        tooltip=tooltip,
    )
    bars = base.mark_bar(height=30).encode(color=alt.Color("province:N", scale=color_scale(colors), legend=None))
    text = base.mark_text(align="left", dx=5, fontWeight="bold").encode(text="label:N")
    nat_df = frame([dict(value=nat, label=f"National average: {theme.format_percent(nat)}", claim_id=national["id"])])
    nat_tip = [tip("label", "Reference"), tip("claim_id", "Claim id")]
    rule = alt.Chart(nat_df).mark_rule(color=theme.NATIONAL_COLOR, strokeWidth=2.5).encode(x="value:Q",
                                                                                           tooltip=nat_tip)
    rule_text = alt.Chart(nat_df).mark_text(align="left", dx=4, y=-8, color=theme.NATIONAL_COLOR,
                                            fontWeight="bold").encode(x="value:Q", text="label:N", tooltip=nat_tip)
    chart = alt.layer(bars, text, rule, rule_text).properties(width=CONTAINER, height=150)
    top = df.iloc[0]
    return finish(
        chart,
        title=(f"State firms still dominate: in {top['province']} {top['label']} of large enterprises are "
               f"state-owned, against {theme.format_percent(nat)} nationally"),
        description=("Horizontal bars of the state-owned share of enterprises with significant revenue: "
                     + ", ".join(f"{r['province']} {r['label']}" for r in df.to_dict("records"))
                     + f"; a vertical line marks the national average of {theme.format_percent(nat)}."),
        caption=("'Enterprises generating significant revenues' are the statistical category of large firms "
                 "(above a revenue threshold). The essay prints no year for these shares."),
        source="Section Two",
        ids=df["claim_id"].tolist() + [national["id"]],
    )


# --------------------------------------------------------------------------- 12
def pension_burden(claims: pd.DataFrame | None = None) -> alt.VConcatChart:
    """Employed and retired people in Heilongjiang and Guangdong, and employees per retiree, with a
    what-if slider for the number of retirees."""
    claims = get_claims(claims)
    names = entity_names()
    ratios = views.dependency_ratios(claims)
    counts, ratio_rows, ids = [], [], []
    for r in ratios.to_dict("records"):
        entity = r["entity"]
        who = names.get(entity, entity)
        if entity == "china":
            who = "China"
        if pd.notna(r["employed_million"]):
            emp = find(claims, "employed_persons", entity)
            ret = find(claims, "retired_persons", entity)
            ids += [emp["id"], ret["id"]]
            for kind, rec in (("Employed", emp), ("Retired", ret)):
                counts.append(dict(who=who, entity=entity, kind=kind, value=float(rec["value"]),
                                   claim_id=rec["id"], year=int(rec["year_end"])))
            ratio_rows.append(dict(who=who, entity=entity, employed=float(emp["value"]),
                                   retired=float(ret["value"]), stated=None, source="computed from the counts",
                                   claim_id=f"{emp['id']} / {ret['id']}"))
        if pd.notna(r["ratio_stated"]):
            stated = row(claims, r["stated_claim_id"])
            ids.append(stated["id"])
            ratio_rows.append(dict(who=f"{who} (stated)", entity=entity, employed=None, retired=None,
                                   stated=float(stated["value"]), source="stated in the essay",
                                   claim_id=stated["id"]))
    count_df = frame(counts)
    ratio_df = frame(ratio_rows)
    change = alt.param(name="retiree_change", value=0,
                       bind=alt.binding_range(min=-50, max=100, step=5,
                                              name="What if the number of retirees changed by (%): "))
    factor = "(1 + retiree_change / 100)"
    colors = {row_["who"]: theme.entity_color(row_["entity"]) for row_ in ratio_rows}
    colors.update({c["who"]: theme.entity_color(c["entity"]) for c in counts})
    order_counts = list(dict.fromkeys(count_df["who"]))
    # ---- counts panel
    cbase = alt.Chart(count_df).transform_calculate(
        shown=f"datum.kind == 'Retired' ? datum.value * {factor} : datum.value",
        text=("datum.kind + ' ' + format(datum.shown, ',.2f') + ' m'"
              " + (datum.kind == 'Retired' && retiree_change != 0 ? ' (printed ' + format(datum.value, ',.2f') + ')'"
              " : '')"),
    ).encode(
        y=alt.Y("who:N", sort=order_counts, title=None),
        yOffset=alt.YOffset("kind:N", sort=["Employed", "Retired"]),
        x=alt.X("shown:Q", title="People, million (2022)",
                scale=alt.Scale(domain=[0, float(count_df["value"].max()) * 1.9])),
        tooltip=[tip("who", "Province"), tip("kind", "Group"), tip("text", "People"), tip("claim_id", "Claim id")],
    )
    cbars = cbase.mark_bar(height=alt.RelativeBandSize(0.85)).encode(
        color=alt.Color("who:N", scale=color_scale(colors), legend=None),
        opacity=alt.Opacity("kind:O", scale=alt.Scale(domain=["Employed", "Retired"], range=[1.0, 0.5]),
                            legend=None),
    )
    ctext = cbase.mark_text(align="left", dx=4, fontSize=12).encode(text="text:N")
    counts_panel = alt.layer(cbars, ctext).properties(
        width=PANEL_WIDTH, height=alt.Step(22),
        title=alt.Title("Employed and retired people", fontSize=14, anchor="start"))
    # ---- ratio panel
    rbase = alt.Chart(ratio_df).transform_calculate(
        ratio=f"datum.stated != null ? datum.stated : datum.employed / (datum.retired * {factor})",
        text="format(datum.ratio, '.3~r') + ' : 1'",
    ).encode(
        y=alt.Y("who:N", sort=ratio_df["who"].tolist(), title=None, axis=band_axis(12)),
        x=alt.X("ratio:Q", title="Employees per retiree",
                scale=alt.Scale(domain=[0, float(pd.concat([ratio_df["employed"] / ratio_df["retired"],
                                                              ratio_df["stated"]]).max()) * 1.5])),
        tooltip=[tip("who", "Who"), tip("text", "Employees per retiree"), tip("source", "Source"),
                 tip("claim_id", "Claim id")],
    )
    rbars = rbase.mark_bar(height=20).encode(color=alt.Color("who:N", scale=color_scale(colors), legend=None))
    rtext = rbase.mark_text(align="left", dx=4, fontSize=12).encode(text="text:N")
    ratio_panel = alt.layer(rbars, rtext).properties(
        width=PANEL_WIDTH, height=alt.Step(26),
        title=alt.Title(["Employees per retiree", "(the dependency ratio)"], fontSize=14, anchor="start"))
    chart = alt.vconcat(counts_panel, ratio_panel).add_params(change)
    hlj = ratio_df[ratio_df["entity"] == "heilongjiang"].iloc[0]
    ne = ratio_df[(ratio_df["entity"] == "northeast")].iloc[0]
    gd = ratio_df[ratio_df["entity"] == "guangdong"].iloc[0]
    return finish(
        chart,
        title=(f"Heilongjiang's counts give {hlj['employed'] / hlj['retired']:.2f} workers per retiree, not the "
               f"essay's {ne['stated']:g} : 1; Guangdong has {gd['employed'] / gd['retired']:.1f}"),
        subtitle="Drag the slider to see how the ratio moves if there were more or fewer retirees.",
        description=("Two bar charts. Top: employed and retired people in Heilongjiang and Guangdong in 2022. "
                     "Bottom: employees per retiree, computed from those counts for the two provinces and as "
                     "stated in the essay for the Northeast and China. A slider changes the number of retirees "
                     "and recomputes the computed ratios."),
        caption=("Computed ratios = employed / retired; the slider multiplies the retired counts by (1 + change). "
                 "Stated ratios have no counts behind them in the essay, so the slider does not move them."),
        source="Section Two",
        ids=ids,
    )


# --------------------------------------------------------------------------- 13
def soe_losses_and_taxes(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Northeast local SOEs' 2020 losses and taxes against what the essay's comparisons imply for
    Huawei's taxes and for Shanghai's SOEs (under either of two contradictory statements)."""
    claims = get_claims(claims)
    loss = find(claims, "soe_net_loss", "northeast")
    tax = find(claims, "soe_tax_paid", "northeast")
    huawei = row(claims, "soe_tax_pct_of_huawei_2020")
    huawei_summary = row(claims, "soe_tax_pct_of_huawei_summary")
    sh_two = row(claims, "soe_profit_tax_pct_of_shanghai_2020")
    sh_summary = row(claims, "soe_profit_tax_pct_of_shanghai_summary")
    v_loss, v_tax = float(loss["value"]), float(tax["value"])
    profit_tax = v_tax - v_loss  # profits are negative: taxes minus losses
    huawei_total = v_tax / (float(huawei["value"]) / 100)
    sh_two_total = profit_tax / (float(sh_two["value"]) / 100)
    sh_summary_total = profit_tax / (float(sh_summary["value"]) / 100)
    NE, GREY = "Northeast local SOEs", "Comparator (implied)"
    records = [
        dict(item="Losses of local SOEs", group=NE, value=v_loss, value_two=v_loss, value_summary=v_loss,
             text=theme.format_rmb_billion(v_loss), how=f"printed: {printed(loss)}", claim_id=loss["id"], pct=None),
        dict(item="Taxes paid by local SOEs", group=NE, value=v_tax, value_two=v_tax, value_summary=v_tax,
             text=theme.format_rmb_billion(v_tax), how=f"printed: {printed(tax)}", claim_id=tax["id"], pct=None),
        dict(item="Profits + taxes (taxes − losses)", group=NE, value=profit_tax, value_two=profit_tax,
             value_summary=profit_tax, text=theme.format_rmb_billion(profit_tax),
             how=f"our reading: {v_tax:g} − {v_loss:g} (the SOEs made a loss, so profits are negative)",
             claim_id=f"{tax['id']} − {loss['id']}", pct=None),
        dict(item="Huawei's taxes", group=GREY, value=huawei_total, value_two=huawei_total,
             value_summary=huawei_total, text="at least " + theme.format_rmb_billion(huawei_total),
             how=(f"all SOEs' taxes ÷ one-third ('{huawei['value_printed']}' of Huawei's); the comparison "
                  f"covers all SOEs in the three provinces, whose taxes are at least the local SOEs' {v_tax:g}, "
                  "so this is a lower bound"),
             claim_id=huawei["id"],
             pct=float(huawei["value"]), pct_summary=float(huawei_summary["value"])),
        dict(item="Shanghai SOEs' profits + taxes", group=GREY, value=sh_two_total, value_two=sh_two_total,
             value_summary=sh_summary_total,
             text_two=[theme.format_rmb_billion(sh_two_total), f"(if {profit_tax:g} is {printed(sh_two)})"],
             text_summary=[f"more than {theme.format_rmb_billion(sh_summary_total)}",
                           f"(if {profit_tax:g} is {printed(sh_summary)})"],
             how=f"{profit_tax:g} ÷ the stated share of Shanghai's",
             claim_id=f"{sh_two['id']} / {sh_summary['id']}",
             pct=float(sh_two["value"]), pct_summary=float(sh_summary["value"])),
    ]
    df = frame(records)
    statement = alt.param(name="shanghai_statement", value="section_two",
                          bind=alt.binding_radio(options=["section_two", "summary"],
                                                 labels=[f"Section Two: {printed(sh_two)}",
                                                         f"Summary: {printed(sh_summary)}"],
                                                 name="Northeast SOEs vs Shanghai's: "))
    summ = "shanghai_statement == 'summary'"
    xmax = max(sh_two_total, sh_summary_total)
    base = alt.Chart(df).transform_calculate(
        shown=f"{summ} ? datum.value_summary : datum.value_two",
        label=f"datum.text != null ? datum.text : ({summ} ? datum.text_summary : datum.text_two)",
    ).encode(
        y=alt.Y("item:N", sort=df["item"].tolist(), title=None, axis=band_axis(16)),
        tooltip=[tip("item", "Item"), tip("label", "Amount (2020)"), tip("how", "How"),
                 tip("claim_id", "Claim ids")],
    )
    x = alt.X("shown:Q", title="Billion RMB, 2020", scale=alt.Scale(domain=[0, xmax * 1.05]),
              axis=alt.Axis(tickCount=4))
    bars = base.mark_bar(height=24).encode(
        x=x, color=alt.Color("group:N", scale=color_scale({NE: theme.NORTHEAST_COLOR, GREY: theme.COMPARATOR_COLOR}),
                             legend=alt.Legend(title=None, orient="bottom", columns=1)))
    # labels: outside short bars, inside the long Shanghai bar
    outside = base.transform_filter(f"datum.shown < {xmax * 0.45}").mark_text(align="left", dx=5).encode(
        x="shown:Q", text="label:N")
    inside = base.transform_filter(f"datum.shown >= {xmax * 0.45}").mark_text(
        align="right", dx=-6, color="white", fontWeight="bold").encode(x="shown:Q", text="label:N")
    chart = alt.layer(bars, outside, inside).add_params(statement).properties(
        width=CONTAINER, height=alt.Step(40))
    return finish(
        chart,
        title=(f"Northeast local SOEs lost {theme.format_rmb_billion(v_loss)} in {loss['year_end']} and paid "
               f"{theme.format_rmb_billion(v_tax).replace(' RMB', '')} in tax; all SOEs there paid "
               f"{printed(huawei)} of Huawei's"),
        subtitle=(f"Against Shanghai's SOEs the summary says {printed(sh_summary)}, Section Two {printed(sh_two)}: "
                  "switch to see what each implies."),
        description=("Horizontal bars in billion RMB for 2020: Northeast local SOEs' losses, taxes, and profits "
                     "plus taxes, against the least Huawei's taxes can be, given that all the region's SOEs "
                     "paid 'one-third' of them, and Shanghai SOEs' profits and "
                     "taxes implied by either the 4% of Section Two or the under-1% of the summary."),
        caption=("Implied amounts divide the Northeast figure by the stated share. The Huawei comparison covers "
                 "all SOEs in the three provinces, not only the local ones, so the Huawei bar is a lower bound. "
                 "We read 'profit and tax' as "
                 "taxes minus losses; the two statements about Shanghai imply amounts four times apart, so they "
                 "cannot both be right."),
        source="Summary point 4 and Section Two",
        ids=[loss["id"], tax["id"], huawei["id"], huawei_summary["id"], sh_two["id"], sh_summary["id"]],
    )


# --------------------------------------------------------------------------- 14
def demography_milestones(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Timeline of the Northeast's early urbanisation and ageing; drag across years to highlight."""
    claims = get_claims(claims)
    urb = find(claims, "urbanization_rate", "northeast")
    lead = find(claims, "urbanization_lead_years", "northeast")
    fert = sorted(find_all(claims, "total_fertility_rate", ["northeast"]), key=lambda r: r["year_end"])
    peak = find(claims, "event_year", "northeast", section="four")
    elderly = find(claims, "elderly_population_increase_pct_of_current", "northeast")
    u_year = int(urb["year_end"])
    heart_year = u_year + int(lead["value"])
    TRACK_U, TRACK_F, TRACK_A = "Urbanisation", "Fertility", "Ageing"
    NE, REST = "Northeast", "Rest of China ('the heartland')"
    records = [
        dict(track=TRACK_U, year=u_year, who=NE, value=float(urb["value"]),
             label=[f"{u_year}: Northeast", f"{printed(urb)} urban"],
             detail=f"Urban share {printed(urb)} by {u_year}", claim_id=urb["id"]),
        dict(track=TRACK_U, year=heart_year, who=REST, value=float(lead["value"]),
             label=[f"≈{heart_year}: the heartland", f"{int(lead['value'])} years later"],
             detail=f"{u_year} + {int(lead['value'])} years = {heart_year} (implied)", claim_id=lead["id"]),
    ]
    for r in fert:
        records.append(dict(track=TRACK_F, year=int(r["year_end"]), who=NE, value=float(r["value"]),
                            label=[f"{r['year_end']}: fertility", f"{printed(r)}"],
                            detail=f"Total fertility rate {printed(r)} (replacement level is 2.1)",
                            claim_id=r["id"]))
    records.append(dict(track=TRACK_A, year=int(peak["value"]), who=NE, value=float(elderly["value"]),
                        label=[f"{int(peak['value'])}: ageing peaks", "(forecast)"],
                        detail=(f"Yearly growth of the elderly population falls to {printed(elderly)} "
                                "of today's (forecast)"),
                        claim_id=f"{peak['id']}, {elderly['id']}", year_value=float(peak["value"])))
    df = frame(records)
    df["year_text"] = df["year"].astype(str)
    span = frame([dict(track=TRACK_U, start=u_year, end=heart_year,
                       text=f"{int(lead['value'])} years earlier than the heartland")])
    first_year, last_year = int(df["year"].min()), int(df["year"].max())
    period_from = alt.param(name="demography_from", value=first_year,
                            bind=alt.binding_range(min=first_year, max=last_year, step=1, name="Highlight from: "))
    period_to = alt.param(name="demography_to", value=last_year,
                          bind=alt.binding_range(min=first_year, max=last_year, step=1, name="to: "))
    in_period = "datum.year >= demography_from && datum.year <= demography_to"
    colors = {NE: theme.NORTHEAST_COLOR, REST: theme.NATIONAL_COLOR}
    tooltip = [tip("track", "Theme"), tip("year_text", "Year"), tip("who", "Who"), tip("detail", "What"),
               tip("claim_id", "Claim id")]
    lo, hi = int(df["year"].min()), int(df["year"].max())
    # on a phone, more room at the ends for the labels centred on the first and last events
    x_scale = alt.Scale(domain=when_narrow(f"[{lo - 16}, {hi + 16}]", f"[{lo - 6}, {hi + 6}]"))
    x = alt.X("year:Q", title="Year", scale=x_scale, axis=alt.Axis(format="d", tickCount=5))
    y = alt.Y("track:N", sort=[TRACK_U, TRACK_F, TRACK_A], title=None,
              axis=alt.Axis(labelFontWeight="bold", labelFontSize=13))
    base = alt.Chart(df).encode(x=x, y=y, tooltip=tooltip)
    points = base.mark_point(size=200, filled=True, opacity=1).encode(
        color=alt.Color("who:N", scale=color_scale(colors), legend=alt.Legend(title=None, orient="bottom", columns=1)),
        opacity=alt.condition(in_period, alt.value(1.0), alt.value(0.2)),
    )
    labels = base.mark_text(dy=-30, fontSize=12, lineHeight=14).encode(
        text="label:N", opacity=alt.condition(in_period, alt.value(1.0), alt.value(0.25)))
    link = alt.Chart(span).mark_rule(strokeDash=[4, 3], color=theme.MUTED_TEXT).encode(
        x=alt.X("start:Q", scale=x_scale, title="Year"), x2="end:Q", y=y, tooltip=[tip("text", "Gap")])
    chart = alt.layer(link, points, labels).add_params(period_from, period_to).properties(width=CONTAINER,
                                                                                           height=260)
    return finish(
        chart,
        title=(f"The Northeast urbanised and aged first: {printed(urb)} urban by {u_year}, {int(lead['value'])} "
               "years before the heartland"),
        subtitle="Move the two sliders to highlight the events of a period.",
        description=(f"Timeline with three rows. Urbanisation: the Northeast {printed(urb)} urban by {u_year}, the "
                     f"heartland {int(lead['value'])} years later. Fertility: "
                     + " and ".join(f"{printed(r)} by {r['year_end']}" for r in fert)
                     + f". Ageing: the yearly growth of the elderly population falls to {printed(elderly)} of today's "
                       f"by {int(peak['value'])} (forecast)."),
        caption=(f"The heartland's date ({heart_year}) is implied: {u_year} plus the {int(lead['value'])} years the "
                 "essay gives. Fertility is the total fertility rate at the census dates the essay names."),
        source="Sections Two and Four",
        ids=[urb["id"], lead["id"], *[r["id"] for r in fert], peak["id"], elderly["id"]],
    )


# --------------------------------------------------------------------------- 15
def labour_and_urban_growth(claims: pd.DataFrame | None = None) -> alt.FacetChart:
    """The Northeast's rural labour force and urban growth against what the essay's percentages imply
    for the Yangtze River Delta and Jiangsu."""
    claims = get_claims(claims)
    names = entity_names()
    rural = find(claims, "rural_labour_force", "northeast")
    rural_pct = find(claims, "rural_labour_force_pct_of_yangtze_river_delta", "northeast")
    urban = find(claims, "urban_population_increase", "northeast")
    urban_pct = find(claims, "urban_population_increase_pct_of_jiangsu", "northeast")
    panels = []
    for title, base_row, pct_row, other in (
        ("Rural labour force (no year printed)", rural, rural_pct, "yangtze_river_delta"),
        (f"Urban population growth, {urban['year_start']}–{urban['year_end']}", urban, urban_pct, "jiangsu"),
    ):
        v = float(base_row["value"])
        implied = v / (float(pct_row["value"]) / 100)
        panels.append(dict(panel=title, who="Northeast", entity="northeast", value=v, pct=float(pct_row["value"]),
                           label=f"{printed(base_row)}", how=f"printed: “{base_row['quote']}”",
                           claim_id=base_row["id"]))
        other_name = names.get(other, other)
        panels.append(dict(panel=title, who=f"{other_name} (implied)", entity=other, value=implied,
                           pct=float(pct_row["value"]),
                           label=f"≈{theme.format_count(implied, 3)} million",
                           how=f"{v:g} million ÷ {theme.format_percent(pct_row['value'])} (“{pct_row['quote']}”)",
                           claim_id=pct_row["id"]))
    df = frame(panels)
    colors = {r["who"]: theme.entity_color(r["entity"]) for r in panels}
    base = alt.Chart().encode(
        y=alt.Y("who:N", title=None, sort=None, axis=band_axis(12, always=True)),
        x=alt.X("value:Q", title="Million people", scale=alt.Scale(domain=[0, float(df["value"].max()) * 1.3])),
        tooltip=[tip("panel", "Measure"), tip("who", "Who"), tip("label", "Size"), tip("how", "How"),
                 tip("claim_id", "Claim id")],
    )
    layer = alt.layer(
        base.mark_bar(height=26).encode(color=alt.Color("who:N", scale=color_scale(colors), legend=None)),
        base.mark_text(align="left", dx=5, fontWeight="bold").encode(text="label:N"),
        data=df,
    ).properties(width=PANEL_WIDTH - 40, height=80)
    chart = layer.facet(row=alt.Row("panel:N", title=None, sort=[p["panel"] for p in panels[::2]],
                                    header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                      labelOrient="top", labelFontWeight="bold",
                                                      labelFontSize=14, labelExpr=wrapped_labels(24, always=True),
                                                      labelLineHeight=17))).resolve_scale(y="independent")
    ratio = panels[1]["value"] / panels[0]["value"]
    return finish(
        chart,
        title=(f"The Northeast's rural labour force was "
               f"{theme.format_percent(panels[0]['pct'], 0)} of the Yangtze delta's, its urban growth "
               f"{theme.format_percent(panels[2]['pct'], 0)} of Jiangsu's"),
        description=("Two pairs of bars in million people: the Northeast's rural labour force against the Yangtze "
                     "River Delta's implied by the essay's percentage, and the Northeast's urban population growth "
                     f"against Jiangsu's implied growth ({ratio:.0f} times larger for the delta)."),
        caption=("The comparators' sizes are not printed; they are implied by dividing the Northeast's figure by "
                 "the stated percentage, so they are only as good as the rounding of both numbers."),
        source="Section Two",
        ids=[rural["id"], rural_pct["id"], urban["id"], urban_pct["id"]],
    )
