"""Question types: check / hint / solution for every exercise in the course.

Design rules (see exercises/README.md):
* ``check`` never raises and never calls a wrong answer correct, whatever it is given;
* feedback says what was expected *in kind* and never prints the answer;
* the solution is shown only by ``solution()``;
* numeric tolerance and the mistake table are plain data (``Numeric.spec()``),
  applied by the same rules here and in the static JavaScript front end.
"""

from __future__ import annotations

import copy
import math
import numbers
import re
import unicodedata
from typing import Callable, Iterable

from .feedback import (Feedback, Hint, Solution, describe, fmt_cell, fmt_list,
                       fmt_number, safe_repr)

KINDS = ("single_choice", "multiple_choice", "numeric", "frame", "function", "reflection")
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class _Stop(Exception):
    """Internal: ends a check early with a given status/key/message."""

    def __init__(self, status: str, message: str, key: str | None = None):
        super().__init__(message)
        self.status, self.message, self.key = status, message, key or status


def _is_bool(value) -> bool:
    # numpy.bool_ is not a subclass of bool, and True must never count as 1.
    return isinstance(value, bool) or type(value).__name__ in ("bool_", "bool")


def _is_placeholder(value) -> bool:
    return value is None or value is Ellipsis


def _summarise(prompt: str, limit: int = 70) -> str:
    text = re.sub(r"[`*#>$]|(?<!\w)_|_(?!\w)", "", prompt or "")  # keep snake_case names
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # markdown links -> label
    text = " ".join(text.split())
    m = re.search(r"(.+?[.?!])(\s|$)", text)
    if m:
        text = m.group(1)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


# ===================================================================== base

class Question:
    """Shared behaviour: identity, hints, solution, display."""

    kind = ""
    auto_checked = True

    def __init__(self, id: str, chapter: str, prompt: str, *, hints: Iterable[str] = (),
                 solution: str | None = None, solution_code: str | None = None,
                 source_ids: Iterable[str] = (), summary: str | None = None):
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
        self.solution_code = solution_code or ""
        self.source_ids = [str(s) for s in source_ids]
        self.summary = summary or _summarise(prompt)
        self._hints_shown = 0

    # ---- checking
    def check(self, value=Ellipsis) -> Feedback:
        """Check an answer; returns Feedback and never raises."""
        try:
            fb = self._check(value)
        except _Stop as stop:
            fb = Feedback(stop.status, stop.message, key=stop.key)
        except Exception as exc:  # student objects can raise from anywhere
            fb = Feedback("invalid",
                          f"checking {describe(value)} failed with {type(exc).__name__}: "
                          f"{_exc_text(exc)}. Expected {self.expected_kind()}.",
                          key="invalid:error")
        fb.qid = self.id
        return fb

    def _check(self, value) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def expected_kind(self) -> str:
        return "an answer"

    # ---- hints and solution
    def hint(self, n: int | None = None) -> Hint:
        """Next hint tier on each call, or tier ``n`` (1-based)."""
        total = len(self.hints)
        if total == 0:
            return Hint("this question has no hints; `.solution()` shows the worked answer.",
                        0, 0, self.id)
        if n is None:
            if self._hints_shown >= total:
                return Hint(f"that was the last hint (there are {total}). "
                            "`.solution()` shows the worked answer.", 0, total, self.id)
            self._hints_shown += 1
            n = self._hints_shown
        else:
            n = max(1, min(int(n), total))
            self._hints_shown = max(self._hints_shown, n)
        return Hint(self.hints[n - 1], n, total, self.id)

    def reset_hints(self) -> None:
        self._hints_shown = 0

    def solution(self) -> Solution:
        """Reveal the worked answer (the only place it is shown)."""
        return Solution(self.id, self._answer_md(), self.solution_text, self.solution_code)

    def _answer_md(self) -> str:
        return ""

    # ---- display
    def prompt_text(self) -> str:
        return self.prompt.strip()

    def static_html(self) -> str:
        from .static import static_html
        return static_html(self)

    def widget(self):
        from .widgets import build_widget
        return build_widget(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        try:
            html_ = self.static_html()
        except Exception as exc:  # e.g. a reference answer that can't be computed
            from .feedback import inline_html, markdown_html
            html_ = (f'<div class="exq exq-broken" data-qid="{inline_html(self.id)}">'
                     f'{markdown_html(self.prompt)}<p><em>This question can\'t be checked here: '
                     f'{inline_html(type(exc).__name__)}.</em></p></div>')
        bundle = {"text/plain": self.prompt_text(), "text/html": html_}
        try:
            from .widgets import widget_view
            view = widget_view(self)
        except Exception:  # no ipywidgets / no kernel: the static HTML still works
            view = None
        if view:
            bundle["application/vnd.jupyter.widget-view+json"] = view
        return bundle

    def static_payload(self) -> dict:
        """Data the static front end needs (answers included; base64-encoded there)."""
        from .feedback import markdown_inline_html
        return {"v": 1, "id": self.id, "kind": self.kind,
                "hints": [markdown_inline_html(h) for h in self.hints]}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} ({self.chapter}): {self.summary}>"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _exc_text(exc: BaseException, limit: int = 200) -> str:
    try:
        text = str(exc)
    except Exception:
        text = ""
    text = " ".join(text.split()) or "(no message)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ================================================================== choices

