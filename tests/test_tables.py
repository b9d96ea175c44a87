"""The chapters' numbers tables (northeast.tables): folded, summarised, one row per number."""
from __future__ import annotations

import re

import pytest

from northeast import tables
from northeast.data import FLAG_LABELS, load


@pytest.fixture(scope="module")
def claims():
    return load("claims")


def test_summary_counts_and_names_the_flagged_numbers(claims):
    table = tables.section_numbers("one")
    chosen = claims[claims["section"] == "one"]
    flagged = chosen[chosen["flag"].notna()]
    head, detail = table.summary_parts()
    assert head == f"{len(chosen)} numbers from Section One; {len(flagged)} flagged"
    for flag in flagged["flag"].unique():
        assert f"{FLAG_LABELS[flag]}:" in detail
    assert "Liaoning" in detail and "central transfer payments" in detail


def test_a_section_without_flags_says_so():
    assert tables.section_numbers("four").summary().endswith("; none flagged.")


def test_html_is_folded_with_one_row_per_number_linked_to_the_data_page(claims):
    html = tables.section_numbers("two")._repr_html_()
    assert html.startswith('<details class="course-numbers" id="numbers_two">')
    assert "<details class=\"course-numbers\" id=\"numbers_two\" open" not in html
    chosen = claims[claims["section"] == "two"]
    assert html.count('<tr data-flagged=') == len(chosen)
    links = re.findall(r'<a href="data\.html#([^"]+)">', html)
    assert links == list(chosen["id"])
    widths = [float(w) for w in re.findall(r'<col style="width: ([0-9.]+)%">', html)]
    assert len(widths) == 5 and abs(sum(widths) - 100) < 1


def test_html_is_the_same_on_every_run():
    assert tables.section_numbers("one")._repr_html_() == tables.section_numbers("one")._repr_html_()
    assert tables.flagged_numbers()._repr_html_() == tables.flagged_numbers()._repr_html_()


def test_flagged_table_has_the_corrected_reading_and_what_went_wrong(claims):
    table = tables.flagged_numbers()
    html = table._repr_html_()
    flagged = claims[claims["flag"].notna()]
    assert html.count("<tr data-flagged=\"yes\"") == len(flagged)
    assert "<th scope=\"col\" data-sort-type=\"number\">corrected</th>" in html
    assert "What went wrong: " in html
    assert table.summary().startswith(f"{len(flagged)} numbers flagged by the consistency checks: ")


def test_severity_is_shown_beside_the_flag_and_sorts_major_first(claims):
    """claims.csv's `severity` (major|minor|note, empty when unflagged) in the check column."""
    table = tables.section_numbers("one")
    html = table._repr_html_()
    chosen = claims[(claims["section"] == "one") & claims["severity"].notna()]
    for severity in chosen["severity"].unique():
        assert f'<span class="course-severity" data-severity="{severity}">{severity}</span>' in html
    assert '<th scope="col" data-sort-type="number">check (severity)</th>' in html
    assert 'data-sort="0"><span class="course-flag">unit slip</span> <span class="course-severity" data-severity="major">' in html
    assert "unit slip (major)" in repr(table)


def test_plain_text_form_lists_every_number():
    text = repr(tables.section_numbers("four"))
    assert text.splitlines()[0] == tables.section_numbers("four").summary()
    assert "as printed" in text and "what it measures" in text
