"""Speed figures for the book (`make bench`): build times and what each page fetches.

Reported, never asserted: a test that fails on a slow machine tells nobody anything.

* clean build: ``jupyter-book build`` into an empty ``_build``;
* rebuild: the same after touching one chapter (what an author waits for);
* bytes per page: every file a first load fetches, measured in Chromium, uncompressed (what the
  weight budgets count) and as sent over the wire;
* chart draw times: on each chapter, scrolled through from the top as fast as the browser paints,
  when the first chart and the last chart were drawn (milliseconds after navigation, median of 5).
* Lighthouse (npm ``lighthouse``, driving Debian's chromium; mobile emulation) on the pages in
  :data:`LIGHTHOUSE_PAGES`: performance, accessibility, best practices and SEO scores, plus the
  first and largest contentful paint, total blocking time and layout shift. Skipped with a note
  when ``npm ci`` has not been run.

The book is served as a static host serves it (GitHub Pages, Netlify: text files gzip-compressed,
a ``Cache-Control`` header; :mod:`northeast.serve`), and the report says so: Python's plain
``http.server`` sends every stylesheet uncompressed, which no reader's host does.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from northeast.serve import chromium, serve, toc_pages

ROOT = Path(__file__).resolve().parent.parent
TOUCHED_PAGE = ROOT / "book" / "ch5_lessons.ipynb"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ["book/intro", "book/ch2_support_and_results", "book/glossary"]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def _build(out: Path) -> float:
    exe = Path(sys.executable).parent / "jupyter-book"
    start = time.perf_counter()
    subprocess.run([str(exe), "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going", "-q"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def build_times() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        clean = _build(out)
        os.utime(TOUCHED_PAGE)
        rebuild = _build(out)
        return {"clean build (s)": clean, f"rebuild after touching {TOUCHED_PAGE.name} (s)": rebuild}


def wait_until_quiet(page, sizes: dict, quiet_ms: int = 700, limit_ms: int = 15_000) -> None:
    """Wait until no request has finished for quiet_ms (Chromium's own network-idle signal
    proved unreliable on pages that finish loading before it is asked for)."""
    waited, seen = 0, -1
    while waited < limit_ms and len(sizes) != seen:
        seen = len(sizes)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms


# Runs in the page before its own scripts: records when each chart first holds a drawn SVG
# (performance.now() counts from navigation start), polled once per frame.
CHART_CLOCK = """
window.__chartDrawn = new Map();
(function poll() {
  document.querySelectorAll('.vega-embed').forEach((el, i) => {
    if (!window.__chartDrawn.has(el) && el.querySelector('svg.marks, canvas.marks')) {
      window.__chartDrawn.set(el, performance.now());
    }
  });
  requestAnimationFrame(poll);
})();
"""
# A reader scrolling through the chapter: one screen per frame from the top to the bottom.
# Resolves with where it ended: {bottom: true} at the end of the page, or after 30 s without
# reaching it (a page whose end keeps moving, or a tab that stopped painting; setTimeout fires where
# requestAnimationFrame would not) with the numbers that say why, so a caller can fail, not hang.
SCROLL_THROUGH = """() => new Promise(done => {
  const started = performance.now();
  let steps = 0, withoutFrame = 0;
  const where = bottom => ({bottom, steps, withoutFrame, scrollY: window.scrollY, innerHeight,
                            scrollHeight: document.documentElement.scrollHeight,
                            ms: Math.round(performance.now() - started)});
  const timer = setTimeout(() => done(where(false)), 30000);
  function step() {
    if (window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2) {
      clearTimeout(timer);
      return done(where(true));
    }
    steps += 1;
    window.scrollBy(0, innerHeight);
    next();
  }
  // The next step comes with the next frame, or after 100 ms if no frame comes (under heavy load a
  // headless tab was seen to stop painting for many seconds in mid-scroll).
  function next() {
    let taken = false;
    const take = byTimer => { if (!taken) { taken = true; withoutFrame += byTimer; step(); } };
    requestAnimationFrame(() => take(0));
    setTimeout(() => take(1), 100);
  }
  next();
})"""
CHART_PAGES = ["book/ch1_introduction", "book/ch2_support_and_results", "book/ch3_causes",
               "book/ch4_northeast_asia", "book/ch5_lessons", "book/ch6_reading_numbers"]


def chart_draw_times(html_dir: Path, runs: int = 5, viewport=(1280, 900)) -> dict[str, tuple[float, float, int]]:
    """page -> (first chart drawn, all charts drawn) in ms after navigation (medians of ``runs``
    fresh loads, each scrolled through as soon as the DOM is ready), and how many charts."""
    from statistics import median

    from playwright.sync_api import sync_playwright

    results = {}
    with serve(html_dir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(),
                                     args=["--headless", "--no-sandbox", "--disable-gpu",
                                           "--disable-background-networking", "--disable-component-update"])
        for page_name in CHART_PAGES:
            firsts, lasts, count = [], [], 0
            for _ in range(runs):
                context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
                page = context.new_page()
                page.add_init_script(CHART_CLOCK)
                page.goto(f"{base}/{page_name}.html", wait_until="domcontentloaded")
                page.evaluate(SCROLL_THROUGH)
                count = page.locator(".vega-embed").count()
                page.wait_for_function(f"() => window.__chartDrawn.size >= {count}", timeout=30_000)
                times = page.evaluate("() => [...window.__chartDrawn.values()]")
                firsts.append(min(times))
                lasts.append(max(times))
                context.close()
            results[page_name] = (median(firsts), median(lasts), count)
        browser.close()
    return results


def page_weights(html_dir: Path) -> dict[str, tuple[int, int, int, bool]]:
    """page -> (bytes fetched uncompressed, bytes on the wire, number of requests, any request
    to another host)."""
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(html_dir) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=["--headless", "--no-sandbox", "--disable-gpu",
                                     "--disable-background-networking", "--disable-component-update"])
        for page_name in toc_pages():
            context = browser.new_context()  # fresh cache: a first load
            page = context.new_page()
            sizes, foreign = {}, []

            def finished(req, sizes=sizes):
                # (decoded body, body as sent: gzip-compressed for text types)
                try:
                    sizes[req.url] = (len(req.response().body()), req.sizes()["responseBodySize"])
                except Exception:
                    pass

            page.on("requestfinished", finished)
            page.on("request", lambda req, foreign=foreign: urlparse(req.url).hostname not in (None, "127.0.0.1")
                    and not req.url.startswith("data:") and foreign.append(req.url))
            page.goto(f"{base}/{page_name}.html", wait_until="load")
            # A first load is over when the fonts are in and the charts near the first screen are
            # drawn (the others are drawn, and fetch Vega, only when the reader scrolls to them).
            page.wait_for_function("""() => document.fonts.status === 'loaded' &&
                [...document.querySelectorAll('.vega-embed')]
                  .filter(el => el.getBoundingClientRect().top < 2 * innerHeight)
                  .every(el => el.querySelector('svg.marks, canvas.marks'))""", timeout=30_000)
            wait_until_quiet(page, sizes)
            results[page_name] = (sum(size for size, _ in sizes.values()), sum(wire for _, wire in sizes.values()),
                                  len(sizes), bool(foreign))
            context.close()
        browser.close()
    return results


def lighthouse_scores(html_dir: Path, pages: list[str] = LIGHTHOUSE_PAGES) -> dict[str, dict[str, float]]:
    """page -> Lighthouse category scores (0-100), paint times (s), total blocking time (ms) and
    cumulative layout shift; mobile emulation, localhost, served gzip-compressed as a static host
    does (Lighthouse's simulated mobile network then counts the bytes a reader's browser gets)."""
    results = {}
    with serve(html_dir) as base, tempfile.TemporaryDirectory() as tmp:
        for page_name in pages:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [str(LIGHTHOUSE), f"{base}/{page_name}.html", "--quiet", "--output=json", f"--output-path={report}",
                 f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                 "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking"],
                check=True, capture_output=True, env=dict(os.environ, CHROME_PATH=chromium()), timeout=300,
            )
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {name: round(100 * data["categories"][name]["score"]) for name in LIGHTHOUSE_CATEGORIES}
            for audit in ("first-contentful-paint", "largest-contentful-paint"):
                scores[audit] = data["audits"][audit]["numericValue"] / 1000
            scores["total-blocking-time"] = data["audits"]["total-blocking-time"]["numericValue"]
            scores["cumulative-layout-shift"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
            results[page_name] = scores
    return results


def print_lighthouse(html_dir: Path) -> None:
    if not LIGHTHOUSE.exists():
        print("\nLighthouse: not installed (run `npm ci` at the repository root)")
        return
    print(f"\n{'Lighthouse (mobile)':<40} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'FCP s':>6} {'LCP s':>6}"
          f" {'TBT ms':>7} {'CLS':>6}")
    for page, s in lighthouse_scores(html_dir).items():
        print(f"{page:<40} {s['performance']:>5} {s['accessibility']:>5} {s['best-practices']:>5} {s['seo']:>5} "
              f"{s['first-contentful-paint']:>6.2f} {s['largest-contentful-paint']:>6.2f} "
              f"{s['total-blocking-time']:>7.0f} {s['cumulative-layout-shift']:>6.3f}")


def main() -> None:
    print("The book is served gzip-compressed, as a static host does (GitHub Pages, Netlify); "
          "'first load' counts bytes uncompressed, 'on the wire' as sent.\n")
    for label, seconds in build_times().items():
        print(f"{label:<55} {seconds:6.1f}")
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        _build(ROOT)
    print(f"\n{'chapter (1280x900, scrolled through)':<40} {'first chart':>12} {'all charts':>11} {'charts':>7}")
    for page, (first, last, count) in chart_draw_times(html).items():
        print(f"{page:<40} {first:>9.0f} ms {last:>8.0f} ms {count:>7}")
    print(f"\n{'page':<40} {'first load':>12} {'on the wire':>12} {'requests':>9}  other hosts")
    for page, (size, wire, count, foreign) in page_weights(html).items():
        print(f"{page:<40} {size / 1e6:>9.2f} MB {wire / 1e6:>9.2f} MB {count:>9}  {'YES' if foreign else 'none'}")
    print_lighthouse(html)


if __name__ == "__main__":
    main()
