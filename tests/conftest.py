"""Shared fixtures: the built book, a local web server for it, and a real headless browser."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import uuid
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
    # Debian's wrapper adds --enable-gpu-rasterization: raster through the (software) GPU process.
    # Suspected in a rare freeze under load (a page's renderer goes idle and answers nothing); the
    # CPU rasteriser is as fast here and leaves the GPU process out of drawing.
    "--disable-gpu-rasterization",
]


def jupyter_book_command() -> list[str]:
    exe = Path(sys.executable).parent / "jupyter-book"
    return [str(exe) if exe.exists() else "jupyter-book", "build", str(ROOT), "-W", "-n", "--keep-going"]


BUILD_LOCK = BUILD_HTML.parent / ".test-build.lock"
BUILD_RESULT = BUILD_HTML.parent / ".test-build.json"  # {"run": id, "returncode": n, "log": tail}
# One id per test run: xdist gives its workers the same one; a run without xdist makes its own.
RUN_ID = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def _build_result() -> dict | None:
    try:
        result = json.loads(BUILD_RESULT.read_text())
    except (OSError, ValueError):
        return None
    return result if result.get("run") == RUN_ID else None


def _build_book_once(lock) -> None:
    """Build the book for this run unless it is built already, holding `lock` (a FileLock)."""
    with lock:
        if _build_result() is not None:
            return
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        result = subprocess.run(jupyter_book_command(), cwd=ROOT, capture_output=True, text=True, env=env)
        BUILD_RESULT.write_text(json.dumps({"run": RUN_ID, "returncode": result.returncode,
                                            "log": f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"}))


def _start_build_in_background() -> None:
    """Start the book build at collection, in a thread, so the tests that need no book run while
    it builds. Of several workers only the first to take the lock builds; the others find it taken
    (or the build done) and go on. The lock is held until the build is written."""
    from filelock import FileLock, Timeout

    BUILD_HTML.parent.mkdir(exist_ok=True)
    # Not thread-local: taken here, released by the thread once the build is written.
    lock = FileLock(BUILD_LOCK, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return  # another worker is building it
    global _background_build
    _background_build = threading.Thread(target=lambda: (_build_book_once(lock), lock.release()), daemon=True)
    try:
        _background_build.start()
    except BaseException:
        lock.release()
        raise


_background_build: threading.Thread | None = None


# Collection order is the order workers are handed tests. Long-running modules go first so they
# don't finish last; tests that need the built book go last, giving the build time to finish.
FIRST = ("test_grading_hostile.py", "test_banks.py", "test_student_copy.py", "test_student_edition.py")
# The audit opens every folded table of a page and switches it to dark mode: it runs last on a page.
LAST_ON_A_PAGE = ("test_accessibility.py",)
# Parameters that name the page of the book a test looks at: a chapter key or a page's path.
PAGE_PARAMETERS = ("key", "chapter", "page", "page_name")


def book_page_of(item) -> str | None:
    """The page (path without .html) a browser test is about, from its parameters, if any."""
    from northeast.chapters import CHAPTERS

    if not _uses_browser(item):
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    pages = {chapter.key: chapter.page.removesuffix(".html") for chapter in CHAPTERS}
    marker = item.get_closest_marker("book_page")  # a test of one fixed page: @pytest.mark.book_page("one")
    values = [marker.args[0]] if marker else [params.get(name) for name in PAGE_PARAMETERS]
    for value in values:
        if isinstance(value, str):
            return pages.get(value, value.removesuffix(".html"))
    return None


def work_group(item) -> str:
    """What `make test` keeps on one worker (`--dist loadgroup`): a file (nbval runs a notebook's
    cells in one kernel; module fixtures such as the grading batch must not run twice), except that
    the browser tests of one page, from every file, go together, so the page is loaded once per
    size in the whole run (tests/browser.py's BookPages)."""
    page = book_page_of(item)
    return f"page:{page}" if page else item.nodeid.split("::", 1)[0]


# xdist's own loadgroup reads `xdist_group` marks into node ids, which pytest 9.2's node ids no
# longer take (xdist 3.8). So the workers write each test's group to a file the controller names,
# and the controller's scheduler (below) reads the groups from it.
GROUPS_FILE = "COURSE_TEST_GROUPS"


def pytest_configure(config):
    if getattr(config.option, "numprocesses", None) and "PYTEST_XDIST_WORKER" not in os.environ:
        BUILD_HTML.parent.mkdir(exist_ok=True)
        os.environ[GROUPS_FILE] = str(BUILD_HTML.parent / f".test-groups-{os.getpid()}.json")


def pytest_unconfigure(config):
    if "PYTEST_XDIST_WORKER" not in os.environ and GROUPS_FILE in os.environ:
        Path(os.environ.pop(GROUPS_FILE)).unlink(missing_ok=True)


def _write_groups(items) -> None:
    """On a worker: every test's work group, for the controller (each worker writes the same)."""
    if "PYTEST_XDIST_WORKER" not in os.environ or GROUPS_FILE not in os.environ:
        return
    target = Path(os.environ[GROUPS_FILE])
    partial = target.with_name(f"{target.name}.{os.environ['PYTEST_XDIST_WORKER']}")
    partial.write_text(json.dumps({item.nodeid: work_group(item) for item in items}))
    os.replace(partial, target)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WorkGroupScheduling(LoadScopeScheduling):
        """Whole work groups to a worker, in collection order (see work_group)."""

        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # written by the workers before they report their collection
                self.groups = json.loads(Path(os.environ[GROUPS_FILE]).read_text())
            return self.groups.get(nodeid, nodeid.split("::", 1)[0])

    return WorkGroupScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    needs_book = any("built_book" in getattr(item, "fixturenames", ()) for item in items)
    if needs_book and not config.getoption("collectonly"):
        _start_build_in_background()

    def rank(item) -> tuple[int, int]:
        name = item.path.name
        if name in FIRST:
            return FIRST.index(name), 0
        if "built_book" in getattr(item, "fixturenames", ()):
            return len(FIRST) + 2, name in LAST_ON_A_PAGE
        return len(FIRST) + (0 if item.path.suffix == ".ipynb" else 1), 0

    items.sort(key=rank)  # stable: within a rank, files and tests keep their order
    _write_groups(items)
    for item in items:
        if _uses_browser(item):
            # One more try, on a relaunched browser, for a test whose browser froze (tests/browser.py).
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=["BrowserFroze"]))


