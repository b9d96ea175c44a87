"""Recording answers inside the sandbox, and reading them back in the grader.

Inside (no answers available): a function task is called on its given inputs by the kind's own
``answer_to_json`` (a FunctionTask built from the manifest's cases, whose reference is absent);
every other answer is stored as its plain JSON form (``exercises.answers.to_json`` of the
value made plain by ``exercises.safety.plain_value``), exactly as the student gave it.

Outside: the real question's ``answer_from_json`` turns the record into what its ``check``
accepts. Records are untrusted JSON: size-limited by the runner and the grader, never pickle.
"""
from __future__ import annotations

RECORDING_KINDS = {"function"}  # kinds that need task inputs (the manifest's "record") to record


def record_spec(question) -> dict:
    """What the sandbox needs to record an answer to ``question``: its inputs, never its answer."""
    if question.kind == "function":
        from ..answers import to_json
        return {"cases": [[to_json(list(args)), to_json(dict(kwargs))]
                          for args, kwargs, _expected, _given in question.cases]}
    return {}


def _unavailable(*args, **kwargs):
    raise RuntimeError("reference answers aren't available while grading")


def record_answer(kind: str, value, record: dict):
    """The JSON record of a student's value (runs in the sandbox; never raises)."""
    try:
        if kind in RECORDING_KINDS:
            from ..answers import from_json
            from ..kinds import KINDS
            cases = [(tuple(from_json(a)), from_json(k)) for a, k in record.get("cases", [])]
            task = KINDS[kind]("recorded", "recorded", "Recorded for grading.", cases,
                               reference=_unavailable)
            return task.answer_to_json(value)
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
