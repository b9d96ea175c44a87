"""The local server of `make bench` and `make pdf` answers as a static host does (northeast/serve.py)."""
from __future__ import annotations

import gzip
import urllib.request

import pytest

from northeast.serve import serve


@pytest.fixture()
def site(tmp_path):
    (tmp_path / "page.html").write_text("<!DOCTYPE html><p>" + "text " * 500, encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red }\n" * 200, encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(bytes(range(256)) * 8)
    return tmp_path


def fetch(url: str, accept: str | None):
    headers = {"Accept-Encoding": accept} if accept else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("name", ["page.html", "style.css"])
def test_text_goes_out_gzipped_to_a_browser_that_accepts_it(site, name):
    with serve(site) as base:
        headers, body = fetch(f"{base}/{name}", "gzip, deflate, br")
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == (site / name).read_bytes()
    assert headers["Cache-Control"]


def test_fonts_and_clients_without_gzip_get_the_file_as_it_is(site):
    with serve(site) as base:
        font_headers, font = fetch(f"{base}/font.woff2", "gzip")
        page_headers, page = fetch(f"{base}/page.html", None)
    assert font_headers["Content-Encoding"] is None and font == (site / "font.woff2").read_bytes()
    assert page_headers["Content-Encoding"] is None and page == (site / "page.html").read_bytes()


def test_plain_server_on_request(site):
    with serve(site, compress=False) as base:
        headers, body = fetch(f"{base}/style.css", "gzip")
    assert headers["Content-Encoding"] is None and body == (site / "style.css").read_bytes()
