"""Displayable results: Feedback, Hint and Solution, plus safe text helpers.

Everything rendered here is deterministic (no random ids, no timestamps) so
executed notebooks stay byte-stable and nbval-friendly.
"""

from __future__ import annotations

import html
import math
import numbers
import re

from .safety import bounded, is_exact_safe, text_of, type_name

# The text form of every Feedback starts with one of these markers (what a reader sees).
# Programs read a check's result from its structured display instead (FEEDBACK_MIME).
MARKERS = {
    "correct": "Correct:",
    "incorrect": "Not quite:",
    "not_attempted": "Not attempted:",
    "invalid": "Can't check this:",
}
STATUSES = tuple(MARKERS)
# A tone whose label says more than its status: a reflection counts as answered ("correct") for
# grading, but nothing judged it, so the reader sees "Not graded:", not "Correct:".
TONE_MARKERS = {"recorded": "Not graded:"}
# A displayed Feedback carries {"qid", "kind", "status", "key", "message"} under this MIME type;
# exercises.notebooks.results reads it from executed notebooks.
FEEDBACK_MIME = "application/vnd.exercises.feedback+json"

# (border, background) per tone; "recorded" is used for reflections, which are
# never graded, so they should not look like a green tick.
_TONES = {
    "correct": ("#2e7d32", "#e8f5e9"),
    "incorrect": ("#c62828", "#fdecea"),
    "not_attempted": ("#757575", "#f5f5f5"),
    "invalid": ("#ef6c00", "#fff3e0"),
    "recorded": ("#1565c0", "#e3f2fd"),
    "hint": ("#6a1b9a", "#f3e5f5"),
    "solution": ("#00695c", "#e0f2f1"),
}


def _box(tone: str, inner: str, extra_class: str = "", attrs: str = "") -> str:
    border, bg = _TONES[tone]
    style = (f"border-left:4px solid {border};background:{bg};padding:0.45em 0.8em;"
             "margin:0.35em 0;border-radius:3px;color:#212121")
    cls = f"exq-box exq-{tone}" + (f" {extra_class}" if extra_class else "")
    return f'<div class="{cls}"{attrs} style="{style}">{inner}</div>'


def inline_html(text: str) -> str:
    """Escape plain text and turn `backticks` into <code> (mirrors the JS)."""
    escaped = html.escape(str(text), quote=True)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


_MD = None


def markdown_html(text: str) -> str:
    """Render markdown to HTML with markdown-it if present, else escape it."""
    global _MD
    if not text:
        return ""
    try:
        if _MD is None:
            from markdown_it import MarkdownIt
            _MD = MarkdownIt("commonmark", {"html": False}).enable("table")
        return _MD.render(str(text)).strip()
    except Exception:  # markdown-it missing or broken: fall back to plain text
        return "<p>" + inline_html(text).replace("\n", "<br>") + "</p>"


def markdown_inline_html(text: str) -> str:
    """Like markdown_html, but a lone paragraph loses its <p> so it flows after a label."""
    out = markdown_html(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


class Feedback:
    """Result of ``question.check(value)``; truthy when correct."""

    def __init__(self, status: str, message: str, *, qid: str | None = None,
                 key: str | None = None, tone: str | None = None, kind: str | None = None):
        if status not in MARKERS:
            raise ValueError(f"unknown feedback status {status!r}")
        self.status = status
        self.message = str(message)
        self.qid = qid
        # Machine-readable reason ("correct", "mistake:0", "near", "wrong",
        # "invalid:unit", ...); shared with the static JS for parity tests.
        self.key = key or status
        self.tone = tone or status
        self.kind = kind  # the question's kind, set by Question.check

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    @property
    def marker(self) -> str:
        """The label a reader sees before the message ("Correct:", "Not quite:", "Not graded:", …)."""
        return TONE_MARKERS.get(self.tone, MARKERS[self.status])

    @property
    def text(self) -> str:
        return f"{self.marker} {self.message}"

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return f"**{self.marker}** {self.message}"

    def _repr_html_(self) -> str:
        inner = f"<strong>{html.escape(self.marker)}</strong> {inline_html(self.message)}"
        attrs = f' data-status="{self.status}"'
        if self.qid:
            attrs += f' data-qid="{html.escape(self.qid, quote=True)}"'
        return _box(self.tone, inner, "exq-fb", attrs)

    def to_dict(self) -> dict:
        return {"qid": self.qid, "kind": self.kind, "status": self.status, "key": self.key,
                "message": self.message}

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/plain": self.text, "text/markdown": self._repr_markdown_(),
                "text/html": self._repr_html_(), FEEDBACK_MIME: self.to_dict()}


