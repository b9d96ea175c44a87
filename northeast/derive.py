"""Recompute the derived column ``usd_at_7_14_billion`` of data/claims.csv.

    python -m northeast.derive           # rewrite the column in place (only if it changed)
    python -m northeast.derive --check   # exit 1 if the stored column is stale

For every claim whose normalised unit is ``billion_rmb`` the column holds value / rate rounded
to 4 decimals, where rate is the value of the claim ``exchange_rate_rmb_per_usd`` (the
translator's 7.14 RMB per USD); for all other claims it is empty. The file is read and written as
text with the csv module so that no other cell changes.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from northeast.claims import RATE_ID
from northeast.data import DATA_DIR

COLUMN = "usd_at_7_14_billion"
EXPECTED_RATE = 7.14  # the column's name promises this rate


def format_number(x: float) -> str:
    """Shortest text for a rounded number: 1400.5602 -> '1400.5602', 70.0 -> '70'."""
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def usd_at_rate(value: str, unit: str, rate: float) -> str:
    if unit != "billion_rmb":
        return ""
    return format_number(round(float(value) / rate, 4))


def recompute(text: str) -> str:
    """The claims CSV text with the derived column recomputed."""
    rows = list(csv.DictReader(io.StringIO(text)))
    fieldnames = list(rows[0].keys()) if rows else []
    rates = [r["value"] for r in rows if r["id"] == RATE_ID]
    if len(rates) != 1:
        raise ValueError(f"expected exactly one claim {RATE_ID!r}, found {len(rates)}")
    rate = float(rates[0])
    if rate != EXPECTED_RATE:
        raise ValueError(f"the exchange-rate claim says {rate}, but the column is named for {EXPECTED_RATE}")
    for r in rows:
        r[COLUMN] = usd_at_rate(r["value"], r["unit"], rate)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report whether the column is up to date")
    parser.add_argument("--path", type=Path, default=DATA_DIR / "claims.csv")
    args = parser.parse_args(argv)
    current = args.path.read_text(encoding="utf-8")
    fresh = recompute(current)
    if fresh == current:
        print(f"{args.path}: {COLUMN} is up to date")
        return 0
    if args.check:
        print(f"{args.path}: {COLUMN} is stale; run `python -m northeast.derive`")
        return 1
    args.path.write_text(fresh, encoding="utf-8")
    print(f"{args.path}: {COLUMN} recomputed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
