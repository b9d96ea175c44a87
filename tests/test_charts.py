"""The chart builders: valid Vega-Lite, metadata, data from the claims, tooltips, interaction, theme.

Every chart is built once per session (``specs``); the checks walk the resulting Vega-Lite dicts.
"""
from __future__ import annotations

import math
import re

import altair as alt
import pytest

from northeast import charts, theme
from northeast.charts._common import PANEL_WIDTH
from northeast.data import load

# The promised interactions: builder -> {param name: binding / selection kind}.
# Binding kinds are the HTML input ("radio", "select", "range"); selections are "legend"
# (point selection bound to the legend), "point" or "interval".
PROMISED = {
    "province_tile_map": {"highlight_region": "select"},
    "support_estimates": {"support_currency": "radio"},
    "central_support_by_category": {"category_currency": "radio", "category_version": "radio",
                                    "category_pick": "radio"},
    "transfers_by_province": {"transfers_version": "radio"},
    "per_capita_rank_slope": {"rank_province": "radio"},
    "per_capita_relative": {"relative_kind": "radio"},
    "top500_then_now": {"top500_metric": "select"},
    "fiscal_self_sufficiency": {"fiscal_threshold": "range"},
    "pension_burden": {"retiree_change": "range"},
    "soe_losses_and_taxes": {"shanghai_statement": "radio"},
    "demography_milestones": {"demography_from": "range", "demography_to": "range"},
    "industrial_belts_timeline": {"belt_pick": "select"},
    "exports_comparison": {"exports_currency": "radio"},
    "fdi_implied_totals": {"fdi_comparator": "select"},
    "strategy_timeline": {"timeline_section": "radio"},
    "stated_vs_recomputed": {"check_kind": "select"},
    "conversion_check": {"conversion_tolerance": "range"},
    "printed_vs_corrected": {"flag_kind": "select"},
}
BRIEF_ORDER = [
    "province_tile_map", "support_estimates",
    "central_support_by_category", "transfers_by_province", "gdp_share_then_now", "per_capita_rank_slope",
    "per_capita_relative", "top500_then_now", "fiscal_self_sufficiency", "city_gdp_comparison",
    "soe_share_vs_national", "pension_burden", "soe_losses_and_taxes", "demography_milestones",
    "labour_and_urban_growth",
    "industrial_belts_timeline", "exports_comparison", "trade_dependence", "fdi_implied_totals",
    "strategy_timeline",
    "stated_vs_recomputed", "conversion_check", "printed_vs_corrected",
]
NORTHEAST_NAMES = {"Northeast", "Northeast China", "China's Northeast"}


# --------------------------------------------------------------------------- fixtures and spec walking
@pytest.fixture(scope="module")
def claims():
    return load("claims")


@pytest.fixture(scope="module")
def built(claims):
    return {name: getattr(charts, name)(claims) for name in charts.ALL}


@pytest.fixture(scope="module")
def specs(built):
    # to_dict() validates against the Vega-Lite 6 schema
    return {name: chart.to_dict() for name, chart in built.items()}


def units(spec: dict, inherited: dict | None = None):
    """Yield (unit spec, encoding merged with the encodings of enclosing layers)."""
    inherited = dict(inherited or {})
    enc = {**inherited, **spec.get("encoding", {})}
    if "mark" in spec:
        yield spec, enc
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from units(child, enc if key == "layer" else {})
    if "spec" in spec:
        yield from units(spec["spec"], {})


