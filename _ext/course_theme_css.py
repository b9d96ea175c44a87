"""Ship only the rules of the theme's stylesheet that can apply to the book.

``pydata-sphinx-theme.css`` is the one stylesheet every page waits for before its first paint:
about 300 KB, most of it Bootstrap 5 (every component and utility class) and styles for features
this book doesn't use (version switcher, announcement banner, API signatures...). Lighthouse finds
nine tenths of it unused on a chapter, and a phone spends its first seconds matching those rules
against a long page. After the HTML build this extension

1. collects every class the book can show: the ``class`` attributes of the built pages, and every
   word of the scripts in ``_static`` (a class a script adds is a literal in it; Bootstrap builds a
   few from parts, so ``bs-`` classes are always kept, and ``fa-`` icon rules are course_icons');
2. drops each rule none of whose selectors can match: a selector is kept unless it requires a class
   the book never shows. Classes inside ``:not()``, ``:is()``, ``:where()`` and ``:has()`` don't
   count (a rule may well apply without them), and rules with no class at all are kept, as are
   ``@font-face``, ``@keyframes`` and the like. Empty ``@media`` and ``@supports`` blocks go too.

Parsing is tinycss2's (a CSS Syntax Level 3 parser); the rules that stay are written back as they
were. Like ``course_icons``, the result is a function of the built files: a page or template that
starts using a class gets its rules back on the next build, since Sphinx copies the theme's
stylesheet afresh whenever it writes pages.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

STYLESHEET = "_static/styles/pydata-sphinx-theme.css"
CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
WORD = re.compile(r"[A-Za-z_][\w-]*")
# Classes Bootstrap's script composes at run time (`bs-${name}-auto` for tooltip placement), and
# the icon rules, which course_icons keeps or drops by its own, wider search of the pages.
ALWAYS_KEPT_PREFIXES = ("bs-", "fa-")
# Pseudo-classes whose arguments a matching element need not have (or may have any one of).
FUNCTIONAL_PSEUDO = {"not", "is", "where", "has", "matches", "-webkit-any", "-moz-any"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
# Scripts no page loads: fontawesome.js (the templates leave it out) names every icon there is.
UNLOADED_SCRIPTS = {"fontawesome.js"}


def classes_in_use(outdir: Path) -> set[str]:
    """Every class in the built pages, and every word of the scripts they can run."""
    used: set[str] = set()
    for page in outdir.glob("**/*.html"):
        if "_sources" in page.parts or "_static" in page.parts:
            continue
        for value in CLASS_ATTRIBUTE.findall(page.read_text(encoding="utf-8", errors="replace")):
            used.update(value.split())
    for script in (outdir / "_static").glob("**/*.js"):
        if script.name not in UNLOADED_SCRIPTS:
            used.update(WORD.findall(script.read_text(encoding="utf-8", errors="replace")))
    return used


def _selectors(prelude) -> list[list]:
    """A rule's prelude split at its top-level commas (commas inside :is() etc. are in functions)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def required_classes(selector: list) -> set[str]:
    """The classes an element must have for the selector to match it (outside functional
    pseudo-classes, which tinycss2 gives as function tokens and which are skipped whole)."""
    required = set()
    for before, token in zip([None] + selector, selector):
        if token.type == "ident" and before is not None and before.type == "literal" and before.value == ".":
            required.add(token.value)
        elif token.type == "function" and token.lower_name not in FUNCTIONAL_PSEUDO:
            required |= required_classes(list(token.arguments))
    return required


def can_match(prelude, used: set[str]) -> bool:
    for selector in _selectors(prelude):
        missing = {name for name in required_classes(selector) if name not in used}
        if not any(not name.startswith(ALWAYS_KEPT_PREFIXES) for name in missing):
            return True
    return False


def trim_rules(nodes, used: set[str]) -> tuple[str, int]:
    """The serialized rules that can apply, and how many were dropped."""
    import tinycss2

    out, dropped = [], 0
    for node in nodes:
        if node.type == "qualified-rule":
            if can_match(node.prelude, used):
                out.append(node.serialize())
            else:
                dropped += 1
        elif node.type == "at-rule" and node.lower_at_keyword in GROUPING_AT_RULES and node.content is not None:
            inner, inner_dropped = trim_rules(tinycss2.parse_rule_list(node.content), used)
            dropped += inner_dropped
            if inner.strip():
                out.append(f"@{node.at_keyword}{tinycss2.serialize(node.prelude)}{{{inner}}}")
            else:
                dropped += 1
        elif node.type == "error":  # what a browser would drop too
            dropped += 1
        elif node.type != "whitespace":
            out.append(node.serialize())  # @font-face, @keyframes, @charset, comments (licences)
    return "".join(out), dropped


def trim_stylesheet(css: str, used: set[str]) -> tuple[str, int]:
    import tinycss2

    return trim_rules(tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=True), used)


def built_theme_stylesheet(app, exception, who: str) -> tuple[Path, Path, str] | None:
    """After a good HTML build: (output dir, the theme's stylesheet, its text), or None (and a
    warning from extension `who` if the stylesheet is missing). Shared with course_icons."""
    if exception is not None or app.builder.format != "html":
        return None
    outdir = Path(app.outdir)
    stylesheet = outdir / STYLESHEET
    if not stylesheet.exists():
        logger.warning("%s: %s not found; the theme's stylesheet left as it is", who, stylesheet)
        return None
    return outdir, stylesheet, stylesheet.read_text(encoding="utf-8")


def ship_used_rules(app, exception) -> None:
    built = built_theme_stylesheet(app, exception, "course_theme_css")
    if built is None:
        return
    outdir, stylesheet, css = built
    trimmed, dropped = trim_stylesheet(css, classes_in_use(outdir))
    if dropped:  # 0: this build's copy was trimmed already (no page written, Sphinx left it in place)
        stylesheet.write_text(trimmed, encoding="utf-8")


def setup(app) -> dict:
    # After course_icons (priority 500) has dropped the icon rules and subset the font by the
    # full stylesheet; this runs on what is left.
    app.connect("build-finished", ship_used_rules, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
