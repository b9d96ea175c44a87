"""Open a page of the built book in Chromium and record what a user would notice.

How browser tests use it (fixtures in conftest.py):

* ``book_pages.open("book/ch2_support_and_results.html")`` gives the session's one ``Visit`` of that
  page at the desktop size (``PHONE`` for a phone), scrolled through with its charts drawn: each page
  is loaded once per size and test session and shared by every test that looks at it (page loads
  are most of a browser test's time). `make test` sends all of a page's tests to one worker
  (conftest.py groups them), so it is one load per page and size in the whole run. A shared page
  keeps what earlier tests did to it (a chart's control moved, a question answered): assert on what
  your own actions change, or ask for a page of your own. A test that leaves the page changed for
  good (the audit opens every table) runs last on it and ``discard``s it.
* ``book_pages.fresh(path)`` opens a page in a new browser context (empty storage, its own load)
  for tests that need a clean state or reload the page; close it with ``visit.close()``.
* ``settle(visit)`` waits until the page has nothing left to fetch (no request in flight once
  fonts and a couple of frames are done), then ``visit.problems`` lists console errors, page
  errors, requests to other hosts and failed requests since the page was opened.
* ``wait_for_charts(visit)`` waits until every chart is drawn.
Waits are on conditions, never fixed sleeps.

``Chromium`` is the session's browser. Under load, headless Chromium has been seen (rarely: a few
times in hundreds of page loads, cause unknown) to stop painting a page (timers still run, no
animation frame comes, so Playwright's actions time out), and then to answer nothing at 0 % CPU. A
watchdog kills a browser that stays busy with one test for ``FROZEN_AFTER_S``; a test that fails
while one of its browser's pages paints no frame gets its browser killed too (``stopped_painting``).
Either way the test fails with ``BrowserFroze``, conftest.py runs it once more on a relaunched
browser and the run's summary lists it. A page that really hangs hangs twice and fails.
"""
from __future__ import annotations

import os
import signal
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from northeast.bench import SCROLL_THROUGH, wait_until_quiet
from northeast.chapters import CHAPTERS

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

CHART_TIMEOUT_MS = 20_000
# The sizes every shared page is opened at (width, height).
DESKTOP = (1280, 900)
PHONE = (390, 844)
# Chapter key -> built page, from the chapter registry.
CHAPTER_PAGES = {chapter.key: chapter.page for chapter in CHAPTERS}


@dataclass
class Visit:
    page: object
    browser: object = None  # what opened it (a Chromium in the tests): killed if the page freezes
    charts: int | None = None  # how many charts it drew, once wait_for_charts has seen them drawn
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
    visit = Visit(page=page, browser=browser)
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
    """The built book's pages in one browser, each opened once per size and shared (see the module doc)."""

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url = browser, base_url
        self._visits: dict[tuple[str, tuple[int, int]], tuple[int, Visit]] = {}

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path}"

    def open(self, path: str, size: tuple[int, int] = DESKTOP) -> Visit:
        """The shared visit of `path` at `size`, scrolled through once with its charts drawn."""
        generation, visit = self._visits.get((path, size), (None, None))
        if visit is None or generation != self.browser.generation:  # new, or its browser was killed
            visit = open_page(self.browser, self.url(path), width=size[0], height=size[1])
            wait_for_charts(visit)
            self._visits[path, size] = (self.browser.generation, visit)
        return visit

    def discard(self, path: str, size: tuple[int, int] = DESKTOP) -> None:
        """Close the shared visit (a later open loads the page again)."""
        generation, visit = self._visits.pop((path, size), (None, None))
        if visit is not None and generation == self.browser.generation:
            visit.close()

    def fresh(self, path: str, **viewport) -> Visit:
        return open_page(self.browser, self.url(path), **viewport)

    def close(self) -> None:
        for path, size in list(self._visits):
            self.discard(path, size)


# Where the freeze struck in full runs: in a scroll-through, which takes about a second (a few
# under load; its script gives up after 30 s of its own clock). A page still scrolling after this
# long has frozen: its browser is killed at once, not after the test's FROZEN_AFTER_S.
SCROLL_FROZEN_AFTER_S = 15


def scroll_through(visit: Visit) -> None:
    """Scroll from the top to the bottom one screen per frame, as a reader skimming the page;
    charts are drawn as they near the viewport. Ends back at the top."""
    visit.page.evaluate("() => window.scrollTo(0, 0)")
    browsers = [visit.browser] if isinstance(visit.browser, Chromium) else []
    with FreezeWatchdog(SCROLL_FROZEN_AFTER_S, browsers=browsers) as watchdog:
        try:
            ended = visit.page.evaluate(SCROLL_THROUGH)
        except Exception as exc:
            if watchdog.fired:
                raise BrowserFroze(f"Chromium stopped answering for {SCROLL_FROZEN_AFTER_S} s while scrolling "
                                   f"{visit.page.url} and was killed; the test runs once more on a relaunched "
                                   "browser") from exc
            raise
    assert ended["bottom"], f"scrolling {visit.page.url} never reached the end of the page: {ended}"
    visit.page.evaluate("() => window.scrollTo(0, 0)")


