"""Reader-facing tables of the essay's numbers, for the chapter notebooks.

Each function returns a pandas Styler with a fixed id, so the stored notebook output is the same on
every run (nbval compares it) and renders as a plain HTML table in the book.
"""
from __future__ import annotations

import html

import pandas as pd

from northeast.claims import printed, years_text
from northeast.data import FLAG_LABELS, SECTION_NAMES, load



def _printed(row) -> str:
    text = printed(row, hedge=False)  # the hedge is in the quote next to it
    if pd.notna(row.usd_printed):
        text += f" (≈ {row.usd_printed} USD)"
    return text


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    entities = load("entities").set_index("id")["name_en"]
    return pd.DataFrame(
        {
            "who": frame["entity"].map(entities).fillna(frame["entity"]),
            "what": frame["indicator"].str.replace("_", " "),
            "when": [years_text(r) for r in frame.itertuples()],
            "as printed": [_printed(r) for r in frame.itertuples()],
            "check": frame["flag"].map(FLAG_LABELS).fillna(""),
            "where in the essay": '"' + frame["quote"] + '"',
        }
    ).set_axis(frame["id"].rename("id"))


class NumbersTable:
    """A table for the reader: an HTML table in the book, plain text in a terminal.

    Plain ``to_html`` rather than a pandas Styler: a Styler's text form is its memory address
    (different on every run, which nbval would catch), and its per-cell ids and CSS make the
    section One table 2.6 times larger for no visible gain.
    """

    def __init__(self, table: pd.DataFrame, table_id: str, caption: str):
        self.data = table
        self.table_id = table_id
        self.caption = caption

    def _repr_html_(self) -> str:
        body = self.data.to_html(classes="course-numbers", border=0, table_id=self.table_id, escape=True)
        caption = f'<p class="course-numbers-caption">{html.escape(self.caption)}</p>'
        return caption + body

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.data.to_string(max_colwidth=40)}"


def _styled(table: pd.DataFrame, table_id: str, caption: str) -> NumbersTable:
    return NumbersTable(table, table_id, caption)


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
        "'check' marks a number whose arithmetic does not hold; see Chapter 6."
    )
    return _styled(_readable(chosen), f"numbers_{'_'.join(sections)}", caption)


def flagged_numbers():
    """The numbers whose arithmetic does not hold, with the corrected reading."""
    claims = load("claims")
    flagged = claims[claims["flag"].notna()]
    table = _readable(flagged)
    table["corrected reading"] = flagged["value_corrected"].map(lambda v: "" if pd.isna(v) else f"{v:,.4g}").to_numpy()
    table["what went wrong"] = flagged["flag_note"].to_numpy()
    caption = f"{len(flagged)} numbers flagged by the consistency checks (northeast.consistency)."
    return _styled(table, "numbers_flagged", caption)
