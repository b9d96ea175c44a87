"""The built book: builds with -W, links resolve, every page renders offline in a real browser."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import settle, wait_for_charts
from conftest import ROOT, SEED_DIR

TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
PAGES = [TOC["root"]] + [ch["file"] for part in TOC["parts"] for ch in part["chapters"]]
CHAPTERS = [p for p in PAGES if Path(p).name.startswith("ch")]
VENDOR_MARKERS = {"vega": "offline/charts/course-charts.js", "widgets": "embed-amd.js"}


def html_path(page: str) -> str:
    return f"{page}.html"


def test_toc_lists_six_chapters():
    assert len(CHAPTERS) == 6


def test_every_page_built(built_book: Path):
    for page in PAGES:
        assert (built_book / html_path(page)).is_file(), f"{page} was not built"
    assert (built_book / "index.html").is_file()


def _local_targets(built_book: Path):
    for file in sorted(built_book.rglob("*.html")):
        if "_static" in file.parts or "_sources" in file.parts:
            continue
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for node in soup.find_all(tag):
                target = node.get(attr)
                if not target or target.startswith(("#", "mailto:", "javascript:", "data:")):
                    continue
                parsed = urlparse(target)
                if parsed.scheme or parsed.netloc:
                    continue
                yield file, target, (file.parent / unquote(parsed.path)).resolve(), parsed.fragment


def test_internal_links_resolve(built_book: Path):
    broken = []
    anchors_cache: dict[Path, set[str]] = {}
    for file, target, resolved, fragment in _local_targets(built_book):
        if not resolved.exists():
            broken.append(f"{file.relative_to(built_book)} -> {target}")
            continue
        if fragment and resolved.suffix == ".html":
            if resolved not in anchors_cache:
                soup = BeautifulSoup(resolved.read_text(encoding="utf-8"), "html.parser")
                anchors_cache[resolved] = {t.get("id") for t in soup.find_all(id=True)}
            if fragment not in anchors_cache[resolved]:
                broken.append(f"{file.relative_to(built_book)} -> {target} (no anchor)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_no_cdn_script_or_stylesheet_in_pages(built_book: Path):
    for page in PAGES:
        soup = BeautifulSoup((built_book / html_path(page)).read_text(encoding="utf-8"), "html.parser")
        for node in soup.find_all(["script", "link"]):
            url = node.get("src") or (node.get("href") if node.name == "link" and "stylesheet" in (node.get("rel") or []) else None)
            assert not url or not urlparse(url).netloc, f"{page} loads {url} from another host"


def test_vega_only_on_pages_with_charts(built_book: Path):
    for page in PAGES:
        html = (built_book / html_path(page)).read_text(encoding="utf-8")
        has_chart = "altair-viz-" in html
        assert (VENDOR_MARKERS["vega"] in html) == has_chart, page
        has_widget_state = "application/vnd.jupyter.widget-state+json" in html
        assert (VENDOR_MARKERS["widgets"] in html) == has_widget_state, page


def test_quiz_assets_are_the_exercise_engine_s(built_book: Path):
    """Pages with questions load the script and stylesheet the engine's blocks were written for."""
    from exercises import front

    static = built_book / "_static" / "offline" / "quiz"
    for name in (front.QUIZ_JS, front.QUIZ_CSS):
        assert (static / name).read_text(encoding="utf-8") == front.asset_text(name)
    for page in CHAPTERS:
        html = (built_book / html_path(page)).read_text(encoding="utf-8")
        assert ('class="exq ' in html) == ("offline/quiz/quiz.js" in html) == ("offline/quiz/quiz.css" in html), page


def test_chapters_have_launch_and_download_buttons(built_book: Path):
    for page in CHAPTERS:
        html = (built_book / html_path(page)).read_text(encoding="utf-8")
        for needle in ("mybinder.org", "colab.research.google.com", "jupyterhub", ".ipynb"):
            assert needle in html, f"{page}: no {needle} button"


def test_chapters_open_with_objectives_and_source_link(built_book: Path):
    for page in CHAPTERS:
        soup = BeautifulSoup((built_book / html_path(page)).read_text(encoding="utf-8"), "html.parser")
        text = soup.get_text(" ")
        assert "Learning objectives" in text, page
        assert soup.find("a", href=re.compile(r"readingthechinadream\.com")), f"{page}: no link to the translation"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline_in_browser(book_pages, page):
    visit = book_pages.open(html_path(page))
    charts = wait_for_charts(visit)
    html = visit.page.content()
    if "altair-viz-" in html:
        assert charts > 0, f"{page}: chart output present but no .vega-embed rendered"
    if page in CHAPTERS:
        assert visit.page.locator("table").count() > 0, f"{page}: no table rendered"
    settle(visit)
    assert not visit.problems, f"{page}:\n" + "\n".join(visit.problems)


def test_book_text_is_in_our_own_words():
    tool = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists() or not SEED_DIR.exists():
        pytest.skip("the seed-overlap tool and essay are not here")
    result = subprocess.run([sys.executable, str(tool), "book/"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
