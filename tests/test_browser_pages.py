"""Reading the built book as a student would, in Chromium: on a laptop (1280×1000) and a phone
(390×844), by keyboard, in light and dark mode.

Each chapter is the session's shared page at each width (tests/browser.py), so the checks cost
one page load each, not one per check.
"""
from __future__ import annotations

import pytest

from browser import CHAPTER_PAGES, DESKTOP, PHONE, open_page, settle, wait_for_charts
from conftest import BUILD_HTML
from test_book import PAGES

SCREENSHOTS = BUILD_HTML.parent / "screenshots"
# What "fits" means on this page: what a reader sees before the numbers and between the
# reading guide and the first chart.
COLLAPSED_NUMBERS_MAX_PX = 1_000
GUIDE_TO_FIRST_CHART_MAX_PX = 1_500


@pytest.fixture()
def opened(book_pages):
    """opened(chapter key, (width, height)) -> the chapter's shared Visit, charts drawn."""
    return lambda key, size: book_pages.open(CHAPTER_PAGES[key], size)


def size(viewport: tuple[int, int]) -> dict:
    return {"width": viewport[0], "height": viewport[1]}


def _box(page, selector: str) -> dict:
    box = page.evaluate(
        """(sel) => { const el = document.querySelector(sel); if (!el) return null;
                      const r = el.getBoundingClientRect();
                      return {top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height}; }""",
        selector,
    )
    assert box is not None, f"nothing matches {selector}"
    return box


@pytest.mark.parametrize("key", list(CHAPTER_PAGES))
def test_numbers_are_folded_and_charts_follow_the_reading_guide(opened, key):
    page = opened(key, DESKTOP).page
    tables = page.locator("section#the-numbers details.course-numbers")
    assert tables.count() >= 1, "every chapter has its numbers"
    for numbers in tables.all():
        assert numbers.get_attribute("open") is None, "numbers tables start folded"
    summary = tables.first.locator("> summary").inner_text()
    assert "number" in summary and "flagged" in summary, summary
    assert _box(page, "section#the-numbers")["height"] < COLLAPSED_NUMBERS_MAX_PX
    guide_end = _box(page, "section#reading-guide")["bottom"]
    first_chart = _box(page, "section#charts .cell_output")["top"]
    assert 0 <= first_chart - guide_end <= GUIDE_TO_FIRST_CHART_MAX_PX, (guide_end, first_chart)


@pytest.fixture()
def fresh_chapter(book_server, browser):
    """A page of its own, for tests that change it (open, sort, focus) while others look at it."""
    visit = open_page(browser, f"{book_server}/{CHAPTER_PAGES['one']}", **size(DESKTOP))
    yield visit
    settle(visit)
    problems = visit.problems
    visit.page.context.close()
    assert not problems, "\n".join(problems)


def test_open_numbers_table_fits_the_column_and_filters_and_sorts(fresh_chapter):
    page = fresh_chapter.page
    numbers = page.locator("details.course-numbers")
    numbers.locator("> summary").click()
    table = numbers.locator("table.course-numbers")
    fit = page.evaluate(
        """() => { const t = document.querySelector('table.course-numbers');
                   const column = t.closest('article').getBoundingClientRect();
                   const rows = [...t.tBodies[0].rows].map(r => r.getBoundingClientRect().height).sort((a, b) => a - b);
                   const line = parseFloat(getComputedStyle(t.tBodies[0].rows[0].cells[0]).lineHeight);
                   return {right: t.getBoundingClientRect().right, column: column.right,
                           scroll: t.scrollWidth - t.clientWidth, median: rows[rows.length >> 1], line}; }"""
    )
    assert fit["right"] <= fit["column"] + 1 and fit["scroll"] <= 1, fit
    # One line per number for most rows (the median row is one line of text plus padding).
    assert fit["median"] < 2 * fit["line"], fit

    rows = table.locator("tbody tr")
    total = rows.count()
    box = numbers.get_by_label("Filter the numbers")
    box.fill("Heilongjiang")
    shown = table.locator("tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    # A row matches on anything it holds, the folded quote and id included.
    assert all("heilongjiang" in t.lower() for t in shown.evaluate_all("rows => rows.map(r => r.textContent)"))
    box.fill("")
    assert table.locator("tbody tr:not([hidden])").count() == total

    # Sorting by year, by keyboard: Enter on the column's button, then again for descending.
    when = table.locator("th", has_text="when")
    when.locator("button").focus()
    page.keyboard.press("Enter")
    assert when.get_attribute("aria-sort") == "ascending"
    years = [float(y) for y in table.locator("tbody tr td:nth-child(4)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)") if y]
    assert len(years) > 10 and years == sorted(years)
    page.keyboard.press("Enter")
    assert when.get_attribute("aria-sort") == "descending"

    # The quote and the id on demand, linked to the number's row on the data page.
    first = table.locator("tbody tr").first.locator("td.course-numbers-what details")
    first.locator("summary").click()
    link = first.locator("a[href^='data.html#']")
    assert link.is_visible() and link.inner_text() in link.get_attribute("href")


@pytest.mark.parametrize("key", list(CHAPTER_PAGES))
def test_phone_page_is_no_wider_than_the_screen(opened, key):
    page = opened(key, PHONE).page
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('article *')].filter(el => el.getBoundingClientRect().right > innerWidth + 1
                   && !el.closest('pre, .highlight, .vega-embed')).slice(0, 5).map(el => el.tagName + '.' + el.className)"""
    )
    assert width[0] <= width[1], f"{key}: document {width[0]} px wide in a {width[1]} px screen; too wide: {wide}"


TEXT_PAGES = [name for name in PAGES if f"{name}.html" not in CHAPTER_PAGES.values()]


@pytest.mark.parametrize("page_name", TEXT_PAGES)
def test_text_page_is_no_wider_than_a_phone(book_pages, page_name):
    """The pages without charts too (the intro's inline code once widened it to 431 px)."""
    visit = book_pages.open(f"{page_name}.html", PHONE)
    width = visit.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page_name}: document {width[0]} px wide in a {width[1]} px screen"


