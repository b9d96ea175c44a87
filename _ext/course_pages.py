"""Reference pages generated from ``data/``, so they can never disagree with it.

``{course-glossary}``  the glossary table as a Sphinx glossary: every term gets an anchor that
                       chapters link with the ``{term}`` role (a broken link fails the -W build).
``{course-datapackage}`` one section per table of ``data/datapackage.json``: description,
                       download link for the CSV, and every field with type, unit and constraints.
"""
from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


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
        # Imported here, not at module level: pandas adds half a second to every build,
        # and only the pages that use these directives need it.
        from northeast.data import SECTION_NAMES, load

        glossary_path = DATA_DIR / "glossary.csv"
        self.env.note_dependency(str(glossary_path))
        # Alphabetical by the first letter, ignoring quotation marks ("two olds" under T).
        terms = load("glossary").sort_values("term_en", key=lambda s: s.str.lower().str.lstrip("\"“”'"))
        node = addnodes.glossary()
        node["sorted"] = False  # already sorted above
        dlist = nodes.definition_list(classes=["glossary"])
        node += dlist
        for row in terms.itertuples():
            item = nodes.definition_list_item()
            term = make_glossary_term(
                self.env, [nodes.Text(row.term_en)], None, self.env.docname, self.lineno, node_id=None, document=self.state.document
            )
            item += term
            definition = nodes.definition()
            definition += _para(
                nodes.strong(text=f"{row.term_zh}"), nodes.Text(f" ({row.pinyin}). "), nodes.Text(str(row.definition))
            )
            definition += _para(nodes.emphasis(text=f"First met in: {SECTION_NAMES.get(row.section, row.section)}."))
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


def setup(app):
    app.add_directive("course-glossary", CourseGlossary)
    app.add_directive("course-datapackage", CourseDatapackage)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
