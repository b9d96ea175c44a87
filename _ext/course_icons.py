"""Ship only the icons the book shows.

pydata-sphinx-theme bundles all of Font Awesome: a 156 KB solid-icon font fetched by every page,
and some 2,000 ``.fa-<name>:before`` rules (72 KB) in its stylesheet, for the fifteen or so icons
this book's header, sidebars and admonitions use. After the HTML build this extension

1. finds the icons in use: every ``fa-<name>`` class in the built pages and scripts, plus every
   icon the stylesheets draw themselves (``content: "\\f…"``, ``--pst-icon-*`` variables);
2. drops the stylesheet rules of the other icons (and of Font Awesome's unused size, rotation and
   animation classes);
3. rewrites the font with those glyphs only (fontTools' subsetter, WOFF2).

The result is a function of the built files, so a new icon in a template or page is kept
automatically. Nothing is vendored: each build subsets the theme's own, pinned, font.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT_DIR = "_static/vendor/fontawesome/webfonts"
# The fonts the stylesheet declares for the "fa-solid", "fa-regular" and "fa-brands" families.
FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2")
# One icon rule: `.fa-bars:before{content:"\f0c9"}`, or several names sharing one glyph.
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"((?:\\[0-9a-f]+ ?|[^"\\])+)"\}')
ICON_NAME = re.compile(r"\.fa-([a-z0-9-]+):(?:before|after)")
CLASS_NAME = re.compile(r"\bfa-([a-z0-9-]+)")
# Any other rule made only of Font Awesome classes (sizes, rotations, animations, stacks...).
FA_ONLY_RULE = re.compile(r"(?<=[}\n])([^{}@]+)\{[^{}]*\}")
FA_SELECTOR = re.compile(r"\s*\.fa-([a-z0-9-]+)")
# A private-use codepoint (where icon fonts keep their glyphs), as a CSS escape or as is.
ESCAPED_ICON = re.compile(r'"\\((?:f|e)[0-9a-f]{3})\s?"')
LITERAL_ICON = re.compile("[\ue000-\uf8ff]")


def drawn_by_stylesheet(css: str) -> set[int]:
    """Icons a stylesheet draws itself (admonition titles, external links, breadcrumbs...)."""
    return {int(h, 16) for h in ESCAPED_ICON.findall(css)} | {ord(c) for c in LITERAL_ICON.findall(css)}


def _codepoints(content: str) -> set[int]:
    return {int(h, 16) for h in re.findall(r"\\([0-9a-f]+) ?", content)} | {ord(c) for c in re.sub(r"\\[0-9a-f]+ ?", "", content)}


SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"?#]+)')


def used_icon_names(outdir: Path) -> set[str]:
    """Icon classes in the built pages and in the theme scripts they load. Not every script the
    theme ships (its unused fontawesome.js names all 2,000 icons), nor the course's vendored
    bundles in _static/offline/ (the widget manager carries Font Awesome 4 and its own font)."""
    names: set[str] = set()
    scripts: set[Path] = set()
    for page in outdir.glob("**/*.html"):
        if "_sources" in page.parts or "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        names.update(CLASS_NAME.findall(text))
        scripts.update((page.parent / src).resolve() for src in SCRIPT_SRC.findall(text) if "://" not in src)
    offline = (outdir / "_static" / "offline").resolve()
    for script in scripts:
        if script.is_file() and offline not in script.parents:
            names.update(CLASS_NAME.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def trim_stylesheet(css: str, used: set[str]) -> tuple[str, set[int], int]:
    """The stylesheet without the rules of unused icons; the codepoints still drawn; rules dropped."""
    kept: set[int] = set()
    dropped = 0

    def keep_or_drop(match: re.Match) -> str:
        nonlocal dropped
        if used & set(ICON_NAME.findall(match.group(1))):
            kept.update(_codepoints(match.group(2)))
            return match.group(0)
        dropped += 1
        return ""

    def drop_unused_utility(match: re.Match) -> str:
        nonlocal dropped
        names = [FA_SELECTOR.match(selector) for selector in match.group(1).split(",")]
        if all(names) and not used & {name.group(1) for name in names}:
            dropped += 1
            return ""
        return match.group(0)

    trimmed = FA_ONLY_RULE.sub(drop_unused_utility, ICON_RULE.sub(keep_or_drop, css))
    return trimmed, kept | drawn_by_stylesheet(trimmed), dropped


def subset_font(path: Path, codepoints: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = []  # the font is never shown by name
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def ship_used_icons(app, exception) -> None:
    from course_theme_css import built_theme_stylesheet  # a sibling extension in _ext/

    built = built_theme_stylesheet(app, exception, "course_icons")
    if built is None:
        return
    outdir, stylesheet, css = built
    trimmed, codepoints, dropped = trim_stylesheet(css, used_icon_names(outdir))
    for other in (outdir / "_static").glob("**/*.css"):
        if other != stylesheet and "offline" not in other.relative_to(outdir).parts:
            codepoints |= drawn_by_stylesheet(other.read_text(encoding="utf-8", errors="replace"))
    if dropped:  # 0 means this build's copy was already trimmed (Sphinx left it in place)
        stylesheet.write_text(trimmed, encoding="utf-8")
    # Sphinx copies the theme's original files back on every build (they differ from ours), so
    # every build trims and subsets afresh and always matches the pages it wrote.
    for name in FONTS:
        font = outdir / FONT_DIR / name
        if font.exists():
            subset_font(font, codepoints)


def setup(app) -> dict:
    app.connect("build-finished", ship_used_icons)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
