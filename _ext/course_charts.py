"""Charts in the book: Vega draws each one as it nears the viewport, with no compiler on the page.

Each chapter stores Altair's HTML output (a ``<div id="altair-viz-…">`` and a script that calls
vega-embed). At build time this extension replaces every such output with

* the chart's title and subtitle as HTML text (it wraps to any width; the SVG loses them),
* the chart's controls as real form elements (a ``fieldset`` per radio group, a labelled
  ``select`` or slider), present from the first paint and usable by keyboard and touch,
* a placeholder of the chart's final height holding its text description, and
* "Numbers behind this chart": a table of the values the chart's tooltips show, so no value
  needs a hover,

and writes the chart itself, compiled from Vega-Lite to Vega here (``vl_convert``), to
``_static/offline/charts/<hash>.js``. ``course-charts.js`` (deferred) loads the Vega runtime
and a chart's file only when the chart comes within a screen of the viewport, then draws it
and keeps the controls, the chart's signals and its text alternative in step.

Compiled charts and their measured heights are cached by content hash next to the build, so a
rebuild compiles only the charts that changed.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "charts"  # course-charts.js and course-charts.css (ours)
# `make vendor`; course_offline copies _vendor/ to _static/offline/, so the loader finds it at
# ../vega/vega-runtime.js.
RUNTIME = HERE.parent / "_vendor" / "vega" / "vega-runtime.js"
STATIC = "offline/charts"
LOADER_JS, LOADER_CSS = f"{STATIC}/course-charts.js", f"{STATIC}/course-charts.css"
# Bump when the compiled output changes for the same Vega-Lite spec (invalidates the cache).
FORMAT_VERSION = "1"

# Altair's HTML output: an optional <style> for the div, the div, and the script holding
# vegaEmbed(div, spec, embedOptions).
ALTAIR_OUTPUT = re.compile(
    r'(?:<style>\s*#altair-viz-[0-9a-f]+\.vega-embed\b.*?</style>\s*)?'
    r'<div id="(?P<id>altair-viz-[0-9a-f]+)"></div>\s*'
    r'<script type="text/javascript">(?P<script>.*?)</script>',
    re.S,
)


# --------------------------------------------------------------------------- reading Altair's output
def spec_from_script(script: str) -> dict:
    """The Vega-Lite spec passed to vegaEmbed: the first JSON object argument naming a
    Vega-Lite ``$schema`` (whatever the wrapper function around it looks like)."""
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\(\s*\{", script):
        start = match.end() - 1
        try:
            value, _ = decoder.raw_decode(script, start)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and "vega-lite" in str(value.get("$schema", "")):
            return value
    raise ValueError("no Vega-Lite spec found in a chart output")


def title_parts(spec: dict) -> tuple[str, str]:
    title = spec.get("title")
    if title is None:
        return "", ""
    if not isinstance(title, dict):
        title = {"text": title}

    def words(value) -> str:
        return " ".join(value) if isinstance(value, list) else str(value or "")

    return words(title.get("text")), words(title.get("subtitle"))


# --------------------------------------------------------------------------- numbers behind the chart
def _units(spec: dict, data: str | None = None, encoding: dict | None = None):
    """(dataset name, merged encoding) of every mark in the spec."""
    if isinstance(spec.get("data"), dict) and "name" in spec["data"]:
        data = spec["data"]["name"]
    merged = {**(encoding or {}), **spec.get("encoding", {})}
    if "mark" in spec:
        yield data, merged
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in spec.get(key, []):
            yield from _units(child, data, merged if key == "layer" else {})
    if isinstance(spec.get("spec"), dict):
        yield from _units(spec["spec"], data, {})


def _cell(value, fmt: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_cell(v, None) for v in value)
    if isinstance(value, float):
        if fmt and fmt.endswith("d"):
            return f"{value:,.0f}"
        return f"{value:,.4g}" if abs(value) < 1e15 else str(value)
    return str(value)


def numbers_tables(spec: dict) -> list[tuple[list[str], list[list[str]]]]:
    """One (headers, rows) table per dataset: the columns every tooltip on that data shows,
    in the tooltips' order, one row per distinct datum (fields a chart computes are left out)."""
    datasets = spec.get("datasets", {})
    columns: dict[str, dict[str, tuple[str, str | None]]] = {}
    for data, enc in _units(spec):
        rows = datasets.get(data)
        if not rows:
            continue
        tips = enc.get("tooltip")
        tips = tips if isinstance(tips, list) else [tips] if isinstance(tips, dict) else []
        present = set().union(*(r.keys() for r in rows))
        for t in tips:
            field = t.get("field")
            if field in present:
                columns.setdefault(data, {}).setdefault(field, (t.get("title") or field, t.get("format")))
    tables = []
    for data, cols in columns.items():
        seen, rows = set(), []
        for record in datasets[data]:
            cells = [_cell(record.get(f), fmt) for f, (_, fmt) in cols.items()]
            if any(cells) and tuple(cells) not in seen:
                seen.add(tuple(cells))
                rows.append(cells)
        if rows:
            tables.append(([title for title, _ in cols.values()], rows))
    return tables


