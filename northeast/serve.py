"""Serve the built book on 127.0.0.1 for the tools that open it in Chromium (`make pdf`, `make bench`)."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the tools print their own report
        pass


@contextmanager
def serve(directory: Path):
    """Yield the base URL of a local server for ``directory`` (an ephemeral port)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def chromium() -> str:
    return os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def toc_pages() -> list[str]:
    """Every page of the book in reading order (as in _toc.yml), without the .html suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