def _norm_text(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class _ChoiceBase(Question):
    def __init__(self, id, chapter, prompt, options, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, **kw)
        options = [str(o) for o in options]
        if len(options) < 2 or len(options) > len(_LETTERS):
            raise ValueError(f"{id}: need between 2 and 26 options")
        if len({_norm_text(o) for o in options}) != len(options):
            raise ValueError(f"{id}: options must differ (ignoring case and spaces)")
        self.options = options
        self.explanations = {}
        for k, v in (explanations or {}).items():
            self.explanations[self._author_index(k)] = str(v)

    def _author_index(self, key) -> int:
        """Resolve an author's index/text/letter; raise ValueError if unknown."""
        if isinstance(key, numbers.Integral) and not _is_bool(key) and 0 <= int(key) < len(self.options):
            return int(key)
        if isinstance(key, str):
            try:
                return self._parse_option(key)
            except _Stop:
                pass
        raise ValueError(f"{self.id}: {key!r} is not one of the options")

    def letter(self, i: int) -> str:
        return _LETTERS[i]

    def _range_text(self) -> str:
        n = len(self.options)
        return f"a letter a–{_LETTERS[n - 1]}, an index 0–{n - 1} or the option text"

    def _parse_option(self, value) -> int:
        """Student's pick -> option index, or raise _Stop."""
        n = len(self.options)
        if _is_placeholder(value):
            raise _Stop("not_attempted", f"replace `...` with your choice ({self._range_text()}).")
        if _is_bool(value):
            raise _Stop("invalid", f"got {describe(value)}; pick an option with {self._range_text()}.",
                        "invalid:type")
        if isinstance(value, numbers.Integral):
            i = int(value)
            if 0 <= i < n:
                return i
            raise _Stop("invalid", f"there are only {n} options: use an index 0–{n - 1} "
                        f"or a letter a–{_LETTERS[n - 1]}.", "invalid:range")
        if isinstance(value, str):
            s = _norm_text(value)
            if not s or s in ("...", "…"):
                raise _Stop("not_attempted", f"no choice yet — use {self._range_text()}.")
            texts = [_norm_text(o) for o in self.options]
            if s in texts:
                return texts.index(s)
            m = re.match(r"^\(?([a-z])[).:]?$", s)
            if m and _LETTERS.index(m.group(1)) < n:
                return _LETTERS.index(m.group(1))
            m = re.match(r"^\(?([a-z])[).:]\s*(.+)$", s)
            if m and _LETTERS.index(m.group(1)) < n and texts[_LETTERS.index(m.group(1))] == m.group(2):
                return _LETTERS.index(m.group(1))
            raise _Stop("invalid", f"{safe_repr(value, 40)} doesn't match any option; use "
                        f"{self._range_text()}.", "invalid:option")
        raise _Stop("invalid", f"got {describe(value)}; pick an option with {self._range_text()}.",
                    "invalid:type")

    def prompt_text(self) -> str:
        lines = [self.prompt.strip(), ""]
        lines += [f"  {self.letter(i)}) {o}" for i, o in enumerate(self.options)]
        return "\n".join(lines)


class SingleChoice(_ChoiceBase):
    """One right option out of several."""

    kind = "single_choice"

    def __init__(self, id, chapter, prompt, options, answer, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, options, explanations=explanations, **kw)
        self.answer = self._author_index(answer)

    def expected_kind(self) -> str:
        return f"one option ({self._range_text()})"

    def _check(self, value) -> Feedback:
        i = self._parse_option(value)
        return _choice_single_feedback(i, self.answer, self.explanations)

    def _answer_md(self) -> str:
        return f"**Answer:** ({self.letter(self.answer)}) {self.options[self.answer]}"

    def static_payload(self) -> dict:
        p = super().static_payload()
        p.update(answer=self.answer, n=len(self.options),
                 explanations={str(k): v for k, v in sorted(self.explanations.items())})
        return p


def _choice_single_feedback(i: int, answer: int, explanations: dict) -> Feedback:
    # Mirrors singleFeedback() in static.py's JavaScript.
    extra = explanations.get(i, "")
    if i == answer:
        msg = f"({_LETTERS[i]}) is right." + (f" {extra}" if extra else "")
        return Feedback("correct", msg, key="correct")
    msg = f"({_LETTERS[i]}) isn't the best answer." + (f" {extra}" if extra else " A hint may help.")
    return Feedback("incorrect", msg, key="wrong")


class MultipleChoice(_ChoiceBase):
    """Select all options that apply."""

    kind = "multiple_choice"

    def __init__(self, id, chapter, prompt, options, answers, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, options, explanations=explanations, **kw)
        if isinstance(answers, (str, int)):
            answers = [answers]
        self.answers = frozenset(self._author_index(a) for a in answers)
        if not self.answers:
            raise ValueError(f"{id}: at least one option must be correct")

    def expected_kind(self) -> str:
        return "a list of all options that apply (letters, indices or option texts)"

    def _parse_many(self, value) -> set[int]:
        if _is_placeholder(value):
            raise _Stop("not_attempted", "replace `...` with a list of your choices, e.g. ['a', 'c'].")
        if isinstance(value, str):
            s = _norm_text(value)
            if not s or s in ("...", "…"):
                raise _Stop("not_attempted", "no choices yet — give a list such as ['a', 'c'].")
            try:
                return {self._parse_option(value)}
            except _Stop:
                pass
            pieces = [p for p in re.split(r"[,;]|\s+and\s+", s) if p.strip()]
            if len(pieces) == 1:
                pieces = s.split()
            if len(pieces) == 1 and re.fullmatch(r"[a-z]+", s) and len(set(s)) == len(s):
                pieces = list(s)
            return {self._parse_option(p.strip()) for p in pieces}
        if isinstance(value, numbers.Integral) and not _is_bool(value):
            return {self._parse_option(value)}
        if isinstance(value, dict) or not isinstance(value, (list, tuple, set, frozenset)) \
                and type(value).__module__.split(".")[0] not in ("numpy", "pandas"):
            raise _Stop("invalid", f"got {describe(value)}; expected {self.expected_kind()}.",
                        "invalid:type")
        items = list(value)
        if len(items) > 4 * len(self.options):
            raise _Stop("invalid", f"got {len(items)} choices for {len(self.options)} options.",
                        "invalid:type")
        picked = {self._parse_option(v) for v in items}
        if not picked:
            raise _Stop("not_attempted", "your list is empty — select at least one option.")
        return picked

    def _check(self, value) -> Feedback:
        return _choice_multi_feedback(sorted(self._parse_many(value)), self.answers,
                                      self.explanations)

    def _answer_md(self) -> str:
        lines = [f"- ({self.letter(i)}) {self.options[i]}" for i in sorted(self.answers)]
        return "**Answer:** all of\n\n" + "\n".join(lines)

    def static_payload(self) -> dict:
        p = super().static_payload()
        p.update(answers=sorted(self.answers), n=len(self.options),
                 explanations={str(k): v for k, v in sorted(self.explanations.items())})
        return p


def _choice_multi_feedback(picked: list[int], answers: frozenset, explanations: dict) -> Feedback:
    # Mirrors multiFeedback() in static.py's JavaScript.
    if set(picked) == set(answers):
        extras = [explanations[i] for i in picked if i in explanations]
        msg = "you found all the right options." + ("".join(f" {e}" for e in extras))
        return Feedback("correct", msg, key="correct")
    parts = []
    for i in picked:
        if i not in answers:
            parts.append(f"({_LETTERS[i]}) doesn't belong" +
                         (f": {explanations[i]}" if i in explanations else "."))
    if not set(answers) <= set(picked):
        parts.append("You've missed at least one correct option.")
    return Feedback("incorrect", " ".join(parts), key="wrong")


# ================================================================== numeric

# Unit words a student may type. Shared verbatim with the JavaScript (payload).
SCALE_WORDS = {
    "thousand": 1e3, "k": 1e3, "千": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "百万": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "十亿": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "万亿": 1e12,
    "万": 1e4, "亿": 1e8,
}
BASE_WORDS = {
    "rmb": "rmb", "yuan": "rmb", "cny": "rmb", "元": "rmb", "¥": "rmb", "人民币": "rmb",
    "usd": "usd", "$": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd",
    "usdollars": "usd",
    "%": "%", "percent": "%", "percentage": "%", "pct": "%", "pp": "%", "ppt": "%",
    "percentagepoint": "%", "percentagepoints": "%", "point": "%", "points": "%", "pts": "%",
}
_BASE_NAMES = {"rmb": "RMB", "usd": "US dollars", "%": "a percentage"}
# Longest first, so "bn" wins over "b"; the JS walks the same list in order.
SCALE_TOKENS = sorted(SCALE_WORDS.items(), key=lambda kv: (-len(kv[0]), kv[0]))
_LONG_SCALE_WORDS = {"thousand", "million", "billion", "trillion"}

NUMERIC_MESSAGES = {
    "correct": "{shown} is right.",
    "wrong": "{shown} isn't the expected value — a hint may help.",
    "near": "{shown} is close, but outside the accepted margin (±{margin}) — "
            "check your rounding and which rows you included.",
    "na_stub": "replace `...` with your answer — {expect}.",
    "na_empty": "type your answer first — {expect}.",
    "invalid:format": "couldn't read {raw} as a number — expected {expect}, e.g. 1234.5.",
    "invalid:commas": "couldn't read {raw}: use a dot for decimals and commas only "
                      "between thousands (1,234.5).",
    "invalid:unit": "couldn't understand the unit in {raw} — expected {expect}.",
    "invalid:percent": "{raw} is a percentage, but this asks for {expect}.",
    "invalid:notpercent": "{raw} isn't a percentage, but this asks for {expect}.",
    "invalid:nounit": "this answer has no unit — type just the number.",
    "invalid:base": "{raw} is in a different unit — this asks for {expect}.",
    "invalid:toolarge": "{raw} is too large (or not finite) to be an answer.",
}

_NUM_RE = re.compile(r"^([+-]?)([¥$]?)([+-]?)([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(e[+-]?[0-9]+)?(.*)$")
_COMMA_RE = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")


def normalize_number_text(text: str) -> str:
    """NFKC, unicode minus -> '-', lower case, no whitespace (same as JS)."""
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    return re.sub(r"\s+", "", s.lower())


def parse_unit(unit: str | None) -> tuple[float, str]:
    """Question unit -> (scale, base), e.g. 'billion RMB' -> (1e9, 'rmb')."""
    if not unit:
        return 1.0, ""
    s = normalize_number_text(unit)
    if s in BASE_WORDS:
        return 1.0, BASE_WORDS[s]
    for tok, factor in SCALE_TOKENS:
        if s.startswith(tok):
            rest = s[len(tok):]
            cjk = not tok.isascii()
            if rest == "" or rest in BASE_WORDS or tok in _LONG_SCALE_WORDS or cjk:
                return factor, BASE_WORDS.get(rest, rest)
    return 1.0, s


def parse_number_text(text: str, spec: dict) -> tuple[str, float | None]:
    """Student's typed answer -> (key, value in the question's unit).

    key is "ok", "not_attempted" or "invalid:<reason>". Mirrored by parseNumber() in JS.
    """
    s = normalize_number_text(text)
    if s in ("", "...", "…"):
        return "not_attempted", None
    m = _NUM_RE.match(s)
    if not m:
        return "invalid:format", None
    sign1, symbol, sign2, digits, exp, tail = m.groups()
    if sign1 and sign2:
        return "invalid:format", None
    if "," in digits:
        int_part = digits.split(".")[0]
        if not _COMMA_RE.match(int_part):
            return "invalid:commas", None
    # No scale word means the number is already in the question's unit.
    sscale = spec["qscale"]
    base = BASE_WORDS[symbol] if symbol else None
    if tail:
        found = None
        for tok, factor in [("", spec["qscale"])] + SCALE_TOKENS:
            if not tail.startswith(tok):
                continue
            rest = tail[len(tok):]
            if rest == "":
                found = (factor, None)
            elif rest in BASE_WORDS:
                found = (factor, BASE_WORDS[rest])
            elif spec["qbase"] and rest == spec["qbase"]:
                found = (factor, spec["qbase"])
            if found:
                break
        if not found:
            return "invalid:unit", None
        sscale = found[0]
        if found[1] is not None:
            if base is not None and base != found[1]:
                return "invalid:unit", None
            base = found[1]
    if base is not None and base != spec["qbase"]:
        if base == "%":
            return "invalid:percent", None
        if spec["qbase"] == "%":
            return "invalid:notpercent", None
        if spec["qbase"] == "":
            return "invalid:nounit", None
        return "invalid:base", None
    value = float(digits.replace(",", "") + (exp or "")) * sscale / spec["qscale"]
    if sign1 == "-" or sign2 == "-":
        value = -value
    if not math.isfinite(value):
        return "invalid:toolarge", None
    return "ok", value


def classify_number(x: float, spec: dict) -> str:
    """'correct' | 'mistake:<i>' | 'near' | 'wrong'. Mirrored by classify() in JS."""
    a = spec["answer"]
    tol = max(spec["tol"], spec["rtol"] * abs(a))
    # A hair of slack so that float noise (0.1 + 0.2) never fails a right answer.
    if abs(x - a) <= tol + 1e-12 * max(abs(a), abs(x)):
        return "correct"
    for i, m in enumerate(spec["mistakes"]):
        t = m["value"] if m["value"] is not None else a * m["factor"]
        if m["tolerance"] is not None:
            mt = m["tolerance"]
        else:
            scale = abs(m["factor"]) if m["factor"] is not None else 1.0
            mt = max(spec["tol"] * scale, spec["rtol"] * abs(t))
        if abs(x - t) <= mt + 1e-12 * max(abs(t), abs(x)):
            return f"mistake:{i}"
    if spec["near"] > 0 and tol > 0 and abs(x - a) <= spec["near"] * tol + 1e-12 * max(abs(a), abs(x)):
        return "near"
    return "wrong"


def _factor_text(f: float) -> str:
    return fmt_number(f if abs(f) >= 1 else 1 / f)


class Mistake:
    """A recognised wrong answer: plain data (kind, factor or value, tolerance, message)."""

    __slots__ = ("kind", "factor", "target_value", "tolerance", "message")

    def __init__(self, kind: str, message: str, *, factor: float | None = None,
                 value: float | None = None, tolerance: float | None = None):
        if (factor is None) == (value is None):
            raise ValueError("a Mistake needs exactly one of factor= or value=")
        for name, x in (("factor", factor), ("value", value), ("tolerance", tolerance)):
            if x is not None and (_is_bool(x) or not isinstance(x, numbers.Real)
                                  or not math.isfinite(float(x))):
                raise ValueError(f"Mistake {name} must be a finite number, got {x!r}")
        if tolerance is not None and tolerance < 0:
            raise ValueError("Mistake tolerance must be >= 0")
        self.kind = kind
        self.message = str(message)
        self.factor = None if factor is None else float(factor)
        self.target_value = None if value is None else float(value)
        self.tolerance = None if tolerance is None else float(tolerance)

    # ---- constructors
    @classmethod
    def scale(cls, factor: float, message: str | None = None, tolerance: float | None = None):
        """Answer times ``factor`` (1000 / 0.001: billion-trillion slip)."""
        if message is None:
            size = "large" if abs(factor) > 1 else "small"
            message = (f"that's about {_factor_text(factor)} times too {size} — check the units "
                       "(thousand / million / billion / trillion).")
        return cls("scale", message, factor=factor, tolerance=tolerance)

    @classmethod
    def value(cls, value: float, message: str | None = None, tolerance: float | None = None):
        """A specific wrong number (a stated total, another year or province...)."""
        if message is None:
            message = ("that's a real number from the data, but not the one asked for — "
                       "check the year, the province and the measure.")
        return cls("value", message, value=value, tolerance=tolerance)

    @classmethod
    def wrong_year(cls, value: float, year=None, message: str | None = None,
                   tolerance: float | None = None):
        if message is None:
            which = f" ({year})" if year is not None else ""
            message = f"that's the figure for another year{which} — check which year the question asks about."
        return cls("wrong_year", message, value=value, tolerance=tolerance)

    @classmethod
    def wrong_province(cls, value: float, province=None, message: str | None = None,
                       tolerance: float | None = None):
        if message is None:
            which = f" ({province})" if province is not None else ""
            message = f"that's the figure for another province{which} — check your filter."
        return cls("wrong_province", message, value=value, tolerance=tolerance)

    @classmethod
    def fraction_for_percent(cls, message: str | None = None):
        """A share 0–1 given where a percentage was asked (answer ÷ 100)."""
        return cls("fraction_for_percent", message or
                   "that looks like a fraction where a percentage was asked — multiply by 100.",
                   factor=0.01)

    @classmethod
    def percent_for_fraction(cls, message: str | None = None):
        """A percentage given where a share 0–1 was asked (answer × 100)."""
        return cls("percent_for_fraction", message or
                   "that looks like a percentage where a fraction (between 0 and 1) was asked "
                   "— divide by 100.", factor=100.0)

    @classmethod
    def points_vs_percent(cls, other_value: float, message: str | None = None,
                          tolerance: float | None = None):
        """Percentage-point change given for percent change, or the reverse."""
        return cls("points_vs_percent", message or
                   "that mixes up a change in percentage points with a percent change — "
                   "re-read which one the question asks for.", value=other_value,
                   tolerance=tolerance)

    @classmethod
    def sign(cls, message: str | None = None):
        """Right size, wrong sign."""
        return cls("sign", message or
                   "right size, wrong sign — check the order of the subtraction.", factor=-1.0)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "factor": self.factor, "value": self.target_value,
                "tolerance": self.tolerance, "message": self.message}

    def __repr__(self) -> str:
        what = f"factor={self.factor}" if self.factor is not None else f"value={self.target_value}"
        return f"Mistake({self.kind!r}, {what})"