@pytest.mark.parametrize("key", list(CHAPTER_PAGES))
def test_screenshots_of_every_chapter_at_both_widths(opened, key):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (DESKTOP, PHONE):
        # JPEG: a chapter is ~18,000 px tall, and encoding it as PNG takes twice as long.
        path = SCREENSHOTS / f"{key}-{viewport[0]}.jpg"
        page = opened(key, viewport).page
        # A shared page is where earlier tests left it: from the top, as a reader arrives (the sticky
        # header and sidebar are drawn where the page is scrolled to), with nothing focused.
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
        page.screenshot(path=str(path), full_page=True, type="jpeg", quality=80)
        assert path.stat().st_size > 10_000, f"{path} looks empty"


@pytest.mark.book_page("one")
def test_chart_captions_fold_their_ids_and_link_to_the_data_page(opened, built_book):
    page = opened("one", DESKTOP).page
    disclosure = page.locator("details.chart-data").first
    summary = disclosure.locator("summary").inner_text()
    assert summary.startswith("Data: ") and summary.endswith(" numbers")
    assert not disclosure.locator("a").first.is_visible(), "ids stay folded until asked for"
    disclosure.locator("summary").click()
    link = disclosure.locator("a").first
    target = link.get_attribute("href").split("#", 1)[1]
    data_page = (built_book / "book" / "data.html").read_text(encoding="utf-8")
    assert f'id="{target}"' in data_page


def test_header_buttons_show_a_focus_ring(fresh_chapter):
    """Tab through the page header: every control it reaches is outlined while focused."""
    page = fresh_chapter.page
    seen = {}
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const el = document.activeElement; if (!el.closest('.bd-header-article')) return null;
                       const s = getComputedStyle(el);
                       return {name: el.getAttribute('aria-label') || el.title || el.textContent.trim(),
                               ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""
        )
        if focused:
            seen[focused["name"]] = focused["ring"]
    assert len(seen) >= 4, f"expected the sidebar, launch, download and colour buttons; reached {list(seen)}"
    assert all(seen.values()), f"no focus ring on: {[name for name, ring in seen.items() if not ring]}"


def test_a_chapter_prints_on_a4_without_controls(book_server, browser):
    """The print stylesheet: no sliders, radios, menus or buttons on paper, and nothing (tables
    included) wider than an A4 page's text column."""
    a4_text_px = round((210 - 2 * 14) / 25.4 * 96)  # A4 less the stylesheet's side margins, at 96 px/inch
    visit = open_page(browser, f"{book_server}/{CHAPTER_PAGES['one']}", width=a4_text_px, height=1100)
    page = visit.page
    try:
        wait_for_charts(visit)
        page.emulate_media(media="print")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert page.locator("details.course-numbers").get_attribute("open") is not None, "numbers unfold on paper"
        controls = "input, select, button:not(.course-numbers-sort), .vega-embed > details, details.above-input > summary"
        shown = page.locator(controls).evaluate_all(
            "els => els.filter(el => el.getClientRects().length > 0).map(el => el.outerHTML.slice(0, 80))")
        assert not shown, f"controls printed: {shown[:5]}"
        overflow = page.evaluate(
            """(limit) => [...document.querySelectorAll('article table, article .vega-embed, article p')]
                 .filter(el => el.getBoundingClientRect().right > limit + 1).map(el => el.tagName + '.' + el.className)""",
            a4_text_px,
        )
        assert not overflow, f"wider than the A4 column: {overflow[:5]}"
    finally:
        page.context.close()


