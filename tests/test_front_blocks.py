"""The kernel-free blocks: markup, spec, hidden answers, assets, and the DOM in a real browser.

Python-vs-JS wording is tests/test_front_parity.py; the built book is tests/test_browser_exercises.py.
"""
from __future__ import annotations

import json
import re

import jsonschema  # pinned in requirements.txt (nbformat needs it)
import pytest

from exercises import front
from exercises.example import bank
from exercises.feedback import _TONES
from exercises.front import block_html, decode_payload, dom_id

PAYLOAD_RE = re.compile(r'data-payload="([A-Za-z0-9+/=]*)"')


def visible(html: str) -> str:
    """The HTML without the base64 payload (which could contain any digits by chance)."""
    return PAYLOAD_RE.sub('data-payload=""', html)


@pytest.mark.parametrize("q", list(bank), ids=lambda q: q.id)
def test_block_structure_and_determinism(q):
    html = block_html(q)
    assert html == block_html(q) == q.static_html()
    assert f'class="exq exq-{q.kind}"' in html
    assert f'data-qid="{q.id}"' in html and f'data-kind="{q.kind}"' in html and f'id="{dom_id(q.id)}"' in html
    assert 'class="exq-feedback" role="status" aria-live="polite"' in html
    assert 'class="exq-prompt"' in html
    # In the book the quiz script comes once per page; a block is markup only.
    assert "<script" not in html and "<style" not in html
    standalone = block_html(q, standalone=True)
    assert standalone.count("<script>") == 1 and standalone.count("<style>") == 1
    assert not re.search(r"https?://|src=|<link|@import", standalone)  # nothing fetched from anywhere
    assert not re.search(r"[0-9a-f]{32}|uuid|Date\(", visible(html))


@pytest.mark.parametrize("q", list(bank), ids=lambda q: q.id)
def test_payload_is_the_question_s_spec(q):
    payload = decode_payload(PAYLOAD_RE.search(block_html(q)).group(1))
    assert payload == json.loads(json.dumps(q.spec()))
    assert payload["id"] == q.id and payload["kind"] == q.kind and payload["chapter"] == q.chapter


def test_a_data_task_form_has_no_prompt_and_says_how_to_answer_live():
    q = bank["ex_share_table"]
    bundle = q.form()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}  # no widget: in a notebook the task is code
    html = bundle["text/html"]
    assert 'class="exq exq-frame exq-task"' in html and 'data-qid="ex_share_table"' in html
    assert 'class="exq-prompt"' not in html
    assert f'bank[&quot;{q.id}&quot;].check' in html  # the fallback, for a notebook's HTML view


@pytest.mark.parametrize("q", list(bank), ids=lambda q: q.id)
def test_no_answer_in_plain_text(q):
    text = visible(block_html(q)) + visible(block_html(q, prompt=False))
    secrets = [q.solution_text] + q.hints + list(getattr(q, "explanations", {}).values())
    if q.kind == "numeric":
        secrets += [m.message for m in q.all_mistakes()]
        a = q.answer
        assert not re.search(rf"(?<![\d.]){re.escape(str(int(a)) if a == int(a) else str(a))}(?![\d.])", text)
    if q.kind == "reflection":
        secrets.append(q.model_answer)
    for s in secrets:
        if s:
            assert s not in text, (q.id, s)
    assert "checked" not in text and "data-answer" not in text and "data-correct" not in text


def test_stylesheet_colours_are_the_feedback_tones():
    """Notebook feedback boxes (inline styles from _TONES) and page feedback (quiz.css) look alike."""
    css = front.asset_text(front.QUIZ_CSS)
    for status in ("correct", "incorrect", "not_attempted", "invalid"):
        border, background = _TONES[status]
        assert f'[data-status="{status}"]{{border-color:{border};background:{background}}}' in css
    border, background = _TONES["hint"]
    assert f".exq-hint-box{{border-color:{border};background:{background}}}" in css


