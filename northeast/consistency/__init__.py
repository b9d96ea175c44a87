"""Recompute the essay's derived statements from its own numbers, and grade what does not hold.

    >>> from northeast.data import load
    >>> from northeast.consistency import run_checks, derived_flags, derived_severities
    >>> report = run_checks(load("claims"))          # one row per check
    >>> flags = derived_flags(load("claims"))        # {claim id: flag} for the inconsistent ones
    >>> levels = derived_severities(load("claims"))  # {claim id: 'major' | 'minor' | 'note'}

The ``flag``, ``severity`` and ``value_corrected`` columns of ``claims.csv`` must equal what these
functions derive (tests enforce it), so the computation, not a person, decides what is flagged.

Layout: :mod:`.checks` is the check list (data), :mod:`.kinds` one function per kind of check
(dispatched by ``KINDS``), :mod:`.rules` every tolerance and the severity thresholds.
"""
from __future__ import annotations

import pandas as pd

from northeast.claims import RATE_ID
from northeast.consistency.checks import CHECKS, Check, all_checks, conversion_checks
from northeast.consistency.kinds import KINDS, Context, evaluate
from northeast.consistency.rules import (SEVERITIES, USD_SCALE, Conversion, agrees, conversion, interval,
                                         most_severe, severity)

__all__ = [
    "CHECKS", "KINDS", "SEVERITIES", "USD_SCALE", "Check", "Conversion", "agrees", "all_checks",
    "conversion", "conversion_checks", "conversions", "derived_corrections", "derived_flags",
    "derived_severities", "interval", "run_checks", "severity",
]


def run_checks(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per check: check, kind, ids, target_id, stated, computed, consistent, flag, severity,
    explanation, plus ``corrected`` (the value the target would take in its normalised unit, when the
    check implies a single correction)."""
    rows = {r["id"]: r for r in claims.to_dict("records")}
    checks = all_checks(claims)
    missing = sorted({i for c in checks for i in c.ids if i not in rows})
    if missing:
        raise KeyError(f"checks refer to claims that do not exist: {missing}")
    ctx = Context(rows)
    records = []
    for check in checks:  # in order: a unit slip found first is read fixed by the sums and conversions after it
        res = evaluate(check, ctx)
        if res.rescaled is not None:
            ctx.corrections[check.target_id] = res.rescaled
        records.append(dict(
            check=check.name, kind=check.kind, ids=list(check.ids), target_id=check.target_id,
            stated=res.stated, computed=res.computed, consistent=bool(res.consistent),
            flag="" if res.consistent else (res.flag or check.flag), severity=res.severity(check),
            explanation=res.explanation, corrected=res.corrected,
        ))
    frame = pd.DataFrame.from_records(records)
    frame["computed"] = frame["computed"].astype(float)
    frame["corrected"] = pd.array(frame["corrected"].tolist(), dtype="Float64")
    return frame


def _by_target(report: pd.DataFrame, column: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for rec in report[~report["consistent"]].itertuples():
        out.setdefault(rec.target_id, []).append(getattr(rec, column))
    return out


def derived_flags(claims: pd.DataFrame) -> dict[str, str]:
    """{claim id: flag} for every claim that an inconsistent check targets."""
    flags = {}
    for cid, found in _by_target(run_checks(claims), "flag").items():
        if len(set(found)) > 1:
            raise ValueError(f"claim {cid} would get two flags: {sorted(set(found))}")
        flags[cid] = found[0]
    return flags


def derived_severities(claims: pd.DataFrame) -> dict[str, str]:
    """{claim id: severity} for every flagged claim: the most severe of its failing checks."""
    return {cid: most_severe(found) for cid, found in _by_target(run_checks(claims), "severity").items()}


def derived_corrections(claims: pd.DataFrame) -> dict[str, float]:
    """{claim id: corrected value} where an inconsistent check implies a single correction."""
    report = run_checks(claims)
    bad = report[~report["consistent"] & report["corrected"].notna()]
    return {rec.target_id: float(rec.corrected) for rec in bad.itertuples()}


def conversions(claims: pd.DataFrame) -> pd.DataFrame:
    """Every printed dollar figure against its RMB amount at the translator's rate: one row per claim
    with ``usd_printed``, in essay order, with the deviation, what rounding allows, the implied rate
    (and the range of rates that round to the printed figure), and the check's flag and severity."""
    rate_row = claims.loc[claims["id"] == RATE_ID].iloc[0]
    rate, rate_printed = float(rate_row["value"]), str(rate_row["value_printed"])
    report = run_checks(claims).set_index("check")
    records = []
    for r in claims[claims["usd_printed"].notna()].to_dict("records"):
        conv = conversion(float(r["value"]), r["usd_printed"], rate, rate_printed)
        checked = report.loc[f"usd_conversion_{r['id']}"]
        records.append(dict(
            claim_id=r["id"], section=r["section"], rmb_printed=f"{r['value_printed']} {r['unit_printed'] if isinstance(r['unit_printed'], str) else ''}".strip(),
            billion_rmb=float(r["value"]), usd_printed=r["usd_printed"], usd_unit=conv.unit, printed=conv.printed,
            at_rate=conv.exact, deviation_pct=100 * conv.deviation, allowed_pct=100 * conv.allowed,
            implied_rate=conv.implied_rate, implied_rate_low=conv.implied_low, implied_rate_high=conv.implied_high,
            flag=checked["flag"], severity=checked["severity"],
        ))
    return pd.DataFrame.from_records(records)

