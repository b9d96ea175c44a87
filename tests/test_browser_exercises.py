"""In the built book, with no kernel: every auto-checked question can be answered in the page, and
the feedback a student reads is, word for word, what the Python check says about the same answer
(``q.check(q.answer_from_json(value))``, which is also how grading reads a downloaded answers file).
Answers stay in the browser across a reload, the chapter shows its progress, and "Download my
answers" gives a file that validates against exercises/front/answers.schema.json."""
from __future__ import annotations

import json
import math
import re

import jsonschema  # pinned in requirements.txt (nbformat needs it)
import pytest

from browser import CHAPTER_PAGES, settle
from exercises import front, load_bank
from exercises.feedback import MARKERS


def shown(block) -> tuple[str, str]:
    """The feedback's status and the words a student reads (one round trip to the page)."""
    return tuple(block.locator(".exq-feedback").evaluate(
        "el => [el.getAttribute('data-status'), el.innerText.trim()]"))


def check_and_read(block) -> tuple[str, str, str]:
    """Press the block's Check button and read the feedback: status, words, key (one round trip;
    the reload test and tests/test_front_blocks.py press the buttons with the mouse)."""
    status, words, key = block.evaluate("""el => { el.querySelector('.exq-check').click();
        const f = el.querySelector('.exq-feedback');
        return [f.getAttribute('data-status'), f.innerText.trim(), f.getAttribute('data-key')]; }""")
    return status, words, key


def python_says(q, value) -> tuple[str, str]:
    result = q.check(q.answer_from_json(json.loads(json.dumps(value))))
    return result.status, f"{MARKERS[result.status]} {result.message}"


def typed(x) -> str:
    """How a student might type a number: plain, without float noise."""
    return repr(x) if isinstance(x, float) else str(x)


def type_into(block, selector: str, texts: list[str]) -> None:
    """Type texts into the block's boxes, in order, as input events (one round trip for a table)."""
    block.evaluate("""(el, [selector, texts]) => el.querySelectorAll(selector).forEach((box, i) => {
        box.value = texts[i]; box.dispatchEvent(new Event('input', {bubbles: true})); })""", [selector, texts])


def declared_mistake(q) -> float | None:
    rules = q.rules()
    if not rules["mistakes"]:
        return None
    m = rules["mistakes"][0]
    return m["value"] if m["value"] is not None else rules["answer"] * m["factor"]


# ------------------------------------------------------------------ one way to answer each kind
# answer(block, q, right) types an answer into the block and returns the JSON value the page holds.

def answer_single(block, q, right):
    i = q.answer if right else next(i for i in range(len(q.options)) if i != q.answer)
    block.locator("input.exq-choice").nth(i).check()
    return i


def answer_multiple(block, q, right):
    picks = sorted(q.answers) if right else [i for i in range(len(q.options)) if i not in q.answers][:1]
    boxes = block.locator("input.exq-choice")
    for i in range(len(q.options)):
        boxes.nth(i).set_checked(i in picks)
    return picks


def answer_numeric(block, q, right):
    x = q.rules()["answer"] if right else (declared_mistake(q) or q.rules()["answer"] * 2)
    text = f"{x:.10g}"
    block.locator("input.exq-input").fill(text)
    return text


def answer_frame(block, q, right):
    spec = q.spec()
    records = [list(r) for r in spec["expected"]]
    texts = []
    for row in records:
        for c, col in enumerate(spec["columns"]):
            if col["key"]:
                continue
            x = row[c]
            if not right and not texts:  # a percentage typed as a fraction, in the first cell
                x = x / 100
            row[c] = float(typed(x)) if isinstance(x, float) else x
            texts.append(typed(x))
    type_into(block, "input.exq-cell", texts)
    key = next(c for c, col in enumerate(spec["columns"]) if col["key"])
    labels = [r[key] for r in records]
    rest = [[v for c, v in enumerate(r) if c != key] for r in records]
    if spec["series"]:
        return {"series": {"name": spec["series_name"], "values": [r[0] for r in rest], "index": labels,
                           "index_names": [spec["columns"][key]["name"]]}}
    return {"columns": [col["name"] for col in spec["columns"]], "records": records}


def answer_function(block, q, right):
    spec = q.spec()
    outputs, texts = [], []
    for i, case in enumerate(spec["cases"]):
        x = case["expected"]
        if not right and i == len(spec["cases"]) - 1:
            x = x * 1000 if x else 1.0
        texts.append(typed(x))
        outputs.append({"value": float(typed(x)) if isinstance(x, float) else x})
    type_into(block, "input.exq-output", texts)
    return {"function": spec["name"], "outputs": outputs}


ANSWER = {"single_choice": answer_single, "multiple_choice": answer_multiple, "numeric": answer_numeric,
          "frame": answer_frame, "function": answer_function}