class Numeric(Question):
    """A number with a tolerance, a unit, and a table of recognised mistakes."""

    kind = "numeric"

    def __init__(self, id, chapter, prompt, answer, *, tolerance: float | None = None,
                 rel_tolerance: float | None = None, unit: str | None = None,
                 mistakes: Iterable[Mistake] = (), auto_mistakes: bool = True,
                 near: float = 5.0, **kw):
        super().__init__(id, chapter, prompt, **kw)
        for name, x in (("tolerance", tolerance), ("rel_tolerance", rel_tolerance)):
            if x is not None and (_is_bool(x) or not isinstance(x, numbers.Real) or not x >= 0
                                  or not math.isfinite(float(x))):
                raise ValueError(f"{id}: {name} must be a finite number >= 0")
        if tolerance is None and rel_tolerance is None:
            rel_tolerance = 1e-6  # "exact", allowing for float noise and rounding in the 6th digit
        self.tolerance = float(tolerance or 0.0)
        self.rel_tolerance = float(rel_tolerance or 0.0)
        self.unit = unit or ""
        self.qscale, self.qbase = parse_unit(unit)
        self.mistakes = list(mistakes)
        for m in self.mistakes:
            if not isinstance(m, Mistake):
                raise TypeError(f"{id}: mistakes must be Mistake objects, got {m!r}")
        self.auto_mistakes = auto_mistakes
        self.near = float(near)
        self._answer = answer
        if not callable(answer):
            self._validate_answer(answer)

    def _validate_answer(self, answer) -> float:
        if _is_bool(answer) or not isinstance(answer, numbers.Real) or not math.isfinite(float(answer)):
            raise ValueError(f"{self.id}: answer must be a finite number, got {answer!r}")
        return float(answer)

    @property
    def answer(self) -> float:
        """The reference number (computed now if it was given as a function)."""
        a = self._answer() if callable(self._answer) else self._answer
        if type(a).__module__.split(".")[0] in ("numpy", "pandas") and hasattr(a, "item"):
            a = a.item()
        return self._validate_answer(a)

    def all_mistakes(self) -> list[Mistake]:
        table = list(self.mistakes)
        if self.auto_mistakes:
            kinds = {m.kind for m in table}
            if self.qbase == "%" and "fraction_for_percent" not in kinds:
                table.append(Mistake.fraction_for_percent())
            if "sign" not in kinds:
                table.append(Mistake.sign())
        return table

    def spec(self) -> dict:
        """The tolerance + mistake table as plain data (embedded in the static HTML)."""
        return {"answer": self.answer, "tol": self.tolerance, "rtol": self.rel_tolerance,
                "unit": self.unit, "qscale": self.qscale, "qbase": self.qbase,
                "near": self.near, "expect": self.expected_kind(),
                "mistakes": [m.to_dict() for m in self.all_mistakes()]}

    def expected_kind(self) -> str:
        if self.qbase == "%":
            return f"a percentage ({self.unit})" if self.unit not in ("%",) else "a percentage"
        return f"a number in {self.unit}" if self.unit else "a number"

    def _with_unit(self, number_text: str) -> str:
        if not self.unit:
            return number_text
        return number_text + ("%" if self.unit.strip() == "%" else " " + self.unit)

    def _shown_suffix(self) -> str:
        # Echoing "0.3%" for a typed 0.3 would confuse the fraction-vs-percent
        # feedback, so percentages are echoed bare.
        if not self.unit or self.qbase == "%":
            return ""
        return " " + self.unit

    def margin_text(self, spec: dict) -> str:
        tol = max(spec["tol"], spec["rtol"] * abs(spec["answer"]))
        if spec["tol"] >= spec["rtol"] * abs(spec["answer"]):
            return self._with_unit(fmt_number(tol))
        return f"{fmt_number(spec['rtol'] * 100)}%"

    def _to_number(self, value, spec) -> tuple[float, str]:
        """Student value -> (number in question units, how to show it)."""
        msgs = NUMERIC_MESSAGES
        expect = spec["expect"]
        if _is_placeholder(value):
            raise _Stop("not_attempted", msgs["na_stub"].format(expect=expect))
        if _is_bool(value):
            raise _Stop("invalid", f"got {describe(value)}; expected {expect}.", "invalid:type")
        if isinstance(value, str):
            key, x = parse_number_text(value, spec)
            raw = safe_repr(value.strip(), 40)
            if key == "not_attempted":
                raise _Stop("not_attempted", msgs["na_empty"].format(expect=expect))
            if key != "ok":
                raise _Stop("invalid", msgs[key].format(raw=raw, expect=expect), key)
            typed = value.strip()
            norm = normalize_number_text(typed)
            plain = re.fullmatch(r"[+-]?[0-9][0-9,]*(\.[0-9]*)?|[+-]?\.[0-9]+", norm)
            shown = typed + self._shown_suffix() if plain else f"{raw} (= {fmt_number(x)}{self._shown_suffix()})"
            return x, shown
        mod = type(value).__module__.split(".")[0]
        if mod == "pandas":
            import pandas as pd
            if isinstance(value, pd.Series):
                if len(value) == 1:
                    return self._to_number(value.iloc[0], spec)
                if len(value) == 0:
                    raise _Stop("invalid", "got an empty Series — your selection matched no rows. "
                                f"Expected {expect}.", "invalid:shape")
                raise _Stop("invalid", f"got a Series of {len(value)} values; expected a single "
                            f"number ({expect}). Pick one value or aggregate (e.g. `.sum()`).",
                            "invalid:shape")
            if isinstance(value, pd.DataFrame):
                raise _Stop("invalid", f"got {describe(value)}; expected a single number "
                            f"({expect}). Pick the value out, e.g. with `.loc[row, column]`.",
                            "invalid:shape")
            if value is pd.NA or value is pd.NaT:
                raise _Stop("invalid", "got a missing value (NA) — check your selection "
                            "for rows that didn't match.", "invalid:nan")
        if mod == "numpy" and hasattr(value, "shape") and hasattr(value, "dtype"):
            if value.size == 1 and value.dtype.kind in "iuf":
                return self._to_number(value.reshape(-1)[0].item(), spec)
            if value.size == 1 and value.dtype.kind == "b":
                raise _Stop("invalid", f"got a True/False value; expected {expect}.", "invalid:type")
            if value.size != 1 or value.ndim > 0:
                raise _Stop("invalid", f"got {describe(value)}; expected a single number ({expect}).",
                            "invalid:shape")
        if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
            raise _Stop("invalid", f"got a complex number; expected {expect}.", "invalid:type")
        if isinstance(value, (list, tuple, set, frozenset, dict)):
            hint = " Pass the number itself, e.g. `x[0]`." if isinstance(value, (list, tuple)) and len(value) == 1 else ""
            raise _Stop("invalid", f"got {describe(value)}; expected a single number ({expect}).{hint}",
                        "invalid:type")
        if isinstance(value, numbers.Real) or hasattr(type(value), "__float__"):
            try:
                x = float(value)
            except OverflowError:
                raise _Stop("invalid", "that number is too large to be an answer.", "invalid:toolarge")
            except Exception as exc:
                raise _Stop("invalid", f"couldn't turn {describe(value)} into a number "
                            f"({type(exc).__name__}); expected {expect}.", "invalid:type")
            if not isinstance(x, float):
                raise _Stop("invalid", f"got {describe(value)}; expected {expect}.", "invalid:type")
            if math.isnan(x):
                raise _Stop("invalid", "got NaN (a missing value) — your calculation probably "
                            "selected no rows or divided by zero.", "invalid:nan")
            if math.isinf(x):
                raise _Stop("invalid", "got infinity — did you divide by zero?", "invalid:toolarge")
            return x, fmt_number(x) + self._shown_suffix()
        raise _Stop("invalid", f"got {describe(value)}; expected {expect}.", "invalid:type")

    def _check(self, value) -> Feedback:
        spec = self._spec_or_stop()
        x, shown = self._to_number(value, spec)
        key = classify_number(x, spec)
        if key == "correct":
            return Feedback("correct", NUMERIC_MESSAGES["correct"].format(shown=shown), key=key)
        if key.startswith("mistake:"):
            m = spec["mistakes"][int(key.split(":")[1])]
            return Feedback("incorrect", f"{shown}: {m['message']}", key=key)
        msg = NUMERIC_MESSAGES[key].format(shown=shown, margin=self.margin_text(spec))
        return Feedback("incorrect", msg, key=key)

    def _spec_or_stop(self) -> dict:
        try:
            return self.spec()
        except Exception as exc:
            raise _Stop("invalid", "the reference answer couldn't be computed "
                        f"({type(exc).__name__}: {_exc_text(exc)}) — a problem with the "
                        "exercise, not your answer.", "invalid:reference")

    def _answer_md(self) -> str:
        try:
            spec = self.spec()
        except Exception as exc:
            return f"(reference answer unavailable: {type(exc).__name__})"
        return (f"**Answer:** {self._with_unit(fmt_number(spec['answer']))} "
                f"(accepted within ±{self.margin_text(spec)})")

    def static_payload(self) -> dict:
        p = super().static_payload()
        spec = self.spec()
        p.update(spec)
        p["scales"] = [[t, f] for t, f in SCALE_TOKENS]
        p["bases"] = dict(sorted(BASE_WORDS.items()))
        p["msg"] = dict(NUMERIC_MESSAGES, margin=self.margin_text(spec))
        p["unitsuffix"] = self._shown_suffix()
        return p


