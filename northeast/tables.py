"""Reader-facing tables of the essay's numbers, for the chapter notebooks.

A table is folded by default behind a one-line summary (how many numbers, how many flagged, and
which), so it never buries the chapter's charts. Opened, it shows one short line per number: the
value as printed with its unit, what it measures, who, when and the check's verdict; the locating
quote (linked to its sentence in the translation) and the claim id sit in a disclosure under
"what", with a link to the number's row on the data page. In the book a small script (``_ext/static/course-numbers.js``) adds a filter box and
sortable columns; without it (a live notebook, print) the table is still complete.

The HTML is the same on every run (nbval compares it): fixed ids, rows in the data's order.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from northeast.claims import RATE_ID, printed, sentence_url, years_text
from northeast.consistency import SEVERITIES, conversions
from northeast.data import FLAG_LABELS, SECTION_NAMES, load

# The data page (book/data.md) gives every claim's row an anchor equal to its id.
DATA_PAGE = "data.html"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _printed(row) -> str:
    return printed(row)  # with its hedge ("nearly 11 trillion RMB"): the quote is folded away


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
    return f'<span class="course-flag">{_esc(FLAG_LABELS.get(row.flag, row.flag))}</span>'


def _severity(row) -> str:
    severity = getattr(row, "severity", None)
    return "" if _missing(severity) else str(severity)


def _severity_badge(row) -> str:
    severity = _severity(row)
    return f'<span class="course-severity" data-severity="{_esc(severity)}">{_esc(severity)}</span>' if severity else ""


def _severity_key(row):
    """Sorts major before minor before note (the order of consistency.SEVERITIES)."""
    severity = _severity(row)
    return SEVERITIES.index(severity) if severity in SEVERITIES else None


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
            Column("as printed", _printed, _number_key, "course-numbers-value", width=19),
            Column("what it measures", _measures, None, "course-numbers-what", self._what_cell, width=29),
            Column("who", lambda r: self.entities.get(r.entity, r.entity), width=18),
            Column("when", years_text, _year_key, "course-numbers-when", width=12),
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
        more = [f'<a href="{_esc(sentence_url(row._asdict()))}"><q>{_esc(row.quote)}</q></a>']
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


def _check_columns() -> list[Column]:
    """The consistency checks' verdict: the kind of problem and how much it matters (claims.csv's
    severity), in one column so that a row stays one line at desktop width; it sorts by severity."""

    def text(row):
        if _missing(row.flag):
            return ""
        label, severity = FLAG_LABELS.get(row.flag, row.flag), _severity(row)
        return f"{label} ({severity})" if severity else label

    def badges(row):
        return " ".join(b for b in (_flag_badges(row), _severity_badge(row)) if b)

    return [Column("check (severity)", text, _severity_key, html=badges, width=22)]


def section_numbers(*sections: str) -> NumbersTable:
    """Every number the essay prints in the given sections, in reading order."""
    claims = load("claims")
    unknown = set(sections) - set(SECTION_NAMES)
    if unknown:
        raise ValueError(f"unknown section(s) {sorted(unknown)}; choose from {list(SECTION_NAMES)}")
    chosen = claims[claims["section"].isin(sections)]
    names = " and ".join(SECTION_NAMES[s] for s in sections)
    caption = (
        "From data/claims.csv. Open a row's description for the essay's wording (linked to its sentence in "
        "the translation) and the claim id; 'check' names a number whose arithmetic does not hold "
        "and, in brackets, how much it matters (Chapter 6 explains each)."
    )
    return NumbersTable(chosen, f"numbers_{'_'.join(sections)}", caption, scope=f"from {names}",
                        extra=_check_columns())


def flagged_numbers() -> NumbersTable:
    """The numbers whose arithmetic does not hold, with the corrected reading."""
    claims = load("claims")
    flagged = claims[claims["flag"].notna()]
    corrected = Column("corrected", lambda r: _corrected_text(r.value_corrected),
                       lambda r: None if _missing(r.value_corrected) else float(r.value_corrected), width=14)
    counts = flagged["severity"].value_counts()
    by_severity = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if s in counts)
    caption = (f"Flagged by the consistency checks (northeast.consistency): {by_severity}. Open a row's "
               "description for what went wrong, the essay's wording (linked to its sentence in the "
               "translation) and the claim id.")
    return NumbersTable(flagged, "numbers_flagged", caption, scope="flagged by the consistency checks",
                        extra=[*_check_columns(), corrected],
                        details=[lambda r: "" if _missing(r.flag_note) else f"What went wrong: {r.flag_note}"])


def _corrected_text(value) -> str:
    """A corrected value as a reader writes it (3,255.3, 142.9), or the reason there is none."""
    if _missing(value):
        return "none: see the note"
    return f"{value:,.1f}".removesuffix(".0")


class FrameTable:
    """A folded table of any frame (one row per claim id), with its quote column linked to the
    sentence in the translation; for tables whose columns are computed, not claims' fields."""

    def __init__(self, frame: pd.DataFrame, table_id: str, summary: tuple[str, str], caption: str,
                 links: dict[str, str]):
        self.data = frame
        self.table_id = table_id
        self.head, self.detail = summary
        self.caption = caption
        self.links = links  # row id -> URL of the row's sentence in the translation

    def _repr_html_(self) -> str:
        cells = self.data.astype(str).map(html.escape)
        cells[QUOTE_COLUMN] = [
            f'<a href="{html.escape(self.links[i])}">{text}</a>' if i in self.links else text
            for i, text in zip(cells.index, cells[QUOTE_COLUMN])
        ]
        # No index column: ten columns must share the text column, and the quote names the row.
        body = cells.to_html(classes="course-numbers course-frame", border=0, escape=False, index=False)
        return (
            f'<details class="course-numbers" id="{self.table_id}">\n'
            f'<summary class="course-numbers-summary"><strong>{_esc(self.head)}</strong>{_esc(self.detail)}</summary>\n'
            f'<p class="course-numbers-caption">{_esc(self.caption)}</p>\n{body}\n</details>'
        )

    def __repr__(self) -> str:
        return f"{self.head}{self.detail}\n{self.caption}\n{self.data.to_string(max_colwidth=40)}"


