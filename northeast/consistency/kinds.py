"""One function per kind of check, dispatched by :data:`KINDS`.

Each function takes the :class:`~northeast.consistency.checks.Check` and a :class:`Context` (the
claims by id, corrections found by earlier checks, the translator's rate) and returns a
:class:`Result`. Adding a kind is one function decorated with ``@kind("name")``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from northeast.claims import printed as printed_form
from northeast.consistency.checks import Check
from northeast.consistency.rules import (agrees, conversion, decimals, factor_between, interval, overlap,
                                         severity)


@dataclass
class Context:
    rows: dict[str, dict[str, Any]]
    corrections: dict[str, float] = field(default_factory=dict)  # claim id -> value after earlier checks

    def value(self, claim_id: str) -> float:
        return float(self.rows[claim_id]["value"])

    def effective(self, claim_id: str) -> float:
        """The claim's value after corrections found by earlier checks (the unit slips)."""
        return self.corrections.get(claim_id, self.value(claim_id))


@dataclass
class Result:
    stated: str
    computed: float
    consistent: bool
    explanation: str
    corrected: float | None = None
    factor: float | None = None  # how many times apart printed and recomputed are
    reverses: bool = False  # the figures contradict a stated direction or order
    flag: str | None = None  # overrides the check's flag (a USD figure carrying a unit slip)
    rescaled: float | None = None  # the value later checks should read for the target (a unit slip fixed)

    def severity(self, check: Check) -> str:
        return severity(self.consistent, self.factor, self.reverses, check.params.get("scope", "same"))


KindFunction = Callable[[Check, Context], Result]
KINDS: dict[str, KindFunction] = {}


def kind(name: str) -> Callable[[KindFunction], KindFunction]:
    def register(fn: KindFunction) -> KindFunction:
        KINDS[name] = fn
        return fn
    return register


def evaluate(check: Check, ctx: Context) -> Result:
    try:
        fn = KINDS[check.kind]
    except KeyError:
        raise ValueError(f"unknown check kind {check.kind!r} in {check.name}; known: {sorted(KINDS)}") from None
    return fn(check, ctx)


# --------------------------------------------------------------------------- wording
def fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.1f}"


def year_of(row) -> int:
    """A claim's year: its value when the claim *is* a year, else its year_start."""
    return int(row["value"]) if row["unit"] == "year" else int(row["year_start"])


def stated_text(row) -> str:
    """How the essay states a claim, e.g. 'nearly 11 trillion RMB [= 11000 billion_rmb]'."""
    text = printed_form(row)
    printed = str(row["value_printed"])
    numeric = decimals(printed) is not None and float(printed.replace(",", "")) == float(row["value"])
    if not numeric:
        text += f" [= {float(row['value']):g} {row['unit']}]"
    return text


def _verdict(ok: bool, good: str, bad: str) -> str:
    return good if ok else bad


def _hedged(check: Check, ctx: Context, computed: float, stated_id: str) -> tuple[bool, float | None]:
    """Does ``computed`` agree with the hedged claim ``stated_id``? And, if not, the correction."""
    row = ctx.rows[stated_id]
    ok = agrees(computed, ctx.value(stated_id), row["qualifier"], row["value_printed"])
    correctable = check.params.get("correctable", True)
    return ok, None if ok or not correctable else computed


# --------------------------------------------------------------------------- the kinds
@kind("scale")
def scale(check: Check, ctx: Context) -> Result:
    """A part must be a plausible share (1-100%) of its total; else try it one unit larger (x1000)."""
    part, total = (ctx.value(i) for i in check.ids)
    share = 100 * part / total
    if 1 <= share <= 100:
        return Result(f"{part:g} of {total:g}", share, True, f"{part:g} is {share:.1f}% of {total:g}: a plausible part.")
    scaled = part * 1000
    fits = 1 <= 100 * scaled / total <= 100
    why = (f"read one unit larger (x1000 = {scaled:g}) it is {100 * scaled / total:.1f}%, so the unit slipped."
           if fits else "no unit change makes it a plausible part.")
    return Result(f"{part:g} of {total:g}", share, False, f"{part:g} is only {share:.3f}% of the total {total:g}; {why}",
                  corrected=scaled if fits else None, rescaled=scaled if fits else None,
                  factor=1000.0 if fits else factor_between(share, 100))