# =================================================================== pandas

def _dtype_family(dtype) -> str:
    import pandas as pd
    api = pd.api.types
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if api.is_bool_dtype(dtype):
        return "bool"
    if api.is_integer_dtype(dtype):
        return "integer"
    if api.is_float_dtype(dtype):
        return "float"
    if api.is_datetime64_any_dtype(dtype):
        return "datetime"
    if api.is_string_dtype(dtype) or api.is_object_dtype(dtype):
        return "text/object"
    return str(dtype)


def _is_numeric_col(s) -> bool:
    import pandas as pd
    return pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)


def _scalar_na(x) -> bool:
    try:
        import pandas as pd
        r = pd.isna(x)
        return bool(r) if isinstance(r, (bool,)) or type(r).__name__ == "bool_" else False
    except Exception:
        return False


def _cell_eq(e, g) -> bool:
    if _scalar_na(e) and _scalar_na(g):
        return True
    if _scalar_na(e) or _scalar_na(g):
        return False
    if _is_bool(e) != _is_bool(g):
        return False
    try:
        r = e == g
        return bool(r) if isinstance(r, bool) or type(r).__name__ == "bool_" else False
    except Exception:
        return False


def _ratio_diagnosis(e: float, g: float) -> str:
    """Explain a numeric difference by a typical slip (percent/fraction, units, sign)."""
    if math.isnan(g) and not math.isnan(e):
        return " — got a missing value (NaN); check for rows that didn't match or a division by zero"
    if math.isnan(e) and not math.isnan(g):
        return " — expected a missing value (NaN) here"
    if e == 0 or not math.isfinite(e) or not math.isfinite(g) or g == 0:
        return ""
    r = g / e

    def near(target):
        return abs(r - target) <= 1e-3 * abs(target)

    if near(0.01):
        return " — looks like a fraction where a percentage was expected"
    if near(100):
        return " — looks like a percentage where a fraction was expected"
    if near(-1):
        return " — the sign is flipped"
    for k in (3, 4, 6, 8, 9, 12):
        if near(10 ** k) or near(10 ** -k):
            return f" — off by a factor of {10 ** k:,}; check the units (thousand / million / billion)"
    return ""


