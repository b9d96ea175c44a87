"""Select all options that apply."""
from __future__ import annotations

import re

from ..feedback import Feedback, describe
from ..question import Stop, is_placeholder, norm_text
from ..safety import numpy_scalar_types
from ._choice import LETTERS, ChoiceQuestion


def multi_feedback(picked: list[int], answers: frozenset, explanations: dict) -> Feedback:
    # Mirrored by the quiz script's multiFeedback().
    if set(picked) == set(answers):
        extras = [explanations[i] for i in picked if i in explanations]
        msg = "you found all the right options." + ("".join(f" {e}" for e in extras))
        return Feedback("correct", msg, key="correct")
    parts = []
    for i in picked:
        if i not in answers:
            parts.append(f"({LETTERS[i]}) doesn't belong" +
                         (f": {explanations[i]}" if i in explanations else "."))
    if not set(answers) <= set(picked):
        parts.append("You've missed at least one correct option.")
    return Feedback("incorrect", " ".join(parts), key="wrong")


class MultipleChoice(ChoiceQuestion):
    """Select all options that apply."""

    kind = "multiple_choice"
    empty_pick_message = "select at least one option."

    def __init__(self, id, chapter, prompt, options, answers, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, options, explanations=explanations, **kw)
        if isinstance(answers, (str, int)):
            answers = [answers]
        self.answers = frozenset(self._author_index(a) for a in answers)
        if not self.answers:
            raise ValueError(f"{id}: at least one option must be correct")

    def expected_kind(self) -> str:
        return "a list of all options that apply (letters, indices or option texts)"

    def _parse_many(self, value) -> set[int]:
        if is_placeholder(value):
            raise Stop("not_attempted", "replace `...` with a list of your choices, e.g. ['a', 'c'].")
        if type(value) is str:
            s = norm_text(value)
            if not s or s in ("...", "…"):
                raise Stop("not_attempted", "no choices yet — give a list such as ['a', 'c'].")
            try:
                return {self._parse_option(value)}
            except Stop:
                pass
            pieces = [p for p in re.split(r"[,;]|\s+and\s+", s) if p.strip()]
            if len(pieces) == 1:
                pieces = s.split()
            if len(pieces) == 1 and re.fullmatch(r"[a-z]+", s) and len(set(s)) == len(s):
                pieces = list(s)
            return {self._parse_option(p.strip()) for p in pieces}
        if type(value) is int or (type(value) in numpy_scalar_types() and value.dtype.kind in "iu"):
            return {self._parse_option(value)}
        items = self._plain_items(value)
        if len(items) > 4 * len(self.options):
            raise Stop("invalid", f"got {len(items)} choices for {len(self.options)} options.",
                       "invalid:type")
        picked = {self._parse_option(v) for v in items}
        if not picked:
            raise Stop("not_attempted", "nothing selected yet — select at least one option, then check again.")
        return picked

    def _plain_items(self, value) -> list:
        """The picks of a list/tuple/set (or a numpy/pandas 1-d array), read without the
        container's own methods."""
        if type(value) in (list, tuple, set, frozenset):
            return list(value)
        module = type(value).__module__.split(".")[0]
        if module in ("numpy", "pandas") and not isinstance(value, dict):
            from ..safety import plain_array, plain_pandas
            import numpy as np
            if module == "pandas":
                value = plain_pandas(value)
                if type(value).__name__ == "Series":
                    return list(value.to_numpy())
            elif type(value) is np.ndarray and value.ndim == 1:
                return list(plain_array(value))
        raise Stop("invalid", f"got {describe(value)}, which isn't accepted; expected "
                   f"{self.expected_kind()}.", "invalid:type")

    def _check(self, value) -> Feedback:
        return multi_feedback(sorted(self._parse_many(value)), self.answers, self.explanations)

    def _answer_to_json(self, value):
        return sorted(self._parse_many(value))

    def _answer_from_json(self, obj):
        return list(obj) if isinstance(obj, list) else obj

    def _answer_md(self) -> str:
        lines = [f"- ({self.letter(i)}) {self.options[i]}" for i in sorted(self.answers)]
        return "**Answer:** all of\n\n" + "\n".join(lines)

    def spec(self) -> dict:
        p = super().spec()
        p["answers"] = sorted(self.answers)
        return p

    def widget_input(self, W):
        boxes = [W.Checkbox(value=False, description=f"{self.letter(i)}) {o}", indent=False,
                            layout=W.Layout(width="auto")) for i, o in enumerate(self.options)]
        return [W.VBox(boxes)], (lambda: [i for i, b in enumerate(boxes) if b.value]), "Check"
