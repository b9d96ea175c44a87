"""In the built book, with no kernel: answer a choice and a numeric question per chapter, right and
wrong, and read the feedback a student sees. The expected text comes from the Python check of the
same question, so the page and the live notebook must agree word for word."""
from __future__ import annotations

import pytest

from browser import CHAPTER_PAGES, open_page, settle
from exercises import load_bank
from exercises.feedback import MARKERS



def first(bank, kind):
    return next(q for q in bank if q.kind == kind and q.auto_checked)


def mistaken_input(q) -> float:
    """An answer that one of the question's declared mistakes describes (e.g. a unit slip)."""
    declared = q.mistakes[0].to_dict()
    return declared["value"] if declared.get("value") is not None else q.answer * declared["factor"]


def feedback_after(block, answer_action) -> tuple[str, str]:
    answer_action()
    block.locator(".exq-check").click()
    feedback = block.locator(".exq-feedback")
    return feedback.get_attribute("data-status"), feedback.inner_text().strip()


def expected(q, answer) -> tuple[str, str]:
    result = q.check(answer)
    return result.status, f"{MARKERS[result.status]} {result.message}"


@pytest.mark.parametrize("chapter", list(CHAPTER_PAGES))
def test_static_questions_give_feedback(book_server, browser, chapter):
    bank = load_bank(chapter)
    choice, number = first(bank, "single_choice"), first(bank, "numeric")
    visit = open_page(browser, f"{book_server}/{CHAPTER_PAGES[chapter]}")
    page = visit.page
    try:
        # Choice: a wrong option first (its explanation), then the right one.
        block = page.locator(f'.exq[data-qid="{choice.id}"]')
        block.scroll_into_view_if_needed()
        wrong = next(i for i in range(len(choice.options)) if i != choice.answer)
        options = block.locator("input.exq-choice")
        got = feedback_after(block, lambda: options.nth(wrong).check())
        assert got == expected(choice, wrong)
        assert got[0] == "incorrect"
        got = feedback_after(block, lambda: options.nth(choice.answer).check())
        assert got == expected(choice, choice.answer) and got[0] == "correct"

        # Numeric: a recognised mistake gets its specific message; the right value is accepted.
        block = page.locator(f'.exq[data-qid="{number.id}"]')
        block.scroll_into_view_if_needed()
        box = block.locator(".exq-input")
        slip = f"{mistaken_input(number):.10g}"
        got = feedback_after(block, lambda: box.fill(slip))
        assert got == expected(number, slip) and got[0] == "incorrect"
        assert block.locator(".exq-feedback").get_attribute("data-key").startswith("mistake:")
        right = f"{number.answer:.10g}"
        got = feedback_after(block, lambda: box.fill(right))
        assert got == expected(number, right) and got[0] == "correct"

        # Hints come one tier at a time.
        block.locator(".exq-hint").click()
        assert "Hint 1 of" in block.locator(".exq-hints").inner_text()

        settle(visit)
        assert not visit.problems, "\n".join(visit.problems)
    finally:
        page.context.close()


def test_answers_are_not_in_plain_sight(built_book):
    for chapter, page in CHAPTER_PAGES.items():
        html = (built_book / page).read_text(encoding="utf-8")
        for q in load_bank(chapter):
            if q.kind == "single_choice":
                # The right option's explanation would give it away; it travels encoded.
                for text in (q.explanations or {}).values():
                    assert text[:60] not in html, f"{q.id}: explanation readable in {page}"
