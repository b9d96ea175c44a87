"""Numbers as students type them: unit words, parsing, classification, and the mistake table.

Everything here is plain data and plain functions so that the kernel-free page applies the same
rules (``SCALE_TOKENS``, ``BASE_WORDS`` and ``NUMERIC_MESSAGES`` travel in the block's spec).
"""
from __future__ import annotations

import math
import numbers
import re
import unicodedata

from .feedback import fmt_number
from .question import is_bool

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
            if x is not None and (is_bool(x) or not isinstance(x, numbers.Real)
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


