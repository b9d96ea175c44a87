"""A number with a tolerance, a unit, and a table of recognised mistakes."""
from __future__ import annotations

import decimal
import fractions
import math
import numbers
import re
from typing import Iterable

from ..feedback import Feedback, describe, fmt_number, safe_repr
from ..quantities import (BASE_WORDS, NUMERIC_MESSAGES, SCALE_TOKENS, Mistake, classify_number,
                          normalize_number_text, parse_number_text, parse_unit)
from ..question import Question, Stop, exc_text, is_bool, is_placeholder
from ..safety import NotAccepted, numpy_scalar_types, plain_series, type_name


class Numeric(Question):
    """A number with a tolerance, a unit, and a table of recognised mistakes."""

    kind = "numeric"
    def __init__(self, id, chapter, prompt, answer, *, tolerance: float | None = None,
                 rel_tolerance: float | None = None, unit: str | None = None,
                 mistakes: Iterable[Mistake] = (), auto_mistakes: bool = True,
                 near: float = 5.0, **kw):
        super().__init__(id, chapter, prompt, **kw)
        for name, x in (("tolerance", tolerance), ("rel_tolerance", rel_tolerance)):
            if x is not None and (is_bool(x) or not isinstance(x, numbers.Real) or not x >= 0
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
        if is_bool(answer) or not isinstance(answer, numbers.Real) or not math.isfinite(float(answer)):
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

    def rules(self) -> dict:
        """The tolerance + mistake table as plain data (part of the spec)."""
        return {"answer": self.answer, "tol": self.tolerance, "rtol": self.rel_tolerance,
                "unit": self.unit, "qscale": self.qscale, "qbase": self.qbase,
                "near": self.near, "expect": self.expected_kind(),
                "mistakes": [m.to_dict() for m in self.all_mistakes()]}

    def spec(self) -> dict:
        p = super().spec()
        rules = self.rules()
        p.update(rules)
        p["scales"] = [[t, f] for t, f in SCALE_TOKENS]
        p["bases"] = dict(sorted(BASE_WORDS.items()))
        p["msg"] = dict(NUMERIC_MESSAGES, margin=self.margin_text(rules))
        p["unitsuffix"] = self._shown_suffix()
        return p

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

    def margin_text(self, rules: dict) -> str:
        tol = max(rules["tol"], rules["rtol"] * abs(rules["answer"]))
        if rules["tol"] >= rules["rtol"] * abs(rules["answer"]):
            return self._with_unit(fmt_number(tol))
        return f"{fmt_number(rules['rtol'] * 100)}%"

    def _plain(self, value, expect: str):
        """A student's value as an exact str or float (or raise Stop): the checks never call a
        method of the student's object, so a lying ``__eq__``/``__float__`` changes nothing."""
        if is_placeholder(value):
            raise Stop("not_attempted", NUMERIC_MESSAGES["na_stub"].format(expect=expect))
        if is_bool(value):
            raise Stop("invalid", f"got {describe(value)}; expected {expect}.", "invalid:type")
        t = type(value)
        if t is str or t is float:
            return value
        if t is int:
            return self._int_to_float(value)
        if t in (decimal.Decimal, fractions.Fraction):
            return self._finite_float(value)
        if isinstance(value, (str, int, float)) and t not in numpy_scalar_types():
            raise Stop("invalid", f"got a {type_name(value)} object, which isn't accepted: pass a "
                       f"plain number or text ({expect}).", "invalid:type")
        if t in numpy_scalar_types():
            if value.dtype.kind in "iu":
                return self._int_to_float(int(value))
            if value.dtype.kind == "f":
                return float(value)
            if value.dtype.kind == "c":
                raise Stop("invalid", f"got a complex number; expected {expect}.", "invalid:type")
            raise Stop("invalid", f"got {describe(value)}; expected {expect}.", "invalid:type")
        if t is complex:
            raise Stop("invalid", f"got a complex number; expected {expect}.", "invalid:type")
        module = t.__module__.split(".")[0]
        if module == "pandas":
            import pandas as pd
            if isinstance(value, pd.Series):
                try:
                    value = plain_series(value)
                except NotAccepted as exc:
                    raise Stop("invalid", f"your Series wasn't accepted: it holds {exc}; expected "
                               f"{expect}.", "invalid:type")
                if len(value) == 1:
                    return self._plain(value.iloc[0], expect)
                if len(value) == 0:
                    raise Stop("invalid", "got an empty Series — your selection matched no rows. "
                               f"Expected {expect}.", "invalid:shape")
                raise Stop("invalid", f"got a Series of {len(value)} values; expected a single "
                           f"number ({expect}). Pick one value or aggregate (e.g. `.sum()`).",
                           "invalid:shape")
            if isinstance(value, pd.DataFrame):
                raise Stop("invalid", f"got {describe(value)}; expected a single number "
                           f"({expect}). Pick the value out, e.g. with `.loc[row, column]`.",
                           "invalid:shape")
            if value is pd.NA or value is pd.NaT:
                raise Stop("invalid", "got a missing value (NA) — check your selection "
                           "for rows that didn't match.", "invalid:nan")
        if module == "numpy":
            import numpy as np
            if type(value) is np.ndarray:
                if value.size == 1 and value.dtype.kind in "iuf":
                    return self._plain(value.reshape(-1)[0], expect)
                if value.size == 1 and value.dtype.kind == "b":
                    raise Stop("invalid", f"got a True/False value; expected {expect}.", "invalid:type")
                raise Stop("invalid", f"got {describe(value)}; expected a single number ({expect}).",
                           "invalid:shape")
        if t in (list, tuple, set, frozenset, dict):
            hint = " Pass the number itself, e.g. `x[0]`." if t in (list, tuple) and len(value) == 1 else ""
            raise Stop("invalid", f"got {describe(value)}; expected a single number ({expect}).{hint}",
                       "invalid:type")
        raise Stop("invalid", f"got {describe(value)}, which isn't accepted as a number; expected "
                   f"{expect}.", "invalid:type")

    @staticmethod
    def _int_to_float(i: int) -> float:
        try:
            return float(i)
        except OverflowError:
            raise Stop("invalid", "that number is too large to be an answer.", "invalid:toolarge")

    @classmethod
    def _finite_float(cls, value) -> float:
        try:
            return float(value)
        except OverflowError:
            raise Stop("invalid", "that number is too large to be an answer.", "invalid:toolarge")

    def _to_number(self, value, rules) -> tuple[float, str]:
        """Student value -> (number in question units, how to show it)."""
        msgs = NUMERIC_MESSAGES
        expect = rules["expect"]
        value = self._plain(value, expect)
        if type(value) is str:
            key, x = parse_number_text(value, rules)
            raw = safe_repr(value.strip(), 40)
            if key == "not_attempted":
                raise Stop("not_attempted", msgs["na_empty"].format(expect=expect))
            if key != "ok":
                raise Stop("invalid", msgs[key].format(raw=raw, expect=expect), key)
            typed = value.strip()
            norm = normalize_number_text(typed)
            plain = re.fullmatch(r"[+-]?[0-9][0-9,]*(\.[0-9]*)?|[+-]?\.[0-9]+", norm)
            shown = typed + self._shown_suffix() if plain else f"{raw} (= {fmt_number(x)}{self._shown_suffix()})"
            return x, shown
        x = value
        if math.isnan(x):
            raise Stop("invalid", "got NaN (a missing value) — your calculation probably "
                       "selected no rows or divided by zero.", "invalid:nan")
        if math.isinf(x):
            raise Stop("invalid", "got infinity — did you divide by zero?", "invalid:toolarge")
        return x, fmt_number(x) + self._shown_suffix()

    def _check(self, value) -> Feedback:
        rules = self._rules_or_stop()
        x, shown = self._to_number(value, rules)
        key = classify_number(x, rules)
        if key == "correct":
            return Feedback("correct", NUMERIC_MESSAGES["correct"].format(shown=shown), key=key)
        if key.startswith("mistake:"):
            m = rules["mistakes"][int(key.split(":")[1])]
            return Feedback("incorrect", f"{shown}: {m['message']}", key=key)
        msg = NUMERIC_MESSAGES[key].format(shown=shown, margin=self.margin_text(rules))
        return Feedback("incorrect", msg, key=key)

    def _answer_to_json(self, value):
        # Typed text stays text (the feedback echoes what was typed); numbers become floats.
        plain = self._plain(value, self.expected_kind())
        if type(plain) is float and not math.isfinite(plain):
            self._to_number(plain, self._rules_or_stop())  # raises Stop with the message
        return plain

    def _rules_or_stop(self) -> dict:
        try:
            return self.rules()
        except Exception as exc:
            raise Stop("invalid", "the reference answer couldn't be computed "
                       f"({type(exc).__name__}: {exc_text(exc)}) — a problem with the "
                       "exercise, not your answer.", "invalid:reference")

    def _answer_md(self) -> str:
        try:
            rules = self.rules()
        except Exception as exc:
            return f"(reference answer unavailable: {type(exc).__name__})"
        return (f"**Answer:** {self._with_unit(fmt_number(rules['answer']))} "
                f"(accepted within ±{self.margin_text(rules)})")

    def widget_input(self, W):
        text = W.Text(value="", placeholder=self.expected_kind(), continuous_update=False)
        row = W.HBox([text, W.Label(self.unit)]) if self.unit else text
        return [row], (lambda: text.value), "Check"