class Hint:
    """One hint tier, displayable."""

    def __init__(self, text: str, number: int, total: int, qid: str | None = None):
        self.text_md = str(text)
        self.number = number
        self.total = total
        self.qid = qid

    @property
    def title(self) -> str:
        if self.total == 0 or self.number == 0:
            return "Hint:"
        return f"Hint {self.number} of {self.total}:"

    def __str__(self) -> str:
        return f"{self.title} {self.text_md}"

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return f"**{self.title}** {self.text_md}"

    def _repr_html_(self) -> str:
        return _box("hint", f"<strong>{html.escape(self.title)}</strong> {markdown_inline_html(self.text_md)}",
                    "exq-hint-box")


class Solution:
    """The worked answer of a question; only created by ``question.solution()``."""

    def __init__(self, qid: str, answer_md: str = "", explanation_md: str = "", code: str = ""):
        self.qid = qid
        self.answer_md = answer_md or ""
        self.explanation_md = explanation_md or ""
        self.code = code or ""

    def _parts_md(self) -> list[str]:
        parts = []
        if self.answer_md:
            parts.append(self.answer_md)
        if self.explanation_md:
            parts.append(self.explanation_md)
        if self.code:
            parts.append("```python\n" + self.code.rstrip() + "\n```")
        return parts or ["(No worked solution was written for this question.)"]

    def __str__(self) -> str:
        return "Solution:\n" + "\n\n".join(self._parts_md())

    __repr__ = __str__

    def _repr_markdown_(self) -> str:
        return "**Solution:**\n\n" + "\n\n".join(self._parts_md())

    def _repr_html_(self) -> str:
        body = "".join(markdown_html(p) for p in self._parts_md())
        return _box("solution", f"<strong>Solution:</strong>{body}", "exq-solution-box")


# ---------------------------------------------------------------- safe text

def safe_repr(value, limit: int = 60) -> str:
    """repr() that never raises, stays short and gives up on a slow ``__repr__``."""
    text = text_of(repr, value, f"<{type_name(value)} object>")
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def fmt_number(x) -> str:
    """A float as a reader would write it: 12,002.8 / 24.0 / 1.5e-07."""
    try:
        x = float(x)
    except Exception:
        return safe_repr(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "infinity" if x > 0 else "-infinity"
    return f"{x:,.10g}"


def fmt_cell(value) -> str:
    """A table cell value for messages: floats keep a decimal point (24.0)."""
    try:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return str(bool(value))
        if isinstance(value, numbers.Integral):
            return str(int(value))
        if isinstance(value, numbers.Real):
            x = float(value)
            if math.isnan(x):
                return "NaN"
            s = f"{x:.10g}"
            if s.lstrip("-").isdigit():
                s += ".0"
            return s
        if isinstance(value, str):
            return safe_repr(value, 40)
    except Exception:
        pass
    return safe_repr(value, 40)


def fmt_list(items, limit: int = 6) -> str:
    """['a', 'b', …] with at most `limit` items shown."""
    items = list(items)
    shown = ", ".join(safe_repr(i, 30) for i in items[:limit])
    if len(items) > limit:
        shown += f", … ({len(items) - limit} more)"
    return f"[{shown}]"


def describe(value) -> str:
    """Say what a student passed in a few words; never raises, bounded in time."""
    if is_exact_safe(value):
        try:
            return _describe(value)
        except Exception:
            return f"a {type_name(value)} object"
    ok, text = bounded(_describe, value)
    return text if ok and type(text) is str else f"a {type_name(value)} object"


def _describe(value) -> str:
    if value is None:
        return "None"
    if value is Ellipsis:
        return "`...` (the placeholder)"
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return f"{bool(value)} (a True/False value)"
    if isinstance(value, str):
        return f"the text {safe_repr(value, 40)}"
    if isinstance(value, numbers.Number):
        return safe_repr(value, 40)
    name = type(value).__name__
    mod = type(value).__module__ or ""
    if mod.startswith("pandas"):
        import pandas as pd
        if isinstance(value, pd.DataFrame):
            return (f"a DataFrame with {value.shape[0]} rows and columns "
                    f"{fmt_list(value.columns)}")
        if isinstance(value, pd.Series):
            named = f" named {safe_repr(value.name, 30)}" if value.name is not None else ""
            return f"a Series of {len(value)} values{named}"
        if isinstance(value, pd.Index):
            return f"an Index of {len(value)} labels"
    if mod.startswith("numpy") and hasattr(value, "shape"):
        return f"a numpy array of shape {tuple(value.shape)}"
    if isinstance(value, (list, tuple, set, frozenset)):
        n = len(value)
        return f"a {name} with {n} item{'s' if n != 1 else ''}"
    if isinstance(value, dict):
        n = len(value)
        return f"a dict with {n} key{'s' if n != 1 else ''}"
    if callable(value):
        return f"the function {getattr(value, '__name__', name)}"
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name} object"
