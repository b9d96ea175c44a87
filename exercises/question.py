"""The question base class: identity, a check that lets nothing escape, hints, solution, display.

Each kind of question is one subclass in ``exercises/kinds/`` (registered in ``KINDS``) and owns
everything about itself: how it checks (``_check``), its solution text, its kernel-free
``spec()`` (what the page's script needs; exercises/front/quiz.js builds its inputs from it), its
input in the widget, and how a student's answer travels
as JSON (``answer_to_json`` / ``answer_from_json``). Nothing outside a kind switches on kind
names.
"""
from __future__ import annotations

import re
import unicodedata
import weakref
from typing import Iterable

from .feedback import Feedback, Hint, Solution, describe
from .safety import text_of, type_name

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class Stop(Exception):
    """Internal: ends a check early with a given status/key/message (never "correct")."""

    def __init__(self, status: str, message: str, key: str | None = None):
        super().__init__(message)
        self.status, self.message, self.key = status, message, key or status


class Unreadable:
    """An answer that could not be recorded as JSON (``{"unreadable": why}``): checks say invalid."""

    def __init__(self, message: str):
        self.message = str(message)


def is_bool(value) -> bool:
    # numpy.bool_ is not a subclass of bool, and True must never count as 1.
    return isinstance(value, bool) or type(value).__name__ in ("bool_", "bool")


def is_placeholder(value) -> bool:
    return value is None or value is Ellipsis


