"""Record-only banks: what ``bank[...]`` is inside the grading sandbox.

The student course tree replaces each chapter's bank module with ``bank = record_bank(key)``.
Its questions know their id and kind and what is needed to record an answer (a function task's
inputs) — nothing about the right answer. ``check(value)`` only turns the value into JSON and
displays it with MIME type ``application/vnd.exercises.answer+json``::

    {"qid": ..., "kind": ..., "answer": <JSON>}

The grader reads the records of its own record cell and checks them, in its own process, with
the course's real banks. A cell that patches anything here changes only what gets recorded,
which is the student's answer anyway.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..notebooks.results import ANSWER_MIME as RECORD_MIME
MANIFEST = Path(__file__).with_name("manifest.json")  # written into the student course tree only


def _manifest() -> dict:
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError("record-only banks exist only in the grading sandbox's course tree") from None


class RecordedAnswer:
    """What ``check`` returns in the sandbox: shows that the answer was recorded, nothing more."""

    def __init__(self, qid: str, kind: str, answer):
        self.qid, self.kind, self.answer = qid, kind, answer
        self.status = "recorded"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": f"Recorded for grading: {self.qid}",
                RECORD_MIME: {"qid": self.qid, "kind": self.kind, "answer": self.answer}}

    def __repr__(self) -> str:
        return f"Recorded for grading: {self.qid}"


class RecordQuestion:
    def __init__(self, chapter: str, spec: dict):
        self.id = spec["id"]
        self.kind = spec["kind"]
        self.chapter = chapter
        self.record = spec.get("record") or {}

    def answer_json(self, value):
        from .answer_json import record_answer
        return record_answer(self.id, self.chapter, self.kind, value, self.record)

    def check(self, value=Ellipsis) -> RecordedAnswer:
        return RecordedAnswer(self.id, self.kind, self.answer_json(value))

    def hint(self, n=None):
        return "Hints aren't available while grading."

    def solution(self):
        return "Solutions aren't available while grading."

    def __repr__(self) -> str:
        return f"<question {self.id!r} (recorded for grading)>"


class RecordBank:
    def __init__(self, chapter: str, questions: list[dict]):
        self.chapter = chapter
        self._questions = {q["id"]: RecordQuestion(chapter, q) for q in questions}

    def __getitem__(self, qid):
        try:
            return self._questions[qid]
        except (KeyError, TypeError):
            raise KeyError(f"no question {qid!r} in bank {self.chapter!r}") from None

    def __contains__(self, qid) -> bool:
        return qid in self._questions

    def __iter__(self):
        return iter(list(self._questions.values()))

    def __len__(self) -> int:
        return len(self._questions)

    def ids(self) -> list[str]:
        return list(self._questions)


def record_bank(chapter: str) -> RecordBank:
    spec = _manifest()["chapters"][chapter]
    return RecordBank(chapter, spec["questions"])


def record_answers(chapter: str, getters: dict) -> None:
    """The grader's record cell: evaluate each question's expression and display its record.

    ``getters`` maps question id -> a function returning the student's value (the expression
    the solution notebook's check cell passes to ``check``)."""
    from IPython.display import display
    bank = record_bank(chapter)
    limit = int(_manifest().get("answer_bytes", 512 * 1024))
    for qid, get in getters.items():
        question = bank[qid]
        try:
            value = get()
        except BaseException as exc:  # the name was never defined, or the student's code raised
            try:
                why = f"{type(exc).__name__}: {str(exc)[:200]}"
            except BaseException:
                why = type(exc).__name__
            answer = {"missing": f"no answer to check ({why})"}
        else:
            answer = question.answer_json(value)
        try:
            size = len(json.dumps(answer))
        except (TypeError, ValueError):
            size, answer = 0, {"unreadable": "the answer couldn't be written as JSON"}
        if size > limit:
            answer = {"unreadable": f"the answer is larger than the {limit // 1024} KB a recorded "
                                    "answer may be"}
        display(RecordedAnswer(qid, question.kind, answer))