@pytest.mark.parametrize("chapter", list(CHAPTER_PAGES))
def test_every_auto_checked_question_answers_in_the_page(book_pages, chapter):
    bank = load_bank(chapter)
    visit = book_pages.open(CHAPTER_PAGES[chapter])
    page = visit.page
    page.wait_for_selector("html[data-exq-mounted]")
    blocks = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.exq')].map(b =>
        [b.dataset.qid, {kind: b.dataset.kind, inputs: b.querySelectorAll('input, textarea').length,
                         task: b.classList.contains('exq-task'), check: !!b.querySelector('.exq-check'),
                         lead: (b.querySelector('.exq-lead') || {}).textContent || ''}]))""")
    answered_kinds, correct = set(), 0
    for q in bank:
        found = blocks.get(q.id)
        assert found and found["kind"] == q.kind, f"{q.id}: no block in the page"
        assert found["inputs"] > 0, f"{q.id}: a block without inputs"
        assert found["check"] == q.auto_checked, q.id
        if not q.auto_checked:
            continue
        assert q.kind in ANSWER, f"no way to answer kind {q.kind!r} in this test"
        data_task = found["task"]
        # Every data task, and the first comprehension question of each kind: wrong (a declared
        # mistake where there is one), then right; both say what the Python check says.
        if not data_task:
            if q.kind in answered_kinds:
                continue
            answered_kinds.add(q.kind)
        correct += 1
        block = page.locator(f'.exq[data-qid="{q.id}"]')
        if data_task or q.kind in ("single_choice", "numeric"):
            value = ANSWER[q.kind](block, q, right=False)
            status, words, key = check_and_read(block)
            assert (status, words) == python_says(q, value), q.id
            assert status == "incorrect", q.id
            if q.kind == "numeric" and declared_mistake(q) is not None:
                assert key.startswith("mistake:"), q.id
        value = ANSWER[q.kind](block, q, right=True)
        status, words, _ = check_and_read(block)
        assert (status, words) == python_says(q, value), q.id
        assert status == "correct", q.id
        if data_task:
            assert "spreadsheet" in found["lead"] and "calculator" in found["lead"], q.id
    first_hinted = next(q for q in bank if q.hints)
    block = page.locator(f'.exq[data-qid="{first_hinted.id}"]')
    block.locator(".exq-hint").click()
    assert f"Hint 1 of {len(first_hinted.hints)}" in block.locator(".exq-hints").inner_text()
    panel = page.locator(".exq-progress")
    assert int(panel.get_attribute("data-correct")) == correct
    settle(visit)
    assert not visit.problems, "\n".join(visit.problems)


def test_answers_stay_after_a_reload_and_download_as_a_valid_file(book_pages, tmp_path):
    chapter = "intro"  # every kind, and few charts to draw on each of the three loads
    bank = load_bank(chapter)
    visit = book_pages.fresh(CHAPTER_PAGES[chapter], width=390, height=844)  # a phone, empty storage
    page = visit.page
    try:
        page.wait_for_selector("html[data-exq-mounted]")
        panel = page.locator(".exq-progress")
        assert panel.get_attribute("data-answered") == "0"
        total = int(panel.get_attribute("data-total"))
        assert total == len(bank)
        picked = {}
        for kind in ("single_choice", "numeric", "frame", "function"):
            q = next(q for q in bank if q.kind == kind)
            block = page.locator(f'.exq[data-qid="{q.id}"]')
            picked[q.id] = (q, ANSWER[kind](block, q, right=kind != "numeric"))
            block.locator(".exq-check").click()
        reflection = next(q for q in bank if q.kind == "reflection")
        page.locator(f'.exq[data-qid="{reflection.id}"] textarea').fill("The money kept a declining region afloat.")
        before = {qid: shown(page.locator(f'.exq[data-qid="{qid}"]')) for qid in picked}
        expect = {"answered": "5", "correct": "3"}
        assert {k: panel.get_attribute(f"data-{k}") for k in expect} == expect
        assert f"5 of {total} questions answered, 3 correct" in panel.inner_text()
        requests_before = len(visit.bytes_by_url)

        page.reload()
        page.wait_for_selector("html[data-exq-mounted]")
        panel = page.locator(".exq-progress")
        assert {k: panel.get_attribute(f"data-{k}") for k in expect} == expect
        for qid, feedback in before.items():
            assert shown(page.locator(f'.exq[data-qid="{qid}"]')) == feedback, qid
        assert page.locator(f'.exq[data-qid="{reflection.id}"] textarea').input_value().startswith("The money")

        with page.expect_download() as download_info:
            panel.get_by_role("button", name="Download my answers").click()
        download = download_info.value
        assert download.suggested_filename == f"answers-{chapter}.json"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        answers = json.loads(path.read_text(encoding="utf-8"))
        schema = json.loads(front.asset_text(front.ANSWERS_SCHEMA))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(answers)
        assert answers["chapter"] == chapter
        assert set(answers["answers"]) == set(picked) | {reflection.id}
        for qid, (q, value) in picked.items():
            entry = answers["answers"][qid]
            assert entry["kind"] == q.kind
            # What grading makes of the file is what the page said.
            assert python_says(q, entry["value"]) == before[qid], qid

        # Nothing left the browser: the reload fetched the page again, and nothing else was sent.
        sent = [u for u in list(visit.bytes_by_url)[requests_before:] if not u.startswith(("blob:", "data:"))]
        assert all(u.startswith(book_pages.base_url) for u in sent)
        assert not any(re.search(r"answers|progress", u) for u in sent), sent

        # At 390 px nothing sticks out of the page; the table scrolls inside its own box.
        widest = page.evaluate("() => Math.max(...[...document.querySelectorAll('.exq, .exq-progress')]"
                               ".map(e => e.getBoundingClientRect().right))")
        assert widest <= 390

        clear = panel.get_by_role("button", name="Clear my answers")
        clear.click()
        assert panel.get_attribute("data-answered") == "5"  # the first click only asks
        panel.locator(".exq-clear").click()
        assert panel.get_attribute("data-answered") == "0"
        kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('exq1:'))")
        assert kept == [], "cleared answers are gone from the browser's storage too"
        settle(visit)
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        visit.close()


def test_answers_are_not_in_plain_sight(built_book):
    for chapter, page in CHAPTER_PAGES.items():
        html = (built_book / page).read_text(encoding="utf-8")
        for q in load_bank(chapter):
            if q.kind == "single_choice":
                # The right option's explanation would give it away; it travels encoded.
                for text in (q.explanations or {}).values():
                    assert text[:60] not in html, f"{q.id}: explanation readable in {page}"
