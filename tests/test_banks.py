"""The chapter question banks and the exercise part of the chapter notebooks.

* every registered bank loads and meets the per-chapter minimums;
* every question accepts its own correct answer, rejects wrong ones, and recognises each
  declared mistake with that mistake's message;
* expected answers are computed from the data when used, so a data fix flows through;
* `python -m exercises list` lists every question;
* the stored outputs of every check cell say "Correct:", and the student copies of all six
  chapters run without errors and say "Not attempted"/"Not quite", with no solution line left.
"""
from __future__ import annotations

import ast
import base64
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from exercises import Feedback, load_bank
from northeast.chapters import CHAPTERS
from exercises.feedback import fmt_number
from exercises.notebooks.results import check_results
from exercises.notebooks.run import run_many
from exercises.student import write_student_copies

CHAPTER_KEYS = [c.key for c in CHAPTERS]
NOTEBOOKS = {c.key: c.notebook_path for c in CHAPTERS}
MIN_DATA_TASKS = {"intro": 3, "one": 3, "two": 3, "three": 3, "four": 1, "numbers": 3}
MIN_COMPREHENSION = 6
CHOICE_KINDS = ("single_choice", "multiple_choice", "numeric")
DISPLAY_RE = re.compile(r'^bank\["([A-Za-z][\w\-]*)"\]$')
CHECK_RE = re.compile(r'^bank\["([A-Za-z][\w\-]*)"\]\.check\(([A-Za-z_]\w*)\)$')

BANKS = {ch: load_bank(ch) for ch in CHAPTER_KEYS}
ALL = [(ch, q) for ch, bank in BANKS.items() for q in bank]
IDS = [q.id for _, q in ALL]


def by_kind(*kinds):
    return [q for _, q in ALL if q.kind in kinds]


def _tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def exercise_cells(nb) -> list:
    """The cells between the '## Exercises' heading and '## Summary'."""
    starts = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Exercises")]
    ends = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Summary")]
    assert len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0]
    return nb.cells[starts[0] + 1: ends[0]]


def notebook_layout(chapter: str) -> dict:
    """Which question ids a chapter notebook displays and which it checks in code."""
    nb = nbformat.read(NOTEBOOKS[chapter], as_version=4)
    displayed, checked = [], []
    for cell in exercise_cells(nb):
        if cell.cell_type != "code":
            continue
        src = cell.source.strip()
        if m := DISPLAY_RE.match(src):
            displayed.append(m.group(1))
        elif m := CHECK_RE.match(src):
            checked.append(m.group(1))
    return {"nb": nb, "displayed": displayed, "checked": checked}


LAYOUTS = {ch: notebook_layout(ch) for ch in CHAPTER_KEYS}


def comprehension(chapter):
    return [BANKS[chapter][i] for i in LAYOUTS[chapter]["displayed"] if BANKS[chapter][i].kind in CHOICE_KINDS]


def data_tasks(chapter):
    return [BANKS[chapter][i] for i in LAYOUTS[chapter]["checked"]]


def correct_answer(q):
    """An answer the question must accept, derived from its own reference."""
    if q.kind == "single_choice":
        return q.answer
    if q.kind == "multiple_choice":
        return sorted(q.answers)
    if q.kind == "numeric":
        return q.answer
    if q.kind == "frame":
        return q.expected_value()
    if q.kind == "function":
        return q.reference
    return "A short paragraph of my own."


def payload(q) -> dict:
    m = re.search(r'data-payload="([^"]+)"', q.static_html())
    assert m, q.id
    return json.loads(base64.b64decode(m.group(1)).decode("utf-8"))


# ----------------------------------------------------------------------- the banks

def test_every_registered_bank_loads():
    assert set(BANKS) == set(CHAPTER_KEYS) == {"intro", "one", "two", "three", "four", "numbers"}
    assert all(path.exists() for path in NOTEBOOKS.values())
    for chapter, bank in BANKS.items():
        assert bank.chapter == chapter and len(bank) > 0
        assert all(q.chapter == chapter for q in bank)
    assert len(IDS) == len(set(IDS)), "question ids must be unique across the course"


