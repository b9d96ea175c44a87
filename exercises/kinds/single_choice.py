"""One right option out of several."""
from __future__ import annotations

from ..feedback import Feedback
from ._choice import LETTERS, ChoiceQuestion


def single_feedback(i: int, answer: int, explanations: dict) -> Feedback:
    # Mirrored by the quiz script's singleFeedback().
    extra = explanations.get(i, "")
    if i == answer:
        msg = f"({LETTERS[i]}) is right." + (f" {extra}" if extra else "")
        return Feedback("correct", msg, key="correct")
    msg = f"({LETTERS[i]}) isn't the best answer." + (f" {extra}" if extra else " A hint may help.")
    return Feedback("incorrect", msg, key="wrong")


class SingleChoice(ChoiceQuestion):
    """One right option out of several."""

    kind = "single_choice"
    empty_pick_message = "pick an option first."

    def __init__(self, id, chapter, prompt, options, answer, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, options, explanations=explanations, **kw)
        self.answer = self._author_index(answer)

    def expected_kind(self) -> str:
        return f"one option ({self._range_text()})"

    def _check(self, value) -> Feedback:
        return single_feedback(self._parse_option(value), self.answer, self.explanations)

    def _answer_to_json(self, value):
        return self._parse_option(value)

    def _answer_md(self) -> str:
        return f"**Answer:** ({self.letter(self.answer)}) {self.options[self.answer]}"

    def spec(self) -> dict:
        p = super().spec()
        p["answer"] = self.answer
        return p

    def widget_input(self, W):
        radio = W.RadioButtons(options=[(f"{self.letter(i)}) {o}", i) for i, o in enumerate(self.options)],
                               value=None, layout=W.Layout(width="auto"))
        # An empty selection is "" so check() says "no option chosen yet" rather than "replace ...".
        return [radio], (lambda: "" if radio.value is None else radio.value), "Check"