def test_assets_are_package_data():
    import tomllib

    from conftest import ROOT
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"]["package-data"]["exercises.front"]
    for name in (front.QUIZ_JS, front.QUIZ_CSS, front.ANSWERS_SCHEMA):
        assert name in data and front.asset_text(name)


def test_answers_schema_is_a_valid_schema_and_takes_an_answers_file():
    schema = json.loads(front.asset_text(front.ANSWERS_SCHEMA))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    good = {"format": "exercises-answers", "version": 1, "chapter": "one", "saved": "2026-12-01T10:00:00Z",
            "answers": {"one_channels": {"kind": "single_choice", "value": 2}}}
    assert not list(validator.iter_errors(good))
    for bad in ({**good, "grade": 10}, {**good, "version": 2},
                {**good, "answers": {"one_channels": {"kind": "single_choice", "value": 2, "correct": True}}},
                {**good, "saved": "yesterday"},
                {k: v for k, v in good.items() if k != "chapter"}):
        assert list(validator.iter_errors(bad)), bad


def test_display_survives_a_broken_reference():
    from exercises import Numeric
    q = Numeric(id="broken", chapter="t", prompt="B?", answer=lambda: 1 / 0)
    for bundle in (q._repr_mimebundle_(), q.form()._repr_mimebundle_()):
        assert "exq-broken" in bundle["text/html"] and "ZeroDivisionError" in bundle["text/html"]


# ---------------------------------------------------------------- in a browser, no book

def test_blocks_work_in_a_browser(browser):
    """Every kind's inputs, Check, Hint and feedback, with no kernel, no network and no book."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.set_content("<html><body>" + "".join(block_html(q, standalone=True) for q in bank) + "</body></html>")
    try:
        num = page.locator('.exq[data-qid="ex_total_transfers"]')
        fb = num.locator(".exq-feedback")
        num.locator(".exq-check").click()
        assert fb.get_attribute("data-status") == "not_attempted"
        num.locator(".exq-input").fill("0.31 trillion")
        num.locator(".exq-check").click()
        assert fb.get_attribute("data-status") == "correct" and fb.inner_text().startswith("Correct:")
        num.locator(".exq-input").fill("800")
        num.locator(".exq-input").press("Enter")
        assert fb.get_attribute("data-status") == "incorrect" and "total spending" in fb.inner_text()
        hint = num.locator(".exq-hint")
        hint.click()
        assert "Hint 1 of 2" in num.locator(".exq-hints").inner_text()
        hint.click()
        assert hint.is_disabled() and "Hint 2 of 2" in num.locator(".exq-hints").inner_text()

        single = page.locator('.exq[data-qid="ex_largest"]')
        single.locator("input.exq-choice").nth(1).check()
        single.locator(".exq-check").click()
        assert single.locator(".exq-feedback").get_attribute("data-status") == "incorrect"
        single.get_by_label(re.compile("Province A")).check()
        single.locator(".exq-check").click()
        assert single.locator(".exq-feedback").get_attribute("data-status") == "correct"

        table = page.locator('.exq[data-qid="ex_share_table"]')
        cells = table.locator("input.exq-cell")
        assert cells.count() > 0
        cells.first.fill("12")
        table.locator(".exq-check").click()  # a half-filled table isn't checked yet
        assert table.locator(".exq-feedback").get_attribute("data-status") == "not_attempted"

        function = page.locator('.exq[data-qid="ex_share_fn"]')
        assert function.locator("input.exq-output").count() == len(bank["ex_share_fn"].cases)

        # Every input has a name a screen reader can say.
        unnamed = page.evaluate("""() => [...document.querySelectorAll('.exq input, .exq textarea')]
            .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).length""")
        assert unnamed == 0
        # Nothing wider than a 390 px phone.
        widest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.exq')].map(e => e.getBoundingClientRect().right))")
        assert widest <= 390
        assert errors == []
        assert [u for u in requests if not u.startswith(("about:", "data:"))] == []
    finally:
        context.close()
