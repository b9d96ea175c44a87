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
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .student import CHECK_TAG, _tags, execute_notebook

_BANK_IMPORT = re.compile(r"^from exercises\.banks\.(\w+) import bank\s*$", re.M)
# bank["id"].check(<expression>) — the expression is what the student's code must produce.
_CHECK_CALL = re.compile(r'^bank\["([^"]+)"\]\.check\((.+)\)\s*$', re.M)
_RESULT_PREFIX = "__exercise_grade__"


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
        raise GradingError(f"{solution}: no `from exercises.banks.<chapter> import bank` line")
    checks = []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHECK_TAG in _tags(cell):
            checks += _CHECK_CALL.findall(cell.source)
    return banks[0], checks


def grader_cell(bank_module: str, checks: list[tuple[str, str]]) -> str:
    lines = [
        "import json as _grade_json",
        f"from exercises.banks.{bank_module} import bank as _grade_bank",
        "",
        "def _grade(qid, value_of):",
        "    try:",
        "        value = value_of()",
        "    except Exception as exc:  # the name was never defined, or the code raised",
        "        print(" + repr(_RESULT_PREFIX) + ", _grade_json.dumps([qid, 'not_attempted',",
        "              f'no answer to check ({type(exc).__name__}: {exc})']))",
        "        return",
        "    result = _grade_bank[qid].check(value)",
        "    print(" + repr(_RESULT_PREFIX) + ", _grade_json.dumps([qid, result.status, result.message]))",
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
        executed = execute_notebook(graded, timeout=timeout)
    finally:
        graded.unlink(missing_ok=True)
    found = {}
    for output in executed.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith(_RESULT_PREFIX):
                qid, status, message = json.loads(line[len(_RESULT_PREFIX):])
                found[qid] = Grade(str(submission), qid, status, message)
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
