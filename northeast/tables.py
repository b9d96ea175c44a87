"""Reader-facing tables of the essay's numbers, for the chapter notebooks.

A table is folded by default behind a one-line summary (how many numbers, how many flagged, and
which), so it never buries the chapter's charts. Opened, it shows one short line per number: the
value as printed with its unit, what it measures, who, when and the check's verdict; the locating
quote and the claim id sit in a disclosure under "what", with a link to the number's row on the
data page. In the book a small script (``_ext/static/course-numbers.js``) adds a filter box and
sortable columns; without it (a live notebook, print) the table is still complete.

The HTML is the same on every run (nbval compares it): fixed ids, rows in the data's order.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from northeast.data import FLAG_LABELS, SECTION_NAMES, load

# The data page (book/data.md) gives every claim's row an anchor equal to its id.
DATA_PAGE = "data.html"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _period(row) -> str:
    start, end = row.year_start, row.year_end
    if _missing(start) and _missing(end):
        return ""
    if _missing(start):
        return str(int(end))
    if _missing(end) or start == end:
        return str(int(start))
    return f"{int(start)}–{int(end)}"


def _printed(row) -> str:
    from northeast.charts._common import printed  # the one place the printed form is spelled

    return printed({k: (None if _missing(v) else v) for k, v in row._asdict().items()})


# Indicator names are snake_case ids; these words read better spelled out.
_WORDS = {"gdp": "GDP", "soe": "SOE", "pct": "%", "usd": "USD", "rmb": "RMB", "top500": "top 500",
          "excl": "excluding", "yangtze": "Yangtze", "river": "River", "delta": "Delta"}


def _measures(row) -> str:
    """What a number measures, in words: 'gdp_share_of_national' -> 'GDP share of national'."""
    words = [_WORDS.get(w, w.capitalize() if w in _PLACES else w) for w in str(row.indicator).split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _in_sentence(words: str) -> str:
    """'Central transfer payments' -> 'central transfer payments'; 'GDP share' stays."""
    return words if words[1:2].isupper() else words[:1].lower() + words[1:]


_PLACES = {"beijing", "jiangsu", "shaanxi", "sichuan", "guangdong", "hangzhou", "henan", "suzhou", "zhejiang",
           "shanghai", "huawei", "xinjiang"}


def _esc(value) -> str:
    return html.escape("" if _missing(value) else str(value), quote=True)


@dataclass(frozen=True)
class Column:
    """One column of a numbers table: its header, its cell text, and how it sorts."""

    header: str
    text: Callable  # row -> str (plain text; escaped on output)
    sort: Callable | None = None  # row -> number, when the column sorts numerically
    css: str = ""
    html: Callable | None = None  # row -> HTML, when the cell is more than its text
    width: int = 10  # share of the table's width; set so that most rows take one line at desktop width


def _flag_badges(row) -> str:
    if _missing(row.flag):
        return ""
    badge = f'<span class="course-flag">{_esc(FLAG_LABELS.get(row.flag, row.flag))}</span>'
    severity = getattr(row, "severity", None)
    if not _missing(severity) and severity:
        badge += f' <span class="course-severity" data-severity="{_esc(severity)}">{_esc(severity)}</span>'
    return badge


def _year_key(row):
    end = row.year_end if not _missing(row.year_end) else row.year_start
    return None if _missing(end) else int(end)


def _number_key(row):
    return None if _missing(row.value) else float(row.value)


class NumbersTable:
    """A folded table for the reader: HTML in the book, plain text in a terminal."""

    def __init__(self, claims: pd.DataFrame, table_id: str, caption: str, *, scope: str,
                 extra: list[Column] | None = None, details: list[Callable] | None = None):
        self.claims = claims.reset_index(drop=True)
        self.table_id = table_id
        self.caption = caption
        self.scope = scope  # "from Section One", shown in the summary line
        self.entities = load("entities").set_index("id")["name_en"].to_dict()
        self.columns = [
            Column("as printed", _printed, _number_key, "course-numbers-value", width=20),
            Column("what it measures", _measures, None, "course-numbers-what", self._what_cell, width=32),
            Column("who", lambda r: self.entities.get(r.entity, r.entity), width=18),
            Column("when", _period, _year_key, "course-numbers-when", width=11),
            *(extra or []),
        ]
        self.details = details or []

    # ---------------------------------------------------------------- what the reader sees first
    @property
    def flagged(self) -> pd.DataFrame:
        return self.claims[self.claims["flag"].notna()]

    def summary(self) -> str:
        head, detail = self.summary_parts()
        return f"{head}{detail}"

    def summary_parts(self) -> tuple[str, str]:
        """The summary line in two parts: the counts ("111 numbers from Section One; 10 flagged")
        and which numbers are flagged (": unit slip: …")."""
        total, flagged = len(self.claims), self.flagged
        line = f"{total} number{'s' if total != 1 else ''} {self.scope}"
        if flagged.empty:
            return f"{line}; none flagged", "."
        if len(flagged) == total:  # a table of flagged numbers: say which kinds of problem
            kinds = flagged["flag"].map(FLAG_LABELS).fillna(flagged["flag"]).value_counts(sort=False)
            return line, ": " + ", ".join(f"{n} {label}" for label, n in kinds.items()) + "."
        # Grouped by the kind of problem, then by what was measured: "unit slip: central
        # transfer payments (Liaoning, Jilin, Heilongjiang)".
        groups: dict[str, dict[str, list[str]]] = {}
        for r in flagged.itertuples():
            who = groups.setdefault(FLAG_LABELS.get(r.flag, r.flag), {}).setdefault(_in_sentence(_measures(r)), [])
            name = self.entities.get(r.entity, r.entity)
            if name not in who:
                who.append(name)
        named = "; ".join(
            f"{label}: " + ", ".join(f"{what} ({', '.join(who)})" for what, who in by_what.items())
            for label, by_what in groups.items()
        )
        return f"{line}; {len(flagged)} flagged", f": {named}."

    # ---------------------------------------------------------------- HTML
    def _what_cell(self, row) -> str:
        more = [f'<q>{_esc(row.quote)}</q>']
        if not _missing(row.usd_printed):
            more.append(f"Printed in US dollars as {_esc(row.usd_printed)} USD.")
        more.extend(_esc(fn(row)) for fn in self.details if fn(row))
        more.append(f'<a href="{DATA_PAGE}#{_esc(row.id)}"><code>{_esc(row.id)}</code></a>')
        return (f'<details><summary>{_esc(_measures(row))}</summary>'
                f'<div class="course-numbers-more">{" ".join(more)}</div></details>')

    def _cell(self, column: Column, row) -> str:
        content = column.html(row) if column.html else _esc(column.text(row))
        attrs = f' class="{column.css}"' if column.css else ""
        if column.sort is not None:
            key = column.sort(row)
            attrs += f' data-sort="{"" if key is None else f"{key:.10g}"}"'
        return f"<td{attrs}>{content}</td>"

    def _repr_html_(self) -> str:
        numeric = ' data-sort-type="number"'
        total = sum(c.width for c in self.columns)
        cols = "".join(f'<col style="width: {100 * c.width / total:.3g}%">' for c in self.columns)
        headers = "".join(
            f'<th scope="col"{numeric if c.sort else ""}>{_esc(c.header)}</th>' for c in self.columns
        )
        head, detail = self.summary_parts()
        rows = "\n".join(
            f'<tr data-flagged="{"yes" if not _missing(r.flag) else "no"}">'
            + "".join(self._cell(c, r) for c in self.columns) + "</tr>"
            for r in self.claims.itertuples()
        )
        return (
            f'<details class="course-numbers" id="{self.table_id}">\n'
            f'<summary class="course-numbers-summary"><strong>{_esc(head)}</strong>{_esc(detail)}</summary>\n'
            f'<p class="course-numbers-caption">{_esc(self.caption)}</p>\n'
            f'<table class="course-numbers"><colgroup>{cols}</colgroup><thead><tr>{headers}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n'
            "</details>"
        )

    # ---------------------------------------------------------------- terminal
    def to_frame(self) -> pd.DataFrame:
        plain = {c.header: [c.text(r) for r in self.claims.itertuples()] for c in self.columns}
        return pd.DataFrame(plain, index=pd.Index(self.claims["id"], name="id"))

    def __repr__(self) -> str:
        return f"{self.summary()}\n{self.caption}\n{self.to_frame().to_string(max_colwidth=40)}"


def _check_column() -> Column:
    def text(row):
        if _missing(row.flag):
            return ""
        label = FLAG_LABELS.get(row.flag, row.flag)
        severity = getattr(row, "severity", None)
        return f"{label} ({severity})" if not _missing(severity) and severity else label

    return Column("check", text, html=_flag_badges, width=19)


def section_numbers(*sections: str) -> NumbersTable:
    """Every number the essay prints in the given sections, in reading order."""
    claims = load("claims")
    unknown = set(sections) - set(SECTION_NAMES)
    if unknown:
        raise ValueError(f"unknown section(s) {sorted(unknown)}; choose from {list(SECTION_NAMES)}")
    chosen = claims[claims["section"].isin(sections)]
    names = " and ".join(SECTION_NAMES[s] for s in sections)
    caption = (
        f"From data/claims.csv. Open a row's description for the essay's wording and the claim id; "
        "'check' names a number whose arithmetic does not hold (Chapter 6 explains each)."
    )
    return NumbersTable(chosen, f"numbers_{'_'.join(sections)}", caption, scope=f"from {names}",
                        extra=[_check_column()])


def flagged_numbers() -> NumbersTable:
    """The numbers whose arithmetic does not hold, with the corrected reading."""
    claims = load("claims")
    flagged = claims[claims["flag"].notna()]
    corrected = Column("corrected", lambda r: "" if _missing(r.value_corrected) else f"{float(r.value_corrected):,.4g}",
                       lambda r: None if _missing(r.value_corrected) else float(r.value_corrected), width=12)
    caption = ("Flagged by the consistency checks (northeast.consistency). Open a row's description for "
               "what went wrong, the essay's wording and the claim id.")
    return NumbersTable(flagged, "numbers_flagged", caption, scope="flagged by the consistency checks",
                        extra=[_check_column(), corrected],
                        details=[lambda r: "" if _missing(r.flag_note) else f"What went wrong: {r.flag_note}"])
