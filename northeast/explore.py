"""Python-side exploration for the live notebook: pick indicators and places, get a table.

`compare(claims, indicator)` is the pure part (unit-tested); `explorer()` wraps it in ipywidgets.
In the static book the widget shows its saved state; run the notebook to use it.
"""
from __future__ import annotations

import pandas as pd

from northeast.data import load


def indicators_with_comparisons(claims: pd.DataFrame) -> list[str]:
    """Indicators the essay gives for more than one place or year, i.e. worth comparing."""
    # Dates and durations are context, not quantities to compare across places.
    measured = claims[~claims["unit"].isin(["year", "years"])]
    groups = measured.groupby("indicator")[["entity", "year_end"]].nunique()
    return sorted(groups[(groups["entity"] > 1) | (groups["year_end"] > 1)].index)


def compare(claims: pd.DataFrame, indicator: str, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """One indicator as a place × year table of normalised values (the unit in the column name)."""
    rows = claims[claims["indicator"] == indicator]
    if rows.empty:
        raise ValueError(f"no numbers for indicator {indicator!r}")
    names = (entities if entities is not None else load("entities")).set_index("id")["name_en"]
    unit = rows["unit"].iloc[0]
    year = rows["year_end"].astype("string").fillna("no year")
    table = (
        rows.assign(place=rows["entity"].map(names).fillna(rows["entity"]), year=year)
        .pivot_table(index="place", columns="year", values="value", aggfunc="first")
        .sort_index()
    )
    table.columns.name = f"{indicator} ({unit}) by year"
    return table


class Comparison:
    """A :func:`compare` table for people: "–" where the essay gives no value (pandas would
    print ``<NA>``), numbers to four significant digits. The same text in HTML and plain form."""

    NO_VALUE = "–"

    def __init__(self, table: pd.DataFrame):
        self.table = table

    def formatted(self) -> pd.DataFrame:
        # Formatted cell by cell: na_rep doesn't reach pandas' nullable <NA>.
        return self.table.astype(object).map(lambda x: self.NO_VALUE if pd.isna(x) else f"{x:,.4g}")

    def _repr_html_(self) -> str:
        return self.formatted().to_html()

    def __repr__(self) -> str:
        return self.formatted().to_string()


def comparison(claims: pd.DataFrame, indicator: str, entities: pd.DataFrame | None = None) -> Comparison:
    """:func:`compare`, ready to display."""
    return Comparison(compare(claims, indicator, entities))


DEFAULT_INDICATOR = "per_capita_gdp_rank"


def explorer():
    """Dropdown of indicators -> table of values by place and year."""
    import ipywidgets as widgets

    claims, entities = load("claims"), load("entities")
    options = indicators_with_comparisons(claims)
    choose = widgets.Dropdown(options=options, value=DEFAULT_INDICATOR if DEFAULT_INDICATOR in options else options[0], description="Indicator:",
                              layout=widgets.Layout(width="480px"), style={"description_width": "initial"})
    # An HTML widget rather than an Output widget: its state is just the table's HTML, so the
    # saved page shows it and the stored notebook output is the same on every run.
    table = widgets.HTML()

    def refresh(*_):
        table.value = comparison(claims, choose.value, entities)._repr_html_()

    choose.observe(refresh, names="value")
    refresh()
    return widgets.VBox([choose, table])
