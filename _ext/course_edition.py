"""The student edition of the book (``make book EDITION=student``): the same site, without the
answer key.

In the full edition every chapter page carries each data task's solution code and its check
result ("Correct: … is right") behind toggles, and the page's .ipynb download is the solution
notebook. In the student edition (environment variable ``COURSE_EDITION=student``):

* a ``solution`` cell shows the student stub (``exercises.student.make_stub``) and no output;
* a ``check`` cell keeps its code and loses its output;
* a data task's kernel-free block (the qids its check cells check) is replaced by a note: its
  payload would carry the reference answer;
* the downloadable ``_sources/*.ipynb`` are student copies (``exercises.student.student_notebook``).

Choice and number quizzes (blocks of questions that no check cell checks) stay self-checking.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from docutils import nodes

EDITIONS = ("full", "student")
_CHECK_CALL = re.compile(r"""\[\s*["']([A-Za-z][\w\-]*)["']\s*\]\s*\.check\s*\(""")
_QID_ATTR = re.compile(r'data-qid="([^"]+)"')
NOTE = ("This data task is answered in the notebook (download it with the button at the top of "
        "the page) and graded by your instructor.")


def edition(app) -> str:
    return app.config.course_edition


def _tags(node) -> list[str]:
    return list((node.get("cell_metadata") or {}).get("tags") or [])


def _code_cells(doctree):
    return [n for n in doctree.findall(nodes.container) if n.get("nb_element") == "cell_code"]


def _source_block(cell):
    for child in cell.findall(nodes.container):
        if child.get("nb_element") == "cell_code_source":
            return next(iter(child.findall(nodes.literal_block)), None)
    return None


def _drop_outputs(cell) -> None:
    for child in list(cell.children):
        if isinstance(child, nodes.container) and child.get("nb_element") == "cell_code_output":
            cell.remove(child)


def strip_answer_key(app, doctree, docname) -> None:
    if edition(app) != "student":
        return
    from exercises.student import CHECK_TAG, SOLUTION_TAG, make_stub
    cells = _code_cells(doctree)
    task_ids = set()
    for cell in cells:
        tags = _tags(cell)
        block = _source_block(cell)
        if CHECK_TAG in tags:
            if block is not None:
                task_ids.update(_CHECK_CALL.findall(block.astext()))
            _drop_outputs(cell)
        elif SOLUTION_TAG in tags:
            _drop_outputs(cell)
            if block is not None:
                stub = make_stub(block.astext())
                block.replace_self(nodes.literal_block(stub, stub, language="ipython3",
                                                       classes=block.get("classes", [])))
    if not task_ids:
        return
    for raw in list(doctree.findall(nodes.raw)):
        if set(_QID_ATTR.findall(raw.astext())) & task_ids:
            raw.replace_self(nodes.paragraph(NOTE, NOTE, classes=["exq-note"]))


def student_sources(app, exception) -> None:
    """The page's .ipynb download is the student copy in the student edition."""
    if exception is not None or edition(app) != "student" or app.builder.format != "html":
        return
    import nbformat
    from exercises.student import student_notebook
    sources = Path(app.outdir) / "_sources"
    for path in sources.rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.write(student_notebook(nb, str(path)), path)


def _check_edition(app, config) -> None:
    if config.course_edition not in EDITIONS:
        raise ValueError(f"course_edition must be one of {EDITIONS}, not {config.course_edition!r}")


def setup(app):
    # The answer key is taken out as each page is written, not as it is read: both editions read the
    # same documents, so an edition's build may start from the other's environment and only write.
    app.add_config_value("course_edition", os.environ.get("COURSE_EDITION", "full") or "full", "html")
    app.connect("config-inited", _check_edition)
    app.connect("doctree-resolved", strip_answer_key)
    app.connect("build-finished", student_sources)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
