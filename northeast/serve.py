"""Serve the built book on 127.0.0.1 for the tools that open it in Chromium (`make pdf`, `make bench`).

The server answers as a static host does (GitHub Pages, Netlify): text files (HTML, CSS, JS,
JSON, SVG, ...) go out gzip-compressed to a browser that accepts it, and every file carries a
short ``Cache-Control`` as GitHub Pages sends. Python's plain ``http.server`` sends neither, which
makes a first load look three to seven times heavier on the wire than it is for a reader.
``serve(directory, compress=False)`` gives the plain server.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# What GitHub Pages compresses (the others, fonts and images, are compressed formats already).
COMPRESSED_TYPES = ("text/", "application/javascript", "text/javascript", "application/json", "image/svg+xml",
                    "application/xml")
CACHE_CONTROL = "max-age=600"  # GitHub Pages' header for every file


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the tools print their own report
        pass


class _StaticHost(_Quiet):
    """gzip for text types when the request accepts it (``Vary: Accept-Encoding``), and a
    ``Cache-Control`` header on every answer. Compressed bodies are kept in memory per file and
    modification time, so repeated loads (the benchmarks' fresh browser contexts) cost no CPU."""

    gzip_cache: dict[tuple[str, int], bytes] = {}
    gzip_lock = threading.Lock()

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def _accepts_gzip(self) -> bool:
        codings = [part.split(";")[0].strip().lower() for part in self.headers.get("Accept-Encoding", "").split(",")]
        return "gzip" in codings

    def send_head(self):
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        if os.path.isdir(path) or not os.path.isfile(path) or not ctype.startswith(COMPRESSED_TYPES) \
                or not self._accepts_gzip():
            return super().send_head()
        mtime = os.stat(path).st_mtime_ns
        key = (path, mtime)
        with self.gzip_lock:
            body = self.gzip_cache.get(key)
        if body is None:
            with open(path, "rb") as handle:
                body = gzip.compress(handle.read(), compresslevel=6, mtime=0)  # 6: what nginx-style hosts use
            with self.gzip_lock:
                self.gzip_cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(mtime // 1_000_000_000))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compress: bool = True):
    """Yield the base URL of a local server for ``directory`` (an ephemeral port); ``compress``:
    answer as a static host does (gzip, cache header), else as Python's plain http.server."""
    handler = _StaticHost if compress else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    return os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def toc_pages() -> list[str]:
    """Every page of the book in reading order (as in _toc.yml), without the .html suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