def numbers_html(spec: dict) -> str:
    tables = numbers_tables(spec)
    if not tables:
        return ""
    parts = []
    for headers, rows in tables:
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        parts.append(f'<div class="course-chart-table"><table><thead><tr>{head}</tr></thead>'
                     f"<tbody>{body}</tbody></table></div>")
    count = sum(len(rows) for _, rows in tables)
    return (f'<details class="course-chart-numbers"><summary>Numbers behind this chart ({count} rows)</summary>'
            + "".join(parts) + "</details>")


# --------------------------------------------------------------------------- controls
def _option_value(value) -> str:
    return html.escape(json.dumps(value, ensure_ascii=False), quote=True)


def control_html(signal: str, bind: dict, value, chart_id: str) -> str:
    """A bound Vega signal as a form control; ``data-signal`` names the signal, option values
    are JSON so numbers stay numbers."""
    label = html.escape((bind.get("name") or signal).strip())
    kind = bind.get("input")
    sig = html.escape(signal, quote=True)
    if kind == "radio":
        labels = bind.get("labels") or []
        options = "".join(
            f'<label><input type="radio" name="{sig}" data-signal="{sig}" value="{_option_value(o)}"'
            f'{" checked" if o == value else ""}> {html.escape(str(labels[i] if i < len(labels) else o))}</label>'
            for i, o in enumerate(bind.get("options", [])))
        return f'<fieldset class="course-chart-control"><legend>{label}</legend>{options}</fieldset>'
    if kind == "select":
        labels = bind.get("labels") or []
        options = "".join(
            f'<option value="{_option_value(o)}"{" selected" if o == value else ""}>'
            f"{html.escape(str(labels[i] if i < len(labels) else o))}</option>"
            for i, o in enumerate(bind.get("options", [])))
        return (f'<label class="course-chart-control"><span class="course-chart-control-name">{label}</span>'
                f'<select name="{sig}" data-signal="{sig}">{options}</select></label>')
    if kind == "range":
        out_id = f"{chart_id}-{sig}-value"
        attrs = " ".join(f'{k}="{bind[k]}"' for k in ("min", "max", "step") if k in bind)
        return (f'<label class="course-chart-control"><span class="course-chart-control-name">{label}</span>'
                f'<input type="range" name="{sig}" data-signal="{sig}" data-json="false" {attrs} value="{value}"'
                f' aria-describedby="{out_id}">'
                f'<output id="{out_id}" for="{chart_id}-{sig}">{value}</output></label>')
    if kind == "checkbox":
        return (f'<label class="course-chart-control"><input type="checkbox" name="{sig}" data-signal="{sig}"'
                f'{" checked" if value else ""}> {label}</label>')
    raise ValueError(f"chart {chart_id}: no control for a {kind!r} binding of {signal}")


# --------------------------------------------------------------------------- compiling
def compile_chart(spec: dict) -> dict:
    """Vega-Lite -> Vega without the title (shown as HTML), the white background (the page's
    shows through, in light and dark mode) and the bindings (HTML controls drive the signals)."""
    import vl_convert

    lite = {k: v for k, v in spec.items() if k not in ("title", "usermeta")}
    version = re.search(r"/v(\d+\.\d+)", spec.get("$schema", ""))
    vega = vl_convert.vegalite_to_vega(lite, vl_version=version.group(1) if version else None)
    vega.pop("background", None)
    vega.pop("$schema", None)
    vega.pop("usermeta", None)
    controls = []
    for signal in vega.get("signals", []):
        bind = signal.pop("bind", None)
        if isinstance(bind, dict) and "input" in bind:
            controls.append((signal["name"], bind, signal.get("value")))
    return {"vega": vega, "controls": controls}


