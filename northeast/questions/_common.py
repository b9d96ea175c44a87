"""Helpers shared by the chapter banks (not a chapter bank itself: no chapter in northeast.chapters names it).

Every expected answer reads ``data/claims.csv`` when it is *used*, never when the bank is
imported, so a corrected data value flows through to the checks, the static quizzes and the
notebooks' stored outputs:

* :func:`value` / :func:`rate` look up a claim's normalised value;
* :func:`data_mistake` is a :class:`~exercises.Mistake` whose target value is a function of
  the data (the engine's ``Mistake.value`` takes a fixed number).
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from exercises import Mistake
from northeast.data import load

PROVINCES = ("liaoning", "jilin", "heilongjiang")
RATE_ID = "exchange_rate_rmb_per_usd"


def claims():
    """The claims table (cached by northeast.data.load; callers must not modify it)."""
    return load("claims")


def row(claim_id: str):
    """One claim as a Series; KeyError unless exactly one row has this id."""
    c = load("claims")
    hit = c[c["id"] == claim_id]
    if len(hit) != 1:
        raise KeyError(f"expected one claim {claim_id!r} in data/claims.csv, found {len(hit)}")
    return hit.iloc[0]


def value(claim_id: str) -> float:
    """A claim's value in its normalised unit (the ``value`` column)."""
    return float(row(claim_id)["value"])


def corrected(claim_id: str) -> float:
    """``value_corrected`` where the consistency checks imply one, else ``value``."""
    r = row(claim_id)
    fixed = r["value_corrected"]
    return float(r["value"]) if pd.isna(fixed) else float(fixed)


def rate() -> float:
    """The translator's RMB per US dollar (7.14), read from the claims."""
    return value(RATE_ID)


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
