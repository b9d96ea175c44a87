"""Grade submitted student notebooks (`python -m exercises grade`).

A submission is a student copy (``make student``) with the student's code in it. Grading does not
trust what the submission's own check cells printed (a student can edit those): it runs the
submission, then runs the course's checks, taken from the solution notebook of the same name,
on the names the student's code defined. The result is one row per question:

    notebook, question, status, message

and a score per notebook (correct / checked) on stderr.
"""
from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .feedback import STATUSES
from .notebooks.results import CHECK_TAG, feedback
from .notebooks.run import run_notebook
from .student import _tags

# The solution notebook's `from <bank module> import bank` line names the chapter's bank.
_BANK_IMPORT = re.compile(r"^from ([\w.]+) import bank\s*$", re.M)
# bank["id"].check(<expression>) — the expression is what the student's code must produce.
_CHECK_CALL = re.compile(r'^bank\["([^"]+)"\]\.check\((.+)\)\s*$', re.M)


@dataclass
class Grade:
    notebook: str
    question: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"


class GradingError(ValueError):
    pass


def course_checks(solution: Path) -> tuple[str, list[tuple[str, str]]]:
    """(bank module, [(question id, expression checked)]) from a solution notebook's check cells."""
    nb = nbformat.read(solution, as_version=4)
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    banks = _BANK_IMPORT.findall(sources)
    if not banks:
        raise GradingError(f"{solution}: no `from <bank module> import bank` line")
    checks = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_TAG in _tags(cell):
            checks += _CHECK_CALL.findall(cell.source)
    return banks[0], checks


def grader_cell(bank_module: str, checks: list[tuple[str, str]]) -> str:
    # Each check displays its Feedback, whose structured display (FEEDBACK_MIME) is read back.
    lines = [
        "from IPython.display import display as _grade_display",
        "from exercises import Feedback as _GradeFeedback",
        f"from {bank_module} import bank as _grade_bank",
        "",
        "def _grade(qid, value_of):",
        "    try:",
        "        value = value_of()",
        "    except Exception as exc:  # the name was never defined, or the code raised",
        "        result = _GradeFeedback('not_attempted',",
        "                                f'no answer to check ({type(exc).__name__}: {exc})', qid=qid)",
        "    else:",
        "        result = _grade_bank[qid].check(value)",
        "    _grade_display(result)",
        "",
    ]
    lines += [f"_grade({qid!r}, lambda: {expression})" for qid, expression in checks]
    return "\n".join(lines)


def grade_notebook(submission: Path, solution: Path, timeout: int = 600) -> list[Grade]:
    bank_module, checks = course_checks(solution)
    nb = nbformat.read(submission, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(grader_cell(bank_module, checks)))
    graded = Path(submission).with_name(f".grading-{Path(submission).name}")
    nbformat.write(nb, graded)
    try:
        run = run_notebook(graded, cell_timeout=timeout, timeout=max(timeout, 1800), allow_errors=True)
    finally:
        graded.unlink(missing_ok=True)
    last = len(run.notebook.cells) - 1
    found = {}
    for index, fb in feedback(run.notebook):
        if index == last and fb.get("qid") and fb.get("status") in STATUSES:
            found[fb["qid"]] = Grade(str(submission), fb["qid"], fb["status"], str(fb.get("message", "")))
    return [found.get(qid, Grade(str(submission), qid, "error", "the grader could not run this check"))
            for qid, _ in checks]


def grade(submissions: list[Path], solutions_dir: Path, out=sys.stdout, timeout: int = 600) -> list[Grade]:
    grades = []
    writer = csv.writer(out)
    writer.writerow(["notebook", "question", "status", "message"])
    for submission in submissions:
        solution = Path(solutions_dir) / Path(submission).name
        if not solution.exists():
            raise GradingError(f"{submission}: no solution notebook {solution} to grade it against")
        rows = grade_notebook(Path(submission), solution, timeout=timeout)
        for g in rows:
            writer.writerow([g.notebook, g.question, g.status, g.message])
        score = sum(g.correct for g in rows)
        print(f"{submission}: {score}/{len(rows)} correct", file=sys.stderr)
        grades += rows
    return grades
