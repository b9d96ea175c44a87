"""Build a DataFrame/Series; compared column by column with the reference."""
from __future__ import annotations

from ..answers import from_json, to_json
from ..feedback import Feedback
from ..frames import compare_pandas, describe_expected
from ..question import Stop, exc_text, is_placeholder
from ._data import DataTask
from ..safety import CONVERT_SECONDS, NotAccepted, TimedOut, bounded, plain_pandas


def plain_answer(value, what: str = "your table"):
    """A student's frame as an exact pandas object (or the value itself if it isn't pandas),
    within a time limit; Stop("invalid") when it can't be read."""
    ok, result = bounded(plain_pandas, value, seconds=CONVERT_SECONDS)
    if ok:
        return result
    if isinstance(result, NotAccepted):
        raise Stop("invalid", f"{what} wasn't accepted: it holds {result}. Only numbers, text, "
                   "True/False and missing values are checked.", "invalid:type")
    if isinstance(result, TimedOut):
        raise Stop("invalid", f"{what} wasn't accepted: reading it took too long.", "invalid:type")
    raise Stop("invalid", f"{what} wasn't accepted: reading it failed "
               f"({type(result).__name__}: {exc_text(result)}).", "invalid:type")


class FrameTask(DataTask):
    """Build a DataFrame/Series; compared column by column with the reference."""

    kind = "frame"

    def __init__(self, id, chapter, prompt, expected, *, check_dtype: bool = False,
                 check_index: bool = True, rtol: float = 1e-5, atol: float = 1e-8,
                 sort: bool = False, check_names: bool = False,
                 check_column_order: bool = False, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self._expected = expected
        self.check_dtype, self.check_index, self.sort = check_dtype, check_index, sort
        self.rtol, self.atol = float(rtol), float(atol)
        self.check_names, self.check_column_order = check_names, check_column_order

    def expected_value(self):
        """The reference frame (computed now when given as a function)."""
        import pandas as pd
        value = self._expected() if callable(self._expected) else self._expected
        if not isinstance(value, (pd.DataFrame, pd.Series)):
            raise TypeError(f"{self.id}: expected must be a DataFrame or Series, got {type(value).__name__}")
        return value.copy()

    def expected_kind(self) -> str:
        try:
            return describe_expected(self.expected_value(), self.check_index)
        except Exception:
            return "a DataFrame or Series"

    def _check(self, value) -> Feedback:
        try:
            expected = self.expected_value()
        except Exception as exc:
            return Feedback("invalid", "the reference answer couldn't be computed "
                            f"({type(exc).__name__}: {exc_text(exc)}) — a problem with the "
                            "exercise, not your answer.", key="invalid:reference")
        if is_placeholder(value):
            return Feedback("not_attempted", f"replace `...` with your code — expected "
                            f"{describe_expected(expected, self.check_index)}.")
        got = plain_answer(value)
        r = compare_pandas(expected, got, check_dtype=self.check_dtype,
                           check_index=self.check_index, rtol=self.rtol, atol=self.atol,
                           sort=self.sort, check_names=self.check_names,
                           check_column_order=self.check_column_order)
        if r is None:
            return Feedback("correct", "your table matches the expected one.", key="correct")
        status, msg = r
        return Feedback(status, msg, key="wrong" if status == "incorrect" else status)

    def _answer_to_json(self, value):
        import pandas as pd
        if is_placeholder(value):
            return None
        got = plain_answer(value)
        if not isinstance(got, (pd.DataFrame, pd.Series)):
            r = compare_pandas(self.expected_value(), got)
            raise Stop("invalid", r[1] if r else "expected a DataFrame or Series.", "invalid:type")
        return to_json(got)

    def _answer_from_json(self, obj):
        import pandas as pd
        value = from_json(obj)
        # A table typed in the book has its key as a column ("one row per key"): when the
        # reference is indexed by that key, the key column becomes the index.
        if isinstance(value, pd.DataFrame) and isinstance(obj, dict) and "index" not in obj:
            name = self.expected_value().index.name
            if self.check_index and name is not None and name in value.columns:
                value = value.set_index(name)
        return value
