"""One question's kernel-free block: its prompt, an empty slot that ``quiz.js`` fills with the kind's
inputs, a feedback live region and a hints area. What the script needs travels as base64 JSON in
``data-payload`` (the question's ``spec()``), so answers are not readable in the page at a glance.

Blocks are deterministic (no random ids, no timestamps): executed notebooks stay byte-stable.
"""
from __future__ import annotations

import base64
import html
import json

from ..feedback import inline_html, markdown_html


def encode_payload(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode_payload(b64: str) -> dict:
    return json.loads(base64.b64decode(b64).decode("utf-8"))


def dom_id(qid: str) -> str:
    return "exq-" + qid


def block_html(q, *, prompt: bool = True, standalone: bool = False) -> str:
    """HTML for one question. ``prompt=False`` is a data task's answer form, shown under the task's
    own text in the notebook. ``standalone=True`` inlines the script and stylesheet (a page of its
    own); in the book they are loaded once per page instead."""
    from . import QUIZ_CSS, QUIZ_JS, asset_text

    spec = q.spec()
    qid = html.escape(q.id, quote=True)
    kind = html.escape(q.kind, quote=True)
    classes = f"exq exq-{kind}" + ("" if prompt else " exq-task")
    out = [f"<style>{asset_text(QUIZ_CSS)}</style>"] if standalone else []
    out.append(f'<div class="{classes}" id="{dom_id(qid)}" data-qid="{qid}" data-kind="{kind}" '
               f'data-payload="{encode_payload(spec)}">')
    if prompt:
        out.append(f'<div class="exq-prompt">{markdown_html(q.prompt)}</div>')
    out.append('<div class="exq-answer-slot"></div>')
    # Seen only where quiz.js doesn't run (e.g. a notebook's HTML view); the script removes it.
    where = (f'answer this task in code, then run its check cell: `bank["{q.id}"].check(…)`'
             if not prompt else f'`bank["{q.id}"]` shows it as a form with a Check button')
    out.append(f'<p class="exq-fallback exq-note">In the online book this question can be answered '
               f'here. In a live notebook, {inline_html(where)}.</p>')
    out.append('<div class="exq-feedback" role="status" aria-live="polite"></div>')
    out.append('<div class="exq-hints"></div>')
    out.append("</div>")
    if standalone:
        out.append(f"<script>{asset_text(QUIZ_JS)}</script>")
    return "\n".join(out)


def broken_block_html(q, exc: BaseException) -> str:
    """What a block shows when its spec can't be made (e.g. a reference answer that fails)."""
    return (f'<div class="exq exq-broken" data-qid="{inline_html(q.id)}" data-kind="{inline_html(q.kind)}">'
            f'{markdown_html(q.prompt)}<p><em>This question can\'t be checked here: '
            f'{inline_html(type(exc).__name__)}.</em></p></div>')


class AnswerForm:
    """A data task's answer form for the book: ``bank["id"].form()`` in a notebook cell under the
    task's text. In the book the student types the result (computed with any tool); in a live
    notebook the task is answered in code and checked by its check cell."""

    def __init__(self, question):
        self.question = question

    def _repr_mimebundle_(self, include=None, exclude=None):
        q = self.question
        try:
            text_html = block_html(q, prompt=False)
        except Exception as exc:  # noqa: BLE001 - a broken reference must not break the page
            text_html = broken_block_html(q, exc)
        return {"text/plain": f"Answer form for {q.id} (works in the online book).",
                "text/html": text_html}

    def __repr__(self) -> str:
        return f"<AnswerForm {self.question.id!r}>"
