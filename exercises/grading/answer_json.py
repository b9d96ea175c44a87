"""Recording answers inside the sandbox, and reading them back in the grader.

Inside (no answers available): a kind that needs inputs to record an answer (a function task,
called on its given inputs) records with its own ``answer_to_json``, on a stand-in built by
``for_recording`` from the manifest's ``record_inputs()``; every other answer is stored as its
plain JSON form (``exercises.answers.to_json`` of the
value made plain by ``exercises.safety.plain_value``), exactly as the student gave it.

Outside: the real question's ``answer_from_json`` turns the record into what its ``check``
accepts. Records are untrusted JSON: size-limited by the runner and the grader, never pickle.
"""
from __future__ import annotations

def record_spec(question) -> dict:
    """What the sandbox needs to record an answer to ``question``: its inputs, never its answer."""
    return question.record_inputs()


def record_answer(qid: str, chapter: str, kind: str, value, record: dict):
    """The JSON record of a student's value (runs in the sandbox; never raises)."""
    try:
        from ..kinds import KINDS
        stand_in = KINDS[kind].for_recording(qid, chapter, record)
        if stand_in is not None:
            return stand_in.answer_to_json(value)
        if value is Ellipsis or value is None:
            return None
        from ..answers import to_json
        from ..safety import plain_value
        return to_json(plain_value(value))
    except BaseException as exc:  # noqa: BLE001 - whatever the student's object does
        try:
            why = f"{type(exc).__name__}: {str(exc)[:200]}"
        except BaseException:  # noqa: BLE001
            why = "an error"
        return {"unreadable": f"the answer couldn't be recorded ({why})"}


def answer_from_record(question, answer):
    """The value to check, from a record (runs in the grader, on untrusted JSON)."""
    if isinstance(answer, dict) and set(answer) == {"missing"}:
        return Missing(str(answer["missing"])[:300])
    return question.answer_from_json(answer)


class Missing:
    """No value was recorded (the student's name was never defined, or their code raised)."""

    def __init__(self, why: str):
        self.why = why