def _text_diagnosis(e, g) -> str:
    if isinstance(e, str) and isinstance(g, str) and _norm_text(e) == _norm_text(g):
        return " — differs only in upper/lower case or spaces"
    if isinstance(e, str) and not isinstance(g, str) and str(g) == e:
        return f" — a {type(g).__name__} where text was expected"
    if isinstance(g, str) and not isinstance(e, str) and str(e) == g:
        return " — text where a number/value was expected"
    return ""


def _norm_label(x) -> str:
    return re.sub(r"[\s_\-]+", "", str(x)).casefold()


def _describe_expected(expected, check_index: bool) -> str:
    import pandas as pd
    if isinstance(expected, pd.DataFrame):
        text = f"a DataFrame with columns {fmt_list(expected.columns, 8)}"
    else:
        text = "a Series"
    if check_index and expected.index.name is not None:
        text += f" indexed by {safe_repr(expected.index.name, 30)}"
    return text


def _is_default_index(idx) -> bool:
    import pandas as pd
    return isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1 and idx.name is None


def _index_problem(e_idx, g_idx, got, sort: bool) -> str:
    """Say how the student's index differs from the expected one."""
    import pandas as pd
    if _is_default_index(g_idx) and not _is_default_index(e_idx):
        name = e_idx.name
        if isinstance(got, pd.DataFrame) and name is not None and name in list(got.columns):
            return (f"your rows are numbered 0, 1, 2, …; expected them labelled by "
                    f"{safe_repr(name, 30)} — use `.set_index({safe_repr(name, 30)})`")
        return "your rows are numbered 0, 1, 2, …; expected them labelled (did `.reset_index()` drop the labels?)"
    if _is_default_index(e_idx) and not _is_default_index(g_idx):
        what = f"by {safe_repr(g_idx.name, 30)}" if g_idx.name is not None else "with labels"
        return (f"expected a plain 0, 1, 2, … index, but your rows are indexed {what} — "
                "use `.reset_index()` (or `.reset_index(drop=True)`)")
    try:
        e_set, g_set = set(e_idx), set(g_idx)
    except Exception:
        return "the index labels differ"
    missing = [x for x in e_idx if x not in g_set]
    extra = [x for x in g_idx if x not in e_set]
    if not missing and not extra:
        if len(e_idx) == len(g_idx):
            return ("the rows are the same but in a different order — check your sorting "
                    "(which column, ascending or descending)")
        return "some index labels are repeated"
    parts = []
    if missing:
        parts.append(f"missing {fmt_list(missing)}")
    if extra:
        parts.append(f"unexpected {fmt_list(extra)}")
    return "index labels differ: " + "; ".join(parts)


