"""`make pdf`: pages printed by Chromium, joined behind a contents page, numbered, bookmarked."""
from __future__ import annotations

import io

from pypdf import PdfReader

from northeast import pdf


def test_pages_are_joined_behind_a_contents_page_with_running_numbers(browser):
    first = pdf.print_html(browser, pdf._page_html("One", "<h1 style='break-after: page'>One</h1><p>more</p>"))
    second = pdf.print_html(browser, pdf._page_html("Two", "<h1>Two</h1><p>short</p>"))
    assert len(PdfReader(io.BytesIO(first)).pages) == 2
    book = PdfReader(io.BytesIO(pdf.assemble(browser, "A book", [("Part one", first), ("Part two", second)])))

    assert len(book.pages) == 1 + 2 + 1
    contents = " ".join(book.pages[0].extract_text().split())
    assert "Contents" in contents and "Part one 2" in contents and "Part two 4" in contents
    for number, page in enumerate(book.pages, start=1):
        assert page.extract_text().split()[-1] == str(number), f"page {number} is not numbered"
    assert [(item.title, book.get_destination_page_number(item)) for item in book.outline] == [
        ("Contents", 0), ("Part one", 1), ("Part two", 3)]
    assert book.metadata.title == "A book"
