"""Hints and chapter text don't give answers away (issue 11, "What must hold").

* no tier-1 or tier-2 hint contains the answer: a number question's value in any printed form
  (a number, or a small sum such as "130 / 18.3", that the check would accept), a choice
  question's right option (its text, or a run of six of its words), a multiple-choice
  question's number of right or wrong options, or a data task's solution code;
* no chapter's visible text (markdown and stored outputs) prints the answer of a number
  question outside that question's own cells, unless the value is a number the essay itself
  prints (a text must be free to quote the essay);
* a right pick in a choice question is told why it is right.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from northeast.chapters import CHAPTERS

NOTEBOOKS = [c.notebook_path for c in CHAPTERS]
BANKS = {c.key: c.bank() for c in CHAPTERS}
QUESTIONS = [q for bank in BANKS.values() for q in bank]
HINT_TIERS = 2

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUMBER_RE = re.compile(rf"(?<![\w.,]){_NUMBER}(?![\w]|\.\d)")
# "2003-2022" is a range, not a subtraction: a minus needs spaces around it.
_OPERATOR = r"(?:\s*[+*/×÷]\s*|\s+[-−]\s+)"
EXPR_RE = re.compile(rf"(?<![\w.,]){_NUMBER}(?:{_OPERATOR}{_NUMBER})+(?![\w]|\.\d)")
COUNT_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
# A number after one of these words names a part of the essay or the course, not a count.
NAMING_WORDS = {"section", "point", "points", "step", "chapter", "task", "tier", "hint", "item"}


def _float(token: str) -> float:
    return float(token.replace(",", ""))


def numbers_in(text: str, expressions: bool = True) -> list[float]:
    """Every number printed in `text`, and (if `expressions`) the value of every small arithmetic
    expression in it, such as "130 / 18.3"."""
    found = [_float(t) for t in NUMBER_RE.findall(text)]
    for expr in EXPR_RE.findall(text) if expressions else ():
        code = expr.replace(",", "")
        code = code.replace("×", "*").replace("÷", "/").replace("−", "-")
        try:
            found.append(float(eval(code, {"__builtins__": {}})))  # digits and + - * / only
        except (ZeroDivisionError, SyntaxError):
            pass
    return found


def accepted(q, x: float) -> bool:
    return bool(q.check(x).correct)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%']+", text.lower().replace("’", "'"))


def shared_run(a: str, b: str, n: int = 6) -> str | None:
    """A run of `n` words that `a` and `b` share, if any."""
    wa, wb = words(a), words(b)
    grams = {tuple(wb[i:i + n]) for i in range(len(wb) - n + 1)}
    for i in range(len(wa) - n + 1):
        if tuple(wa[i:i + n]) in grams:
            return " ".join(wa[i:i + n])
    return None


def counts_stated(text: str, n: int) -> list[str]:
    """Places where `text` states the count `n` (as digit or word, or 'both' for two)."""
    forms = {str(n), COUNT_WORDS.get(n, str(n))} | ({"both"} if n == 2 else set())
    ws = words(text)
    return [" ".join(ws[max(0, i - 1):i + 2]) for i, w in enumerate(ws)
            if w in forms and (i == 0 or ws[i - 1] not in NAMING_WORDS)]


@lru_cache(maxsize=None)
def solution_cells(qid: str) -> tuple[str, str]:
    """A data task's `solution`-tagged code and the name its check cell passes to `check`."""
    code, name = "", ""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.get("id") == f"{qid}-sol" and "solution" in cell.metadata.get("tags", []):
                code = cell.source
            elif cell.get("id") == f"{qid}-check":
                m = re.search(r"\.check\((\w+)\)", cell.source)
                name = m.group(1) if m else ""
    return code, name


def _squash(code: str) -> str:
    return re.sub(r"\s+", "", code.replace("`", "").replace("'", '"'))


def answer_code(qid: str) -> list[str]:
    """The code that computes a data task's answer, squashed: the right-hand sides of the lines
    that assign the checked name, and the expressions a solution function returns. (Lines that
    only look data up, such as `v = claims.set_index("id")["value"]`, are not the answer.)"""
    code, name = solution_cells(qid)
    pieces = []
    for line in code.splitlines():
        line = line.strip()
        if line.startswith("return "):
            piece = line[len("return "):]
        elif name and re.match(rf"^{name}(\[[^\]]*\])?\s*=[^=]", line):
            piece = line.split("=", 1)[1]
        else:
            continue
        if len(_squash(piece)) >= 8:
            pieces.append(_squash(piece))
    return pieces


def giveaways(q, hint: str) -> list[str]:
    """What in `hint` gives the answer of `q` away (empty when nothing does)."""
    found = []
    if q.kind == "numeric":
        found += [f"the accepted value {x:g}" for x in numbers_in(hint) if accepted(q, x)]
    if q.kind in ("single_choice", "multiple_choice"):
        right = [q.answer] if q.kind == "single_choice" else sorted(q.answers)
        for i in right:
            option = q.options[i]
            if " ".join(words(option)) in " ".join(words(hint)):
                found.append(f"the right option's text {option!r}")
            elif run := shared_run(option, hint):
                found.append(f"the right option's words {run!r}")
    if q.kind == "multiple_choice":
        for n in {len(q.answers), len(q.options) - len(q.answers)}:
            if not counts_stated(q.prompt, n):  # a count the prompt itself gives is no secret
                found += [f"a count of options ({hit!r})" for hit in counts_stated(hint, n)]
    squashed = _squash(hint)
    found += [f"solution code {piece!r}" for piece in answer_code(q.id) if piece in squashed]
    return found


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_first_two_hints_do_not_give_the_answer(q):
    for tier, hint in enumerate(q.hints[:HINT_TIERS], start=1):
        assert not giveaways(q, hint), f"hint {tier} of {q.id}: {hint!r}"