@pytest.mark.parametrize("chapter", list(CHAPTER_KEYS))
def test_chapter_minimums(chapter):
    comp = comprehension(chapter)
    assert len(comp) >= MIN_COMPREHENSION, [q.id for q in comp]
    assert [q for q in comp if q.kind == "numeric"], "at least one numeric comprehension question"
    assert [q for q in comp if q.kind == "single_choice"], "at least one single-choice question"
    refl = [q for q in BANKS[chapter] if q.kind == "reflection"]
    assert refl and all(i in LAYOUTS[chapter]["displayed"] for i in (q.id for q in refl))
    assert len(data_tasks(chapter)) >= MIN_DATA_TASKS[chapter]
    for q in comp:
        # The page's script gives the block its Check button (an auto-checked kind) and Hint
        # button (hints in the spec); tests/test_browser_exercises.py presses both.
        assert f'data-qid="{q.id}"' in q.static_html() and q.auto_checked and payload(q)["hints"]


@pytest.mark.parametrize("chapter", list(CHAPTER_KEYS))
def test_notebook_shows_every_question_once(chapter):
    layout = LAYOUTS[chapter]
    shown = layout["displayed"] + layout["checked"]
    assert sorted(shown) == sorted(BANKS[chapter].ids()), "each question appears once in its notebook"
    for qid in layout["checked"]:
        assert BANKS[chapter][qid].kind in ("frame", "function", "numeric")
    setup = next(c for c in exercise_cells(layout["nb"]) if c.cell_type == "code")
    assert f"from northeast.questions.{chapter} import bank" in setup.source


@pytest.mark.parametrize("q", [q for _, q in ALL], ids=IDS)
def test_hints_and_solution(q):
    assert len(q.hints) >= 2, "two hint tiers"
    assert q.hint(1).number == 1 and q.hint(2).number == 2
    q.reset_hints()
    sol = q.solution()
    text = str(sol)
    if q.kind == "reflection":
        words = len(q.model_answer.split())
        assert 80 <= words <= 150, words
        assert q.model_answer in text
    else:
        assert q.solution_text and q.solution_text in text
    if q.kind in ("frame", "function") or q.id in [t.id for ch in BANKS for t in data_tasks(ch)]:
        assert q.solution_code and q.solution_code in text


# ------------------------------------------------------------- right and wrong answers

@pytest.mark.parametrize("q", [q for _, q in ALL], ids=IDS)
def test_correct_answer_passes(q):
    fb = q.check(correct_answer(q))
    assert isinstance(fb, Feedback) and fb.status == "correct", fb.text
    # A reflection counts as answered but nothing judged it: its label says so.
    assert fb.text.startswith("Not graded:" if fb.tone == "recorded" else "Correct:"), fb.text
    if q.kind == "single_choice":
        assert q.check(q.options[q.answer]).correct
        assert q.check("abcdefghijklmnopqrstuvwxyz"[q.answer]).correct
    if q.kind == "numeric":
        assert q.check(repr(q.answer)).correct  # typed as text


@pytest.mark.parametrize("q", by_kind("single_choice"), ids=lambda q: q.id)
def test_single_choice_wrong_options_explained(q):
    for i, option in enumerate(q.options):
        if i == q.answer:
            continue
        fb = q.check(i)
        assert fb.status == "incorrect"
        assert i in q.explanations, f"option {i} ({option!r}) needs an explanation"
        assert q.explanations[i] in fb.message
        assert q.options[q.answer] not in fb.message


@pytest.mark.parametrize("q", by_kind("multiple_choice"), ids=lambda q: q.id)
def test_multiple_choice_wrong_picks_explained(q):
    right = sorted(q.answers)
    for i in range(len(q.options)):
        if i in q.answers:
            continue
        fb = q.check(right + [i])
        assert fb.status == "incorrect" and q.explanations[i] in fb.message
    if len(right) > 1:
        fb = q.check(right[:-1])
        assert fb.status == "incorrect" and "missed" in fb.message


