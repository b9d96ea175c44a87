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
    **{name: ".core" for name in ("KINDS", "Bank", "FrameTask", "FunctionTask", "Mistake",
                                  "MultipleChoice", "Numeric", "Question", "Reflection", "SingleChoice")},
    **{name: ".feedback" for name in ("MARKERS", "STATUSES", "Feedback", "Hint", "Solution")},
}


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_bank(chapter: str) -> "Bank":
    """The registered bank for a chapter key (intro, one, two, three, four, numbers)."""
    from .banks import load_bank as _load
    return _load(chapter)


__all__ = ["SingleChoice", "MultipleChoice", "Numeric", "Mistake", "FrameTask", "FunctionTask",
           "Reflection", "Bank", "Question", "Feedback", "Hint", "Solution", "MARKERS",
           "STATUSES", "KINDS", "load_bank"]
