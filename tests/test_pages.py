"""The built book's text pages: generated from data/ without pandas, light, described, anchored."""
from __future__ import annotations

import csv
import subprocess
import sys

from bs4 import BeautifulSoup

from conftest import ROOT
from test_book import PAGES

ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"


def _soup(built_book, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_its_own_meta_description(built_book):
    descriptions = {}
    for page in PAGES:
        meta = _soup(built_book, page).find_all("meta", attrs={"name": "description"})
        assert len(meta) == 1, f"{page}: {len(meta)} meta descriptions"
        text = meta[0]["content"]
        assert 50 <= len(text) <= 160, f"{page}: {text!r}"
        descriptions[page] = text
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"


def test_data_page_has_a_row_per_claim_anchored_by_its_id(built_book):
    with (ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    rows = _soup(built_book, "book/data").select("table.course-claims tbody tr")
    assert sorted(row.get("id") for row in rows) == sorted(ids)


def test_glossary_lists_every_term(built_book):
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        terms = [row["term_en"] for row in csv.DictReader(handle)]
    shown = [dt.get_text(" ", strip=True).rstrip("#").strip() for dt in _soup(built_book, "book/glossary").select("dl.glossary dt")]
    plain = str.maketrans("", "", "\"'“”‘’")  # Sphinx curls the quotes
    assert sorted(t.translate(plain) for t in shown) == sorted(t.translate(plain) for t in terms)


def test_reference_pages_are_built_without_pandas():
    """The directives read the CSVs with the standard library (a clean build is faster without
    pandas and Frictionless); importing the extensions must not pull pandas in."""
    code = ("import sys; sys.path.insert(0, '_ext'); import course_pages, course_icons, northeast.labels; "
            "assert 'pandas' not in sys.modules and 'frictionless' not in sys.modules, 'heavy import'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_only_the_icons_in_use_are_shipped(built_book):
    font = built_book / ICON_FONT
    assert font.stat().st_size < 20_000, f"{font.name} is {font.stat().st_size} bytes: not subset"
    css = (built_book / THEME_CSS).read_text(encoding="utf-8")
    assert ".fa-bars:before" in css and ".fa-rocket:before" in css  # used in the header
    assert ".fa-otter:before" not in css  # used nowhere


# Plain scripts a page's head may hold, and why. documentation_options.js: 0.5 KB of settings that
# inline scripts right after it extend. On pages with saved widget state, the AMD stack: require.js
# and the widget manager, with clipboard.min.js ahead of them (run after require.js, a UMD bundle's
# anonymous define() breaks it).
HEAD_SCRIPTS_RUN_AT_ONCE = ("documentation_options.js",)
AMD_STACK = ("clipboard.min.js", "requirejs/require.js", "requirejs/config.js", "html-manager/embed-amd.js")


def test_nothing_in_the_head_holds_up_the_first_paint_but_stylesheets(built_book):
    """Every script file in <head> is deferred (it runs once the page is parsed), and every
    stylesheet the browser needs for the first paint is linked from the page itself, none found
    only inside another stylesheet (an @import costs a round trip more)."""
    for page in PAGES:
        head = _soup(built_book, page).head
        amd = any(s.get("src", "").split("?")[0].endswith("require.js") for s in head.find_all("script"))
        allowed = HEAD_SCRIPTS_RUN_AT_ONCE + (AMD_STACK if amd else ())
        blocking = [s["src"] for s in head.find_all("script", src=True)
                    if not (s.has_attr("defer") or s.has_attr("async")) and not s["src"].split("?")[0].endswith(allowed)]
        assert not blocking, f"{page}: scripts that block parsing: {blocking}"
        assert not head.find_all("link", rel="preload"), f"{page}: preloads compete with the stylesheets"
        for link in head.find_all("link", rel="stylesheet"):
            css = (built_book / page).parent / link["href"].split("?")[0]
            assert "@import" not in css.read_text(encoding="utf-8"), f"{page}: {link['href']} imports another stylesheet"


def test_pages_without_code_load_no_syntax_colours(built_book):
    for page in PAGES:
        html = (built_book / f"{page}.html").read_text(encoding="utf-8")
        assert ("pygments.css" in html) == ('class="highlight' in html), page


def _theme_css_module():
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        return importlib.import_module("course_theme_css")
    finally:
        sys.path.remove(str(ROOT / "_ext"))


def test_theme_rules_go_only_when_no_selector_can_match():
    css = (".used{a:1}.unused{b:2}.used:not(.unused){c:3}.unused,.used .child{d:4}h1{e:5}"
           "@media (min-width:1px){.unused{f:6}}@media print{.used{g:7}}.bs-tooltip-auto{h:8}"
           ".used:is(.unused){i:9}.unused>.used{j:10}@font-face{font-family:x}")
    trimmed, dropped = _theme_css_module().trim_stylesheet(css, {"used", "child"})
    for kept in (".used{a:1}", ".used:not(.unused){c:3}", ".unused,.used .child{d:4}", "h1{e:5}",
                 "@media print{.used{g:7}}", ".bs-tooltip-auto{h:8}", ".used:is(.unused){i:9}", "@font-face"):
        assert kept in trimmed, kept
    for gone in (".unused{b:2}", "f:6", "min-width", "j:10"):
        assert gone not in trimmed, gone
    assert dropped == 4  # .unused, the rule inside @media, the empty @media, .unused>.used


def test_theme_stylesheet_keeps_the_rules_the_book_uses_only(built_book):
    css = (built_book / THEME_CSS).read_text(encoding="utf-8")
    for used in (".bd-header", ".bd-sidebar-primary", ".search-button", ".dropdown-menu", ".theme-switch-button",
                 ".admonition", "html[data-theme=dark]"):
        assert used in css, f"{used} dropped"
    # Bootstrap components and theme features no page shows and no script builds.
    for unused in (".card", ".pagination", ".breadcrumb", ".form-range", ".spinner-border", ".row-cols-", ".sig-name"):
        assert unused not in css, f"{unused} kept"
