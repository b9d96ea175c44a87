"""Chapter 6 (reading numbers critically): what the consistency checks find."""
from __future__ import annotations

import altair as alt
import pandas as pd

from northeast import theme, views
from northeast.data import FLAG_LABELS
from northeast.claims import RATE_ID, sentence_url
from northeast.charts._common import (CONTAINER, SECTION_NAMES, axis_title, band_axis, color_scale, entity_names,
                                      frame, finish, get_claims, printed, row, tip)
from northeast.consistency import conversions, run_checks

OPEN_SENTENCE = "click to open it in the translation"

# Checks whose stated and recomputed values are numbers in the same unit.
DUMBBELL_KINDS = {
    "ratio": "Ratios and shares",
    "relative_fall": "Relative falls ('more than half')",
    "sum": "Sums of parts",
    "duration": "Durations",
}
STATUS = {True: "consistent", False: "inconsistent"}


_ACRONYMS = {"gdp": "GDP", "soe": "SOE", "soes": "SOEs", "usd": "USD", "rmb": "RMB", "fdi": "FDI"}


def _check_label(name: str) -> str:
    """'per_capita_gdp_ratio_2003' -> 'Per capita GDP ratio 2003' (place names capitalised)."""
    names = entity_names()
    words = []
    for word in name.split("_"):
        words.append(_ACRONYMS.get(word) or (names[word] if word in names and word != "china" else word))
    text = " ".join(words)
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------- 21
def stated_vs_recomputed(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Every ratio / sum / 'half' / duration check: the recomputed value as % of the stated one."""
    claims = get_claims(claims)
    report = run_checks(claims)
    report = report[report["kind"].isin(DUMBBELL_KINDS)]
    records = []
    for r in report.to_dict("records"):
        target = row(claims, r["target_id"])
        stated = float(target["value"])
        computed = float(r["computed"])
        inputs = [float(row(claims, i)["value"]) for i in r["ids"]]
        rec = dict(check=_check_label(r["check"]), kind=r["kind"], kind_label=DUMBBELL_KINDS[r["kind"]],
                   stated=stated, computed=computed, pct=100 * computed / stated, base=100.0,
                   stated_text=printed(target), computed_text=f"{computed:,.4g}",
                   status=STATUS[bool(r["consistent"])], severity=r["severity"] or "none",
                   explanation=r["explanation"], claim_id=r["target_id"], ids=", ".join(r["ids"]),
                   url=sentence_url(target), sentence=OPEN_SENTENCE)
        for k, v in enumerate(inputs, start=1):
            rec[f"input_{k}"] = v
        records.append(rec)
    df = frame(records)
    df["pct_text"] = df["pct"].map(lambda v: theme.format_percent(v))
    df = df.sort_values(["kind", "pct"], ignore_index=True)
    kind = alt.param(name="check_kind", value="all",
                     bind=alt.binding_select(options=["all", *DUMBBELL_KINDS],
                                             labels=["All checks", *DUMBBELL_KINDS.values()],
                                             name="Kind of check: "))
    colors = {"consistent": theme.CONSISTENT_COLOR, "inconsistent": theme.WARNING_COLOR}
    tooltip = [tip("check", "Check"), tip("kind_label", "Kind"), tip("stated_text", "Stated"),
               tip("computed_text", "Recomputed"), tip("pct_text", "Recomputed as % of stated"),
               tip("status", "Result"), tip("severity", "Severity"), tip("explanation", "How"),
               tip("ids", "Claim ids"), tip("sentence", "Sentence")]
    lo = min(float(df["pct"].min()), 100.0)
    hi = max(float(df["pct"].max()), 100.0)
    base = alt.Chart(df).transform_filter("check_kind == 'all' || datum.kind == check_kind").encode(
        y=alt.Y("check:N", sort=df["check"].tolist(), title=None, axis=band_axis(22, labelFontSize=12)),
        tooltip=tooltip, href="url:N", description="check:N",
    )
    x = alt.X("base:Q", title=axis_title("Recomputed value as % of the value the essay states (stated = 100%)"),
              scale=alt.Scale(domain=[lo - 5, hi + 5], zero=False))
    link = base.mark_rule(strokeWidth=2.5).encode(
        x=x, x2="pct:Q", color=alt.Color("status:N", scale=color_scale(colors),
                                          legend=alt.Legend(title=None, orient="bottom", columns=1)))
    stated = base.mark_point(size=70, filled=False, color=theme.TEXT_COLOR, opacity=1).encode(x=x)
    computed = base.mark_circle(size=110, opacity=1).encode(x="pct:Q", color=alt.Color("status:N",
                                                                                      scale=color_scale(colors)))
    # A reference line (the subtitle names it): hidden from screen readers.
    hundred = alt.Chart(frame([dict(v=100.0, label="stated value")])).mark_rule(
        aria=False, color=theme.MUTED_TEXT, strokeDash=[3, 3]).encode(x=alt.X("v:Q", scale=alt.Scale(domain=[lo - 5, hi + 5])),
                                                          tooltip=[tip("label", "Reference")])
    chart = alt.layer(hundred, link, stated, computed).add_params(kind).properties(
        width=CONTAINER, height=alt.Step(30))
    bad = df[df["status"] == "inconsistent"]
    return finish(
        chart,
        title=(f"Recomputed from the essay's own figures, {len(bad)} of {len(df)} derived statements do not come "
               "out as stated"),
        subtitle="Hollow circle: the stated value (100%). Dot: what the essay's own inputs give.",
        description=(f"Dumbbell chart of {len(df)} checks (ratios, 'more than half', sums and durations): for each, "
                     "the value recomputed from the essay's inputs as a percentage of the value it states. "
                     f"{len(bad)} are inconsistent and shown in the warning colour; a dropdown filters by kind."),
        caption=("A check can pass while far from 100%: 'more than half' accepts any fall above 50%, and 'less than "
                 "half a century' any span below 50 years. Hedges decide the tolerance (see northeast/consistency/rules.py)."),
        source="All sections; checks in northeast/consistency/",
        ids=sorted({i for ids in df["ids"] for i in ids.split(", ")}),
    )


# --------------------------------------------------------------------------- 22
def conversion_check(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Every printed USD amount against RMB ÷ 7.14, as a percentage deviation; a tolerance slider
    re-colours the rows beyond it; rows the checks flag are marked."""
    claims = get_claims(claims)
    rate = row(claims, RATE_ID)
    sub = claims[claims["usd_printed"].notna()]
    judged = conversions(claims).set_index("claim_id")
    records = []
    for r in sub.to_dict("records"):
        r = {k: (None if v is pd.NA else v) for k, v in r.items()}
        printed_usd = float(r["usd_printed_billion"])
        at_rate = float(r["value"]) / float(rate["value"])
        dev = 100 * (printed_usd - at_rate) / at_rate
        verdict = judged.loc[r["id"]]
        flagged = bool(verdict["flag"])
        records.append(dict(
            claim_id=r["id"], section=SECTION_NAMES[r["section"]], value=float(r["value"]),
            usd_printed_billion=printed_usd, usd_at_rate=at_rate, deviation=dev,
            label=_short_units(f"{r['value_printed']} {r['unit_printed'] or ''} → {r['usd_printed']} USD"),
            rmb_text=f"{r['value_printed']} {r['unit_printed'] or ''}".strip(),
            printed_text=f"{r['usd_printed']} USD",
            rate_text=theme.format_usd_billion(at_rate, 4),
            dev_text=("+" if dev > 0 else "") + theme.format_percent(dev, 2),
            allowed_text="±" + theme.format_percent(float(verdict["allowed_pct"]), 2),
            flagged=(f"{FLAG_LABELS[verdict['flag']]} ({verdict['severity']})" if flagged else "not flagged"),
            flag=verdict["flag"], severity=verdict["severity"] or "none",
            marker=(f"{verdict['severity']}: {FLAG_LABELS[verdict['flag']]}" if flagged else ""),
            url=sentence_url(r), sentence=OPEN_SENTENCE,
        ))
    df = frame(records)
    dup = df["label"].duplicated(keep=False)
    df.loc[dup, "label"] = df.loc[dup, "label"] + " (" + df.loc[dup, "section"].str.replace(" points", "") + ")"
    df = df.sort_values("deviation", ignore_index=True)
    df["abs_dev"] = df["deviation"].abs()
    df["rate"] = float(rate["value"])
    tolerance = alt.param(name="conversion_tolerance", value=0.5,
                          bind=alt.binding_range(min=0, max=2, step=0.05, name="Tolerance (%): "))
    beyond = "abs(datum.deviation) > conversion_tolerance"
    tooltip = [tip("rmb_text", "Printed RMB"), tip("printed_text", "Printed USD"),
               tip("rate_text", f"RMB ÷ {float(rate['value']):g}"), tip("dev_text", "Deviation of printed USD"),
               tip("allowed_text", "Rounding allows"), tip("flagged", "Checks"), tip("section", "Where"),
               tip("claim_id", "Claim id"), tip("sentence", "Sentence")]
    span = float(df["abs_dev"].max()) * 1.15
    base = alt.Chart(df).encode(
        y=alt.Y("label:N", sort=df["label"].tolist(), title=None, axis=band_axis(22, labelFontSize=11)),
        tooltip=tooltip, href="url:N", description="label:N",
    )
    x = alt.X("deviation:Q", title=axis_title(f"Printed USD vs RMB ÷ {float(rate['value']):g}, deviation (%)"),
              scale=alt.Scale(domain=[-span, span]))
    bars = base.mark_bar(height=10).encode(
        x=x, x2=alt.datum(0),
        color=alt.condition(beyond, alt.value(theme.WARNING_COLOR), alt.value(theme.CONSISTENT_COLOR)),
    )
    flags = base.transform_filter("datum.marker != ''").mark_text(
        fontSize=11, fontStyle="italic", align="right", dx=-2, color=theme.TEXT_COLOR).encode(
        x=alt.value("width"), text="marker:N")
    rules_df = frame([dict(side="upper"), dict(side="lower")])
    rules_tip = [tip("text", "Tolerance")]
    rules = alt.Chart(rules_df).transform_calculate(
        t="datum.side == 'upper' ? conversion_tolerance : -conversion_tolerance",
        text="'±' + conversion_tolerance + '%'").mark_rule(strokeDash=[4, 3], color=theme.TEXT_COLOR, aria=False).encode(
        x=alt.X("t:Q", scale=alt.Scale(domain=[-span, span])), tooltip=rules_tip)
    chart = alt.layer(rules, bars, flags).add_params(tolerance).properties(
        width=CONTAINER, height=alt.Step(28))
    n_flag = int((df["flag"] == "conversion_mismatch").sum())
    return finish(
        chart,
        title=(f"Most of the translator's dollar figures are RMB ÷ {float(rate['value']):g}; {n_flag} of {len(df)} are "
               "off by more than rounding, all by less than 1%"),
        subtitle=("Labels name the checks' flag and its severity; the checks allow for the rounding of each figure. "
                  "Move the slider: amber bars deviate by more than the tolerance. Click a bar for its sentence."),
        description=(f"Diverging bar chart of {len(df)} amounts printed with a US-dollar conversion: the deviation in "
                     f"percent of the printed USD from the RMB amount divided by {float(rate['value']):g}. A slider "
                     "sets a tolerance; bars beyond it turn amber. Rows flagged by the checks are labelled with the "
                     "flag and its severity; the three unit slips convert faithfully but carry the slip."),
        caption=_conversion_caption(df),
        source="All sections; the translator's note on conversions",
        ids=[rate["id"], *df["claim_id"].tolist()],
    )


def _short_units(text: str) -> str:
    """'548 billion RMB → 76.7 billion USD' -> '548 bn RMB → 76.7 bn USD' (short enough for a phone)."""
    for word, short in ((" trillion", " tn"), (" billion", " bn"), (" million", " m")):
        text = text.replace(word, short)
    return " ".join(text.split())


def _indicator_label(indicator: str) -> str:
    """A readable name for an indicator: Section One's support labels, else the words of the name."""
    if indicator in views.SUPPORT_ITEMS:
        label = views.SUPPORT_ITEMS[indicator][1]
        label = label.replace(", cumulative", ", total")
        return label if label[1:2].isupper() else label[0].lower() + label[1:]
    names = entity_names()
    words = [_ACRONYMS.get(w) or (names[w] if w in names and w != "china" else w) for w in indicator.split("_")]
    return " ".join(words).replace(" pct of ", " as % of ").replace("employee to retiree", "employees per retiree")


def _conversion_caption(df: pd.DataFrame) -> str:
    ok = df[df["marker"] == ""].sort_values("abs_dev")
    bad = df[df["flag"] == "conversion_mismatch"].sort_values("abs_dev")
    tail = "The flag allows for the precision a number is printed with; the slider does not."
    if len(ok) and len(bad) and ok["abs_dev"].iloc[-1] > bad["abs_dev"].iloc[0]:
        o, b = ok.iloc[-1], bad.iloc[0]
        return (f"A rounded figure can deviate more than a wrong one: {o['printed_text']} for {o['rmb_text']} is off "
                f"by {o['dev_text']} but right to its printed precision, while {b['printed_text']} for "
                f"{b['rmb_text']} is off by only {b['dev_text']}, more than its rounding allows. {tail}")
    return tail


# --------------------------------------------------------------------------- 23
def printed_vs_corrected(claims: pd.DataFrame | None = None) -> alt.LayerChart:
    """Each flagged number as printed and as corrected (log scale): the ×1000 slip stands out."""
    claims = get_claims(claims)
    names = entity_names()
    rate = row(claims, RATE_ID)
    flagged = claims[claims["flag"].notna()]
    records = []
    for r in flagged.to_dict("records"):
        r = {k: (None if v is pd.NA else v) for k, v in r.items()}
        who = names.get(r["entity"], r["entity"]).replace("Northeast China", "Northeast").replace(" (together)", "")
        what = _indicator_label(r["indicator"])
        flag = r["flag"]
        if flag == "conversion_mismatch":
            printed_v, corrected = float(r["usd_printed_billion"]), float(r["usd_at_7_14_billion"])
            unit, shown = "billion USD", f"{r['usd_printed']} USD"
            fixed = f"{theme.format_usd_billion(corrected, 4)} (RMB ÷ {float(rate['value']):g})"
            what = f"{what}, in USD"
        else:
            printed_v = float(r["value"])
            corrected = float(r["value_corrected"]) if r["value_corrected"] is not None else None
            unit = {"billion_rmb": "billion RMB", "percent": "%", "ratio": ": 1"}.get(r["unit"], r["unit"])
            shown = printed(r)
            fixed = ("no correction implied" if corrected is None else
                     theme.format_rmb_billion(corrected) if r["unit"] == "billion_rmb" else f"{corrected:g} {unit}")
        factor = corrected / printed_v if corrected is not None else None
        records.append(dict(
            item=f"{who}: {what}", claim_id=r["id"], flag=flag, flag_label=FLAG_LABELS.get(flag, flag),
            severity=r["severity"], url=sentence_url(r), sentence=OPEN_SENTENCE,
            value=float(r["value"]), printed=printed_v, corrected=corrected, unit=unit,
            printed_text=shown, corrected_text=fixed, note=r["flag_note"],
            factor=factor, factor_text=("" if factor is None else f"×{factor:,.4g}" if factor >= 10 or factor < 0.1
                                        else f"×{factor:.3f}"),
        ))
    df = frame(records)
    df["rate"] = float(rate["value"])
    df = df.sort_values(["flag", "item"], ignore_index=True)
    # a few item names repeat (low/high end): make them unique
    dup = df["item"].duplicated(keep=False)
    df.loc[dup, "item"] = df.loc[dup, "item"] + " (" + df.loc[dup, "claim_id"].str.rsplit("_", n=1).str[-1] + ")"
    kinds = [k for k in FLAG_LABELS if k in set(df["flag"])]
    flag_pick = alt.param(name="flag_kind", value="all",
                          bind=alt.binding_select(options=["all", *kinds],
                                                  labels=["All flags", *[FLAG_LABELS[k] for k in kinds]],
                                                  name="Flag: "))
    tooltip = [tip("item", "Number"), tip("flag_label", "Flag"), tip("severity", "Severity"),
               tip("printed_text", "As printed"), tip("corrected_text", "Corrected"), tip("factor_text", "Factor"),
               tip("note", "Why"), tip("claim_id", "Claim id"), tip("sentence", "Sentence")]
    values = pd.concat([df["printed"], df["corrected"].dropna()]).astype(float)
    scale = alt.Scale(type="log", domain=[float(values.min()) / 2, float(values.max()) * 4])
    base = alt.Chart(df).transform_filter("flag_kind == 'all' || datum.flag == flag_kind").encode(
        y=alt.Y("item:N", sort=df["item"].tolist(), title=None, axis=band_axis(22, labelFontSize=12)),
        tooltip=tooltip, href="url:N", description="item:N",
    )
    decades = [10.0 ** k for k in range(-3, 7) if scale.domain[0] <= 10.0 ** k <= scale.domain[1]]
    x = alt.X("printed:Q", scale=scale, title=axis_title("Value in its own unit (billion RMB/USD, %, ratio), log"),
              axis=alt.Axis(values=decades, format="~s", gridOpacity=1))
    # the line from printed to corrected: the dots carry the names, the line is hidden from screen readers
    link = base.transform_filter("datum.corrected != null").mark_rule(
        aria=False, color=theme.WARNING_COLOR, strokeWidth=2).encode(
        x=x, x2="corrected:Q")
    dot_printed = base.mark_point(size=80, filled=False, strokeWidth=2, color=theme.TEXT_COLOR, opacity=1).encode(x=x)
    dot_fixed = base.transform_filter("datum.corrected != null").mark_circle(
        size=110, color=theme.WARNING_COLOR, opacity=1).encode(x=alt.X("corrected:Q", scale=scale))
    factor = base.transform_filter("datum.factor != null && (datum.factor > 1.5 || datum.factor < 0.67)").mark_text(
        align="left", dx=9, fontWeight="bold", fontSize=12).encode(x=alt.X("corrected:Q", scale=scale),
                                                                    text="factor_text:N")
    chart = alt.layer(link, dot_printed, dot_fixed, factor).add_params(flag_pick).properties(
        width=CONTAINER, height=alt.Step(32))
    slips = df[df["flag"] == "unit_slip"]
    levels = df["severity"].value_counts()
    return finish(
        chart,
        title=(f"{len(df)} numbers are flagged: {levels.get('major', 0)} major (the unit slips, off by a factor of "
               f"1,000), {levels.get('minor', 0)} minor, {levels.get('note', 0)} only in wording"),
        subtitle=("Hollow circle: as printed. Amber dot: as corrected (where the text implies one correction). "
                  "Click a row for its sentence."),
        description=(f"Dot plot on a log scale of the {len(df)} flagged numbers, each as printed and, where the checks "
                     f"imply one, as corrected; the {len(slips)} unit slips jump by a factor of 1,000, the "
                     "other corrections are small. A dropdown filters by kind of flag."),
        caption=("Corrections come from the consistency checks. For conversion mismatches the 'corrected' value is the "
                 "RMB amount at the translator's rate. Where the text cannot tell which figure is wrong (the 2003 "
                 "ratio or its levels, the 2003-2022 total or its parts, two contradictory statements, the 2.5 : 1 "
                 "ratio beside one province's counts) no correction is drawn."),
        source="All sections; flags from northeast/consistency/",
        ids=df["claim_id"].tolist() + [rate["id"]],
    )
