"""Charts in the built book, in a real browser: drawn as the reader scrolls, fitting a phone,
every control changing its chart by mouse and by keyboard, accessible, in light and dark mode.

Each chapter is the session's shared page at each size (tests/browser.py), reused by these tests and
those of other modules (controls are compared before and after each change, so the order of the
tests doesn't matter).
"""
from __future__ import annotations

import os

import pytest

from browser import CHAPTER_PAGES, DESKTOP, PHONE, set_color_mode
from conftest import BUILD_HTML
from northeast.charts import CHAPTER_CHARTS

SCREENSHOTS = BUILD_HTML.parent / "screenshots"
# Full-page screenshots cost seconds each: written when COURSE_SCREENSHOTS is set, for a person to look at.
TAKE_SCREENSHOTS = bool(os.environ.get("COURSE_SCREENSHOTS"))


@pytest.fixture()
def chapter_at(book_pages):
    """chapter_at(key, (width, height)) -> the chapter's shared Visit, scrolled through, charts drawn."""
    return lambda key, size=DESKTOP: book_pages.open(CHAPTER_PAGES[key], size)


def drawn(figure) -> str:
    return figure.evaluate("el => el.querySelector('svg.marks').outerHTML")


def text_alternative(figure) -> str:
    return figure.evaluate("el => el.querySelector('.course-chart-view').getAttribute('aria-label') || ''")


