"""The course's colours (Okabe-Ito based, colour-blind safe), for light and dark pages.

Plain constants with no imports, so the book's build can read them without loading Altair:
:mod:`northeast.theme` builds the chart theme from them, and ``_ext/course_charts.py`` writes
the dark-mode stylesheet from :data:`DARK_MODE`.
"""
from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

NORTHEAST_COLOR = OKABE_ITO["vermillion"]
# The three provinces: warm variants of the Northeast's colour, told apart by lightness and hue.
PROVINCE_COLORS = {
    "liaoning": "#8C2D04",  # dark rust
    "jilin": OKABE_ITO["orange"],
    "heilongjiang": OKABE_ITO["reddish_purple"],
}
# Heilongjiang and Jilin counted together: a light tint of the Northeast's colour.
NORTHEAST_TINT = "#EFA77A"
NATIONAL_COLOR = OKABE_ITO["blue"]
COMPARATOR_COLOR = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
TEXT_COLOR = "#222222"
MUTED_TEXT = "#555555"
GRID_COLOR = "#E8E8E8"
AXIS_COLOR = "#888888"
# Inconsistent numbers (chapter 6). Amber: a warning, and never used there for a province.
WARNING_COLOR = OKABE_ITO["orange"]
CONSISTENT_COLOR = "#A6A6A6"

# The four region groups of entities.csv. The Northeast is strong; the others muted tints.
REGION_COLORS = {
    "northeast": NORTHEAST_COLOR,
    "coastal": "#A9D4EF",  # tint of sky blue
    "central": "#F3EB9C",  # tint of yellow
    "western": "#9FD5C0",  # tint of bluish green
}
REGION_LABELS = {
    "northeast": "Northeast",
    "coastal": "Coastal",
    "central": "Central",
    "western": "Western",
}

# Fixed colours for the places the essay compares; anything else is COMPARATOR_COLOR.
ENTITY_COLORS = {
    "northeast": NORTHEAST_COLOR,
    "northeast_industrial_belt": NORTHEAST_COLOR,
    "dalian": NORTHEAST_COLOR,
    "dalian_shenyang": NORTHEAST_COLOR,
    "changchun": NORTHEAST_COLOR,
    "heilongjiang_jilin": NORTHEAST_TINT,
    **PROVINCE_COLORS,
    "china": NATIONAL_COLOR,
}

# Dark mode (pydata-sphinx-theme's ``data-theme="dark"`` on <html>): the neutral colours of text,
# axes and empty bars swap for light ones; the colours of places and data stay as they are
# (all of them keep at least 3:1 against the dark page). Charts are drawn with the light colours;
# a stylesheet swaps them, so a reader's toggle takes effect at once, with no redraw.
DARK_MODE = {
    TEXT_COLOR: "#E3E3E3",
    MUTED_TEXT: "#B8B8B8",
    GRID_COLOR: "#3A3F47",
    AXIS_COLOR: "#9A9A9A",
    LIGHT_GREY: "#4A4F57",
    "#000000": "#E3E3E3",
}


def dark_mode_css(scope: str) -> str:
    """CSS that swaps the light colours drawn inside ``scope`` for their dark-mode equivalents
    (SVG presentation attributes yield to any stylesheet rule)."""
    rules = []
    for light, dark in DARK_MODE.items():
        for prop in ("fill", "stroke"):
            rules.append(f'html[data-theme="dark"] {scope} [{prop}="{light}" i] {{ {prop}: {dark}; }}')
    return "/* Generated from northeast/palette.py DARK_MODE. */\n" + "\n".join(rules) + "\n"
