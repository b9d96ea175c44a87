"""What single- and multiple-choice questions share: options, letters, reading a pick."""
from __future__ import annotations

import numbers
import re

from ..feedback import describe, inline_html, safe_repr
from ..question import Question, Stop, is_bool, is_placeholder, norm_text
from ..safety import numpy_scalar_types

LETTERS = "abcdefghijklmnopqrstuvwxyz"


class ChoiceQuestion(Question):
    # What the page says when Check is pressed with nothing picked (the page's own state: a
    # live value is never "nothing").
    empty_pick_message = ""

    def __init__(self, id, chapter, prompt, options, *, explanations=None, **kw):
        super().__init__(id, chapter, prompt, **kw)
        options = [str(o) for o in options]
        if len(options) < 2 or len(options) > len(LETTERS):
            raise ValueError(f"{id}: need between 2 and 26 options")
        if len({norm_text(o) for o in options}) != len(options):
            raise ValueError(f"{id}: options must differ (ignoring case and spaces)")
        self.options = options
        self.explanations = {}
        for k, v in (explanations or {}).items():
            self.explanations[self._author_index(k)] = str(v)

    def _author_index(self, key) -> int:
        """Resolve an author's index/text/letter; raise ValueError if unknown."""
        if isinstance(key, numbers.Integral) and not is_bool(key) and 0 <= int(key) < len(self.options):
            return int(key)
        if isinstance(key, str):
            try:
                return self._parse_option(key)
            except Stop:
                pass
        raise ValueError(f"{self.id}: {key!r} is not one of the options")

    def letter(self, i: int) -> str:
        return LETTERS[i]

    def _range_text(self) -> str:
        n = len(self.options)
        return f"a letter a–{LETTERS[n - 1]}, an index 0–{n - 1} or the option text"

    def _parse_option(self, value) -> int:
        """Student's pick -> option index, or raise Stop. Reads only exact int/str values
        (a subclass gives its underlying value; its methods are never called)."""
        n = len(self.options)
        if is_placeholder(value):
            raise Stop("not_attempted", f"replace `...` with your choice ({self._range_text()}).")
        if is_bool(value):
            raise Stop("invalid", f"got {describe(value)}; pick an option with {self._range_text()}.",
                       "invalid:type")
        if type(value) in numpy_scalar_types() and value.dtype.kind in "iu":
            value = int(value)
        if type(value) is int:
            if 0 <= value < n:
                return value
            raise Stop("invalid", f"there are only {n} options: use an index 0–{n - 1} "
                       f"or a letter a–{LETTERS[n - 1]}.", "invalid:range")
        if type(value) is str:
            s = norm_text(value)
            if not s or s in ("...", "…"):
                raise Stop("not_attempted", "no option chosen yet — pick one, then check again.")
            texts = [norm_text(o) for o in self.options]
            if s in texts:
                return texts.index(s)
            m = re.match(r"^\(?([a-z])[).:]?$", s)
            if m and LETTERS.index(m.group(1)) < n:
                return LETTERS.index(m.group(1))
            m = re.match(r"^\(?([a-z])[).:]\s*(.+)$", s)
            if m and LETTERS.index(m.group(1)) < n and texts[LETTERS.index(m.group(1))] == m.group(2):
                return LETTERS.index(m.group(1))
            raise Stop("invalid", f"{safe_repr(value, 40)} doesn't match any option; use "
                       f"{self._range_text()}.", "invalid:option")
        raise Stop("invalid", f"got {describe(value)}, which isn't accepted as a choice; pick an "
                   f"option with {self._range_text()}.", "invalid:type")

    def prompt_text(self) -> str:
        lines = [self.prompt.strip(), ""]
        lines += [f"  {self.letter(i)}) {o}" for i, o in enumerate(self.options)]
        return "\n".join(lines)

    def spec(self) -> dict:
        p = super().spec()
        p.update(n=len(self.options), options_html=[inline_html(o) for o in self.options],
                 explanations={str(k): v for k, v in sorted(self.explanations.items())},
                 msg={"empty": self.empty_pick_message})
        return p