def compare_pandas(expected, got, *, check_dtype: bool = False, check_index: bool = True,
                   rtol: float = 1e-5, atol: float = 1e-8, sort: bool = False,
                   check_names: bool = False, check_column_order: bool = False):
    """None if ``got`` matches ``expected`` (DataFrame or Series), else (status, message)."""
    import numpy as np
    import pandas as pd

    want = _describe_expected(expected, check_index)
    if _is_placeholder(got):
        return "not_attempted", f"replace `...` with your code — expected {want}."
    is_df = isinstance(expected, pd.DataFrame)
    if is_df:
        if isinstance(got, pd.Series):
            named = f" (named {safe_repr(got.name, 30)})" if got.name is not None else ""
            return "incorrect", (f"expected {want}, but got a Series{named}. Turn it into a table "
                                 "with `.to_frame()` or `.reset_index()`, or select several columns "
                                 "with `df[[...]]`.")
        if not isinstance(got, pd.DataFrame):
            return "invalid", f"expected {want}; got {describe(got)}."
    else:
        if isinstance(got, pd.DataFrame):
            if got.shape[1] == 1:
                col = safe_repr(got.columns[0], 30)
                return "incorrect", (f"expected a Series, but got a DataFrame with one column {col} "
                                     f"— select it with `df[{col}]`.")
            return "incorrect", (f"expected a Series, but got {describe(got)} — pick one column "
                                 "with `df['name']`.")
        if not isinstance(got, pd.Series):
            return "invalid", f"expected {want}; got {describe(got)}."

    # ---- columns
    if is_df:
        if not isinstance(got.columns, pd.MultiIndex) and got.columns.has_duplicates:
            dups = list(dict.fromkeys(c for c in got.columns[got.columns.duplicated()]))
            return "incorrect", f"column names repeat: {fmt_list(dups)}."
        e_cols, g_cols = list(expected.columns), list(got.columns)
        missing = [c for c in e_cols if c not in g_cols]
        extra = [c for c in g_cols if c not in e_cols]
        if missing or extra:
            parts = []
            if missing:
                names = ", ".join(safe_repr(c, 30) for c in missing[:6])
                parts.append(f"column {names} is missing" if len(missing) == 1
                             else f"columns {names} are missing")
                if got.index.name is not None and got.index.name in missing:
                    parts.append(f"{safe_repr(got.index.name, 30)} is your index, not a column — "
                                 "use `.reset_index()`")
                for m in missing:
                    for x in extra:
                        if _norm_label(m) == _norm_label(x):
                            parts.append(f"{safe_repr(x, 30)} looks like {safe_repr(m, 30)} — check "
                                         "spelling, case and spaces")
            if check_index and expected.index.name is not None and expected.index.name in extra:
                name = safe_repr(expected.index.name, 30)
                parts.append(f"{name} should be the index, not a column — use `.set_index({name})`")
            if extra:
                names = ", ".join(safe_repr(c, 30) for c in extra[:6])
                parts.append(f"unexpected column {names}" if len(extra) == 1
                             else f"unexpected columns {names}")
            return "incorrect", "; ".join(parts) + f". Expected {want}."
        if check_column_order and e_cols != g_cols:
            return "incorrect", (f"the columns are right but in a different order: expected "
                                 f"{fmt_list(e_cols, 8)}.")
        got = got[e_cols]
    elif check_names and not _cell_eq(expected.name, got.name):
        return "incorrect", (f"the Series is named {safe_repr(got.name, 30)}, expected "
                             f"{safe_repr(expected.name, 30)} — use `.rename(...)`.")

    # ---- index and rows
    if check_index:
        if sort:
            try:
                expected = expected.sort_index(kind="stable")
                got = got.sort_index(kind="stable")
            except Exception:
                pass  # unsortable labels: compare in the given order
        e_idx, g_idx = expected.index, got.index
        same = len(e_idx) == len(g_idx) and all(_cell_eq(a, b) for a, b in zip(e_idx, g_idx))
        if not same:
            problem = _index_problem(e_idx, g_idx, got, sort)
            if len(e_idx) != len(g_idx):
                return "incorrect", f"expected {len(e_idx)} rows, got {len(g_idx)}; {problem}."
            return "incorrect", problem + "."
        labels = list(e_idx)
        where = lambda pos: f"index {safe_repr(labels[pos], 30)}"  # noqa: E731
    else:
        if len(expected) != len(got):
            return "incorrect", f"expected {len(expected)} rows, got {len(got)}."
        if sort:
            try:
                if is_df:
                    by = list(expected.columns)
                    expected = expected.sort_values(by=by, kind="stable")
                    got = got.sort_values(by=by, kind="stable")
                else:
                    expected = expected.sort_values(kind="stable")
                    got = got.sort_values(kind="stable")
            except Exception:
                pass
        # Without a meaningful index, name a row by its first text column (e.g. its province),
        # which is what the student sees, rather than by a position in sorted order.
        key = next((c for c in expected.columns if not _is_numeric_col(expected[c])), None) if is_df else None
        if key is not None:
            keys = list(expected[key].astype(object))
            where = lambda pos: f"the row with {key} {safe_repr(keys[pos], 30)}"  # noqa: E731
        else:
            where = lambda pos: f"row {pos}"  # noqa: E731

    # ---- dtypes
    pairs = ([(c, expected[c], got[c]) for c in expected.columns] if is_df
             else [(None, expected, got)])
    if check_dtype:
        for c, e, g in pairs:
            fe, fg = _dtype_family(e.dtype), _dtype_family(g.dtype)
            if fe != fg:
                what = f"column {safe_repr(c, 30)}" if is_df else "the Series"
                hint = " (numbers stored as text? try `pd.to_numeric`)" if fg == "text/object" and fe in ("integer", "float") else ""
                return "incorrect", f"{what} has dtype {g.dtype} ({fg}), expected {fe}{hint}."

    # ---- values
    diffs = []  # (column, n_diff, first_pos, e_val, g_val, diagnosis)
    for c, e, g in pairs:
        what = f"column {safe_repr(c, 30)}" if is_df else "the Series"
        n = len(e)
        if _is_numeric_col(e):
            if pd.api.types.is_bool_dtype(g.dtype):
                return "incorrect", f"{what} holds True/False values; expected numbers."
            if _is_numeric_col(g):
                gv = g.to_numpy(dtype="float64", na_value=np.nan)
            else:
                # Only genuine numbers in an object column count: "24.0" as text is wrong.
                cells = list(g.astype(object))
                odd = [v for v in cells if not _scalar_na(v)
                       and (_is_bool(v) or not isinstance(v, numbers.Real))]
                if odd:
                    return "incorrect", (f"{what} holds text or other non-numbers (e.g. "
                                         f"{safe_repr(odd[0], 30)}); expected numbers.")
                gv = np.array([np.nan if _scalar_na(v) else float(v) for v in cells], dtype="float64")
            ev = e.to_numpy(dtype="float64", na_value=np.nan)
            with np.errstate(all="ignore"):
                ok = np.isclose(gv, ev, rtol=rtol, atol=atol) | (np.isnan(ev) & np.isnan(gv))
            bad = np.flatnonzero(~ok)
            if len(bad):
                p = int(bad[0])
                diffs.append((what, len(bad), n, p, fmt_cell(ev[p]), fmt_cell(gv[p]),
                              _ratio_diagnosis(float(ev[p]), float(gv[p]))))
        else:
            el, gl = list(e.astype(object)), list(g.astype(object))
            bad = [i for i, (a, b) in enumerate(zip(el, gl)) if not _cell_eq(a, b)]
            if bad:
                p = bad[0]
                diffs.append((what, len(bad), n, p, fmt_cell(el[p]), fmt_cell(gl[p]),
                              _text_diagnosis(el[p], gl[p])))
    if not diffs:
        return None
    what, nbad, n, p, ev, gv, diag = diffs[0]
    head = f"{what}: " if is_df else ""
    msg = (f"{head}{nbad} of {n} values differ, first at {where(p)}: expected {ev}, got {gv}{diag}")
    if len(diffs) > 1:
        others = ", ".join(d[0].replace("column ", "") for d in diffs[1:6])
        msg += f". Also different: {others}"
    return "incorrect", _sentence(msg)


