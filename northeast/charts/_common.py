"""Shared plumbing of the chart builders: data access by claim id, titles/metadata, colour scales,
and Vega expressions that format numbers the way :mod:`northeast.theme` does in Python."""
from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from northeast import theme
from northeast.claims import clean_record, find, find_all, printed  # noqa: F401  (re-exported)
from northeast.claims import row as claim_row, value as claim_value
from northeast.data import SECTION_NAMES, load  # noqa: F401  (SECTION_NAMES re-exported)


# --------------------------------------------------------------------------- data access
def get_claims(claims: pd.DataFrame | None) -> pd.DataFrame:
    return load("claims") if claims is None else claims


def get_entities() -> pd.DataFrame:
    return load("entities")


def row(claims: pd.DataFrame, claim_id: str) -> dict[str, Any]:
    """One claim as a dict (pd.NA -> None); KeyError naming the id when it is missing."""
    return claim_row(claim_id, claims)


def val(claims: pd.DataFrame, claim_id: str) -> float:
    return claim_value(claim_id, claims)


def entity_names() -> dict[str, str]:
    ents = get_entities()
    return dict(zip(ents["id"], ents["name_en"]))


def province_count() -> int:
    """Province-level units on the tile grid (31)."""
    ents = get_entities()
    return int(ents["grid_row"].notna().sum())


def frame(records: list[dict]) -> pd.DataFrame:
    """A plain DataFrame for a chart (no nullable dtypes, None for missing)."""
    df = pd.DataFrame.from_records(records)
    return df.astype(object).where(df.notna(), None).infer_objects()


# --------------------------------------------------------------------------- sizes that fit a phone
# Single and layered views take the width of their container (a 320 px phone to the 640 px
# desktop column); concatenated panels, which Vega-Lite can't size that way, use PANEL_WIDTH.
CONTAINER = "container"
PANEL_WIDTH = 160
# Below this container width (px) long band labels break into lines.
NARROW = 520
_NARROW = f"(isFinite(containerSize()[0]) && containerSize()[0] < {NARROW})"


def when_narrow(narrow: str, wide: str) -> alt.ExprRef:
    """A Vega expression: ``narrow`` in a container narrower than :data:`NARROW`, else ``wide``."""
    return alt.ExprRef(f"{_NARROW} ? ({narrow}) : ({wide})")


def wrapped_labels(chars: int, always: bool = False) -> str:
    """Axis labelExpr: in a narrow container (or ``always``), a label longer than ``chars`` breaks
    into lines at spaces (Vega draws an array of strings as lines); otherwise the label as it is."""
    # Vega string literals take JavaScript escapes: '\\s' reaches the RegExp as \s.
    wrap = (r"split(trim(replace(datum.label + ' ', regexp('(.{1,%d})\\s+', 'g'), '$1\n')), '\n')" % chars)
    when = "true" if always else _NARROW
    return f"{when} && length(datum.label) > {chars} ? {wrap} : datum.label"


def band_axis(chars: int = 20, always: bool = False, **kwargs) -> alt.Axis:
    """A category axis whose long labels wrap on a phone (or ``always``; rows need room for two lines)."""
    kwargs.setdefault("labelLimit", 300)
    return alt.Axis(labelExpr=wrapped_labels(chars, always), labelLineHeight=13, **kwargs)


def axis_title(text: str, width: int = 30) -> list[str]:
    """An axis title in lines short enough for a phone."""
    return theme.wrap(text, width)


# --------------------------------------------------------------------------- chart finishing
def finish(chart, *, title: str, description: str, caption: str, source: str, ids: list[str],
           subtitle: str | None = None):
    """Title (takeaway), screen-reader description and course metadata on a top-level chart."""
    title_obj = alt.Title(theme.wrap(title), subtitle=theme.wrap(subtitle, 72) if subtitle else alt.Undefined)
    ids = list(dict.fromkeys(ids))  # unique, in order
    return chart.properties(
        title=title_obj,
        description=description,
        usermeta={"caption": caption, "source": source, "ids": ids},
    )


def color_scale(names_to_colors: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(names_to_colors), range=list(names_to_colors.values()))


# --------------------------------------------------------------------------- Vega expressions
def vega_money(expr: str, currency: str = "'RMB'") -> str:
    """Vega expression formatting an amount in *billions* like theme.format_rmb_billion.

    ``expr`` is an expression yielding billions; ``currency`` an expression yielding the currency word.
    """
    x = f"({expr})"
    return (f"(abs({x}) >= 1000 ? format({x} / 1000, ',.3~r') + ' trillion ' : "
            f"abs({x}) >= 1 ? format({x}, ',.3~r') + ' billion ' : "
            f"format({x} * 1000, ',.3~r') + ' million ') + {currency}")


def tip(field: str, title: str, kind: str = "N", fmt: str | None = None) -> alt.Tooltip:
    if fmt:
        return alt.Tooltip(f"{field}:{kind}", title=title, format=fmt)
    return alt.Tooltip(f"{field}:{kind}", title=title)
