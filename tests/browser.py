"""Open a page of the built book in Chromium and record what a user would notice.

How browser tests use it (fixtures in conftest.py):

* ``book_pages.open("book/ch2_support_and_results.html")`` gives the session's one ``Visit`` of that
  page: each page of the book is loaded once per test session and shared by every test that looks at
  it (page loads are most of a browser test's time). A shared page keeps what earlier tests did to
  it (a chart's control moved, a question answered): assert on what your own actions change, or
  ask for a page of your own.
* ``book_pages.fresh(path)`` opens a page in a new browser context (empty storage, its own load)
  for tests that need a clean state or reload the page; close it with ``visit.close()``.
* ``settle(visit)`` waits until the page has nothing left to fetch (no request in flight once
  fonts and a couple of frames are done), then ``visit.problems`` lists console errors, page
  errors, requests to other hosts and failed requests since the page was opened.
* ``wait_for_charts(visit)`` waits until every chart is drawn.
Waits are on conditions, never fixed sleeps.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from northeast.bench import SCROLL_THROUGH, wait_until_quiet
from northeast.chapters import CHAPTERS

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

CHART_TIMEOUT_MS = 20_000
# Chapter key -> built page, from the chapter registry.
CHAPTER_PAGES = {chapter.key: chapter.page for chapter in CHAPTERS}


@dataclass
class Visit:
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)
    in_flight: set = field(default_factory=set)

    @property
    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request to another host: {u}" for u in self.foreign_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )

    def close(self) -> None:
        self.page.context.close()


def open_page(browser, url: str, *, width: int = 1280, height: int = 900) -> Visit:
    """Navigate to url; every request leaving 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visit = Visit(page=page)
    page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    page.on("request", lambda req: visit.in_flight.add(req))

    def failed(req):
        visit.in_flight.discard(req)
        visit.failed_requests.append(req.url)

    page.on("requestfailed", failed)

    def route(route_obj):
        host = urlparse(route_obj.request.url).hostname
        if route_obj.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route_obj.continue_()
        else:
            visit.foreign_requests.append(route_obj.request.url)
            route_obj.abort()

    page.route("**/*", route)

    def on_finished(req):
        visit.in_flight.discard(req)
        try:
            sizes = req.sizes()
            visit.bytes_by_url[req.url] = sizes["responseBodySize"]
        except Exception:  # the page may be gone; sizes are only used for reporting
            pass

    page.on("requestfinished", on_finished)
    page.goto(url, wait_until="load")
    return visit


SETTLE_TIMEOUT_MS = 15_000
POLL_MS = 20


def settle(visit: Visit) -> None:
    """Wait until the page has nothing left to fetch: loaded, fonts done, two frames painted (late
    requests such as icon fonts start while painting) and no request in flight."""
    page = visit.page
    page.wait_for_load_state("load")
    waited = 0
    while True:
        # Bounded: a page that never paints (or a font that never settles) must fail the test's own
        # checks, not hang the run waiting for a frame.
        page.evaluate("""() => Promise.race([
                           document.fonts.ready.then(() => new Promise(done =>
                             requestAnimationFrame(() => requestAnimationFrame(done)))),
                           new Promise(done => setTimeout(done, 5000))])""")
        if not visit.in_flight or waited >= SETTLE_TIMEOUT_MS:
            break
        page.wait_for_timeout(POLL_MS)  # a poll while requests finish, not a fixed wait
        waited += POLL_MS


class BookPages:
    """The built book's pages in one browser, each opened once and shared (see the module doc)."""

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url = browser, base_url
        self._visits: dict[str, Visit] = {}

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path}"

    def open(self, path: str) -> Visit:
        if path not in self._visits:
            self._visits[path] = open_page(self.browser, self.url(path))
        return self._visits[path]

    def fresh(self, path: str, **viewport) -> Visit:
        return open_page(self.browser, self.url(path), **viewport)

    def close(self) -> None:
        for visit in self._visits.values():
            visit.close()
        self._visits.clear()


def scroll_through(visit: Visit) -> None:
    """Scroll from the top to the bottom one screen per frame, as a reader skimming the page;
    charts are drawn as they near the viewport. Ends back at the top."""
    visit.page.evaluate("() => window.scrollTo(0, 0)")
    ended = visit.page.evaluate(SCROLL_THROUGH)
    assert ended["bottom"], f"scrolling {visit.page.url} never reached the end of the page: {ended}"
    visit.page.evaluate("() => window.scrollTo(0, 0)")


def wait_for_charts(visit: Visit) -> int:
    """Scroll through the page, then wait until every chart on it holds its drawn SVG; return how
    many charts there are."""
    page = visit.page
    count = page.locator(".vega-embed").count()
    if count:
        scroll_through(visit)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.vega-embed')]
                   .every(el => el.querySelector('svg.marks, canvas.marks'))""",
            timeout=CHART_TIMEOUT_MS,
        )
    return count


# --------------------------------------------------------------------------- accessibility
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


# What a colour mode changes is colours: in the second mode only the rules that judge colour need
# running again (a full audit of a chapter costs seconds).
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def run_axe(page, rules: tuple[str, ...] | None = None) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now (npm `axe-core`,
    injected from node_modules; `npm ci` installs it): every rule, or only `rules`. Skips where
    axe-core isn't installed, fails in CI."""
    if not AXE_JS.exists():
        message = f"axe-core is not installed ({AXE_JS}): run `npm ci`"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async ([impacts, rules]) =>
             (await axe.run(document, rules ? {runOnly: {type: 'rule', values: rules}} : {})).violations
             .filter(v => impacts.includes(v.impact))
             .map(v => ({id: v.id, impact: v.impact, help: v.help,
                         nodes: v.nodes.map(n => n.target.join(' '))}))""",
        [list(BLOCKING_IMPACTS), list(rules) if rules else None],
    )


def set_color_mode(page, mode: str) -> None:
    """Switch light/dark the way a reader does: the theme's own button, until the page says so."""
    button = page.locator(".theme-switch-button:visible").first
    for _ in range(3):  # the button cycles light -> dark -> auto
        if page.evaluate("() => document.documentElement.dataset.theme") == mode:
            break
        button.click()
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode, f"could not switch to {mode} mode"
    # Then read the page as a reader does after switching: pointer and focus off the button, so its
    # "Color mode" tooltip fades out (axe, run mid-fade, would judge half-transparent text).
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_function("() => !document.querySelector('.tooltip')")
    # Colours fade between modes: judge them once the fades are over.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
