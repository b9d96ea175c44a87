"""How a printed number is read, and how bad a mismatch is: every tolerance and threshold of the
consistency checks lives here.

Reading a printed number (:func:`interval`, :func:`agrees`):

* ``exact``: the value rounds to the printed number at the printed precision
  (``69`` admits 68.5-69.5; a verbal number such as "half" admits 5% either way);
* ``about``: within 5% of the printed number (or within rounding, if that is wider);
* ``nearly``: between 90% of the printed number and the number itself;
* ``more_than`` / ``less_than`` / ``at_least``: the plain inequality.

A dollar conversion (:func:`conversion`) is judged by its relative deviation from the RMB amount at
the translator's rate. Both the printed dollar figure and the printed rate are rounded numbers, so
the deviation they allow is the sum of their relative rounding (half a unit of the last printed
digit, relative to the exact conversion): "1.2 billion" for 1.2185 allows 4.1%, "846 billion" for
840.3 allows 0.06%, and the rate "7.14" adds another 0.07%. A conversion is consistent when its deviation is inside that allowance, whatever its
last digit.

Severity of a flag (:func:`severity`):

* ``major``: off by a factor of :data:`ORDER_OF_MAGNITUDE` or more, or a stated direction
  ("fell", "more than", "ranked higher") that the figures reverse, i.e. a changed conclusion;
* ``minor``: a stated ratio, sum, conversion or restatement off by more than its rounding or hedge
  allows, but by less than an order of magnitude;
* ``note``: a mismatch only in wording, where the figures the essay prints beside a statement
  measure a narrower quantity than the statement itself (a check declared ``scope="narrower"``).
  (A miss within rounding is never flagged at all: the allowances above are what "consistent" means.)
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

ABOUT_TOLERANCE = 0.05  # "about", "roughly", verbal fractions: +-5% of the stated value
NEARLY_FLOOR = 0.90  # "nearly X": at least 90% of X and not above X
ORDER_OF_MAGNITUDE = 10.0  # a factor this large between printed and recomputed is a major error
USD_SCALE = {"million": 1e-3, "billion": 1.0, "trillion": 1e3}  # printed USD unit -> billion USD
SEVERITIES = ("major", "minor", "note")  # most to least severe
_EPS = 1e-9


# --------------------------------------------------------------------------- printed numbers
def decimals(printed: str) -> int | None:
    """Decimals of a printed numeral ('3.2553' -> 4, '12,900' -> 0); None for words ('half')."""
    text = str(printed).replace(",", "").strip()
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        return None
    return len(text.split(".")[1]) if "." in text else 0


def half_unit(printed: str, stated: float) -> float:
    """Half a unit of the last printed digit: the rounding a printed number admits either way."""
    d = decimals(printed)
    if d is None:  # verbal numbers ("half", "one third") are approximate by nature
        return ABOUT_TOLERANCE * abs(stated)
    return 0.5 * 10 ** (-d)


def interval(stated: float, qualifier: str, printed: str) -> tuple[float, float, bool, bool]:
    """(low, high, low_open, high_open): the values a hedged statement admits."""
    half = half_unit(printed, stated) + _EPS
    if qualifier in ("exact", "low", "high"):
        return stated - half, stated + half, False, False
    if qualifier == "about":
        tol = max(half, ABOUT_TOLERANCE * abs(stated))
        return stated - tol, stated + tol, False, False
    if qualifier == "nearly":
        return NEARLY_FLOOR * stated, stated + _EPS, False, False
    if qualifier == "more_than":
        return stated, math.inf, True, False
    if qualifier == "less_than":
        return -math.inf, stated, False, True
    if qualifier == "at_least":
        return stated, math.inf, False, False
    raise ValueError(f"unknown qualifier {qualifier!r}")


def agrees(computed: float, stated: float, qualifier: str, printed: str) -> bool:
    """Does a computed value agree with a stated one, given how the essay hedges it?"""
    low, high, low_open, high_open = interval(stated, qualifier, printed)
    above = computed > low if low_open else computed >= low
    below = computed < high if high_open else computed <= high
    return above and below


def overlap(a: tuple, b: tuple) -> bool:
    """Do two intervals from :func:`interval` share a point?"""
    lo = max(a[0], b[0])
    hi = min(a[1], b[1])
    if lo < hi:
        return True
    if lo > hi:
        return False
    lo_open = (a[2] if a[0] == lo else False) or (b[2] if b[0] == lo else False)
    hi_open = (a[3] if a[1] == hi else False) or (b[3] if b[1] == hi else False)
    return not (lo_open or hi_open)


def factor_between(a: float, b: float) -> float:
    """How many times larger the larger of two positive numbers is (1.0 = equal; inf if one is 0)."""
    a, b = abs(a), abs(b)
    if a == b:
        return 1.0
    if min(a, b) == 0:
        return math.inf
    return max(a, b) / min(a, b)


# --------------------------------------------------------------------------- conversions
@dataclass(frozen=True)
class Conversion:
    """A printed dollar figure against its RMB amount at the printed rate.

    ``exact`` is the conversion in the printed unit; ``deviation`` = printed / exact - 1;
    ``allowed`` the relative deviation the rounding of the printed figure and of the rate allow;
    ``implied_rate`` = RMB / printed USD, and ``implied_low``-``implied_high`` the rates that give the
    printed figure once rounded to its precision.
    """

    printed: float
    unit: str
    exact: float
    deviation: float
    allowed: float
    implied_rate: float
    implied_low: float
    implied_high: float

    @property
    def consistent(self) -> bool:
        return abs(self.deviation) <= self.allowed + _EPS


def conversion(value_billion_rmb: float, usd_printed: str, rate: float, rate_printed: str) -> Conversion:
    """Judge a printed USD figure ('18.3 billion') against ``value_billion_rmb`` at ``rate``."""
    number, unit = usd_printed.split()
    printed = float(number)
    exact = value_billion_rmb / rate / USD_SCALE[unit]
    half = half_unit(number, printed)
    # |printed - exact| <= half a unit is rounding; relative to the exact value that is half / exact.
    allowed = half / exact + half_unit(rate_printed, rate) / rate
    rmb_in_unit = value_billion_rmb / USD_SCALE[unit]
    return Conversion(
        printed=printed, unit=unit, exact=exact, deviation=printed / exact - 1, allowed=allowed,
        implied_rate=rmb_in_unit / printed, implied_low=rmb_in_unit / (printed + half),
        implied_high=rmb_in_unit / (printed - half) if printed > half else math.inf,
    )


# --------------------------------------------------------------------------- severity
def severity(consistent: bool, factor: float | None = None, reverses: bool = False,
             scope: str = "same") -> str:
    """'' for a consistent check, else 'major', 'minor' or 'note' (see the module docstring).

    ``factor``: how many times apart the printed and the recomputed value are (None when the check
    has no such number); ``reverses``: the figures contradict a stated direction or order;
    ``scope``: 'narrower' when the figures printed beside a statement measure less than it claims.
    """
    if consistent:
        return ""
    if reverses or (factor is not None and factor >= ORDER_OF_MAGNITUDE):
        return "major"
    if scope == "narrower":
        return "note"
    return "minor"


def most_severe(levels) -> str:
    """The most severe of several severities ('' when none is given)."""
    present = [lvl for lvl in levels if lvl]
    return min(present, key=SEVERITIES.index) if present else ""
