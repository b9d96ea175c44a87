"""The course's Altair renderer: charts that draw in JupyterLab, Notebook 7 and the book, offline.

Altair's own HTML output loads Vega, Vega-Lite and vega-embed from a CDN unless they are already
on the page and ``window.VEGA_DEBUG`` names their versions (``northeast.vendor`` explains the
bundle that does both). JupyterLab can't draw Vega-Lite 6 with its built-in renderer, so:

* the first chart of a kernel session is preceded by one ``application/javascript`` output holding
  the vendored bundle (with an HTML comment as its ``text/html`` alternative) (``_vendor/vega/vega-bundle.js``, the same file the book serves); the front end
  runs it once and every chart after it finds Vega on the page, with no request to another host;
* each chart's own output is Altair's standard HTML, unchanged, which is what the book's loader
  (``_ext/course_offline.py``) expects. The book drops the bundle output (``_config.yml``:
  ``nb_mime_priority_overrides``), so its pages stay as light as before.

The bundle output is stored with the notebook, so a reader who reloads the page (or opens the
saved, trusted notebook) still sees every chart; a restarted kernel emits it again with its first
chart. Re-running the cell that holds it emits it again, since re-running clears that output.
Colab draws each output in a frame of its own, where a bundle shown once can't reach later charts;
there Altair's default (online) loading is left alone.
"""
from __future__ import annotations

import sys
from functools import lru_cache

import altair as alt
from altair.vegalite.v6.display import html_renderer as _altair_html  # Altair's "default" HTML

from northeast import theme  # noqa: F401  (sets the embed options this renderer keeps)
from northeast.vendor import BUNDLE

RENDERER_NAME = "northeast"
BUNDLE_MIME = "application/javascript"
# What the book (which serves the bundle as a file and drops the inline copy) and an untrusted
# notebook show instead of the bundle: nothing visible.
BUNDLE_PLACEHOLDER = "<!-- the Vega bundle for charts in a live notebook -->"


@lru_cache(maxsize=1)
def bundle_text() -> str:
    """The vendored Vega bundle (written by ``make vendor``; the book serves the same file)."""
    if BUNDLE.exists():
        return BUNDLE.read_text(encoding="utf-8")
    from northeast.vendor import build_bundle  # a checkout without the vendored file

    return build_bundle()


class _Session:
    """Where this kernel last showed the bundle: None before the first chart, else the id of the
    notebook cell it went to (None when the front end sends no cell id) and of that execution."""

    shown_in: tuple[str | None, str | None] | None = None


def _current_execution() -> tuple[str | None, str | None] | None:
    """(cell id, execution id) of the request being run, or None outside a kernel."""
    try:
        from IPython import get_ipython

        parent = get_ipython().kernel.get_parent()
    except Exception:  # a script or a test: there is no page to put Vega on
        return None
    return (parent.get("metadata", {}).get("cellId"), parent.get("header", {}).get("msg_id"))


def needs_bundle(current: tuple[str | None, str | None]) -> bool:
    """True when the page may lack Vega: the session's first chart, or the cell that held the
    bundle is running again (which clears the output the bundle was in)."""
    shown = _Session.shown_in
    if shown is None:
        return True
    cell, execution = shown
    return cell is not None and cell == current[0] and execution != current[1]


def ensure_vega() -> None:
    """Display the Vega bundle before this chart if the page may not have it yet."""
    if "google.colab" in sys.modules:
        return
    current = _current_execution()
    if current is None or not needs_bundle(current):
        return
    from IPython.display import display

    display({BUNDLE_MIME: bundle_text(), "text/html": BUNDLE_PLACEHOLDER}, raw=True)
    _Session.shown_in = current


def render(spec: dict, **metadata) -> dict:
    """Altair renderer: make sure Vega is on the page, then Altair's standard HTML output."""
    ensure_vega()
    return _altair_html(spec, **metadata)


def enable() -> None:
    """Register and enable the renderer, keeping the embed options the theme set."""
    options = dict(alt.renderers.options)
    alt.renderers.register(RENDERER_NAME, render)
    alt.renderers.enable(RENDERER_NAME, **options)


enable()
