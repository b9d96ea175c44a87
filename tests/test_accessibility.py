"""Accessibility, as axe-core (from npm) audits it: every page of the built book, light and dark mode,
with its folded parts (the numbers tables) open. 0 critical and 0 serious violations: every rule in
light mode, then the colour rules again in dark mode.

It audits the session's shared page (tests/browser.py) after every other test of that page, so
the audit sees the page as those tests left it, and then discards it: it unfolds the tables and
switches the colour mode (conftest.py runs it last on its page)."""
from __future__ import annotations

import pytest

from browser import COLOUR_RULES, run_axe, set_color_mode, settle
from test_book import PAGES


@pytest.mark.parametrize("page_name", PAGES)
def test_axe_finds_no_serious_violation_in_light_or_dark_mode(book_pages, page_name):
    visit = book_pages.open(f"{page_name}.html")
    page = visit.page
    try:
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
        book_pages.discard(f"{page_name}.html")
