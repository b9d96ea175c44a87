"""`make book EDITION=student`: the same site, without any data task's solution or check result;
choice quizzes still check themselves. The full edition (the `built_book` fixture) is scanned the
same way, so the scan is shown to find what it looks for."""
from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, jupyter_book_command

NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
_CHECK_CALL = re.compile(r"""\[\s*["']([A-Za-z][\w\-]*)["']\s*\]\s*\.check\s*\(""")
_PAYLOAD = re.compile(r'data-payload="([A-Za-z0-9+/=]+)"')
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def student_book(tmp_path_factory, built_book) -> Path:
    out = tmp_path_factory.mktemp("student-edition")
    # Both editions read the same documents (the answer key goes as pages are written), so this
    # build starts from the full edition's environment and only writes the pages.
    shutil.copytree(built_book.parent / ".doctrees", out / "_build" / ".doctrees")
    env = dict(os.environ, COURSE_EDITION="student",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    r = subprocess.run(jupyter_book_command() + ["--path-output", str(out)], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return out / "_build" / "html"


def _normal(text: str) -> str:
    return " ".join(text.split())


def site_text(site: Path) -> str:
    """Everything a visitor could read: pages as text (tags stripped), scripts, downloads."""
    parts = []
    for p in sorted(site.rglob("*")):
        if not p.is_file() or p.suffix not in (".html", ".js", ".ipynb", ".txt", ".json", ".md"):
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        if p.suffix == ".html":
            for b64 in _PAYLOAD.findall(text):
                parts.append(base64.b64decode(b64).decode("utf-8", "replace"))
            text = html.unescape(_TAG.sub("", text))
        if p.suffix == ".ipynb":
            nb = json.loads(text)
            text = "\n".join("".join(c.get("source", "")) for c in nb.get("cells", []))
        parts.append(text)
    return _normal("\n".join(parts))


def solution_lines() -> list[str]:
    """Each line of each solution cell that the student stub doesn't also have."""
    from exercises.student import SOLUTION_TAG, make_stub
    lines = set()
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or SOLUTION_TAG not in cell.metadata.get("tags", []):
                continue
            stub = {_normal(s) for s in make_stub(cell.source).splitlines()}
            for line in cell.source.splitlines():
                line = _normal(line)
                if len(line) >= 12 and line not in stub and not line.startswith("#"):
                    lines.add(line)
    return sorted(lines)


def data_task_ids() -> set[str]:
    from exercises.student import CHECK_TAG
    found = set()
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", []):
                found.update(_CHECK_CALL.findall(cell.source))
    return found


def reference_results() -> list[str]:
    """The stored "Correct: …" result of every check cell: it states the reference answer."""
    from exercises.student import CHECK_TAG
    found = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or CHECK_TAG not in cell.metadata.get("tags", []):
                continue
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/plain", "")
                text = "".join(text) if isinstance(text, list) else text
                found += [_normal(t) for t in text.splitlines() if len(t.strip()) > 12]
    return found


def test_the_scan_finds_the_answer_key_in_the_full_edition(built_book):
    text = site_text(built_book)
    lines, results = solution_lines(), reference_results()
    assert lines and results
    assert all(line in text for line in lines), [l for l in lines if l not in text][:5]
    assert all(r in text for r in results), [r for r in results if r not in text][:5]


def test_no_solution_line_in_the_student_edition(student_book):
    text = site_text(student_book)
    leaked = [line for line in solution_lines() if line in text]
    assert not leaked, leaked[:10]


def test_no_check_result_or_data_task_answer_in_the_student_edition(student_book):
    text = site_text(student_book)
    leaked = [r for r in reference_results() if r in text]
    assert not leaked, leaked[:10]
    pages = "\n".join(p.read_text(encoding="utf-8") for p in student_book.rglob("*.html"))
    for qid in data_task_ids():
        assert f'data-qid="{qid}"' not in pages, qid


def test_student_edition_keeps_the_pages_and_the_choice_quizzes(built_book, student_book):
    full = sorted(p.relative_to(built_book) for p in built_book.rglob("*.html"))
    assert sorted(p.relative_to(student_book) for p in student_book.rglob("*.html")) == full
    for page in ("book/ch2_support_and_results.html", "book/ch3_causes.html"):
        count = lambda site: len(re.findall(r'data-kind="(?:single|multiple)_choice"',  # noqa: E731
                                            (site / page).read_text(encoding="utf-8")))
        assert count(student_book) == count(built_book) > 0


def test_the_download_is_the_student_copy(student_book):
    nb = nbformat.read(student_book / "_sources" / "book" / "ch2_support_and_results.ipynb", as_version=4)
    assert any("student" in c.metadata.get("tags", []) for c in nb.cells)
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