def compare_values(expected, got, rtol: float = 1e-5, atol: float = 1e-8) -> str | None:
    """None if equal, else a phrase starting 'returned …' (for FunctionTask)."""
    import numpy as np
    import pandas as pd
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        r = compare_pandas(expected, got, rtol=rtol, atol=atol)
        return None if r is None else f"returned {describe(got)} — {r[1]}"
    if got is None and expected is not None:
        return "returned None — did you forget `return`?"
    if expected is None:
        return None if got is None else f"returned {describe(got)}, expected None"
    if _is_bool(expected):
        if _is_bool(got) and bool(got) == bool(expected):
            return None
        return f"returned {describe(got)}, expected {bool(expected)}"
    if isinstance(expected, numbers.Real):
        if _is_bool(got):
            return f"returned {describe(got)}, expected a number"
        if type(got).__module__.split(".")[0] == "numpy" and getattr(got, "shape", None) == ():
            got = got.item()
        if not isinstance(got, numbers.Real):
            return f"returned {describe(got)}, expected a number"
        e, g = float(expected), float(got)
        if (math.isnan(e) and math.isnan(g)) or math.isclose(g, e, rel_tol=rtol, abs_tol=atol) or e == g:
            return None
        return f"returned {fmt_cell(g)}, expected {fmt_cell(e)}{_ratio_diagnosis(e, g)}"
    if isinstance(expected, str):
        if isinstance(got, str) and got == expected:
            return None
        return f"returned {safe_repr(got, 40)}, expected {safe_repr(expected, 40)}{_text_diagnosis(expected, got)}"
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return f"returned {describe(got)}, expected a {type(expected).__name__} of {len(expected)} items"
        if len(got) != len(expected):
            return f"returned {len(got)} items, expected {len(expected)}"
        for i, (a, b) in enumerate(zip(expected, got)):
            sub = compare_values(a, b, rtol, atol)
            if sub:
                return f"item {i} {sub}"
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"returned {describe(got)}, expected a dict"
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            return (f"returned a dict whose keys differ (missing {fmt_list(missing)}, "
                    f"unexpected {fmt_list(extra)})")
        for k in expected:
            sub = compare_values(expected[k], got[k], rtol, atol)
            if sub:
                return f"key {safe_repr(k, 30)}: {sub}"
        return None
    if isinstance(expected, np.ndarray):
        try:
            g = np.asarray(got)
            if g.shape == expected.shape and np.allclose(g, expected, rtol=rtol, atol=atol, equal_nan=True):
                return None
        except Exception:
            pass
        return f"returned {describe(got)}, expected an array of shape {expected.shape} with other values"
    return None if _cell_eq(expected, got) else f"returned {safe_repr(got, 40)}, expected {safe_repr(expected, 40)}"


