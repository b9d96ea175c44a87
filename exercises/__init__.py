"""Exercise engine for the Northeast China course.

    from exercises import SingleChoice, MultipleChoice, Numeric, Mistake, FrameTask, \
        FunctionTask, Reflection, Bank
    q.check(value) -> Feedback   q.hint() -> next hint   q.solution() -> worked answer

See exercises/README.md for the notebook conventions and the CLI.
"""

from .core import (KINDS, Bank, FrameTask, FunctionTask, Mistake, MultipleChoice, Numeric,
                   Question, Reflection, SingleChoice)
from .feedback import MARKERS, STATUSES, Feedback, Hint, Solution


def load_bank(chapter: str) -> Bank:
    """The registered bank for a chapter key (intro, one, two, three, four, numbers)."""
    from .banks import load_bank as _load
    return _load(chapter)


__all__ = ["SingleChoice", "MultipleChoice", "Numeric", "Mistake", "FrameTask", "FunctionTask",
           "Reflection", "Bank", "Question", "Feedback", "Hint", "Solution", "MARKERS",
           "STATUSES", "KINDS", "load_bank"]