QUOTE_COLUMN = "where in the essay"


def conversions_table() -> FrameTable:
    """All dollar conversions: RMB and USD as printed, USD at the translator's rate, the deviation
    against what rounding allows, the implied rate, and the check's verdict."""
    claims = load("claims")
    conv = conversions(claims)
    rate = claims.loc[claims["id"] == RATE_ID].iloc[0]
    table = pd.DataFrame({
        "RMB (printed)": conv["rmb_printed"],
        "USD (printed)": conv["usd_printed"],
        f"at {rate['value_printed']}": [f"{x:,.4g} {u}" for x, u in zip(conv["at_rate"], conv["usd_unit"])],
        "deviation": conv["deviation_pct"].map(lambda v: f"{v:+.2f}%"),
        "rounding allows": conv["allowed_pct"].map(lambda v: f"±{v:.2f}%"),
        "implied rate": [f"{r:.3f} ({lo:.3f}–{hi:.3f})" for r, lo, hi in
                         zip(conv["implied_rate"], conv["implied_rate_low"], conv["implied_rate_high"])],
        "check": conv["flag"].map(lambda f: FLAG_LABELS.get(f, "")),
        "severity": conv["severity"],
        QUOTE_COLUMN: '"' + conv["claim_id"].map(claims.set_index("id")["quote"]) + '"',
    }).set_axis(conv["claim_id"].rename("id"))
    beyond = int((conv["flag"] == "conversion_mismatch").sum())
    caption = (f"All {len(conv)} dollar conversions in the essay against RMB ÷ {rate['value_printed']}. 'Rounding "
               "allows' is half a unit of the printed dollar figure's last digit plus the rounding of the rate, "
               "relative to the exact conversion; 'implied rate' is RMB ÷ printed USD, with the range of rates that "
               f"round to the printed figure. {beyond} miss by more than rounding allows.")
    wanted = claims.set_index("id").loc[conv["claim_id"]].reset_index()
    links = {claim["id"]: sentence_url(claim) for claim in wanted.to_dict("records")}
    summary = (f"{len(conv)} dollar conversions; {beyond} miss by more than rounding allows", ".")
    return FrameTable(table, "numbers_conversions", summary, caption, links)