def changes(figure, action, what: str) -> None:
    """``action`` changes both the drawn chart and its text alternative."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before, words = drawn(figure), text_alternative(figure)
    action()
    try:
        figure.page.wait_for_function(
            "([el, before]) => el.querySelector('svg.marks').outerHTML !== before",
            arg=[figure.element_handle(), before], timeout=5_000,
        )
    except PlaywrightTimeout:
        pytest.fail(f"{what}: the chart did not change")
    assert text_alternative(figure) != words, f"{what}: the chart's text alternative didn't follow the change"
    # A control that filters every item out of a layer must not leave a graphic without a name.
    unnamed = figure.evaluate(UNNAMED_GRAPHICS)
    assert not unnamed, f"{what}: graphics a screen reader would announce without a name: {unnamed}"


UNNAMED_GRAPHICS = """el => [...el.querySelectorAll('svg.marks [role="graphics-symbol"], svg.marks [role="img"]')]
  .filter(g => !g.closest('[aria-hidden="true"]') && !g.getAttribute('aria-label'))
  .map(g => g.getAttribute('aria-roledescription') || g.tagName)"""


def assert_no_problems(visit) -> None:
    assert not visit.problems, "\n".join(visit.problems)


# --------------------------------------------------------------------------- drawn, lazily
@pytest.mark.parametrize("key", list(CHAPTER_PAGES))
def test_every_chart_is_drawn_after_a_scroll_through(chapter_at, key):
    visit = chapter_at(key)
    page = visit.page
    assert page.locator("figure.course-chart").count() == len(CHAPTER_CHARTS[key])
    assert page.locator("figure.course-chart.course-chart-drawn").count() == len(CHAPTER_CHARTS[key])
    # Drawn lazily: the page itself loads no Vega until a chart nears the viewport.
    assert page.locator("head script[src*='vega-runtime']").count() == 1
    assert page.locator("script[src*='vega-bundle']").count() == 0
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{key}-{DESKTOP[0]}.png"), full_page=True)
    assert_no_problems(visit)


def test_no_vega_before_a_chart_nears_the_viewport(book_pages):
    """A chapter opened at its top fetches the Vega runtime only when its first chart comes near."""
    visit = book_pages.fresh(CHAPTER_PAGES["one"], width=PHONE[0], height=PHONE[1])
    try:
        page = visit.page
        first = page.locator("figure.course-chart").first
        top = first.evaluate("el => el.getBoundingClientRect().top")
        if top < 2 * PHONE[1]:
            pytest.skip("the first chart is within a screen of the top: it is drawn at once, as it should be")
        assert not any("vega-runtime" in url for url in visit.bytes_by_url)
        first.scroll_into_view_if_needed()
        page.wait_for_selector("figure.course-chart svg.marks", timeout=10_000)
        assert any("vega-runtime" in url for url in visit.bytes_by_url)
        assert_no_problems(visit)
    finally:
        visit.close()


# --------------------------------------------------------------------------- fits a phone
FIT = """() => {
  const width = innerWidth, bad = [];
  document.querySelectorAll('figure.course-chart').forEach(f => {
    const svg = f.querySelector('svg.marks'), box = svg.getBoundingClientRect();
    const natural = +svg.getAttribute('width'), inner = svg.getBBox();
    const view = f.querySelector('.course-chart-view');
    const reserved = parseFloat(view.dataset.reservedHeight || view.style.minHeight);  // until a control moves
    const name = f.querySelector('.course-chart-title').textContent.slice(0, 50);
    if (box.left < -0.5 || box.right > width + 0.5) bad.push(`${name}: spans ${box.left}-${box.right}px`);
    if (Math.abs(box.width - natural) > 1) bad.push(`${name}: drawn ${natural}px wide, shrunk to ${box.width}px`);
    if (inner.x < -2 || inner.x + inner.width > natural + 2)
      bad.push(`${name}: content ${inner.x}..${inner.x + inner.width} clipped by its ${natural}px`);
    // The build measures heights with its own fonts; a reader's may differ by a few pixels.
    if (Math.abs(box.height - reserved) > 8) bad.push(`${name}: placeholder ${reserved}px, chart ${box.height}px`);
  });
  return {page: document.documentElement.scrollWidth, bad};
}"""


@pytest.mark.parametrize("key", list(CHAPTER_PAGES))
def test_charts_fit_a_phone(chapter_at, key):
    visit = chapter_at(key, PHONE)
    result = visit.page.evaluate(FIT)
    assert result["page"] <= PHONE[0], f"the page scrolls sideways: {result['page']}px wide"
    assert not result["bad"], "\n".join(result["bad"])
    if TAKE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SCREENSHOTS / f"{key}-{PHONE[0]}.png"), full_page=True)
    assert_no_problems(visit)


# Counts the course's layouts of the page's charts in `window.courseLayouts`: each sets the view's
# padding (tests/browser.py's scripts and Vega itself never do, once a chart is drawn).
COUNT_LAYOUTS = """() => {
  if (!window.coursePadding) {
    window.coursePadding = vega.View.prototype.padding;
    vega.View.prototype.padding = function (...args) {
      if (args.length) window.courseLayouts += 1;
      return window.coursePadding.apply(this, args);
    };
  }
  window.courseLayouts = 0;
}"""
UNCOUNT_LAYOUTS = "() => { vega.View.prototype.padding = window.coursePadding; delete window.coursePadding; }"
OVERFLOWING = """() => [...document.querySelectorAll('figure.course-chart svg.marks')]
  .filter(svg => svg.getBoundingClientRect().right > innerWidth + 0.5).length"""


@pytest.mark.book_page("one")
def test_charts_follow_their_width_not_the_window_height(chapter_at):
    """A phone's browser resizes its window as the toolbar hides and shows while the reader
    scrolls: the charts are not laid out again for that (six charts redrawn mid-scroll), only when
    their width changes (a phone turned, a window narrowed), and then they fit the new width."""
    page = chapter_at("one", PHONE).page
    page.evaluate(COUNT_LAYOUTS)
    try:
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1] - 60})
        page.wait_for_timeout(400)  # the charts lay out 150 ms after the last resize
        assert page.evaluate("() => window.courseLayouts") == 0, "charts laid out again for a change of height"
        page.set_viewport_size({"width": 340, "height": PHONE[1]})
        page.wait_for_function("() => window.courseLayouts > 0", timeout=5_000)
        page.wait_for_function(f"() => ({OVERFLOWING})() === 0", timeout=5_000)
    finally:
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        page.evaluate("() => { window.courseLayouts = 0; }")
        page.wait_for_function("() => window.courseLayouts > 0", timeout=5_000)  # back to the phone's width
        page.evaluate(UNCOUNT_LAYOUTS)


# --------------------------------------------------------------------------- every control
def controls_of(page):
    """(figure index, signal, input type) of every control on the page."""
    return page.evaluate("""() => {
      const out = [];
      document.querySelectorAll('figure.course-chart').forEach((f, i) => {
        const seen = new Set();
        f.querySelectorAll('[data-signal]').forEach(el => {
          if (seen.has(el.dataset.signal)) return;
          seen.add(el.dataset.signal);
          out.push([i, el.dataset.signal, el.tagName === 'SELECT' ? 'select' : el.type]);
        });
      });
      return out;
    }""")


def by_mouse(page, figure, signal: str, kind: str) -> None:
    control = figure.locator(f'[data-signal="{signal}"]')
    if kind == "radio":
        label = figure.locator(f'label:has(input[data-signal="{signal}"]:not(:checked))').first
        label.scroll_into_view_if_needed()
        label.click()
    elif kind == "select":
        options = control.evaluate("el => [...el.options].map(o => o.value)")
        current = control.input_value()
        control.select_option(next(o for o in options if o != current))  # what a click on an option does
    elif kind == "range":
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        at_max = control.evaluate("el => +el.value >= +el.max")
        start, end = (box["x"] + box["width"] - 2, box["x"] + 2) if at_max else (box["x"] + 2,
                                                                               box["x"] + box["width"] - 2)
        middle = box["y"] + box["height"] / 2
        page.mouse.move(start, middle)
        page.mouse.down()
        page.mouse.move(end, middle, steps=8)
        page.mouse.up()
    else:
        raise AssertionError(f"no mouse path for a {kind} control")


def by_keyboard(page, figure, signal: str, kind: str) -> None:
    if kind == "radio":
        checked = figure.locator(f'input[data-signal="{signal}"]:checked')
        checked.focus()
        last = checked.evaluate("el => !el.closest('label').nextElementSibling")
        page.keyboard.press("ArrowLeft" if last else "ArrowRight")
    elif kind == "select":
        control = figure.locator(f'[data-signal="{signal}"]')
        control.focus()
        last = control.evaluate("el => el.selectedIndex === el.options.length - 1")
        page.keyboard.press("ArrowUp" if last else "ArrowDown")
    elif kind == "range":
        control = figure.locator(f'[data-signal="{signal}"]')
        control.focus()
        page.keyboard.press("Home" if control.evaluate("el => +el.value >= +el.max") else "End")
    else:
        raise AssertionError(f"no keyboard path for a {kind} control")


@pytest.mark.parametrize("key", [k for k in CHAPTER_PAGES])
def test_every_control_changes_its_chart_by_mouse_and_by_keyboard(chapter_at, key):
    visit = chapter_at(key)
    page = visit.page
    controls = controls_of(page)
    for index, signal, kind in controls:
        figure = page.locator("figure.course-chart").nth(index)
        figure.scroll_into_view_if_needed()
        changes(figure, lambda: by_mouse(page, figure, signal, kind), f"{signal} by mouse")
        changes(figure, lambda: by_keyboard(page, figure, signal, kind), f"{signal} by keyboard")
    assert_no_problems(visit)


def test_the_book_s_charts_have_controls(built_book):
    """The charts' promised controls are in the pages (the chart-spec tests name them); the test above
    works each of them in the browser. Read from the built pages: the controls are in the HTML."""
    from bs4 import BeautifulSoup

    counts = {}
    for key, page in CHAPTER_PAGES.items():
        soup = BeautifulSoup((built_book / page).read_text(encoding="utf-8"), "html.parser")
        counts[key] = sum(len({el["data-signal"] for el in figure.select("[data-signal]")})
                          for figure in soup.select("figure.course-chart"))
    assert sum(counts.values()) >= 18, counts


# --------------------------------------------------------------------------- what a control shows
@pytest.mark.book_page("intro")
def test_currency_radio_switches_to_usd(chapter_at):
    page = chapter_at("intro").page
    figure = page.locator("figure.course-chart", has=page.locator('input[name="support_currency"]'))
    figure.locator('input[name="support_currency"]').first.check()
    page.wait_for_function("el => !el.querySelector('svg.marks').textContent.includes('trillion USD')",
                           arg=figure.element_handle())
    changes(figure, lambda: figure.locator('input[name="support_currency"][value=\'"USD"\']').check(), "currency")
    assert "trillion USD" in drawn(figure)


@pytest.mark.book_page("one")
def test_dropdown_switches_top500_metric(chapter_at):
    page = chapter_at("one").page
    figure = page.locator("figure.course-chart", has=page.locator('select[name="top500_metric"]'))
    select = figure.locator('select[name="top500_metric"]')
    select.select_option('"count"')
    page.wait_for_function("el => !el.querySelector('svg.marks').textContent.includes('Rank of')",
                           arg=figure.element_handle())
    changes(figure, lambda: select.select_option('"rank"'), "top500 metric")
    assert "Rank" in drawn(figure)


@pytest.mark.book_page("one")
def test_slider_moves_fiscal_threshold(chapter_at):
    page = chapter_at("one").page
    figure = page.locator("figure.course-chart", has=page.locator('input[name="fiscal_threshold"]'))
    slider = figure.locator('input[name="fiscal_threshold"]')
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_function("el => el.querySelector('svg.marks').textContent.includes('at or below 10%')",
                           arg=figure.element_handle())
    changes(figure, lambda: page.keyboard.press("End"), "fiscal threshold")
    assert f"at or below {slider.input_value()}%" in drawn(figure)
    assert figure.locator("output").text_content() == slider.input_value()


@pytest.mark.book_page("numbers")
def test_a_filter_that_leaves_one_row_shrinks_its_chart(chapter_at):
    """ch6's flags chart filtered to a kind with one number: no screen of blank space below it."""
    page = chapter_at("numbers", PHONE).page
    figure = page.locator("figure.course-chart", has=page.locator('select[name="flag_kind"]'))
    select = figure.locator('select[name="flag_kind"]')
    full = figure.evaluate(VIEW_HEIGHT)
    try:
        for value in select.evaluate("el => [...el.options].map(o => o.value)")[1:]:  # after "all"
            changes(figure, lambda: select.select_option(value), f"flag kind {value}")
            if figure.evaluate(VIEW_HEIGHT)["rows"] == 1:
                break
        else:
            pytest.fail("no kind of flag has a single number")
        shrunk = figure.evaluate(VIEW_HEIGHT)
        assert shrunk["view"] <= shrunk["svg"] + 8, f"{value}: {shrunk['view'] - shrunk['svg']:.0f} px blank under the chart"
        assert shrunk["view"] < full["view"] / 2, (full, shrunk)
    finally:
        select.select_option('"all"')