def norm_text(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def exc_text(exc: BaseException, limit: int = 200) -> str:
    """An exception's message for feedback: bounded in time, never raises."""
    text = text_of(str, exc, "")
    text = " ".join(text.split()) or "(no message)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarise(prompt: str, limit: int = 70) -> str:
    text = re.sub(r"[`*#>$]|(?<!\w)_|_(?!\w)", "", prompt or "")  # keep snake_case names
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # markdown links -> label
    text = " ".join(text.split())
    m = re.search(r"(.+?[.?!])(\s|$)", text)
    if m:
        text = m.group(1)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


# Hint tiers a reader has seen, per question object, for ``q.hint()`` with no tier: reading
# state, not part of the question (a question is the same whoever reads it).
_HINTS_SEEN: "weakref.WeakKeyDictionary[Question, int]" = weakref.WeakKeyDictionary()


class Question:
    """Shared behaviour of every kind: identity, the guarded check, hints, solution, display."""

    kind = ""
    auto_checked = True
    data_task = False          # answered with code in a notebook (frame, function)

    def __init__(self, id: str, chapter: str, prompt: str, *, hints: Iterable[str] = (),
                 solution: str | None = None, source_ids: Iterable[str] = (),
                 summary: str | None = None):
        if not isinstance(id, str) or not _ID_RE.match(id):
            raise ValueError(f"question id must be letters, digits, '_' or '-', starting "
                             f"with a letter; got {id!r}")
        if not isinstance(chapter, str) or not chapter:
            raise ValueError(f"{id}: chapter must be a non-empty string")
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"{id}: prompt must be non-empty markdown text")
        if isinstance(hints, str):
            hints = [hints]
        if isinstance(source_ids, str):
            source_ids = [source_ids]
        self.id = id
        self.chapter = chapter
        self.prompt = prompt
        self.hints = [str(h) for h in hints]
        self.solution_text = solution or ""
        self.source_ids = [str(s) for s in source_ids]
        self.summary = summary or summarise(prompt)
        self.bank = None  # set by Bank.add: where the solution notebook is found

    # ---- checking
    def check(self, value=Ellipsis) -> Feedback:
        """Check an answer; returns Feedback and never raises (nothing escapes, not even
        SystemExit or KeyboardInterrupt from a student's object)."""
        try:
            if type(value) is Unreadable:
                fb = Feedback("invalid", value.message, key="invalid:unreadable")
            else:
                fb = self._check(value)
            if type(fb) is not Feedback:
                raise TypeError("a check must return Feedback")
        except Stop as stop:
            # A student's code could raise Stop itself; it never makes an answer correct.
            if type(stop) is Stop and stop.status in ("incorrect", "not_attempted", "invalid") \
                    and type(stop.message) is str:
                fb = Feedback(stop.status, stop.message, key=stop.key)
            else:
                fb = self._refused(value, stop)
        except BaseException as exc:  # noqa: BLE001 - student objects can raise anything
            fb = self._refused(value, exc)
        fb.qid, fb.kind = self.id, self.kind
        return fb

    def _refused(self, value, exc: BaseException) -> Feedback:
        return Feedback("invalid",
                        f"your answer wasn't accepted: checking {describe(value)} failed with "
                        f"{type_name(exc)}: {exc_text(exc)}. Expected {self.expected_kind()}.",
                        key="invalid:error")

    def _check(self, value) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def expected_kind(self) -> str:
        return "an answer"

    # ---- answers as data (grading and the book's answers file)
    def answer_to_json(self, value):
        """A student's live value as plain JSON; ``None`` when not attempted,
        ``{"unreadable": why}`` when it can't be read. Never raises."""
        try:
            return self._answer_to_json(value)
        except Stop as stop:
            return None if stop.status == "not_attempted" else {"unreadable": stop.message}
        except BaseException as exc:  # noqa: BLE001
            return {"unreadable": self._refused(value, exc).message}

    def answer_from_json(self, obj):
        """The inverse of answer_to_json: a value ``check`` accepts."""
        if obj is None:
            return Ellipsis
        if isinstance(obj, dict) and set(obj) == {"unreadable"}:
            return Unreadable(str(obj["unreadable"]))
        try:
            return self._answer_from_json(obj)
        except Exception as exc:
            return Unreadable(f"the recorded answer couldn't be read ({type(exc).__name__}); "
                              f"expected {self.expected_kind()}.")

    def record_inputs(self) -> dict:
        """JSON of what recording an answer needs besides the value, never the answer (grading's
        record-only banks pass it to :meth:`for_recording`). Most kinds need nothing."""
        return {}

    @classmethod
    def for_recording(cls, id: str, chapter: str, inputs: dict):
        """A stand-in holding no answer whose ``answer_to_json`` records as this kind's does, or
        None when the value's plain JSON is the record (most kinds)."""
        return None

    def _answer_to_json(self, value):  # pragma: no cover - abstract
        raise NotImplementedError

    def _answer_from_json(self, obj):
        return obj

    # ---- hints and solution
    def hint(self, n: int | None = None) -> Hint:
        """Next hint tier on each call, or tier ``n`` (1-based)."""
        total = len(self.hints)
        if total == 0:
            return Hint("this question has no hints; `.solution()` shows the worked answer.",
                        0, 0, self.id)
        seen = _HINTS_SEEN.get(self, 0)
        if n is None:
            if seen >= total:
                return Hint(f"that was the last hint (there are {total}). "
                            "`.solution()` shows the worked answer.", 0, total, self.id)
            n = seen + 1
        else:
            n = max(1, min(int(n), total))
        _HINTS_SEEN[self] = max(seen, n)
        return Hint(self.hints[n - 1], n, total, self.id)

    def reset_hints(self) -> None:
        _HINTS_SEEN.pop(self, None)

    @property
    def solution_code(self) -> str:
        """The code of the notebook's ``solution`` cell for this question ("" if none)."""
        notebook = getattr(self.bank, "notebook", None)
        if not notebook:
            return ""
        from .notebooks.solutions import solution_code
        return solution_code(notebook, self.id)

    def solution(self) -> Solution:
        """Reveal the worked answer (the only place it is shown)."""
        return Solution(self.id, self._answer_md(), self.solution_text, self.solution_code)

    def _answer_md(self) -> str:
        return ""

    # ---- display (the front ends live in exercises/front and widgets.py)
    def prompt_text(self) -> str:
        return self.prompt.strip()

    def spec(self) -> dict:
        """What the kernel-free block needs, as JSON (answers included; base64 in the page)."""
        from .feedback import markdown_inline_html
        return {"v": 1, "id": self.id, "kind": self.kind, "chapter": self.chapter,
                "hints": [markdown_inline_html(h) for h in self.hints]}

    def widget_input(self, W):
        """``(rows, get_value, check_label)`` for the live widget, or None (no input)."""
        return None

    def static_html(self, standalone: bool = False) -> str:
        """The kernel-free block for the book (exercises/front)."""
        from .front import block_html
        return block_html(self, standalone=standalone)

    def form(self):
        """A data task's answer form for the book, shown under the task's own text: the page
        takes the result, computed with any tool; in a live notebook the task is answered in code."""
        from .front import AnswerForm
        return AnswerForm(self)

    def widget(self):
        from .widgets import build_widget
        return build_widget(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        from .widgets import mimebundle
        return mimebundle(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} ({self.chapter}): {self.summary}>"