@pytest.mark.parametrize("q", by_kind("numeric"), ids=lambda q: q.id)
def test_numeric_wrong_answers_and_declared_mistakes(q):
    a = q.answer
    assert q.tolerance > 0, "a numeric question states its tolerance"
    assert q.mistakes, "a numeric question declares the mistakes it recognises"
    assert not q.check(a * 1.37 + 11).correct
    assert not q.check(a + 100 * max(q.tolerance, q.rel_tolerance * abs(a), 1)).correct
    spec = q.spec()
    assert payload(q)["mistakes"] == spec["mistakes"], "the static page gets the same mistake table"
    shown_answer = fmt_number(a)
    for i, m in enumerate(spec["mistakes"]):
        target = m["value"] if m["value"] is not None else a * m["factor"]
        fb = q.check(target)
        assert fb.status == "incorrect" and fb.key == f"mistake:{i}", (m, fb.text)
        assert m["message"] in fb.message
        assert shown_answer not in m["message"], "a mistake message must not give the answer away"


@pytest.mark.parametrize("q", by_kind("frame"), ids=lambda q: q.id)
def test_frame_task_rejects_wrong_tables(q):
    expected = q.expected_value()
    assert isinstance(expected, (pd.DataFrame, pd.Series)) and len(expected) > 1
    numeric = expected.select_dtypes("number").columns if isinstance(expected, pd.DataFrame) else None
    wrong = expected.copy()
    if numeric is None:
        wrong = wrong * 2 + 1
    else:
        wrong[numeric[-1]] = wrong[numeric[-1]] * 2 + 1
    assert q.check(wrong).status == "incorrect"
    assert q.check(expected.iloc[:-1]).status == "incorrect"
    if numeric is not None:
        as_fraction = expected.copy()
        as_fraction[numeric[-1]] = as_fraction[numeric[-1]] / 100
        fb = q.check(as_fraction)
        assert fb.status == "incorrect" and "fraction" in fb.message
    assert q.check(...).status == "not_attempted"


@pytest.mark.parametrize("q", by_kind("function"), ids=lambda q: q.id)
def test_function_task_rejects_wrong_functions(q):
    assert q.check(lambda *args, **kwargs: -12345.0).status == "incorrect"
    assert q.check(lambda *args, **kwargs: None).status == "incorrect"
    assert q.check(lambda *args, **kwargs: ...).status == "not_attempted"
    assert q.check(...).status == "not_attempted"


@pytest.mark.parametrize("q", by_kind("reflection"), ids=lambda q: q.id)
def test_reflection_is_open(q):
    assert not q.auto_checked
    assert q.check("").status == "not_attempted"
    assert q.check("Because the money bought stability, not growth.").tone == "recorded"


# ------------------------------------------------------------- answers follow the data

@pytest.fixture
def changed_data(tmp_path, monkeypatch):
    """A copy of data/ with two values changed, used in place of the real one."""
    import northeast.data as data

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    for cid, new in (("gdp_share_northeast_2022", "4.9"), ("fiscal_self_sufficiency_jilin_2022", "22")):
        claims.loc[claims["id"] == cid, "value"] = new
    claims.to_csv(folder / "claims.csv", index=False)
    monkeypatch.setattr(data, "DATA_DIR", folder)
    return folder


def test_expected_answers_follow_the_data(changed_data):
    bank = BANKS["one"]
    q = bank["one_share_points"]
    assert math.isclose(q.answer, 11.4 - 4.9)
    assert math.isclose(payload(q)["answer"], 11.4 - 4.9)
    mistakes = {m["kind"]: m["value"] for m in q.spec()["mistakes"]}
    assert math.isclose(mistakes["points_vs_percent"], (11.4 - 4.9) / 11.4 * 100)
    table = bank["one_self_sufficiency_fall"].expected_value().set_index("province")
    assert table.loc["jilin", "after"] == 22 and table.loc["jilin", "fall_points"] == 45 - 22