def test_the_giveaway_finder_finds_giveaways():
    """The checks above can fail: known giveaways of each kind are caught."""
    by_id = {q.id: q for q in QUESTIONS}
    ratio = by_id["two_hlj_ratio"]
    assert giveaways(ratio, "About 2.245 workers per retiree.")
    assert giveaways(ratio, "Divide: 14.73 / 6.56")
    assert not giveaways(ratio, "Workers divided by retirees.")
    choice = by_id["numbers_ratio_fails"]
    assert giveaways(choice, choice.options[choice.answer])
    many = by_id["three_conditions"]
    assert giveaways(many, "Wang lists four conditions.")
    assert giveaways(many, "One option is for the old industry.")
    task = by_id["two_dependency_ratio"]
    assert giveaways(task, "`return employed / retired`")


# ---------------------------------------------------------------- chapter text

def _visible_text(cell) -> str:
    """What a reader sees of a cell: markdown source, or the text of its stored outputs."""
    if cell.cell_type == "markdown":
        return cell.source
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
        data = out.get("data", {})
        if "text/html" in data:
            page = data["text/html"] if isinstance(data["text/html"], str) else "".join(data["text/html"])
            page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
            page = re.sub(r"<[^>]*>", " ", page)  # attributes, including encoded payloads, go too
            parts.append(html.unescape(page))
        elif "text/markdown" in data:
            parts.append(data["text/markdown"])
        elif "text/plain" in data:
            parts.append(data["text/plain"] if isinstance(data["text/plain"], str) else "".join(data["text/plain"]))
    return "\n".join(parts)


def _is_text(cell) -> bool:
    """The chapter's text: its markdown and the question blocks (prompts, options, feedback).
    Charts and the numbers tables recompute the essay's figures on purpose and are left out."""
    return cell.cell_type == "markdown" or cell.get("id", "").endswith(("-q", "-check"))


@lru_cache(maxsize=None)
def chapter_cells() -> tuple[tuple[str, str, str], ...]:
    """(notebook name, cell id, visible text) for every text cell of every chapter."""
    rows = []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if _is_text(cell):
                rows.append((path.name, cell.get("id", ""), _visible_text(cell)))
    return tuple(rows)


@lru_cache(maxsize=None)
def essay_numbers() -> frozenset[float]:
    """Numbers the essay prints (and their normalised values), which any text may quote."""
    claims = pd.read_csv(ROOT / "data" / "claims.csv", dtype=str)
    out = set()
    for col in ("value_printed", "value", "usd_printed"):
        for text in claims[col].dropna():
            out.update(round(x, 6) for x in numbers_in(text))
    return frozenset(out)


def _own_cell(qid: str, cell_id: str) -> bool:
    return cell_id.startswith(f"{qid}-")


NUMERIC = [q for q in QUESTIONS if q.kind == "numeric"]


@lru_cache(maxsize=None)
def printed_numbers() -> dict[float, tuple[tuple[str, str], ...]]:
    """Each number the chapters' text prints that the essay doesn't, with the cells printing it.
    Read once: each question then checks each distinct number once, not once per cell."""
    places: dict[float, list[tuple[str, str]]] = {}
    for name, cell_id, text in chapter_cells():
        for x in set(numbers_in(text, expressions=False)):  # "compute 14.73 / 6.56" prints no answer
            if round(x, 6) not in essay_numbers():
                places.setdefault(x, []).append((name, cell_id))
    return {x: tuple(where) for x, where in places.items()}


@pytest.mark.parametrize("q", NUMERIC, ids=[q.id for q in NUMERIC])
def test_no_chapter_text_prints_a_numeric_answer(q):
    leaks = []
    for x, where in printed_numbers().items():
        others = [(name, cell_id) for name, cell_id in where if not _own_cell(q.id, cell_id)]
        if others and accepted(q, x):
            leaks += [f"{name} cell {cell_id}: {x:g}" for name, cell_id in others]
    assert not leaks, f"{q.id}'s answer is printed in: {leaks}"


def test_the_leak_finder_sees_outputs_and_markdown():
    """The chapter scan reads both markdown and rendered outputs, so a leak would be found."""
    texts = [t for _, _, t in chapter_cells()]
    assert any("## Reading guide" in t for t in texts)
    assert any("Check your understanding" in t for t in texts)
    rendered = [t for name, cid, t in chapter_cells() if cid.endswith("-q") and t.strip()]
    assert rendered, "the question blocks' stored outputs are part of the scan"
    ratio = next(q for q in NUMERIC if q.id == "two_hlj_ratio")
    assert any(accepted(ratio, x) for x in numbers_in("14.73 / 6.56 = 2.245", expressions=False))
    assert not any(accepted(ratio, x) for x in numbers_in("compute 14.73 / 6.56", expressions=False))


CHOICES = [q for q in QUESTIONS if q.kind in ("single_choice", "multiple_choice")]


@pytest.mark.parametrize("q", CHOICES, ids=[q.id for q in CHOICES])
def test_a_right_answer_gets_a_reason(q):
    """A right pick is told why it is right, not only "(d) is right."."""
    right = [q.answer] if q.kind == "single_choice" else sorted(q.answers)
    picked = right[0] if q.kind == "single_choice" else right
    message = q.check(picked).message
    for i in right:
        reason = q.explanations.get(i, "")
        assert len(words(reason)) >= 5, f"{q.id}: option {i} is right but has no reason"
        assert reason in message
