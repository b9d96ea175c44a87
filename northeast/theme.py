"""The course's chart theme: fonts, a colour-blind-safe palette, fixed colours per place, number formats.

Importing this module registers the Altair theme ``"northeast"`` and enables it
(``northeast.charts`` imports it, so ``from northeast import charts`` is enough).

Colours come from the Okabe-Ito palette (safe for the common forms of colour blindness).
The Northeast is *always* :data:`NORTHEAST_COLOR`; its three provinces are always the colours
in :data:`PROVINCE_COLORS`; the national level is :data:`NATIONAL_COLOR`; every other place a
number is compared with is :data:`COMPARATOR_COLOR` (grey).

    >>> format_rmb_billion(3255.3)
    '3.26 trillion RMB'
    >>> format_rmb_billion(548)
    '548 billion RMB'
    >>> format_percent(11.4)
    '11.4%'
"""
from __future__ import annotations

import math

import altair as alt

THEME_NAME = "northeast"

# --------------------------------------------------------------------------- palette
# The colours live in northeast.palette (no Altair import: the book's build reads them too).
from northeast.palette import (AXIS_COLOR, COMPARATOR_COLOR, CONSISTENT_COLOR, ENTITY_COLORS,  # noqa: E402,F401
                               GRID_COLOR, LIGHT_GREY, MUTED_TEXT, NATIONAL_COLOR, NORTHEAST_COLOR,
                               NORTHEAST_TINT, OKABE_ITO, PROVINCE_COLORS, REGION_COLORS, REGION_LABELS,
                               TEXT_COLOR, WARNING_COLOR)

# --------------------------------------------------------------------------- sizes and fonts
FONT = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
        '"Liberation Sans", "DejaVu Sans", sans-serif')
LABEL_SIZE = 13
TITLE_SIZE = 16
WIDTH = 560  # a single view; the book's content column is about 640 px
MAX_WIDTH = 640
TITLE_WRAP = 58  # characters per title line at TITLE_SIZE within MAX_WIDTH (wide fallback fonts too)


def entity_color(entity: str) -> str:
    """The fixed colour of a place (grey for places without one)."""
    return ENTITY_COLORS.get(entity, COMPARATOR_COLOR)


@alt.theme.register(THEME_NAME, enable=True)
def northeast_theme() -> alt.theme.ThemeConfig:
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": LABEL_SIZE,
        "titleFontSize": LABEL_SIZE,
        "titleFontWeight": "normal",
        "labelColor": TEXT_COLOR,
        "titleColor": TEXT_COLOR,
        "gridColor": GRID_COLOR,
        "domainColor": AXIS_COLOR,
        "tickColor": AXIS_COLOR,
        "labelLimit": 300,
        "titlePadding": 8,
    }
    return {
        "config": {
            "font": FONT,
            "background": "white",
            "padding": 8,
            "title": {
                "font": FONT,
                "fontSize": TITLE_SIZE,
                "fontWeight": "bold",
                "color": TEXT_COLOR,
                "anchor": "start",
                "offset": 12,
                "subtitleFont": FONT,
                "subtitleFontSize": LABEL_SIZE,
                "subtitleColor": MUTED_TEXT,
                "subtitlePadding": 6,
            },
            "axis": axis,
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": LABEL_SIZE,
                "titleFontWeight": "normal",
                "labelColor": TEXT_COLOR,
                "titleColor": TEXT_COLOR,
                "labelLimit": 260,
                "symbolSize": 120,
            },
            "header": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": LABEL_SIZE,
                "titleFontSize": LABEL_SIZE,
            },
            "text": {"font": FONT, "fontSize": LABEL_SIZE, "color": TEXT_COLOR},
            "mark": {"color": NATIONAL_COLOR},
            "bar": {"color": COMPARATOR_COLOR},
            "range": {
                "category": list(OKABE_ITO.values()),
            },
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
            "concat": {"spacing": 24},
        }
    }


# --------------------------------------------------------------------------- number formats
def _number(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant digits, thousands separators, no trailing zeros."""
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(digits - 1 - magnitude, 0)
    rounded = round(x, decimals)
    # rounding can carry into a new magnitude (999.6 -> 1000)
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _money(billions: float, currency: str, digits: int) -> str:
    if billions is None or (isinstance(billions, float) and math.isnan(billions)):
        return "n/a"
    size = abs(billions)
    if size >= 1000:
        return f"{_number(billions / 1000, digits)} trillion {currency}"
    if size >= 1:
        text = _number(billions, digits)
        if text.replace("-", "").replace(",", "") == "1000":  # 999.7 billion -> 1 trillion
            return f"{_number(billions / 1000, digits)} trillion {currency}"
        return f"{text} billion {currency}"
    text = _number(billions * 1000, digits)
    if text.replace("-", "").replace(",", "") == "1000":
        return f"{_number(billions, digits)} billion {currency}"
    return f"{text} million {currency}"


def format_rmb_billion(billions: float, digits: int = 3) -> str:
    """An amount in billion RMB, in words: 3255.3 -> '3.26 trillion RMB', 548 -> '548 billion RMB',
    2.35 -> '2.35 billion RMB', 0.5 -> '500 million RMB'."""
    return _money(billions, "RMB", digits)


def format_usd_billion(billions: float, digits: int = 3) -> str:
    """An amount in billion USD, in words: 1540.6 -> '1.54 trillion USD', 0.456 -> '456 million USD'."""
    return _money(billions, "USD", digits)


def format_percent(value: float, decimals: int = 1) -> str:
    """A percentage given in percent units: 11.4 -> '11.4%', 133 -> '133%', 142.857 -> '142.9%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def format_count(value: float, digits: int = 4) -> str:
    """A plain number with thousands separators: 28000 -> '28,000', 14.73 -> '14.73'."""
    return _number(float(value), digits)


def format_millions(value: float, digits: int = 4) -> str:
    """People in millions: 14.73 -> '14.73 million'."""
    return f"{_number(float(value), digits)} million"


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 23 -> '23rd', 26 -> '26th'."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def wrap(text: str, width: int = TITLE_WRAP) -> list[str]:
    """Break a title into lines of at most ``width`` characters (Vega-Lite draws a list as lines)."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


# SVG rather than canvas: text in charts stays selectable and readable by screen readers, and tests
# can read what is drawn. No "Open in Vega Editor" action: it would send the chart to another host.
alt.renderers.set_embed_options(
    renderer="svg",
    actions={"export": True, "source": True, "compiled": False, "editor": False},
)
