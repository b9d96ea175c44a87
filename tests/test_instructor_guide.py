"""The instructor's guide covers what the course contains: every chapter gets its plans, every
reflection question its rubric, the argument map names the essay's four weak points, and the
commands it tells instructors to run exist."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from northeast.chapters import CHAPTERS

GUIDE = ROOT / "book" / "instructor"
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
CHAPTER_NOTEBOOKS = [c.notebook_path.stem for c in CHAPTERS]
REFLECTIONS = [q.id for c in CHAPTERS for q in c.bank() if q.kind == "reflection"]
WEAK_POINTS = ["The choice of end years", "Nominal sums over twenty years",
               "Per-person figures while the population shrinks", "No comparison region"]


def page(name: str) -> str:
    return (GUIDE / f"{name}.md").read_text(encoding="utf-8")


def sections(text: str, level: str = "## ") -> dict[str, str]:
    """Heading -> body for the headings of one level."""
    parts = re.split(rf"^{re.escape(level)}(.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_the_guide_is_a_part_of_the_book():
    part = next(p for p in TOC["parts"] if p["caption"] == "For instructors")
    listed = [entry["file"] for entry in part["chapters"]]
    assert listed[0] == "book/instructor/index"
    assert set(listed[1:]) == {f"book/instructor/{n}" for n in ("teaching_plans", "argument_map", "assessment")}


@pytest.mark.parametrize("notebook", CHAPTER_NOTEBOOKS)
def test_every_chapter_has_plans_discussion_and_misconceptions(notebook):
    mine = [body for body in sections(page("teaching_plans")).values() if f"/book/{notebook}" in body]
    assert len(mine) == 1, f"one section of the teaching plans links {notebook}"
    body = mine[0]
    for needle in ("**Preparation:**", "**50 minutes.**", "**90 minutes.**",
                   "**Discussion questions and model answers.**", "Model answer:",
                   "**Common misconceptions.**"):
        assert needle in body, f"{notebook}: no {needle}"
    assert f"/book/{notebook}" in page("index"), f"{notebook}: no reading-time row"


def _table_rows(body: str) -> list[list[str]]:
    rows = [line for line in body.splitlines() if line.startswith("|")]
    return [[c.strip() for c in r.strip("|").split("|")] for r in rows if not set(r) <= set("|-: ")]


@pytest.mark.parametrize("qid", REFLECTIONS)
def test_every_reflection_has_a_rubric(qid):
    rubrics = sections(page("assessment"), "### ")
    mine = [body for head, body in rubrics.items() if f"(`{qid}`)" in head]
    assert len(mine) == 1, f"one rubric names {qid}"
    header, *criteria = _table_rows(mine[0])
    assert len(header) == 5, "a criterion column and four levels"
    assert len(criteria) >= 3 and all(len(r) == 5 and all(r) for r in criteria)


def test_three_assignments_with_criteria():
    assignments = {h: b for h, b in sections(page("assessment")).items() if h.startswith("Assignment")}
    assert len(assignments) == 3
    kinds = " ".join(assignments).lower()
    for word in ("fact-check", "referee", "rust belt"):
        assert word in kinds
    for body in assignments.values():
        header, *criteria = _table_rows(body)
        assert len(header) == 5 and len(criteria) >= 4


def test_the_argument_map_names_the_weak_points():
    text = page("argument_map")
    for point in WEAK_POINTS:
        assert re.search(rf"^{re.escape(point)}\n: ", text, flags=re.M), point
    claims = _table_rows(sections(text)["The map at a glance"])
    assert claims[0][1:] == ["Claim", "Main evidence in the essay", "Assessment"]
    assert len(claims) >= 7 and all(all(cell for cell in row[1:]) for row in claims[1:])


def test_the_commands_the_guide_gives_exist():
    guide = page("index")
    assert "make student" in guide and re.search(r"^student:", (ROOT / "Makefile").read_text(), flags=re.M)
    assert "python -m exercises grade" in guide
    done = subprocess.run([sys.executable, "-m", "exercises", "grade", "--help"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for option in re.findall(r"python -m exercises grade [^\n]*", guide)[0].split():
        if option.startswith("--"):
            assert option in done.stdout, f"the guide names {option}, which `grade --help` doesn't list"
