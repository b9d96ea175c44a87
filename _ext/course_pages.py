"""Reference pages generated from ``data/``, so they can never disagree with it.

``{course-glossary}``  the glossary table as a Sphinx glossary: every term gets an anchor that
                       chapters link with the ``{term}`` role (a broken link fails the -W build).
``{course-datapackage}`` one section per table of ``data/datapackage.json``: description,
                       download link for the CSV, and every field with type, unit and constraints.

The CSVs are read with the standard library: the tests validate the data against its schema, and
pandas plus Frictionless would add about a second to every build for a 38-row table. (The
claims table on the data page is ``_ext/course_claims.py``'s.)

Also, for every page of the HTML build:

* a ``<meta name="description">`` made from the page's title and first paragraph (search engines
  and link previews show it);
* the theme's small helper scripts, the quiz script and (on pages without require.js) the
  clipboard library deferred, so they no longer hold up the first paint;
* the script of the chapters' numbers tables (``static/course-numbers.js``: filter, sortable
  columns), on the pages that have one;
* myst-nb's "Show code cell source" toggles without their fixed ``aria-label="Toggle hidden
  content"``, so that a toggle's name is the words it shows.
"""
from __future__ import annotations

import csv
import html
import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
STATIC_DIR = Path(__file__).resolve().parent / "static"
NUMBERS_JS = "course/course-numbers.js"
NUMBERS_MARKER = 'class="course-numbers"'
DESCRIPTION_LENGTH = 155  # what search results show before cutting


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _para(*children) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _table(header: list[str], rows: list[list[nodes.Node | str]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["course-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.thead()
    group += head
    head += nodes.row("", *[nodes.entry("", _para(nodes.Text(h))) for h in header])
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            node = cell if isinstance(cell, nodes.Node) else _para(nodes.Text(str(cell)))
            row += nodes.entry("", node)
        body += row
    return table


class CourseGlossary(SphinxDirective):
    """Render data/glossary.csv as a Sphinx glossary (term: English; Chinese and pinyin beside it)."""

    def run(self):
        from northeast.labels import SECTION_NAMES

        glossary_path = DATA_DIR / "glossary.csv"
        self.env.note_dependency(str(glossary_path))
        # Alphabetical by the first letter, ignoring quotation marks ("two olds" under T).
        terms = sorted(_rows("glossary"), key=lambda r: r["term_en"].lower().lstrip("\"“”'"))
        node = addnodes.glossary()
        node["sorted"] = False  # already sorted above
        dlist = nodes.definition_list(classes=["glossary"])
        node += dlist
        for row in terms:
            item = nodes.definition_list_item()
            term = make_glossary_term(
                self.env, [nodes.Text(row["term_en"])], None, self.env.docname, self.lineno, node_id=None,
                document=self.state.document,
            )
            item += term
            definition = nodes.definition()
            definition += _para(
                nodes.strong(text=row["term_zh"]), nodes.Text(f" ({row['pinyin']}). "), nodes.Text(row["definition"])
            )
            definition += _para(nodes.emphasis(text=f"First met in: {SECTION_NAMES.get(row['section'], row['section'])}."))
            item += definition
            dlist += item
        return [node]


def _constraints(field: dict) -> str:
    parts = []
    for key, value in (field.get("constraints") or {}).items():
        if key == "enum":
            parts.append("one of " + ", ".join(map(str, value)))
        elif key in ("required", "unique") and value:
            parts.append(key)
        elif key in ("minimum", "maximum", "pattern", "minLength", "maxLength"):
            parts.append(f"{key} {value}")
    return "; ".join(parts)


class CourseDatapackage(SphinxDirective):
    """Render data/datapackage.json: tables, download links, fields."""

    option_spec = {"resource": directives.unchanged}

    def run(self):
        path = DATA_DIR / "datapackage.json"
        self.env.note_dependency(str(path))
        package = json.loads(path.read_text(encoding="utf-8"))
        wanted = self.options.get("resource")
        out = []
        for res in package["resources"]:
            if wanted and res["name"] != wanted:
                continue
            section = nodes.section(ids=[f"table-{res['name']}"])
            section += nodes.title(text=res.get("title", res["name"]))
            section += _para(nodes.Text(res.get("description", "")))
            csv_path = DATA_DIR / res["path"]
            self.env.note_dependency(str(csv_path))
            rows = sum(1 for _ in csv_path.open(encoding="utf-8")) - 1
            # A download_reference makes Sphinx copy the CSV into the build's _downloads/.
            relative = Path("/") / csv_path.relative_to(ROOT)
            link = addnodes.download_reference(
                "", "", refdoc=self.env.docname, refdomain="", reftype="download", refexplicit=True,
                reftarget=str(relative), refwarn=True,
            )
            link += nodes.literal(text=res["path"])
            section += _para(nodes.Text("Download: "), link, nodes.Text(f" ({rows} rows, UTF-8 CSV)."))
            schema = res["schema"]
            keys = []
            if schema.get("primaryKey"):
                keys.append("primary key: " + ", ".join(schema["primaryKey"]))
            for fk in schema.get("foreignKeys", []):
                keys.append(
                    f"{', '.join(fk['fields'])} refers to {fk['reference']['resource']}."
                    f"{', '.join(fk['reference']['fields'])}"
                )
            if keys:
                section += _para(nodes.emphasis(text="Keys: " + "; ".join(keys) + "."))
            rows_out = [
                [nodes.literal(text=f["name"]), f.get("type", "string"), f.get("description", f.get("title", "")), _constraints(f)]
                for f in schema["fields"]
            ]
            section += _table(["field", "type", "meaning", "constraints"], rows_out, [14, 8, 50, 28])
            out.append(section)
        return out


# --------------------------------------------------------------------------- every page
def _description(title: str, doctree) -> str:
    """The page's title and its first paragraph of some length, cut at a word near 155 characters."""
    first = ""
    if doctree is not None:
        for para in doctree.findall(nodes.paragraph):
            text = " ".join(para.astext().split())
            if len(text) >= 60 and not text.endswith(":"):
                first = text[:1].upper() + text[1:]
                break
    first = first.rstrip(",;:") + ("." if first and first[-1] in ",;:" else "")
    text = f"{title}. {first}" if first else title
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
    return text


def add_page_meta(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    book = app.config.html_title
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or "")) or pagename.capitalize()
    # Pages Sphinx makes itself (search, index) have no doctree: name them with the book.
    description = _description(title, doctree) if doctree is not None else f"{title}: {book}"
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(description)}" />'
    body = context.get("body", "")
    if NUMBERS_MARKER in body:
        app.add_js_file(NUMBERS_JS)


# Theme and extension scripts that only act once the page is parsed (they wait for DOMContentLoaded
# or a click), so `defer` changes nothing but when the page first paints. documentation_options.js
# stays as it is (inline scripts right after it assign to the object it defines).
DEFERRABLE_SCRIPTS = ("doctools.js", "sphinx_highlight.js", "copybutton.js",
                      "togglebutton.js", "scripts/sphinx-book-theme.js", "design-tabs.js", NUMBERS_JS,
                      "offline/quiz/quiz.js")
# clipboard.min.js is a UMD bundle: run after require.js (pages with widgets load it, synchronously)
# it calls an anonymous define() and breaks require.js. On those pages it stays a plain script
# ahead of require.js; elsewhere it is deferred (copybutton.js, deferred after it, waits for it).
AMD_LOADER = "require.js"
UMD_SCRIPTS = ("clipboard.min.js",)


# search.html runs Sphinx's searchtools.js as soon as it is parsed, and that calls doctools.js's
# _ready() and Documentation: on that page the helpers must have run first.
RUNS_HELPERS_AT_ONCE = {"search"}


def defer_helper_scripts(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    from sphinx.builders.html._assets import _JavaScript

    if pagename in RUNS_HELPERS_AT_ONCE:
        return
    names = [str(getattr(script, "filename", script) or "") for script in context.get("script_files", [])]
    deferrable = DEFERRABLE_SCRIPTS + (() if any(name.endswith(AMD_LOADER) for name in names) else UMD_SCRIPTS)
    scripts = []
    for name, script in zip(names, context.get("script_files", [])):
        attributes = dict(getattr(script, "attributes", {}))
        if name.endswith(deferrable) and "async" not in attributes and "defer" not in attributes:
            script = _JavaScript(name, priority=script.priority, **attributes, defer="defer")
        scripts.append(script)
    context["script_files"] = scripts


def copy_static(app) -> None:
    if app.builder.format != "html":
        return
    dest = Path(app.outdir) / "_static" / NUMBERS_JS
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STATIC_DIR / Path(NUMBERS_JS).name, dest)


def visit_hide_cell_input(self, node) -> None:
    """myst-nb's toggle, minus ``aria-label="Toggle hidden content"``: a label that differs from the
    visible "Show code cell source" fails WCAG 2.5.3 (axe: label-content-name-mismatch)."""
    escape = html.escape
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.add_directive("course-glossary", CourseGlossary)
    app.add_directive("course-datapackage", CourseDatapackage)
    app.setup_extension("myst_nb")
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_HideCellInput))
    app.connect("builder-inited", copy_static)
    app.connect("html-page-context", add_page_meta)
    # After course_offline's asset pruning (priority 900), which rebuilds the list.
    app.connect("html-page-context", defer_helper_scripts, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
