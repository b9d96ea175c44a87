"""Open question: never auto-graded; the model answer is shown by solution()."""
from __future__ import annotations

from ..feedback import Feedback, Solution, describe
from ..question import Question, Stop, is_placeholder


class Reflection(Question):
    """Open question: never auto-graded; the model answer is shown by solution()."""

    kind = "reflection"
    auto_checked = False

    def __init__(self, id, chapter, prompt, model_answer: str, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self.model_answer = str(model_answer)

    def expected_kind(self) -> str:
        return "a few sentences of text (a string)"

    def _text(self, value) -> str:
        if is_placeholder(value):
            raise Stop("not_attempted", "replace `...` with your answer — a few sentences, in quotes.")
        if type(value) is not str:
            raise Stop("invalid", f"got {describe(value)}, which isn't accepted; expected "
                       f"{self.expected_kind()}.", "invalid:type")
        text = value
        if not text.strip(" .…\n\t"):
            raise Stop("not_attempted", "nothing written yet — write a few sentences, then try again.")
        return text

    def _check(self, value) -> Feedback:
        self._text(value)
        return Feedback("correct", "compare your answer with the model answer: run "
                        f"`bank[\"{self.id}\"].solution()` in a code cell.",
                        key="recorded", tone="recorded")

    def _answer_to_json(self, value):
        if type(value) is str:
            # Even an empty answer travels as written, so the grader says "nothing written yet" too.
            return value
        return self._text(value)

    def solution(self) -> Solution:
        return Solution(self.id, "**Model answer:** " + self.model_answer, self.solution_text,
                        self.solution_code)

    def widget_input(self, W):
        area = W.Textarea(value="", placeholder="Write your answer here…",
                          layout=W.Layout(width="100%", height="7em"))
        return [area], (lambda: area.value), "Done"