VIEW_HEIGHT = """el => ({view: el.querySelector('.course-chart-view').getBoundingClientRect().height,
                     svg: el.querySelector('svg.marks').getBoundingClientRect().height,
                     rows: el.querySelectorAll('svg.marks .layer_1_marks path').length})"""


@pytest.mark.book_page("four")
def test_timeline_section_shows_only_its_events(chapter_at):
    """ch5: choosing a section fades every other section's dots *and* bars (it used to do nothing)."""
    page = chapter_at("four").page
    figure = page.locator("figure.course-chart", has=page.locator('input[name="timeline_section"]'))
    figure.locator('input[name="timeline_section"]').first.check()
    changes(figure, lambda: figure.locator('input[name="timeline_section"]').nth(1).check(), "timeline section")
    faded = figure.evaluate("""el => {
      const marks = [...el.querySelectorAll('svg.marks .mark-symbol path, svg.marks .mark-rect path')];
      return {all: marks.length, faded: marks.filter(m => +(m.getAttribute('opacity') ?? 1) < 0.5).length};
    }""")
    assert 0 < faded["faded"] < faded["all"], faded


# --------------------------------------------------------------------------- dark mode and accessibility
LABEL_COLOUR = """el => getComputedStyle(el.querySelector('svg.marks .role-axis-label text')).fill"""


def brightness(css_colour: str) -> float:
    r, g, b = (int(v) for v in css_colour[css_colour.index("(") + 1:css_colour.index(")")].split(",")[:3])
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


@pytest.mark.parametrize("key", ["one", "numbers"])
def test_charts_follow_dark_mode(chapter_at, key):
    page = chapter_at(key).page
    figure = page.locator("figure.course-chart").first
    try:
        set_color_mode(page, "dark")
        assert brightness(figure.evaluate(LABEL_COLOUR)) > 0.7, "axis labels stay dark on the dark page"
        assert figure.evaluate("el => !el.querySelector('svg.marks rect.background, svg.marks > rect')"), \
            "the chart paints its own background"
        set_color_mode(page, "light")
        assert brightness(figure.evaluate(LABEL_COLOUR)) < 0.3
    finally:
        set_color_mode(page, "light")
