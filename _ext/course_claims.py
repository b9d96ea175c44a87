"""``{course-claims}``: every number of ``data/claims.csv`` on the data page, each with a link to
its sentence in the translation (a text fragment built by :func:`northeast.fragments.sentence_url`).

Read with the standard library's csv module (the tables are validated by the test suite), so the
build does not import pandas for this page.
"""
from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from northeast.fragments import sentence_url

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "data" / "claims.csv"
SECTIONS = ("introduction", "summary", "one", "two", "three", "four")


class CourseClaims(SphinxDirective):
    """A table of every claim: id, how the essay prints it, its flag and severity, and its quote
    linked to the sentence."""

    def run(self):
        self.env.note_dependency(str(CLAIMS))
        with CLAIMS.open(encoding="utf-8", newline="") as handle:
            claims = sorted(csv.DictReader(handle), key=lambda c: SECTIONS.index(c["section"]))
        header = ["id", "as printed", "flag", "severity", "sentence in the translation"]
        # Written as HTML rather than docutils table nodes: docutils wraps every cell in <p> and
        # every id in three tags, which made this one table 99 KB and the data page go over its
        # 0.6 MB first-load budget. The row's HTML id is the claim id: chart captions and the
        # chapters' tables link to data.html#<claim id>.
        rows = []
        for claim in claims:
            printed = " ".join(p for p in (claim["value_printed"], claim["unit_printed"]) if p)
            if claim["usd_printed"]:
                printed += f" (≈ {claim['usd_printed']} USD)"
            cells = [escape(claim["id"]), escape(printed), escape(claim["flag"].replace("_", " ")),
                     escape(claim["severity"]),
                     f'<a href="{escape(sentence_url(claim))}">“{escape(claim["quote"])}”</a>']
            rows.append(f'<tr id="{escape(claim["id"])}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        table = nodes.raw("", f'<table class="course-table course-claims table"><thead><tr>{head}</tr></thead>\n'
                              f'<tbody>\n{chr(10).join(rows)}\n</tbody></table>', format="html")
        intro = nodes.paragraph(text=f"{len(claims)} numbers in essay order by section. Each quote opens the "
                                     "translation scrolled to its sentence, highlighted.")
        return [intro, table]


def setup(app):
    app.add_directive("course-claims", CourseClaims)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