# ------------------------------------------------------------------------ the CLI

def test_cli_list_prints_one_line_per_question():
    result = subprocess.run([sys.executable, "-m", "exercises", "list"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == len(ALL)
    for line, (chapter, q) in zip(lines, ALL):
        fields = line.split()
        assert fields[:4] == [chapter, q.id, q.kind, "auto" if q.auto_checked else "open"], line


# ------------------------------------------------------------- the solution notebooks

def _bound_names(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


@pytest.mark.parametrize("chapter", list(CHAPTER_KEYS))
def test_solution_notebook_checks_are_correct(chapter):
    cells = LAYOUTS[chapter]["nb"].cells
    code = [c for c in cells if c.cell_type == "code"]
    n_checks = 0
    for i, cell in enumerate(code):
        tags = _tags(cell)
        if "solution" in tags:
            assert "hide-input" in tags
            assert cell.metadata.get("mystnb", {}).get("code_prompt_show") == "Show solution"
            assert not cell.outputs, "a solution cell must not print its result into the book"
            nxt = code[i + 1]
            assert "check" in _tags(nxt), "every solution cell is followed by a check cell"
            m = CHECK_RE.match(nxt.source.strip())
            assert m and m.group(2) in _bound_names(cell.source)
        if "check" in tags:
            n_checks += 1
            assert "solution" in _tags(code[i - 1])
            text = cell.outputs[0]["data"]["text/plain"]
            assert text.startswith("Correct:"), text
    assert n_checks == len(LAYOUTS[chapter]["checked"]) >= MIN_DATA_TASKS[chapter]
    for cell in code:
        assert not [o for o in cell.outputs if o.output_type == "error"]


# -------------------------------------------------------------------- student copies

@pytest.fixture(scope="session")
def student_runs(tmp_path_factory):
    """Student copies of all six chapters, executed once per session (two kernels at a time:
    a kernel spends much of its life waiting, so two fill two cores)."""
    out = tmp_path_factory.mktemp("student")
    paths = write_student_copies([NOTEBOOKS[ch] for ch in CHAPTER_KEYS], out)
    runs = run_many(paths, jobs=3, cell_timeout=300, allow_errors=True)
    return {ch: (path, run.notebook) for ch, path, run in zip(CHAPTER_KEYS, paths, runs)}


@pytest.mark.parametrize("chapter", list(CHAPTER_KEYS))
def test_student_copy_runs_and_is_not_attempted(student_runs, chapter):
    _, nb = student_runs[chapter]
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, (cell.source, errors[0].get("evalue") if errors else None)
    results = check_results(nb, chapter)
    assert len(results) == len(LAYOUTS[chapter]["checked"])
    for r in results:
        assert r.status in ("not_attempted", "incorrect"), (r.qid, r.status, r.message)
    for cell in nb.cells:
        if "check" in _tags(cell):
            text = cell.outputs[0]["data"]["text/plain"]
            assert text.startswith(("Not attempted", "Not quite")), text


def _solution_lines(source: str):
    for line in source.splitlines():
        s = line.strip()
        if not s or not re.search(r"[A-Za-z0-9]", s):
            continue  # blank lines and lone brackets
        if s.startswith(("import ", "from ", "def ", '"""', "#")):
            continue  # kept deliberately by the engine: imports, signatures, docstrings
        yield s


@pytest.mark.parametrize("chapter", list(CHAPTER_KEYS))
def test_student_copy_has_no_solution_line(student_runs, chapter):
    path, _ = student_runs[chapter]
    copy = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in copy.cells)
    solutions = [c.source for c in LAYOUTS[chapter]["nb"].cells if "solution" in _tags(c)]
    assert solutions
    for source in solutions:
        for line in _solution_lines(source):
            assert line not in text, line
    assert not [c for c in copy.cells if "solution" in _tags(c)]