# Where the reader's eye lands first, and the page's frame around it.
FIRST_SCREEN = ("main h1", "main article p", "#pst-primary-sidebar", ".bd-header-article", ".bd-article-container")
# Box and look of each; the height only of what ends on the first screen (further down, scripts
# build the quizzes and draw the charts, so the article's full height is theirs to change).
LAYOUT_OF = """(selectors) => selectors.map(sel => { const el = document.querySelector(sel); if (!el) return [sel, null];
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return [sel, [Math.round(r.x), Math.round(r.y), Math.round(r.width), r.bottom <= innerHeight ? Math.round(r.height) : "below",
                  s.display, s.fontFamily, s.fontSize, s.lineHeight, s.color]]; })"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("page_name", ["book/intro", CHAPTER_PAGES["one"].removesuffix(".html"), "book/glossary"])
def test_first_screen_is_laid_out_before_any_script_runs(book_server, browser, book_pages, page_name, viewport):
    """The stylesheets alone lay the first screen out as the reader finally sees it: loaded with
    JavaScript off, the title, the first paragraph, the sidebar and the header sit where, and look
    as, they do once every (deferred) script has run and the charts are drawn (the page's shared
    visit, back at its top). So no script is needed to style the page, and none moves what the
    first paint showed."""
    layouts = {}
    context = browser.new_context(viewport=size(viewport), java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{book_server}/{page_name}.html", wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        layouts[False] = dict(page.evaluate(LAYOUT_OF, list(FIRST_SCREEN)))
    finally:
        context.close()
    page = book_pages.open(f"{page_name}.html", viewport).page
    page.mouse.move(0, 0)  # as a reader arrives: no pointer over the header, nothing focused, at the top
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    layouts[True] = dict(page.evaluate(LAYOUT_OF, list(FIRST_SCREEN)))
    assert layouts[False]["main h1"] is not None
    moved = {sel: (layouts[False][sel], layouts[True][sel]) for sel in FIRST_SCREEN if layouts[False][sel] != layouts[True][sel]}
    assert not moved, f"{page_name}: without scripts vs with them: {moved}"


def test_search_page_finds_a_word_of_the_book(book_server, browser):
    """The header's search box sends readers to search.html, which must list the pages with the word."""
    visit = open_page(browser, f"{book_server}/search.html?q=transfers", **size(DESKTOP))
    page = visit.page
    try:
        page.wait_for_selector("#search-results li a", timeout=15_000)
        hrefs = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any("ch2_support_and_results" in href for href in hrefs), hrefs
        settle(visit)
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        page.context.close()


def test_a_frozen_browser_fails_its_test_at_once_and_comes_back(browser):
    """The watchdog (tests/browser.py): a page that stops answering gets its browser killed, so the
    pending call fails instead of hanging; the next use launches the browser again."""
    from playwright.sync_api import Error as PlaywrightError

    from browser import Chromium, FreezeWatchdog

    own = Chromium(browser.playwright, browser.path, browser.args)  # not the session's: this one is killed
    try:
        page = own.new_context().new_page()
        page.set_content("<p>before</p>")
        launched = own.generation
        with FreezeWatchdog(2, browsers=[own]) as watchdog, pytest.raises(PlaywrightError):
            page.evaluate("() => { for (;;) {} }")  # a renderer that never answers again
        assert watchdog.fired
        again = own.new_context().new_page()
        again.set_content("<p>after</p>")
        assert again.inner_text("p") == "after" and own.generation == launched + 1
    finally:
        own.close()


def test_a_page_frozen_mid_scroll_gets_its_browser_killed_at_once(browser, monkeypatch):
    """Where the freeze struck in full runs: a scroll-through still going after
    SCROLL_FROZEN_AFTER_S kills its browser, not after the test's whole FROZEN_AFTER_S, and says
    so as BrowserFroze (the error a test is run again for)."""
    import time

    import browser as browsers
    from browser import BrowserFroze, Chromium, open_page, scroll_through

    monkeypatch.setattr(browsers, "SCROLL_FROZEN_AFTER_S", 2)
    own = Chromium(browser.playwright, browser.path, browser.args)
    try:
        # The first scroll of the page never returns: its renderer answers nothing from then on.
        visit = open_page(own, "data:text/html,<div style='height:9000px'></div>"
                               "<script>addEventListener('scroll', () => { for (;;) {} })</script>")
        launched, start = own.generation, time.monotonic()
        with pytest.raises(BrowserFroze, match="while scrolling"):
            scroll_through(visit)
        assert time.monotonic() - start < browsers.FROZEN_AFTER_S / 2
        again = own.new_context().new_page()
        again.set_content("<p>after</p>")
        assert again.inner_text("p") == "after" and own.generation == launched + 1
    finally:
        own.close()


def test_a_page_that_paints_no_more_frames_is_found(browser):
    """The freeze's first stage (tests/browser.py): timers run, frames don't; a failing test then
    gets its browser killed and runs again instead of failing on a page that can't be drawn."""
    from browser import Chromium, stopped_painting

    own = Chromium(browser.playwright, browser.path, browser.args)
    try:
        page = own.new_context().new_page()
        page.set_content("<p>drawn</p>")
        assert stopped_painting(own) == []
        page.evaluate("() => { window.requestAnimationFrame = () => 0; }")  # as if no frame came again
        assert stopped_painting(own) == [page.url]
    finally:
        own.close()