class FrameTask(Question):
    """Build a DataFrame/Series; compared column by column with the reference."""

    kind = "frame"

    def __init__(self, id, chapter, prompt, expected, *, check_dtype: bool = False,
                 check_index: bool = True, rtol: float = 1e-5, atol: float = 1e-8,
                 sort: bool = False, check_names: bool = False,
                 check_column_order: bool = False, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self._expected = expected
        self.check_dtype, self.check_index, self.sort = check_dtype, check_index, sort
        self.rtol, self.atol = float(rtol), float(atol)
        self.check_names, self.check_column_order = check_names, check_column_order

    def expected_value(self):
        """The reference frame (computed now when given as a function)."""
        import pandas as pd
        value = self._expected() if callable(self._expected) else self._expected
        if not isinstance(value, (pd.DataFrame, pd.Series)):
            raise TypeError(f"{self.id}: expected must be a DataFrame or Series, got {type(value).__name__}")
        return value.copy()

    def expected_kind(self) -> str:
        try:
            return _describe_expected(self.expected_value(), self.check_index)
        except Exception:
            return "a DataFrame or Series"

    def _check(self, value) -> Feedback:
        try:
            expected = self.expected_value()
        except Exception as exc:
            return Feedback("invalid", "the reference answer couldn't be computed "
                            f"({type(exc).__name__}: {_exc_text(exc)}) — a problem with the "
                            "exercise, not your answer.", key="invalid:reference")
        if _is_placeholder(value):
            return Feedback("not_attempted", f"replace `...` with your code — expected "
                            f"{_describe_expected(expected, self.check_index)}.")
        r = compare_pandas(expected, value, check_dtype=self.check_dtype,
                           check_index=self.check_index, rtol=self.rtol, atol=self.atol,
                           sort=self.sort, check_names=self.check_names,
                           check_column_order=self.check_column_order)
        if r is None:
            return Feedback("correct", "your table matches the expected one.", key="correct")
        status, msg = r
        return Feedback(status, msg, key="wrong" if status == "incorrect" else status)


def _short(value) -> str:
    import pandas as pd
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame {value.shape[0]}×{value.shape[1]}>"
    if isinstance(value, pd.Series):
        return f"<Series of {len(value)}>"
    return safe_repr(value, 30)


class FunctionTask(Question):
    """Write a function; it is called on each case and compared with the expected result."""

    kind = "function"

    def __init__(self, id, chapter, prompt, cases, reference: Callable | None = None, *,
                 rtol: float = 1e-5, atol: float = 1e-8, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self.cases = []
        for case in cases:
            case = tuple(case)
            if len(case) == 2 and reference is not None:
                args, kwargs = case
                self.cases.append((tuple(args), dict(kwargs or {}), None, False))
            elif len(case) == 3:
                args, kwargs, exp = case
                self.cases.append((tuple(args), dict(kwargs or {}), exp, True))
            else:
                raise ValueError(f"{id}: each case is (args, kwargs, expected), or (args, kwargs) "
                                 "with reference=")
        if not self.cases:
            raise ValueError(f"{id}: need at least one case")
        self.reference = reference
        self.rtol, self.atol = float(rtol), float(atol)

    def expected_kind(self) -> str:
        return "a function (pass its name, without parentheses)"

    @staticmethod
    def _copy(x):
        try:
            return copy.deepcopy(x)
        except Exception:  # uncopyable argument: share it
            return x

    def _check(self, func) -> Feedback:
        if _is_placeholder(func):
            return Feedback("not_attempted", "define your function and pass its name here.")
        if not callable(func) or isinstance(func, type):
            return Feedback("invalid", f"got {describe(func)}; expected {self.expected_kind()}.",
                            key="invalid:type")
        name = getattr(func, "__name__", None) or "your function"
        if not isinstance(name, str):
            name = "your function"
        for n, (args, kwargs, exp, given) in enumerate(self.cases, 1):
            if not given:
                try:
                    exp = self.reference(*self._copy(args), **self._copy(kwargs))
                except Exception as exc:
                    return Feedback("invalid", "the reference answer couldn't be computed "
                                    f"({type(exc).__name__}: {_exc_text(exc)}) — a problem with "
                                    "the exercise, not your code.", key="invalid:reference")
            shown_args = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
            call = f"{name}({', '.join(shown_args)})"
            try:
                got = func(*self._copy(args), **self._copy(kwargs))
            except Exception as exc:
                return Feedback("incorrect", f"case {n} of {len(self.cases)}: {call} raised "
                                f"{type(exc).__name__}: {_exc_text(exc)}", key="error")
            if got is Ellipsis:
                return Feedback("not_attempted", f"{name} still returns `...` — write its body.")
            problem = compare_values(exp, got, self.rtol, self.atol)
            if problem:
                return Feedback("incorrect", _sentence(f"case {n} of {len(self.cases)}: {call} {problem}"),
                                key="wrong")
        return Feedback("correct", f"{name} passes all {len(self.cases)} test cases.", key="correct")


class Reflection(Question):
    """Open question: never auto-graded; the model answer is shown by solution()."""

    kind = "reflection"
    auto_checked = False

    def __init__(self, id, chapter, prompt, model_answer: str, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self.model_answer = str(model_answer)

    def expected_kind(self) -> str:
        return "a few sentences of text (a string)"

    def _check(self, value) -> Feedback:
        if _is_placeholder(value) or (isinstance(value, str) and not value.strip(" .…\n\t")):
            return Feedback("not_attempted", "write a few sentences in the string, then check again.")
        if not isinstance(value, str):
            return Feedback("invalid", f"got {describe(value)}; expected {self.expected_kind()}.",
                            key="invalid:type")
        return Feedback("correct", "thanks — your answer is recorded. Reflections aren't "
                        "auto-graded: compare yours with the model answer via `.solution()`.",
                        key="recorded", tone="recorded")

    def solution(self) -> Solution:
        return Solution(self.id, "**Model answer:** " + self.model_answer, self.solution_text,
                        self.solution_code)


# ===================================================================== bank

class Bank:
    """An ordered collection of one chapter's questions."""

    def __init__(self, chapter: str, title: str, questions: Iterable[Question] = ()):
        self.chapter = chapter
        self.title = title
        self._questions: dict[str, Question] = {}
        for q in questions:
            self.add(q)

    def add(self, q: Question) -> Question:
        if not isinstance(q, Question):
            raise TypeError(f"Bank {self.chapter}: not a question: {q!r}")
        if q.id in self._questions:
            raise ValueError(f"Bank {self.chapter}: duplicate question id {q.id!r}")
        if q.chapter != self.chapter:
            raise ValueError(f"Bank {self.chapter}: question {q.id!r} belongs to chapter {q.chapter!r}")
        self._questions[q.id] = q
        return q

    def __getitem__(self, qid: str) -> Question:
        try:
            return self._questions[qid]
        except KeyError:
            raise KeyError(f"no question {qid!r} in bank {self.chapter!r}; ids: "
                           f"{', '.join(self._questions)}") from None

    def __contains__(self, qid) -> bool:
        return qid in self._questions

    def __iter__(self):
        return iter(list(self._questions.values()))

    def __len__(self) -> int:
        return len(self._questions)

    def ids(self) -> list[str]:
        return list(self._questions)

    def data_tasks(self) -> list[Question]:
        return [q for q in self if q.kind in ("frame", "function")]

    def comprehension(self) -> list[Question]:
        return [q for q in self if q.kind not in ("frame", "function")]

    def __repr__(self) -> str:
        return f"<Bank {self.chapter!r}: {self.title} ({len(self)} questions)>"