def wait_for_charts(visit: Visit) -> int:
    """Scroll through the page, then wait until every chart on it holds its drawn SVG; return how
    many charts there are. Once per visit: a drawn chart stays drawn."""
    if visit.charts is not None:
        return visit.charts
    page = visit.page
    count = page.locator(".vega-embed").count()
    if count:
        scroll_through(visit)
        page.wait_for_function(
            """() => [...document.querySelectorAll('.vega-embed')]
                   .every(el => el.querySelector('svg.marks, canvas.marks'))""",
            timeout=CHART_TIMEOUT_MS,
        )
    visit.charts = count
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


# --------------------------------------------------------------------------- a browser that can freeze
FROZEN_AFTER_S = float(os.environ.get("COURSE_BROWSER_FROZEN_AFTER_S", 45))  # the longest browser test takes ~9 s


class BrowserFroze(Exception):
    """The test's browser stopped answering and was killed (see the module doc)."""


class Chromium:
    """The session's Chromium, launched on first use and again after a watchdog killed it.
    Tests use it as a Playwright Browser (`new_context`); `generation` counts launches, so that
    pages opened in a killed browser are known to be gone."""

    live: "weakref.WeakSet[Chromium]" = weakref.WeakSet()  # every one this process has launched

    def __init__(self, playwright, path: str, args: list[str]):
        self.playwright, self.path, self.args = playwright, path, args
        self._browser = None
        self.pid: int | None = None
        self._launches = 0
        Chromium.live.add(self)

    @property
    def generation(self) -> int:
        """How many times it was launched, counting the launch this asks for if it was killed."""
        self.current
        return self._launches

    @property
    def current(self):
        if self._browser is None or not self._browser.is_connected():
            before = set(_chromium_pids(os.getpid()))
            self._browser = self.playwright.chromium.launch(executable_path=self.path, args=self.args)
            # The browser process: the one new Chromium process whose parent is not Chromium.
            started = set(_chromium_pids(os.getpid())) - before
            self.pid = next((pid for pid in started if _parent(pid) not in started), None)
            self._launches += 1
        return self._browser

    def new_context(self, **options):
        return self.current.new_context(**options)

    def new_page(self, **options):
        return self.current.new_page(**options)

    def kill(self) -> None:
        """SIGKILL the browser and every process it started: Playwright's pending calls fail."""
        if self.pid is None:
            return
        self._browser = None  # relaunched on next use, even before Playwright hears it is gone
        for pid in [self.pid, *_chromium_pids(self.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _chromium_pids(root: int) -> list[int]:
    """Chromium processes descended from process `root`."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        parent = _parent(int(entry.name))
        try:
            names[int(entry.name)] = (entry / "comm").read_text().strip()
        except OSError:
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if names.get(child, "").startswith("chrom"):
                found.append(child)
    return found


class FreezeWatchdog:
    """While a browser test runs, kill its browsers (by default every Chromium this process
    launched) if it is still running after `seconds`: a frozen renderer never answers, and
    Playwright's pending call then fails at once instead of hanging until the run's timeout."""

    def __init__(self, seconds: float = FROZEN_AFTER_S, browsers=None):
        self.seconds, self.fired = seconds, False
        self.browsers = browsers
        self._timer = threading.Timer(seconds, self._kill)
        self._timer.daemon = True

    def _kill(self) -> None:
        self.fired = True
        for browser in list(self.browsers if self.browsers is not None else Chromium.live):
            browser.kill()

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()


# The other face of the freeze: the renderer still runs timers but paints no more frames, so every
# Playwright action that waits for an element to be stable times out (30 s) first.
PAINTS = """() => new Promise(done => {
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  setTimeout(() => done(false), 3000);
})"""


def stopped_painting(browser: Chromium) -> list[str]:
    """The pages of `browser` that paint no frame in 3 s (each asked under a watchdog of its own,
    since a page frozen for good answers nothing)."""
    if browser._browser is None or not browser._browser.is_connected():
        return []
    stalled = []
    for context in browser._browser.contexts:
        for page in context.pages:
            with FreezeWatchdog(15, browsers=[browser]) as watchdog:
                try:
                    paints = page.evaluate(PAINTS)
                except Exception:  # killed by the watchdog, or the page is gone
                    paints = page.is_closed() and not watchdog.fired
            if not paints:
                stalled.append(page.url)
            if watchdog.fired:
                return stalled
    return stalled