def measured_height(vega: dict) -> int:
    """The drawn height in px (charts have fixed heights; only their width follows the column)."""
    import vl_convert

    return int(round(vl_convert.vega_to_scenegraph(vega)["height"]))


class ChartCache:
    """Compiled charts by content hash, kept between builds in ``_build/.course-charts``."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, spec: dict) -> tuple[str, dict]:
        text = json.dumps(spec, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256((FORMAT_VERSION + text).encode()).hexdigest()[:20]
        path = self.folder / f"{key}.json"
        if path.exists():
            return key, json.loads(path.read_text(encoding="utf-8"))
        compiled = compile_chart(spec)
        compiled["height"] = measured_height(compiled["vega"])
        path.write_text(json.dumps(compiled, separators=(",", ":")), encoding="utf-8")
        return key, compiled


# --------------------------------------------------------------------------- the page
def chart_html(chart_id: str, spec: dict, key: str, compiled: dict) -> str:
    title, subtitle = title_parts(spec)
    description = spec.get("description", "")
    head = ""
    if title:
        head = f'<p class="course-chart-title" id="{chart_id}-title">{html.escape(title)}</p>'
        if subtitle:
            head += f'<p class="course-chart-subtitle">{html.escape(subtitle)}</p>'
    controls = "".join(control_html(s, b, v, chart_id) for s, b, v in compiled["controls"])
    if controls:
        controls = f'<div class="course-chart-controls">{controls}</div>'
    view = (f'<div class="vega-embed course-chart-view" style="min-height:{compiled["height"]}px">'
            f'<p class="course-chart-pending">{html.escape(description)}</p></div>')
    menu = ('<details class="course-chart-menu"><summary>Save this chart</summary>'
            '<button type="button" data-save="svg">as SVG</button>'
            '<button type="button" data-save="png">as PNG</button></details>')
    labelled = f' aria-labelledby="{chart_id}-title"' if title else ""
    return (f'<figure class="course-chart" id="{chart_id}" data-chart="{key}"'
            f' data-description="{html.escape(description, quote=True)}"{labelled}>'
            f"{head}{controls}{view}{menu}{numbers_html(spec)}</figure>")


def rewrite_charts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if "altair-viz-" not in body or app.builder.format != "html":
        return
    cache = app.env.course_chart_cache if hasattr(app.env, "course_chart_cache") else None
    if cache is None:
        cache = app.env.course_chart_cache = ChartCache(Path(app.outdir).parent / ".course-charts")
    out = Path(app.outdir) / "_static" / STATIC
    out.mkdir(parents=True, exist_ok=True)

    def replace(match: re.Match) -> str:
        spec = spec_from_script(match.group("script"))
        key, compiled = cache.get(spec)
        target = out / f"{key}.js"
        if not target.exists():
            payload = json.dumps(compiled["vega"], separators=(",", ":"), ensure_ascii=False)
            target.write_text(f'courseCharts.define("{key}",{payload});\n', encoding="utf-8")
        return chart_html(match.group("id"), spec, key, compiled)

    context["body"] = ALTAIR_OUTPUT.sub(replace, body)
    if "course-chart" in context["body"]:
        # Deferred: it never delays the first paint; it finds the runtime and the charts' files
        # next to itself.
        app.add_js_file(LOADER_JS, loading_method="defer")
        app.add_css_file(LOADER_CSS)


def copy_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC
    target.mkdir(parents=True, exist_ok=True)
    from northeast.palette import dark_mode_css

    source = ASSETS / "course-charts.js"
    dest = target / source.name
    if not dest.exists() or dest.stat().st_mtime_ns < source.stat().st_mtime_ns:
        shutil.copy2(source, dest)
    css = (ASSETS / "course-charts.css").read_text(encoding="utf-8") + "\n" + dark_mode_css(".course-chart-view svg")
    dest = target / "course-charts.css"
    if not dest.exists() or dest.read_text(encoding="utf-8") != css:
        dest.write_text(css, encoding="utf-8")
    if not RUNTIME.exists():
        logger.warning("course_charts: %s is missing; run `make vendor`", RUNTIME)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", copy_assets)
    # Before course_offline drops unneeded assets (priority 900) and after the body exists.
    app.connect("html-page-context", rewrite_charts, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
