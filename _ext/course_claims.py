"""``{course-claims}``: every number of ``data/claims.csv`` on the data page, each with a link to
its sentence in the translation (a text fragment built by :func:`northeast.fragments.sentence_url`).

Read with the standard library's csv module (the tables are validated by the test suite), so the
build does not import pandas for this page.
"""
from __future__ import annotations

import csv
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from northeast.fragments import sentence_url

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "data" / "claims.csv"
SECTIONS = ("introduction", "summary", "one", "two", "three", "four")


def _cell(*children: nodes.Node) -> nodes.entry:
    para = nodes.paragraph()
    para.extend(children)
    return nodes.entry("", para)


class CourseClaims(SphinxDirective):
    """A table of every claim: id, how the essay prints it, its flag and severity, and its quote
    linked to the sentence."""

    def run(self):
        self.env.note_dependency(str(CLAIMS))
        with CLAIMS.open(encoding="utf-8", newline="") as handle:
            claims = sorted(csv.DictReader(handle), key=lambda c: SECTIONS.index(c["section"]))
        header = ["id", "as printed", "flag", "severity", "sentence in the translation"]
        table = nodes.table(classes=["course-table", "course-claims"])
        group = nodes.tgroup(cols=len(header))
        table += group
        group.extend(nodes.colspec(colwidth=w) for w in (24, 16, 14, 8, 38))
        head = nodes.thead()
        group += head
        head += nodes.row("", *[_cell(nodes.Text(h)) for h in header])
        body = nodes.tbody()
        group += body
        for claim in claims:
            printed = " ".join(p for p in (claim["value_printed"], claim["unit_printed"]) if p)
            if claim["usd_printed"]:
                printed += f" (≈ {claim['usd_printed']} USD)"
            link = nodes.reference("", f"“{claim['quote']}”", refuri=sentence_url(claim), internal=False)
            body += nodes.row("", _cell(nodes.literal(text=claim["id"])), _cell(nodes.Text(printed)),
                              _cell(nodes.Text(claim["flag"].replace("_", " "))), _cell(nodes.Text(claim["severity"])),
                              _cell(link))
        intro = nodes.paragraph(text=f"{len(claims)} numbers in essay order by section. Each quote opens the "
                                     "translation scrolled to its sentence, highlighted.")
        return [intro, table]


def setup(app):
    app.add_directive("course-claims", CourseClaims)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