@kind("sum")
def sum_of_parts(check: Check, ctx: Context) -> Result:
    """The parts (at their corrected scale) add up to the stated total."""
    *part_ids, total_id = check.ids
    parts = [ctx.effective(i) for i in part_ids]
    computed = sum(parts)
    ok, corrected = _hedged(check, ctx, computed, total_id)
    total_row = ctx.rows[total_id]
    text = (f"parts {' + '.join(fmt(p) for p in parts)} = {fmt(computed)}; stated {stated_text(total_row)}: "
            + _verdict(ok, "consistent.", "the parts do not add up to the stated total"))
    if not ok:
        text += f"; {check.params['why']}" if "why" in check.params else "."
    return Result(stated_text(total_row), computed, ok, text, corrected=None if corrected is None else round(corrected, 6),
                  factor=factor_between(computed, ctx.value(total_id)))


def _ratio_result(check: Check, ctx: Context, computed: float, how: str) -> Result:
    stated_id = check.ids[2]
    stated_row = ctx.rows[stated_id]
    ok, corrected = _hedged(check, ctx, computed, stated_id)
    unit = "%" if stated_row["unit"] == "percent" else ":1"
    text = f"{how} = {computed:.2f}{unit}; stated {stated_text(stated_row)}: " + _verdict(
        ok, "consistent.", "the figures give a different value.")
    if not ok and check.params.get("scope") == "narrower":
        text += (" The figures beside the statement measure something narrower than it does, so the mismatch "
                 "is in the wording: they do not illustrate the stated ratio.")
    if not ok and "reading_input" in check.params:
        # Both the ratio and its inputs are printed: if the ratio is right, an input is wrong instead.
        k = check.params["reading_input"]
        a, b = ctx.effective(check.ids[0]), ctx.effective(check.ids[1])
        scale = 100 if stated_row["unit"] == "percent" else 1
        stated = ctx.value(stated_id)
        implied = round(stated / scale * b if k == 0 else a / (stated / scale), -1)
        text += (f" Two readings: the inputs are right and the ratio is {computed:.1f}{unit}, or the ratio is right "
                 f"and {check.ids[k]} would be about {implied:,.0f} instead of {[a, b][k]:,g}; "
                 "the text does not decide.")
    return Result(stated_text(stated_row), computed, ok, text,
                  corrected=None if corrected is None else round(corrected, 1),
                  factor=factor_between(computed, ctx.value(stated_id)))


@kind("ratio")
def ratio(check: Check, ctx: Context) -> Result:
    """a / b (x100 for a percentage) gives the stated ratio."""
    a, b = (ctx.effective(i) for i in check.ids[:2])
    percent = ctx.rows[check.ids[2]]["unit"] == "percent"
    return _ratio_result(check, ctx, a / b * (100 if percent else 1), f"{fmt(a)} / {fmt(b)}")


@kind("relative_fall")
def relative_fall(check: Check, ctx: Context) -> Result:
    """(a - b) / a, in percent, gives the stated fall ('more than half')."""
    a, b = (ctx.effective(i) for i in check.ids[:2])
    return _ratio_result(check, ctx, 100 * (a - b) / a, f"({fmt(a)} - {fmt(b)}) / {fmt(a)}")


def _range_miss(x: float, low: float, high: float) -> float:
    """How many times outside [low, high] x is (1.0 inside)."""
    if x < low:
        return factor_between(x, low)
    if x > high:
        return factor_between(x, high)
    return 1.0


@kind("gap_range")
def gap_range(check: Check, ctx: Context) -> Result:
    """The laggard trails the leader by a stated range of percent of the leader's value."""
    leader, laggard, low, high = (ctx.effective(i) for i in check.ids)
    computed = 100 * (leader - laggard) / leader
    ok = low <= computed <= high
    return Result(f"{low:g}-{high:g}%", computed, ok, f"({fmt(leader)} - {fmt(laggard)}) / {fmt(leader)} = "
                  f"{computed:.1f}%, " + _verdict(ok, "inside", "outside") + f" {low:g}-{high:g}%.",
                  factor=_range_miss(computed, low, high))


@kind("within")
def within(check: Check, ctx: Context) -> Result:
    """A figure lies inside a stated range."""
    x, low, high = (ctx.effective(i) for i in check.ids)
    ok = low <= x <= high
    return Result(f"{low:g}-{high:g}", x, ok, f"{fmt(x)} is " + _verdict(ok, "inside", "outside")
                  + f" {fmt(low)}-{fmt(high)}.", factor=_range_miss(x, low, high))


_OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


@kind("compare")
def compare(check: Check, ctx: Context) -> Result:
    """A stated direction ('fell', 'lower than'): a op b, or a op a constant."""
    op = check.params["op"]
    a = ctx.effective(check.ids[0])
    b = check.params["constant"] if "constant" in check.params else ctx.effective(check.ids[1])
    ok = _OPS[op](a, b)
    return Result(f"{op} {b:g}", a, ok, f"{fmt(a)} {op} {fmt(b)}: " + _verdict(ok, "holds.", "does not hold."),
                  reverses=not ok)


