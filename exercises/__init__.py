"""Exercise engine for the Northeast China course.

    from exercises import SingleChoice, MultipleChoice, Numeric, Mistake, FrameTask, \
        FunctionTask, Reflection, Bank
    q.check(value) -> Feedback   q.hint() -> next hint   q.solution() -> worked answer

See exercises/README.md for the notebook conventions and the CLI.
"""

from importlib import import_module

# Names are imported on first use (PEP 562): the book's Sphinx extension needs only the static
# front end, and importing the question types would pull in pandas on every build.
_EXPORTS = {
    **{name: ".kinds" for name in ("KINDS", "FrameTask", "FunctionTask", "MultipleChoice", "Numeric",
                                   "Reflection", "SingleChoice")},
    "Question": ".question", "Bank": ".bank", "Mistake": ".quantities",
    **{name: ".feedback" for name in ("MARKERS", "STATUSES", "FEEDBACK_MIME", "Feedback", "Hint",
                                      "Solution")},
}


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_bank(chapter: str) -> "Bank":
    """The configured course's bank for a chapter key (see exercises/course.py)."""
    from .course import load_bank as _load
    return _load(chapter)


__all__ = ["SingleChoice", "MultipleChoice", "Numeric", "Mistake", "FrameTask", "FunctionTask",
           "Reflection", "Bank", "Question", "Feedback", "Hint", "Solution", "MARKERS",
           "STATUSES", "FEEDBACK_MIME", "KINDS", "load_bank"]