def _uses_browser(item) -> bool:
    return bool({"browser", "book_pages"} & set(getattr(item, "fixturenames", ())))


class _watched:
    """One phase (setup, call, teardown) of a browser test under a FreezeWatchdog (tests/browser.py).
    A failure after the watchdog killed the browser is raised as BrowserFroze, which is retried."""

    def __init__(self, item):
        self.watchdog = None
        if _uses_browser(item):
            from browser import FROZEN_AFTER_S, FreezeWatchdog

            # A lab test runs whole chapters in JupyterLab and may take minutes; the run's timeout is 300 s.
            self.watchdog = FreezeWatchdog(max(FROZEN_AFTER_S, 240) if item.get_closest_marker("lab") else FROZEN_AFTER_S)

    def __enter__(self):
        if self.watchdog is not None:
            self.watchdog.__enter__()
        return self

    def __exit__(self, kind, exc, tb):
        if self.watchdog is None:
            return False
        self.watchdog.__exit__(kind, exc, tb)
        if not isinstance(exc, Exception) or isinstance(exc, pytest.skip.Exception):
            return False
        from browser import BrowserFroze, Chromium, stopped_painting

        if self.watchdog.fired:
            raise BrowserFroze(f"Chromium stopped answering for {self.watchdog.seconds:.0f} s during this test and "
                               "was killed; the test runs once more on a relaunched browser") from exc
        for browser in list(Chromium.live):
            stalled = stopped_painting(browser)
            if stalled:
                browser.kill()
                raise BrowserFroze(f"Chromium stopped painting {stalled} (no animation frame in 3 s) when this "
                                   "test failed; it was killed and the test runs once more on a relaunched "
                                   "browser") from exc
        return False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    if "built_book" in getattr(item, "fixturenames", ()):
        _wait_for_book()  # outside the watchdog: on a fresh clone the build takes a while
    with _watched(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _watched(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    with _watched(item):
        return (yield)


def pytest_terminal_summary(terminalreporter):
    reruns = terminalreporter.stats.get("rerun", [])
    if reruns:
        terminalreporter.section("browser froze")
        for report in reruns:
            # Where the test was waiting when the browser was killed: the last of our frames.
            chain = getattr(report.longrepr, "chain", None) or [(getattr(report.longrepr, "reprtraceback", None),)]
            entries = [e for link in chain for e in getattr(link[0], "reprentries", [])]
            ours = [e.reprfileloc for e in entries if getattr(e, "reprfileloc", None)
                    and "site-packages" not in e.reprfileloc.path and not e.reprfileloc.path.endswith("conftest.py")]
            where = f" (waiting at {ours[-1].path}:{ours[-1].lineno})" if ours else ""
            terminalreporter.write_line(f"{report.nodeid}: Chromium froze{where} and was relaunched; "
                                        "the test ran again")


def _wait_for_book() -> dict | None:
    """Wait until this run's book is built (by this process or another worker); its result."""
    from filelock import FileLock

    BUILD_HTML.parent.mkdir(exist_ok=True)
    if _background_build is not None:  # this process builds it: wait for the thread, not the lock
        _background_build.join()
    if _build_result() is None:  # another worker builds it (wait on its lock), or nobody started
        _build_book_once(FileLock(BUILD_LOCK))
    return _build_result()


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The book, built once per test run with warnings as errors (the same command as `make book`).

    `make test` runs the suite on several pytest-xdist workers, each with its own session; they share
    `_build/html`. The build starts at collection (above); here a test waits for it on the lock."""
    result = _wait_for_book()
    if result is None or result["returncode"] != 0:
        pytest.fail("jupyter-book build -W failed:\n" + (result or {}).get("log", "(no build result)"))
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
    from browser import Chromium

    with sync_playwright() as pw:
        browser = Chromium(pw, path, CHROMIUM_ARGS)
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
