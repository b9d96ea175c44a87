"""Serve the book's JavaScript from the book itself, and only on the pages that need it.

* Pages that contain an Altair chart get the chart loader of ``course_charts`` (which loads the
  vendored Vega runtime only when a chart nears the viewport); other pages load no Vega at all.
* Pages with questions (``exercises``) get the quiz script and stylesheet.
* Pages with saved ipywidgets state get require.js and the widget manager from ``_vendor``
  (``nb_ipywidgets_js`` in ``_config.yml`` points myst-nb at the copies made here).

The vendored files are copied outside ``html_static_path`` on purpose: Jupyter Book adds a
``<script>`` tag for every ``.js`` file it finds there, on every page.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

VENDOR_DIR = Path(__file__).resolve().parent.parent / "_vendor"
STATIC_SUBDIR = "offline"  # pydata-sphinx-theme already uses _static/vendor/
# Question blocks from exercises.front; their script and stylesheet are that package's own files
# (package data), copied into the build, so there is one copy of each.
QUIZ_MARKER = 'class="exq '
QUIZ_JS, QUIZ_CSS = "offline/quiz/quiz.js", "offline/quiz/quiz.css"


def copy_vendor(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    for source in sorted(VENDOR_DIR.rglob("*")):
        if source.is_file() and source.suffix != ".md":
            dest = target / source.relative_to(VENDOR_DIR)
            dest.parent.mkdir(parents=True, exist_ok=True)
            # Copy only what changed, so incremental rebuilds stay fast.
            if not dest.exists() or dest.stat().st_mtime_ns < source.stat().st_mtime_ns:
                shutil.copy2(source, dest)
    from exercises import front  # light: no pandas (see exercises/front/__init__.py)

    for name, asset in ((QUIZ_JS, front.QUIZ_JS), (QUIZ_CSS, front.QUIZ_CSS)):
        text = front.asset_text(asset)
        dest = Path(app.outdir) / "_static" / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.read_text(encoding="utf-8") != text:
            dest.write_text(text, encoding="utf-8")


# Assets Jupyter Book adds to every page, and what a page must contain to need them. Thebe is
# off in _config.yml (launch buttons go to Binder/Colab/JupyterHub), so its files are never needed.
OPTIONAL_ASSETS = {
    "sphinx-design.min.css": "sd-",
    "design-tabs.js": "sd-tab",
    # Text pages have no notebook cells, no code to copy, no toggled admonitions.
    "mystnb.": 'class="cell',
    "copybutton.": 'class="highlight',
    "clipboard.min.js": 'class="highlight',
    # Syntax colours: pages without highlighted code (glossary, references) don't need them.
    "pygments.css": 'class="highlight',
    "togglebutton.": ('class="toggle', "admonition dropdown"),
    "sphinx-thebe.css": None,
    "sphinx-thebe.js": None,
    "THEBE_JS_URL": None,
}


def _asset_name(asset) -> str:
    filename = str(getattr(asset, "filename", asset) or "")
    return filename or str(getattr(asset, "attributes", {}).get("body", ""))


def _needed(asset, body: str) -> bool:
    name = _asset_name(asset)
    for key, marker in OPTIONAL_ASSETS.items():
        if key in name:
            markers = (marker,) if isinstance(marker, str) else marker or ()
            return any(m in body for m in markers)
    return True


def drop_unneeded_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Keep a page's first load small: drop OPTIONAL_ASSETS the page doesn't use and any
    script added twice (sphinx-thebe adds its inline config twice, which throws)."""
    body = context.get("body", "")
    context["css_files"] = [css for css in context.get("css_files", []) if _needed(css, body)]
    seen, unique = set(), []
    for script in context.get("script_files", []):
        if not _needed(script, body):
            continue
        # Same file (or inline body) and attributes, whatever the priority it was added with.
        key = (str(getattr(script, "filename", script) or ""), tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def add_page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if QUIZ_MARKER in body:
        app.add_js_file(QUIZ_JS)
        app.add_css_file(QUIZ_CSS)


def setup(app: Sphinx) -> dict:
    app.setup_extension("course_charts")  # charts: compiled here, drawn lazily (Vega runtime)
    app.connect("builder-inited", copy_vendor)
    app.connect("html-page-context", add_page_scripts)
    # Late, so it sees the scripts every other extension added for this page.
    app.connect("html-page-context", drop_unneeded_assets, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
