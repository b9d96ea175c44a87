"""Links from a number to its sentence in the translation, as a URL text fragment.

    >>> sentence_url("about 130 billion RMB (approx. 18.3 billion USD)")
    'https://www.readingthechinadream.com/wang-mingyuan-on-chinas-northeast.html#:~:text=about%20130%20billion%20RMB%20%28approx.%2018.3%20billion%20USD%29'

A text fragment (``#:~:text=``, https://wicg.github.io/scroll-to-text-fragment/) makes the browser
scroll to and highlight the first occurrence of the text on the page. Each claim's ``quote`` is a
verbatim excerpt that occurs once in the translation (a test checks it against the essay), so the
link lands on the claim's sentence. Standard library only: the book's Sphinx extensions use it.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote as _percent_encode

TRANSLATION_URL = "https://www.readingthechinadream.com/wang-mingyuan-on-chinas-northeast.html"
FRAGMENT_DIRECTIVE = ":~:text="


def fragment_term(text: str) -> str:
    """Percent-encode one text-directive term. Beyond what URLs require, the spec reserves '-',
    ',' and '&' as directive syntax (prefix-, start,end, -suffix, & between directives), so they
    are encoded too; runs of whitespace become one space, as the browser matches rendered text."""
    return _percent_encode(" ".join(str(text).split()), safe="").replace("-", "%2D")


def sentence_url(claim_or_quote: Mapping | str) -> str:
    """The translation's address, scrolled to a claim's sentence: pass a claim (anything with a
    ``quote``: a row of ``load("claims")`` as a dict or Series) or the quote itself."""
    text = claim_or_quote if isinstance(claim_or_quote, str) else claim_or_quote["quote"]
    if not str(text).strip():
        raise ValueError("a sentence link needs a non-empty quote")
    return f"{TRANSLATION_URL}#{FRAGMENT_DIRECTIVE}{fragment_term(text)}"
