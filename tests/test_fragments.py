"""Every number links to its sentence in the translation: text-fragment URLs, correctly encoded,
that match the essay exactly once at word boundaries (as a browser would find them)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from northeast.data import load
from northeast.claims import TRANSLATION_URL, sentence_url
from northeast.fragments import FRAGMENT_DIRECTIVE, fragment_term

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
# What may appear unencoded in a term: RFC 3986 unreserved characters minus '-', which the
# Text Fragments spec reserves (with ',' and '&') as directive syntax.
ALLOWED = re.compile(r"^(?:[A-Za-z0-9._~]|%[0-9A-F]{2})+$")


def page_text() -> str:
    """The translation's page as text, whitespace collapsed and lower-cased (matching ignores case)."""
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the essay's text is not in {SEED_DIR} (it lives outside the repository); "
                    "fragments cannot be matched against it here")
    return " ".join(files[0].read_text(encoding="utf-8").split()).lower()


def term_of(url: str) -> str:
    prefix = f"{TRANSLATION_URL}#{FRAGMENT_DIRECTIVE}"
    assert url.startswith(prefix), url
    return url[len(prefix):]


@pytest.fixture(scope="module")
def claims():
    return load("claims")


def test_every_fragment_is_encoded_per_the_spec(claims):
    for claim in claims.to_dict("records"):
        term = term_of(sentence_url(claim))
        assert ALLOWED.match(term), (claim["id"], term)
        for syntax, code in (("-", "%2D"), (",", "%2C"), ("&", "%26")):
            assert syntax not in term
            if syntax in claim["quote"]:
                assert code in term, (claim["id"], syntax)
        assert unquote(term) == " ".join(claim["quote"].split())


def test_every_fragment_finds_its_sentence_once(claims):
    text = page_text()
    for claim in claims.to_dict("records"):
        wanted = unquote(term_of(sentence_url(claim))).lower()
        starts = [m.start() for m in re.finditer(re.escape(wanted), text)]
        assert len(starts) == 1, f"{claim['id']}: {wanted!r} occurs {len(starts)} times on the page"
        i, j = starts[0], starts[0] + len(wanted)
        # a fragment only matches whole words
        assert not (wanted[0].isalnum() and i > 0 and text[i - 1].isalnum()), claim["id"]
        assert not (wanted[-1].isalnum() and j < len(text) and text[j].isalnum()), claim["id"]


def test_a_claim_and_its_quote_give_the_same_link(claims):
    claim = claims.set_index("id").loc["debt_write_off_2006"]
    assert sentence_url(claim) == sentence_url(claim["quote"])
    assert sentence_url(claim).endswith("wrote%20off%20311%20billion%20RMB%20%28approx.%2043.4%20billion%20USD%29")
    with pytest.raises(ValueError):
        sentence_url("   ")


@given(st.text(min_size=1).filter(lambda s: s.split()))
def test_any_text_round_trips(text):
    term = fragment_term(text)
    assert ALLOWED.match(term)
    assert unquote(term) == " ".join(text.split())


def test_the_translation_address_is_the_one_the_book_cites():
    cited = set(re.findall(r"https://www\.readingthechinadream\.com/[\w-]+\.html",
                           (REPO / "book" / "references.md").read_text(encoding="utf-8")))
    assert cited == {TRANSLATION_URL}


# --------------------------------------------------------------------------- where readers meet the links
def _hrefs(html_text: str) -> set[str]:
    from html import unescape
    return {unescape(h) for h in re.findall(r'href="([^"]+)"', html_text) if h.startswith(TRANSLATION_URL + "#")}


def test_numbers_tables_link_every_row_to_its_sentence(claims):
    from northeast import tables

    for section in ("introduction", "one", "four"):
        table = tables.section_numbers(section)
        rows = claims[claims["section"] == section]
        assert _hrefs(table._repr_html_()) == {sentence_url(r) for r in rows.to_dict("records")}
    flagged = claims[claims["flag"].notna()]
    assert _hrefs(tables.flagged_numbers()._repr_html_()) == {sentence_url(r) for r in flagged.to_dict("records")}
    with_usd = claims[claims["usd_printed"].notna()]
    assert _hrefs(tables.conversions_table()._repr_html_()) == {sentence_url(r) for r in with_usd.to_dict("records")}


def test_data_quality_charts_open_the_sentence_on_click(claims):
    from northeast import charts

    by_id = claims.set_index("id")
    for build in (charts.stated_vs_recomputed, charts.conversion_check, charts.printed_vs_corrected):
        spec = build(claims).to_dict()
        rows = [v for values in spec["datasets"].values() for v in values if "claim_id" in v]  # not the reference rules
        assert rows and all(v["url"] == sentence_url(by_id.loc[v["claim_id"]]) for v in rows), build.__name__
        assert '"href": {"field": "url"' in json.dumps(spec), build.__name__


def test_data_page_links_every_claim(built_book, claims):
    page = (built_book / "book" / "data.html").read_text(encoding="utf-8")
    assert _hrefs(page) == {sentence_url(r) for r in claims.to_dict("records")}
