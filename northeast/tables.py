"""Reader-facing tables of the essay's numbers, for the chapter notebooks.

Each function returns a pandas Styler with a fixed id, so the stored notebook output is the same on
every run (nbval compares it) and renders as a plain HTML table in the book.
"""
from __future__ import annotations

import html

import pandas as pd

from northeast.claims import RATE_ID, printed, sentence_url, years_text
from northeast.consistency import SEVERITIES, conversions
from northeast.data import FLAG_LABELS, SECTION_NAMES, load



def _printed(row) -> str:
    text = printed(row, hedge=False)  # the hedge is in the quote next to it
    if pd.notna(row.usd_printed):
        text += f" (≈ {row.usd_printed} USD)"
    return text


QUOTE_COLUMN = "where in the essay"  # each cell links to its sentence in the translation


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    entities = load("entities").set_index("id")["name_en"]
    return pd.DataFrame(
        {
            "who": frame["entity"].map(entities).fillna(frame["entity"]),
            "what": frame["indicator"].str.replace("_", " "),
            "when": [years_text(r) for r in frame.itertuples()],
            "as printed": [_printed(r) for r in frame.itertuples()],
            "check": frame["flag"].map(FLAG_LABELS).fillna(""),
            "severity": frame["severity"].fillna(""),
            QUOTE_COLUMN: '"' + frame["quote"] + '"',
        }
    ).set_axis(frame["id"].rename("id"))


def _links(frame: pd.DataFrame) -> dict[str, str]:
    return {claim["id"]: sentence_url(claim) for claim in frame.to_dict("records")}


class NumbersTable:
    """A table for the reader: an HTML table in the book, plain text in a terminal.

    Plain ``to_html`` rather than a pandas Styler: a Styler's text form is its memory address
    (different on every run, which nbval would catch), and its per-cell ids and CSS make the
    section One table 2.6 times larger for no visible gain.
    """

    def __init__(self, table: pd.DataFrame, table_id: str, caption: str, links: dict[str, str] | None = None):
        self.data = table
        self.table_id = table_id
        self.caption = caption
        self.links = links or {}  # row id -> URL of the row's sentence in the translation

    def _repr_html_(self) -> str:
        cells = self.data.astype(str).map(html.escape)
        if QUOTE_COLUMN in cells.columns:
            cells[QUOTE_COLUMN] = [
                f'<a href="{html.escape(self.links[i])}">{text}</a>' if i in self.links else text
                for i, text in zip(cells.index, cells[QUOTE_COLUMN])
            ]
        body = cells.to_html(classes="course-numbers", border=0, table_id=self.table_id, escape=False)
        caption = f'<p class="course-numbers-caption">{html.escape(self.caption)}</p>'
        return caption + body

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.data.to_string(max_colwidth=40)}"


def _styled(table: pd.DataFrame, table_id: str, caption: str, claims: pd.DataFrame | None = None) -> NumbersTable:
    return NumbersTable(table, table_id, caption, _links(claims) if claims is not None else None)


def section_numbers(*sections: str):
    """Every number the essay prints in the given sections, in reading order."""
    claims = load("claims")
    unknown = set(sections) - set(SECTION_NAMES)
    if unknown:
        raise ValueError(f"unknown section(s) {sorted(unknown)}; choose from {list(SECTION_NAMES)}")
    chosen = claims[claims["section"].isin(sections)]
    names = " and ".join(SECTION_NAMES[s] for s in sections)
    caption = (
        f"{len(chosen)} numbers from {names} (data/claims.csv). "
        "'check' marks a number whose arithmetic does not hold, 'severity' how much it matters (see Chapter 6); "
        "each quote links to its sentence in the translation."
    )
    return _styled(_readable(chosen), f"numbers_{'_'.join(sections)}", caption, chosen)


def flagged_numbers():
    """The numbers whose arithmetic does not hold, with the corrected reading."""
    claims = load("claims")
    flagged = claims[claims["flag"].notna()]
    table = _readable(flagged)
    table["corrected reading"] = flagged["value_corrected"].map(_corrected_text).to_numpy()
    table["what went wrong"] = flagged["flag_note"].to_numpy()
    counts = flagged["severity"].value_counts()
    by_severity = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if s in counts)
    caption = (f"{len(flagged)} numbers flagged by the consistency checks (northeast.consistency): {by_severity}. "
               "Each quote links to its sentence in the translation.")
    return _styled(table, "numbers_flagged", caption, flagged)


def _corrected_text(value) -> str:
    """A corrected value as a reader writes it (3,255.3, 142.9), or the reason there is none."""
    if pd.isna(value):
        return "none: see the note"
    return f"{value:,.1f}".removesuffix(".0")


def conversions_table():
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
    return _styled(table, "numbers_conversions", caption, wanted)
