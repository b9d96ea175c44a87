"""Open a page of the built book in Chromium and record what a user would notice."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from northeast.bench import SCROLL_THROUGH, wait_until_quiet

CHART_TIMEOUT_MS = 20_000
# Chapter key (as in exercises.banks and northeast.charts.CHAPTER_CHARTS) -> built page.
CHAPTER_PAGES = {
    "intro": "book/ch1_introduction.html",
    "one": "book/ch2_support_and_results.html",
    "two": "book/ch3_causes.html",
    "three": "book/ch4_northeast_asia.html",
    "four": "book/ch5_lessons.html",
    "numbers": "book/ch6_reading_numbers.html",
}


@dataclass
class Visit:
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bytes_by_url: dict[str, int] = field(default_factory=dict)

    @property
    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request to another host: {u}" for u in self.foreign_requests]
            + [f"failed request: {u}" for u in self.failed_requests]
        )


def open_page(browser, url: str, *, width: int = 1280, height: int = 900) -> Visit:
    """Navigate to url; every request leaving 127.0.0.1 is recorded and aborted."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visit = Visit(page=page)
    page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: visit.failed_requests.append(req.url))

    def route(route_obj):
        host = urlparse(route_obj.request.url).hostname
        if route_obj.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route_obj.continue_()
        else:
            visit.foreign_requests.append(route_obj.request.url)
            route_obj.abort()

    page.route("**/*", route)

    def on_finished(req):
        try:
            sizes = req.sizes()
            visit.bytes_by_url[req.url] = sizes["responseBodySize"]
        except Exception:  # the page may be gone; sizes are only used for reporting
            pass

    page.on("requestfinished", on_finished)
    page.goto(url, wait_until="load")
    return visit


def settle(visit: Visit) -> None:
    """Wait until the page has stopped fetching (fonts, late scripts)."""
    wait_until_quiet(visit.page, visit.bytes_by_url)


def scroll_through(visit: Visit) -> None:
    """Scroll from the top to the bottom one screen per frame, as a reader skimming the page;
    charts are drawn as they near the viewport. Ends back at the top."""
    visit.page.evaluate("() => window.scrollTo(0, 0)")
    visit.page.evaluate(SCROLL_THROUGH)
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
