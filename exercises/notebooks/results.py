"""Reading results out of an executed notebook: structured displays, never printed text.

A check displayed in a notebook emits its Feedback under ``FEEDBACK_MIME``
(``{"qid", "kind", "status", "key", "message"}``); a record-only check (grading) emits the
student's answer under ``ANSWER_MIME`` (``{"qid", "kind", "answer": <answer_to_json>}``).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..feedback import FEEDBACK_MIME, STATUSES

ANSWER_MIME = "application/vnd.exercises.answer+json"
CHECK_TAG = "check"


@dataclass
class CheckResult:
    notebook: str
    cell: int
    qid: str | None
    status: str  # a Feedback status, or "error" / "no_feedback"
    message: str
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "correct"


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def displays(cell, mime: str) -> list[dict]:
    """The data of every output of ``cell`` carrying ``mime`` (display or execute result)."""
    found = []
    for out in cell.get("outputs", []):
        if out.get("output_type") in ("display_data", "execute_result"):
            data = (out.get("data") or {}).get(mime)
            if isinstance(data, dict):
                found.append(data)
    return found


def feedback(nb) -> list[tuple[int, dict]]:
    """(cell index, feedback dict) for every feedback display in the notebook."""
    return [(i, d) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for d in displays(cell, FEEDBACK_MIME)]


def recorded_answers(nb) -> list[tuple[int, dict]]:
    """(cell index, answer dict) for every recorded answer in the notebook."""
    return [(i, d) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for d in displays(cell, ANSWER_MIME)]


def check_results(nb, name: str = "notebook") -> list[CheckResult]:
    """Feedback of every ``check`` cell of an executed notebook, plus any errored cell."""
    results = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = _tags(cell)
        cell_results = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and "raises-exception" not in tags:
                cell_results.append(CheckResult(name, i, None, "error",
                                                f"{out.get('ename')}: {out.get('evalue')}"))
        if CHECK_TAG in tags:
            for d in displays(cell, FEEDBACK_MIME):
                status = d.get("status") if d.get("status") in STATUSES else "error"
                cell_results.append(CheckResult(name, i, d.get("qid"), status,
                                                str(d.get("message", "")), d.get("kind")))
            if not cell_results:
                cell_results.append(CheckResult(name, i, None, "no_feedback",
                                                "the check cell showed no feedback"))
        results += cell_results
    return results
