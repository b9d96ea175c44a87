"""Build a DataFrame/Series; compared column by column with the reference."""
from __future__ import annotations

from ..answers import from_json, to_json
from ..feedback import Feedback
from ..frames import (compare_pandas, describe_expected, in_compared_order, is_numeric_column, row_key,
                      row_names)
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
    CORRECT = "your table matches the expected one."

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
            return Feedback("correct", self.CORRECT, key="correct")
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

    def spec(self) -> dict:
        """The page's table form: one row per key (in the order the check compares rows, named as
        its feedback names them), one box per value column, and the expected cells."""
        import pandas as pd
        p = super().spec()
        expected = in_compared_order(self.expected_value(), check_index=self.check_index, sort=self.sort)
        where = row_names(expected, self.check_index)
        series = isinstance(expected, pd.Series)
        default_index = isinstance(expected.index, pd.RangeIndex) and expected.index.name is None
        indexed = series or (self.check_index and not default_index)
        if isinstance(expected.index, pd.MultiIndex) or (not series and isinstance(expected.columns, pd.MultiIndex)):
            raise ValueError(f"{self.id}: a table with several index levels can't be typed into the page")
        table = expected.to_frame(name="value" if expected.name is None else expected.name) if series else expected
        if indexed:
            key_name = table.index.name if table.index.name is not None else "index"
            table = table.reset_index(names=key_name)
        else:
            key_name = row_key(table, False) or table.columns[0]
        columns = [{"name": to_json(c), "key": c == key_name, "numeric": is_numeric_column(table[c])}
                   for c in table.columns]
        rows, cells = [], []
        for pos, record in enumerate(table.itertuples(index=False, name=None)):
            label = record[list(table.columns).index(key_name)]
            rows.append({"label": str(label), "where": where(pos)})
            cells.append([to_json(v) for v in record])
        p.update(series=series, indexed=indexed and not series,
                 series_name=to_json(expected.name) if series else None,
                 rows_are=str(key_name), columns=columns, rows=rows, expected=cells,
                 rtol=self.rtol, atol=self.atol,
                 msg={"correct": self.CORRECT, "empty": "fill in the table first.",
                      "incomplete": "fill in every box first ({n} still empty)."})
        return p

