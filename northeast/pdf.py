"""The whole book as one PDF, for instructors who hand out paper (`make pdf`).

Each page of the built HTML book is printed by Chromium (so it looks like the page, with the
book's print stylesheet: no controls, tables wrapped to A4); the prints are joined with pypdf
behind a contents page, with one running page number at the foot of every page and a bookmark
per page in the PDF's outline.

    python -m northeast.pdf [--html _build/html] [--out _build/pdf/book.pdf]
"""
from __future__ import annotations

import argparse
import html
import io
import sys
from pathlib import Path

import yaml

from northeast.serve import CHROMIUM_ARGS, ROOT, chromium, serve, toc_pages

A4 = {"format": "A4", "print_background": True, "prefer_css_page_size": True}
CHART_TIMEOUT_MS = 30_000
# Before printing: draw every chart (they may wait until scrolled near) and unfold the numbers.
PREPARE = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(() => r()));
  }
  scrollTo(0, 0);
  document.querySelectorAll('details.course-numbers').forEach(d => d.open = true);
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('.vega-embed')]
                     .every(el => el.querySelector('svg.marks, canvas.marks'))"""


def _page_html(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>"
            "@page { size: A4; margin: 0; } body { margin: 0; font-family: system-ui, sans-serif; }"
            f"</style></head><body>{body}</body></html>")


def contents_html(title: str, entries: list[tuple[str, int]]) -> str:
    rows = "".join(
        f"<li><span>{html.escape(name)}</span><span class='dots'></span><span>{number}</span></li>" for name, number in entries
    )
    style = ("<style>.contents { padding: 25mm 22mm; } h1 { font-size: 20pt; margin: 0 0 4mm; } h2 { font-size: 13pt; "
             "font-weight: normal; margin: 0 0 10mm; } ol { list-style: none; padding: 0; font-size: 12pt; } "
             "li { display: flex; gap: 2mm; margin: 2.5mm 0; } .dots { flex: 1; border-bottom: 1px dotted #777; "
             "margin-bottom: 1.2mm; }</style>")
    return _page_html(title, f"{style}<div class='contents'><h1>{html.escape(title)}</h1><h2>Contents</h2><ol>{rows}</ol></div>")


def numbers_html(count: int) -> str:
    """One A4 page per page of the book, blank but for its number at the foot (stamped onto it)."""
    pages = "".join(
        f"<div style='height: 297mm; position: relative; break-after: page;'>"
        f"<span style='position: absolute; bottom: 8mm; width: 100%; text-align: center; font-size: 9pt; color: #444'>"
        f"{n}</span></div>" for n in range(1, count + 1)
    )
    return _page_html("page numbers", pages)


def print_pages(browser, base: str, pages: list[str]) -> list[tuple[str, bytes]]:
    """(title, PDF bytes) of every page, printed by Chromium."""
    printed = []
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    page = context.new_page()
    try:
        for name in pages:
            page.goto(f"{base}/{name}.html", wait_until="load")
            page.evaluate(PREPARE)
            page.wait_for_function(CHARTS_DRAWN, timeout=CHART_TIMEOUT_MS)
            # The page's heading without its "#" permalink.
            title = page.evaluate("""() => { const h = document.querySelector('article h1'); if (!h) return document.title;
                const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                return c.textContent.trim(); }""")
            printed.append((title, page.pdf(**A4)))
    finally:
        context.close()
    return printed


def print_html(browser, document: str) -> bytes:
    page = browser.new_page()
    try:
        page.set_content(document, wait_until="load")
        return page.pdf(**A4)
    finally:
        page.close()


def assemble(browser, book_title: str, printed: list[tuple[str, bytes]]) -> bytes:
    """Contents page + every page, numbered from the contents page on, with an outline."""
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(io.BytesIO(data)) for _, data in printed]
    # The contents may run to more than one page, which moves every start page: settle it.
    contents_pages, contents = 1, None
    for _ in range(3):
        starts, page_no = [], contents_pages + 1
        for (title, _), reader in zip(printed, readers):
            starts.append((title, page_no))
            page_no += len(reader.pages)
        contents = PdfReader(io.BytesIO(print_html(browser, contents_html(book_title, starts))))
        if len(contents.pages) == contents_pages:
            break
        contents_pages = len(contents.pages)
    total = page_no - 1
    stamps = PdfReader(io.BytesIO(print_html(browser, numbers_html(total))))

    writer = PdfWriter()
    for page in contents.pages:
        writer.add_page(page)
    for reader in readers:
        for page in reader.pages:
            writer.add_page(page)
    for index, page in enumerate(writer.pages):
        page.merge_page(stamps.pages[index])
    writer.add_outline_item(title="Contents", page_number=0)
    for title, start in starts:
        writer.add_outline_item(title=title, page_number=start - 1)
    writer.add_metadata({"/Title": book_title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "book.pdf")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").exists():
        print(f"{args.html} has no built book; run `make book` first", file=sys.stderr)
        return 2
    book_title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    from playwright.sync_api import sync_playwright

    with serve(args.html) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        printed = print_pages(browser, base, toc_pages())
        data = assemble(browser, book_title, printed)
        browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    print(f"wrote {args.out} ({pages} A4 pages, {len(data) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
