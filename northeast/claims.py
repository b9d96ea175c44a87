"""Facts about the essay's claims, each defined once: looking a claim up, the three provinces, the
exchange-rate claim, how the essay prints a number, and a claim's years as text.

Charts, tables, views, the consistency checks and the question banks all read these from here.
Every function takes the claims table (``load("claims")`` when not given), so a corrected data
file flows through everywhere.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import pandas as pd

# A claim's link to its sentence in the translation. Built in a standard-library module so the
# book's Sphinx extensions can use it without importing pandas; this is its public name.
from northeast.fragments import TRANSLATION_URL, sentence_url  # noqa: F401

# The Northeast: Liaoning, Jilin and Heilongjiang, in the order the essay names them.
PROVINCES = ("liaoning", "jilin", "heilongjiang")
# The claim holding the translator's rate (RMB per US dollar) for the bracketed conversions.
RATE_ID = "exchange_rate_rmb_per_usd"

# The words the essay puts before a number, by the ``qualifier`` column. "low"/"high" are the two
# ends of a printed range ("10 to 20 trillion"): each end is printed bare.
QUALIFIER_WORDS = {
    "exact": "",
    "low": "",
    "high": "",
    "about": "about ",
    "nearly": "nearly ",
    "more_than": "more than ",
    "less_than": "less than ",
    "at_least": "at least ",
}
# Printed units written straight after the number ("11.4%", "2.5:1", "9th").
_UNITS_WITHOUT_SPACE = ("%", ":1", "th", "rd", "st", "nd")


def claims_table(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The claims table: ``claims`` when given, else ``load("claims")`` (cached; don't modify it)."""
    if claims is not None:
        return claims
    from northeast.data import load
    return load("claims")


def clean_record(record: dict) -> dict:
    """A claim's row as plain Python values (pd.NA / NaN -> None, numpy scalars -> Python)."""
    out = {}
    for key, value in record.items():
        if value is pd.NA or value is None or (isinstance(value, float) and math.isnan(value)):
            out[key] = None
        elif hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
            out[key] = value.item()
        else:
            out[key] = value
    return out


def row(claim_id: str, claims: pd.DataFrame | None = None) -> dict[str, Any]:
    """One claim as a dict (a fresh copy); KeyError naming the id unless exactly one row has it."""
    if claims is None:
        # A numeric check looks up several claims each time it runs (its answer and mistakes are
        # computed from them): the cached index keeps a check well under a millisecond.
        from northeast.data import rows_by_id
        match = rows_by_id("claims").get(claim_id, ())
    else:
        match = claims[claims["id"] == claim_id].to_dict("records")
    if len(match) != 1:
        raise KeyError(f"expected one claim {claim_id!r} in data/claims.csv, found {len(match)}")
    return clean_record(match[0])


def value(claim_id: str, claims: pd.DataFrame | None = None) -> float:
    """A claim's value in its normalised unit (the ``value`` column)."""
    return float(row(claim_id, claims)["value"])


def corrected(claim_id: str, claims: pd.DataFrame | None = None) -> float:
    """The stored ``value_corrected`` where the consistency checks imply one, else ``value``."""
    r = row(claim_id, claims)
    return float(r["value"] if r["value_corrected"] is None else r["value_corrected"])


def rate(claims: pd.DataFrame | None = None) -> float:
    """The translator's RMB per US dollar (7.14), read from the claims."""
    return value(RATE_ID, claims)


def find(claims: pd.DataFrame | None, indicator: str, entity: str | None = None,
         year: int | None = None, section: str | None = None) -> dict[str, Any]:
    """The single claim with this indicator (and entity / year_end / section, when given)."""
    sub = claims_table(claims)
    sub = sub[sub["indicator"] == indicator]
    if entity is not None:
        sub = sub[sub["entity"] == entity]
    if year is not None:
        sub = sub[sub["year_end"] == year]
    if section is not None:
        sub = sub[sub["section"] == section]
    if len(sub) != 1:
        raise KeyError(f"expected one claim for indicator={indicator!r} entity={entity!r} year={year!r} "
                       f"section={section!r}, found {len(sub)}")
    return clean_record(sub.iloc[0].to_dict())


def find_all(claims: pd.DataFrame | None, indicator: str,
             entities: Iterable[str] | None = None) -> list[dict]:
    """Every claim with this indicator (for these entities, when given), in file order."""
    sub = claims_table(claims)
    sub = sub[sub["indicator"] == indicator]
    if entities is not None:
        sub = sub[sub["entity"].isin(list(entities))]
    return [clean_record(r) for r in sub.to_dict("records")]


def _field(r, name):
    v = r[name] if isinstance(r, dict) else getattr(r, name)
    return None if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) else v


def printed(r, hedge: bool = True) -> str:
    """How the essay prints a number: '11 trillion RMB', '11.4%'; with ``hedge`` (the default)
    led by its qualifier as a word: 'nearly 11 trillion RMB', 'about 250 billion RMB' (the
    qualifier is normalised: the essay's "roughly" reads "about"). ``r`` is a claim as a dict or
    a row (itertuples)."""
    unit = _field(r, "unit_printed") or ""
    glue = "" if unit in _UNITS_WITHOUT_SPACE else " "
    text = f"{_field(r, 'value_printed')}{glue}{unit}".strip()
    if not hedge:
        return text
    return f"{QUALIFIER_WORDS.get(_field(r, 'qualifier') or 'exact', '')}{text}"


def years_text(r) -> str:
    """A claim's years as text: '2003–2022', '2022', '1994 onwards', or '' when undated."""
    start, end = _field(r, "year_start"), _field(r, "year_end")
    if start is None and end is None:
        return ""
    if start is None:
        return str(int(end))
    if end is None:
        return f"{int(start)} onwards"
    return str(int(start)) if start == end else f"{int(start)}–{int(end)}"