@kind("equal")
def equal(check: Check, ctx: Context) -> Result:
    """Two figures the essay says are the same."""
    a, b = (ctx.effective(i) for i in check.ids)
    ok = math.isclose(a, b)
    return Result(f"= {b:g}", a, ok, f"{fmt(a)} vs {fmt(b)}: " + _verdict(ok, "equal.", "different."),
                  factor=factor_between(a, b))


@kind("duration")
def duration(check: Check, ctx: Context) -> Result:
    """From a start year to an end year is the stated number of years."""
    start, end, stated_id = (ctx.rows[i] for i in check.ids)
    computed = float(year_of(end) - year_of(start))
    ok, corrected = _hedged(check, ctx, computed, check.ids[2])
    return Result(stated_text(stated_id), computed, ok, f"{year_of(end)} - {year_of(start)} = {computed:g} years; "
                  f"stated {stated_text(stated_id)}: " + _verdict(ok, "consistent.", "inconsistent."),
                  corrected=corrected, factor=factor_between(computed, ctx.value(check.ids[2])))


@kind("rank_order")
def rank_order(check: Check, ctx: Context) -> Result:
    """More of something means a better (smaller) rank; equal counts share a rank."""
    count_a, rank_a, count_b, rank_b = (ctx.effective(i) for i in check.ids)
    if count_a > count_b:
        ok = rank_a < rank_b
    elif count_a < count_b:
        ok = rank_a > rank_b
    else:
        ok = rank_a == rank_b
    return Result(f"{count_a:g} -> {rank_a:g}, {count_b:g} -> {rank_b:g}", rank_b, ok,
                  f"counts {count_a:g} and {count_b:g}, ranks {rank_a:g} and {rank_b:g}: "
                  + _verdict(ok, "ordered consistently.", "ranks contradict counts."), reverses=not ok)


@kind("restatement")
def restatement(check: Check, ctx: Context) -> Result:
    """The same comparison stated twice (summary and body): the two hedged statements can both hold."""
    a, b = (ctx.rows[i] for i in check.ids)
    ia = interval(float(a["value"]), a["qualifier"], a["value_printed"])
    ib = interval(float(b["value"]), b["qualifier"], b["value_printed"])
    ok = overlap(ia, ib)
    return Result(f"{stated_text(a)} vs {stated_text(b)}", float(b["value"]), ok,
                  f"'{stated_text(a)}' ({a['section']}) and '{stated_text(b)}' ({b['section']}) "
                  + _verdict(ok, "can both hold.", "cannot both hold."),
                  factor=factor_between(float(a["value"]), float(b["value"])))


@kind("conversion")
def usd_conversion(check: Check, ctx: Context) -> Result:
    """The printed USD is the RMB amount at the translator's rate, within the rounding of both.

    The RMB amount is read after earlier corrections: a dollar figure that faithfully converts a
    unit slip is as wrong as the slip, and gets the slip's flag."""
    claim_id, rate_id = check.ids
    row, rate_row = ctx.rows[claim_id], ctx.rows[rate_id]
    rate = float(rate_row["value"])
    usd = row["usd_printed"]
    printed_value, effective = ctx.value(claim_id), ctx.effective(claim_id)
    conv = conversion(effective, usd, rate, str(rate_row["value_printed"]))
    text = (f"{fmt(effective)} billion RMB / {rate:g} = {conv.exact:.4f} {conv.unit} USD; printed {usd}: "
            f"deviation {100 * conv.deviation:+.2f}%, rounding allows ±{100 * conv.allowed:.2f}%: "
            + _verdict(conv.consistent, "consistent.", "beyond rounding."))
    flag = None
    if effective != printed_value and not conv.consistent:
        as_printed = conversion(printed_value, usd, rate, str(rate_row["value_printed"]))
        if as_printed.consistent:
            flag = "unit_slip"
            text = (f"printed {usd} USD converts the figure as printed ({printed_value:g} billion RMB / {rate:g}); "
                    f"at the corrected {effective:,g} billion RMB it would be {effective / rate:,.1f} billion USD, "
                    f"{factor_between(conv.printed, conv.exact):,.0f} times more: the dollar figure carries the same "
                    "unit slip.")
    return Result(f"{usd} USD", conv.exact, conv.consistent, text,
                  factor=factor_between(conv.printed, conv.exact), flag=flag)

