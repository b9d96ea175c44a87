"""Accessibility, as axe-core (from npm) audits it: every page of the built book, light and dark mode,
with its folded parts (the numbers tables) open. 0 critical and 0 serious violations: every rule in
light mode, then the colour rules again in dark mode.

A module of its own so that `make test`'s workers can run it beside the other browser tests; each
page gets a load of its own here (it unfolds tables and switches the colour mode)."""
from __future__ import annotations

import pytest

from browser import COLOUR_RULES, open_page, run_axe, set_color_mode, settle, wait_for_charts
from test_book import PAGES

DESKTOP = {"width": 1280, "height": 1000}


@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_serious_violation_in_light_or_dark_mode(book_server, browser, page_name):
    visit = open_page(browser, f"{book_server}/{page_name}.html", **DESKTOP)
    page = visit.page
    try:
        wait_for_charts(visit)
        # Check the folded parts too: open the numbers tables (their rows and disclosures).
        page.evaluate("() => document.querySelectorAll('details.course-numbers').forEach(d => d.open = true)")
        found = {}
        for mode, rules in (("light", None), ("dark", COLOUR_RULES)):
            set_color_mode(page, mode)
            found[mode] = run_axe(page, rules)
        report = [f"{mode}: {v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['help']}; e.g. {v['nodes'][:2]}"
                  for mode, violations in found.items() for v in violations]
        assert not report, f"{page_name}:\n" + "\n".join(report)
        settle(visit)
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        page.context.close()
