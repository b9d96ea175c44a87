"""Charts in the built book: all drawn, and their controls change what is drawn (no kernel)."""
from __future__ import annotations

import os

import pytest

from browser import CHAPTER_PAGES, settle, wait_for_charts
from conftest import BUILD_HTML
from northeast.charts import CHAPTER_CHARTS

# Full-page screenshots of each chapter, saved when COURSE_SCREENSHOTS is set.
SCREENSHOTS = BUILD_HTML.parent / "screenshots"


def drawn(embed) -> str:
    return embed.evaluate("el => el.querySelector('svg.marks, canvas.marks').outerHTML")


def chart_with(page, control_selector: str):
    """The .vega-embed that holds the given bound control."""
    embed = page.locator(".vega-embed", has=page.locator(control_selector))
    assert embed.count() == 1, f"expected one chart with {control_selector}, found {embed.count()}"
    embed.scroll_into_view_if_needed()
    return embed


def changes_after(embed, action) -> str:
    before = drawn(embed)
    action()
    embed.page.wait_for_function(
        "([el, before]) => el.querySelector('svg.marks, canvas.marks').outerHTML !== before",
        arg=[embed.element_handle(), before], timeout=5_000,
    )
    return drawn(embed)


@pytest.fixture()
def chapter(book_pages, request):
    """The chapter's page, shared with the session's other tests (each control test moves its own
    chart's control, so the order of tests doesn't matter)."""
    visit = book_pages.open(CHAPTER_PAGES[request.param])
    wait_for_charts(visit)
    yield visit
    settle(visit)
    assert not visit.problems, "\n".join(visit.problems)


@pytest.mark.parametrize("chapter", list(CHAPTER_PAGES), indirect=True)
def test_every_chart_of_the_chapter_is_drawn(chapter, request):
    key = request.node.callspec.params["chapter"]
    assert wait_for_charts(chapter) == len(CHAPTER_CHARTS[key])
    if os.environ.get("COURSE_SCREENSHOTS"):  # for a person to look at; a full-page shot costs seconds
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        chapter.page.screenshot(path=str(SCREENSHOTS / f"{key}.png"), full_page=True)


@pytest.mark.parametrize("chapter", ["intro"], indirect=True)
def test_currency_radio_switches_to_usd(chapter):
    embed = chart_with(chapter.page, 'input[name="support_currency"]')
    assert "trillion USD" not in drawn(embed)
    after = changes_after(embed, lambda: embed.locator('input[name="support_currency"][value="USD"]').check())
    assert "trillion USD" in after


@pytest.mark.parametrize("chapter", ["one"], indirect=True)
def test_dropdown_switches_top500_metric(chapter):
    embed = chart_with(chapter.page, 'select[name="top500_metric"]')
    after = changes_after(embed, lambda: embed.locator('select[name="top500_metric"]').select_option("rank"))
    assert "Rank" in after


@pytest.mark.parametrize("chapter", ["one"], indirect=True)
def test_slider_moves_fiscal_threshold(chapter):
    embed = chart_with(chapter.page, 'input[name="fiscal_threshold"]')
    slider = embed.locator('input[name="fiscal_threshold"]')
    start = slider.input_value()
    box = slider.bounding_box()

    def drag():  # a real pointer drag, from the thumb's side to the far right of the track
        chapter.page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
        chapter.page.mouse.down()
        chapter.page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=8)
        chapter.page.mouse.up()

    after = changes_after(embed, drag)
    assert slider.input_value() != start
    assert f"at or below {slider.input_value()}%" in after


@pytest.mark.parametrize("chapter", ["one"], indirect=True)
def test_legend_click_highlights_a_province(chapter):
    title = "slid down the per-capita GDP table"
    embed = chapter.page.locator(".vega-embed", has=chapter.page.locator("svg.marks", has_text=title))
    assert embed.count() == 1
    embed.scroll_into_view_if_needed()
    label = embed.locator("g.role-legend-label text", has_text="Jilin")
    assert label.count() == 1
    changes_after(embed, lambda: label.click())


@pytest.mark.parametrize("chapter", ["two"], indirect=True)
def test_what_if_slider_recomputes_pension_ratio(chapter):
    embed = chart_with(chapter.page, 'input[name="retiree_change"]')
    slider = embed.locator('input[name="retiree_change"]')

    def set_to_max():
        slider.focus()
        slider.press("End")

    after = changes_after(embed, set_to_max)
    assert slider.input_value() == slider.get_attribute("max")
    assert after
