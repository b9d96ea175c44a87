"""Shared fixtures: the built book, a local web server for it, and a real headless browser."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_HTML = ROOT / "_build" / "html"
SEED_DIR = ROOT.parent / "shared" / "seed"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start-up; on a closed network those requests fail noisily.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def jupyter_book_command() -> list[str]:
    exe = Path(sys.executable).parent / "jupyter-book"
    return [str(exe) if exe.exists() else "jupyter-book", "build", str(ROOT), "-W", "-n", "--keep-going"]


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test run, warnings as errors (the same command as `make book`).

    `make test` runs the suite on several pytest-xdist workers, each with its own session. They share
    `_build/html`, so the first to get here builds under a file lock and stamps the build with the
    run's id; the others wait on the lock, see the stamp and use that build."""
    from filelock import FileLock

    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # set by xdist, the same in every worker
    BUILD_HTML.parent.mkdir(exist_ok=True)
    stamp = BUILD_HTML.parent / ".built-for-test-run"
    with FileLock(BUILD_HTML.parent / ".test-build.lock"):
        if run_id and stamp.exists() and stamp.read_text() == run_id:
            return BUILD_HTML
        stamp.unlink(missing_ok=True)
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        result = subprocess.run(jupyter_book_command(), cwd=ROOT, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            pytest.fail(f"jupyter-book build -W failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
        if run_id:
            stamp.write_text(run_id)
    return BUILD_HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def book_server(built_book: Path):
    """Serve the built book on 127.0.0.1 (an ephemeral port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def chromium_path() -> str | None:
    for candidate in (os.environ.get("COURSE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips on a machine without it, fails in CI."""
    path = chromium_path()
    if path is None:
        message = "Chromium not found (install Debian's `chromium`, or set COURSE_CHROMIUM)"
        if IN_CI:
            pytest.fail(message + "; in CI the browser tests must run")
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is pinned in requirements.txt
        if IN_CI:
            pytest.fail(f"playwright is not importable: {exc}")
        pytest.skip(f"playwright is not importable: {exc}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def book_pages(browser, book_server):
    """The book's pages, each loaded once per session and shared by the tests (tests/browser.py)."""
    from browser import BookPages

    pages = BookPages(browser, book_server)
    yield pages
    pages.close()


@pytest.fixture(scope="session")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.skip(f"the essay's text is not here ({SEED_DIR}); it is only needed for quote checks")
    return files[0].read_text(encoding="utf-8")
