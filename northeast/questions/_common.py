"""Helpers shared by the chapter banks (not a chapter bank itself: no chapter in northeast.chapters names it).

Every expected answer reads ``data/claims.csv`` when it is *used*, never when the bank is
imported, so a corrected data value flows through to the checks, the static quizzes and the
notebooks' stored outputs:

* :func:`value` / :func:`rate` look up a claim's normalised value (from :mod:`northeast.claims`);
* :func:`data_mistake` is a :class:`~exercises.Mistake` whose target value is a function of
  the data (the engine's ``Mistake.value`` takes a fixed number).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from exercises import Mistake
from northeast.claims import PROVINCES, RATE_ID, claims_table, corrected, rate, row, value  # noqa: F401

def claims():
    """The claims table (cached by northeast.data.load; callers must not modify it)."""
    return claims_table()


class DataMistake(Mistake):
    """A recognised wrong answer whose target is computed from the data at check time."""

    __slots__ = ("_compute",)

    def __init__(self, kind: str, compute: Callable[[], float], message: str,
                 tolerance: float | None = None):
        super().__init__(kind, message, value=0.0, tolerance=tolerance)
        self._compute = compute

    def to_dict(self) -> dict:
        d = super().to_dict()
        d["value"] = float(self._compute())
        return d

    def __repr__(self) -> str:
        return f"DataMistake({self.kind!r}, value computed from the data)"


def data_mistake(kind: str, compute: Callable[[], float], message: str,
                 tolerance: float | None = None) -> DataMistake:
    """``kind`` is one of value / wrong_year / wrong_province / points_vs_percent."""
    if kind not in ("value", "wrong_year", "wrong_province", "points_vs_percent"):
        raise ValueError(f"unknown data mistake kind {kind!r}")
    return DataMistake(kind, compute, message, tolerance)
