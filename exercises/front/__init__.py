"""The book's kernel-free front end: one HTML block per question, driven by ``quiz.js``.

* ``quiz.js`` and ``quiz.css`` (package data, beside this file) are the page's script and stylesheet;
  the book's extension (``_ext/course_offline.py``) copies them into the build, once per book, and
  adds them to the pages that have questions.
* ``answers.schema.json`` describes the "Download my answers" file (grading accepts it).
* :func:`block_html` writes one question's block from its ``spec()``.

Light on purpose: the Sphinx extension imports this package, and nothing here imports pandas.
"""
from __future__ import annotations

from importlib.resources import files

from .html import block_html, decode_payload, dom_id, encode_payload, AnswerForm

ASSETS = files(__name__)
QUIZ_JS = "quiz.js"
QUIZ_CSS = "quiz.css"
ANSWERS_SCHEMA = "answers.schema.json"


def asset_text(name: str) -> str:
    """The text of one of this package's front-end files (``quiz.js``, ``quiz.css``, the schema)."""
    return ASSETS.joinpath(name).read_text(encoding="utf-8")


__all__ = ["block_html", "encode_payload", "decode_payload", "dom_id", "AnswerForm", "asset_text",
           "QUIZ_JS", "QUIZ_CSS", "ANSWERS_SCHEMA"]