def params(spec):
    """All params anywhere in the spec."""
    if isinstance(spec, dict):
        for p in spec.get("params", []) or []:
            yield p
        for key, value in spec.items():
            if key != "params":
                yield from params(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from params(item)


def param_kind(p: dict) -> str | None:
    if "select" in p:
        select = p["select"]
        kind = select if isinstance(select, str) else select.get("type")
        if p.get("bind") == "legend":
            return "legend"
        return kind
    bind = p.get("bind")
    if isinstance(bind, dict):
        return bind.get("input")
    return None


def numbers_in(datasets: dict) -> list[float]:
    out = []
    for rows in datasets.values():
        for record in rows:
            for value in record.values():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    out.append(float(value))
    return out


def color_scales(spec):
    """(domain, range) of every explicit colour scale (also inside conditions)."""
    if isinstance(spec, dict):
        enc = spec.get("encoding", {})
        for channel in ("color", "fill", "stroke"):
            defs = [enc.get(channel)] if channel in enc else []
            if isinstance(enc.get(channel), dict) and isinstance(enc[channel].get("condition"), dict):
                defs.append(enc[channel]["condition"])
            for d in defs:
                scale = (d or {}).get("scale") or {}
                if isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list):
                    yield scale["domain"], scale["range"]
        for key, value in spec.items():
            if key != "encoding":
                yield from color_scales(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from color_scales(item)


# --------------------------------------------------------------------------- the list of charts
def test_chapter_charts_list_every_builder_in_order():
    listed = [name for names in charts.CHAPTER_CHARTS.values() for name in names]
    assert listed == BRIEF_ORDER
    assert set(charts.CHAPTER_CHARTS) == {"intro", "one", "two", "three", "four", "numbers"}
    for name in listed:
        assert callable(getattr(charts, name))


def test_builders_load_the_data_themselves():
    chart = charts.gdp_share_then_now()
    assert isinstance(chart, alt.TopLevelMixin)
    assert chart.to_dict()["usermeta"]["ids"]


# --------------------------------------------------------------------------- metadata
@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_title_description_and_usermeta(name, specs, claims):
    spec = specs[name]
    title = spec.get("title")
    text = title["text"] if isinstance(title, dict) else title
    text = " ".join(text) if isinstance(text, list) else text
    assert text and len(text) > 20, f"{name}: no takeaway title"
    assert spec.get("description") and len(spec["description"]) > 30, f"{name}: no description"
    meta = spec.get("usermeta") or {}
    assert meta.get("caption"), f"{name}: usermeta has no caption"
    assert meta.get("source"), f"{name}: usermeta has no source"
    assert isinstance(meta.get("ids"), list) and meta["ids"], f"{name}: usermeta has no claim ids"
    unknown = set(meta["ids"]) - set(claims["id"])
    assert not unknown, f"{name}: usermeta names claim ids that are not in claims.csv: {sorted(unknown)}"


@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_spec_carries_the_claims_values(name, specs, claims):
    """Every claim the chart cites is in the data it carries, with the value from claims.csv."""
    spec = specs[name]
    carried = numbers_in(spec.get("datasets", {}))
    assert carried, f"{name}: no inline data"
    values = dict(zip(claims["id"], claims["value"].astype(float)))
    for cid in spec["usermeta"]["ids"]:
        expected = values[cid]
        assert any(math.isclose(expected, v, rel_tol=1e-9, abs_tol=1e-9) for v in carried), (
            f"{name}: the value of {cid} ({expected}) is not in the chart's data")


@pytest.mark.parametrize("name", ["gdp_share_then_now", "soe_share_vs_national", "fdi_implied_totals",
                                  "per_capita_rank_slope", "pension_burden"])
def test_charts_follow_the_data(name, claims):
    """Change a cited number: the chart's data (and so the chart) changes with it."""
    ids = getattr(charts, name)(claims).to_dict()["usermeta"]["ids"]
    changed = claims.copy()
    target = ids[0]
    old = float(changed.loc[changed["id"] == target, "value"].iloc[0])
    new = old + 1.25
    changed.loc[changed["id"] == target, "value"] = new
    spec = getattr(charts, name)(changed).to_dict()
    assert any(math.isclose(new, v) for v in numbers_in(spec["datasets"])), f"{name} ignores a change of {target}"


# --------------------------------------------------------------------------- marks
@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_every_mark_has_a_tooltip(name, specs):
    found = 0
    for unit, enc in units(specs[name]):
        found += 1
        mark = unit["mark"]
        mark_tip = isinstance(mark, dict) and mark.get("tooltip")
        assert "tooltip" in enc or mark_tip, f"{name}: a {mark if isinstance(mark, str) else mark['type']} mark " \
                                             "has no tooltip"
    assert found


def views(spec: dict):
    """The spec and every view nested in it (layers, concatenations, facets)."""
    yield spec
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from views(child)
    if isinstance(spec.get("spec"), dict):
        yield from views(spec["spec"])


@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_fits_a_phone(name, specs):
    """Every view takes its container's width; panels of a concatenation or facet, which Vega-Lite
    can't size that way, are narrow enough for a 320 px phone column next to their labels."""
    widths = [view["width"] for view in views(specs[name]) if "width" in view]
    assert widths, f"{name}: no width set (the theme's default is too wide for a phone)"
    for width in widths:
        assert width == "container" or (isinstance(width, (int, float)) and width <= PANEL_WIDTH), (
            f"{name}: a view is {width} px wide")


@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_no_interaction_needs_a_pointer(name, specs):
    """Every selection is made with a bound control (radio, select, slider), never by clicking,
    hovering or dragging on the chart, which keyboard and touch users can't do."""
    for p in params(specs[name]):
        assert "select" not in p, f"{name}: {p['name']} is a {param_kind(p)} selection on the chart"


@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_quantitative_axes_name_their_units(name, specs):
    """Quantitative position axes have a title (units are in the titles)."""
    for unit, enc in units(specs[name]):
        for channel in ("x", "y"):
            d = enc.get(channel)
            if isinstance(d, dict) and d.get("type") == "quantitative" and "field" in d:
                axis = d.get("axis", {})
                if axis is None:
                    continue
                title = d.get("title")
                if title is None and "title" in d:  # explicitly untitled
                    continue
                # the first layer titles the shared axis; others may inherit. A title may be in lines.
                if isinstance(title, list):
                    title = " ".join(title)
                if title:
                    assert re.search(r"%|RMB|USD|billion|million|year|Year|rank|Rank|retiree|people|unit|"
                                     r"Enterprises|Trillion|stated", title), f"{name}: axis title without unit: {title}"


# --------------------------------------------------------------------------- interaction
def test_promised_params_exist_with_their_controls(specs):
    for name, promised in PROMISED.items():
        found = {p["name"]: p for p in params(specs[name])}
        for pname, kind in promised.items():
            assert pname in found, f"{name}: no param {pname!r}"
            p = found[pname]
            assert param_kind(p) == kind, f"{name}: {pname} is {param_kind(p)}, expected {kind}"
            if kind in ("radio", "select", "range"):
                label = p["bind"].get("name", "")
                assert label.strip() and label.rstrip().endswith(":"), f"{name}: {pname} has no readable label"
                assert "value" in p, f"{name}: {pname} has no initial value"


def test_bound_param_names_are_unique_across_the_book(specs):
    seen = {}
    for name, spec in specs.items():
        for p in params(spec):
            if param_kind(p) in ("radio", "select", "range"):
                assert p["name"] not in seen, f"param {p['name']} in both {seen.get(p['name'])} and {name}"
                seen[p["name"]] = name


def test_params_are_used(specs):
    """Each param is referenced somewhere else in its chart (a condition, filter or expression)."""
    for name, spec in specs.items():
        text = repr(spec)
        for p in params(spec):
            assert text.count(p["name"]) >= 2, f"{name}: param {p['name']} is declared but not used"


def test_at_least_ten_charts_are_interactive(specs):
    interactive = [name for name, spec in specs.items()
                   if any(param_kind(p) in ("radio", "select", "range") for p in params(spec))]
    assert len(interactive) >= 10, interactive


# --------------------------------------------------------------------------- theme and colours
def test_theme_is_registered_and_enabled():
    assert theme.THEME_NAME in alt.theme.names()
    assert alt.theme.active == theme.THEME_NAME
    config = alt.theme.get()()["config"]
    assert config["axis"]["labelFontSize"] in (13, 14)
    assert config["title"]["fontSize"] == 16
    assert "sans-serif" in config["font"]


def test_palette_is_consistent():
    assert theme.NORTHEAST_COLOR == theme.OKABE_ITO["vermillion"]
    assert set(theme.PROVINCE_COLORS) == {"liaoning", "jilin", "heilongjiang"}
    colors = [theme.NORTHEAST_COLOR, *theme.PROVINCE_COLORS.values(), theme.COMPARATOR_COLOR, theme.NATIONAL_COLOR]
    assert len(set(colors)) == len(colors)
    assert theme.entity_color("northeast") == theme.NORTHEAST_COLOR
    assert theme.entity_color("shaanxi") == theme.COMPARATOR_COLOR


@pytest.mark.parametrize("name", BRIEF_ORDER)
def test_places_keep_their_colours(name, specs):
    """Wherever a colour scale names the Northeast or a province, it uses the theme's colour."""
    fixed = {n: theme.NORTHEAST_COLOR for n in NORTHEAST_NAMES}
    fixed.update({"Liaoning": theme.PROVINCE_COLORS["liaoning"], "Jilin": theme.PROVINCE_COLORS["jilin"],
                  "Heilongjiang": theme.PROVINCE_COLORS["heilongjiang"]})
    for domain, rng in color_scales(specs[name]):
        for value, color in zip(domain, rng):
            if value in fixed:
                assert color == fixed[value], f"{name}: {value} drawn in {color}"


@pytest.mark.parametrize("name", ["province_tile_map", "support_estimates", "gdp_share_then_now",
                                  "per_capita_relative", "transfers_by_province", "city_gdp_comparison",
                                  "soe_losses_and_taxes", "demography_milestones", "labour_and_urban_growth",
                                  "industrial_belts_timeline", "trade_dependence", "fdi_implied_totals"])
def test_northeast_marks_use_the_northeast_colour(name, specs):
    assert theme.NORTHEAST_COLOR in repr(specs[name])


# --------------------------------------------------------------------------- formatting and show()
def test_formatters():
    assert theme.format_rmb_billion(3255.3) == "3.26 trillion RMB"
    assert theme.format_rmb_billion(548) == "548 billion RMB"
    assert theme.format_rmb_billion(2.35) == "2.35 billion RMB"
    assert theme.format_rmb_billion(0.456) == "456 million RMB"
    assert theme.format_rmb_billion(12002.8) == "12 trillion RMB"
    assert theme.format_rmb_billion(999.8) == "1 trillion RMB"
    assert theme.format_usd_billion(1540.6162) == "1.54 trillion USD"
    assert theme.format_usd_billion(76.7507) == "76.8 billion USD"
    assert theme.format_percent(11.4) == "11.4%"
    assert theme.format_percent(142.857) == "142.9%"
    assert theme.format_percent(133) == "133%"
    assert theme.ordinal(23) == "23rd" and theme.ordinal(11) == "11th" and theme.ordinal(2) == "2nd"


def test_caption_html_is_deterministic(built):
    chart = built["gdp_share_then_now"]
    first, second = charts.caption_html(chart), charts.caption_html(chart)
    assert first == second
    assert first.startswith('<p class="chart-caption">Source: Section One. ') and first.endswith("</details>")
    ids = chart.to_dict()["usermeta"]["ids"]
    # The words first; the ids folded behind a count, each linking to its row on the data page.
    assert "<code>" not in first.split("<details", 1)[0]
    assert f"<summary>Data: {len(ids)} numbers</summary>" in first
    for cid in ids:
        assert f'<a href="data.html#{cid}"><code>{cid}</code></a>' in first


def test_show_displays_chart_then_caption(built, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    chart = built["trade_dependence"]
    charts.show(chart)
    assert shown[0] is chart
    assert isinstance(shown[1], IPython.display.HTML)
    assert shown[1].data == charts.caption_html(chart)
