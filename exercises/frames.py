"""Comparing a student's table (or a function's result) with the reference, and saying exactly
what differs: type, columns, index, rows, dtypes, values (with the typical slip diagnosed).

Callers pass plain values (see ``exercises.safety``): nothing here defends against a subclass.
"""
from __future__ import annotations

import math
import numbers
import re

from .feedback import describe, fmt_cell, fmt_list, safe_repr
from .question import is_bool, is_placeholder, norm_text, sentence

def _dtype_family(dtype) -> str:
    import pandas as pd
    api = pd.api.types
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    if api.is_bool_dtype(dtype):
        return "bool"
    if api.is_integer_dtype(dtype):
        return "integer"
    if api.is_float_dtype(dtype):
        return "float"
    if api.is_datetime64_any_dtype(dtype):
        return "datetime"
    if api.is_string_dtype(dtype) or api.is_object_dtype(dtype):
        return "text/object"
    return str(dtype)


def is_numeric_column(s) -> bool:
    import pandas as pd
    return pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)


def _scalar_na(x) -> bool:
    try:
        import pandas as pd
        r = pd.isna(x)
        return bool(r) if isinstance(r, (bool,)) or type(r).__name__ == "bool_" else False
    except Exception:
        return False


def _cell_eq(e, g) -> bool:
    if _scalar_na(e) and _scalar_na(g):
        return True
    if _scalar_na(e) or _scalar_na(g):
        return False
    if is_bool(e) != is_bool(g):
        return False
    try:
        r = e == g
        return bool(r) if isinstance(r, bool) or type(r).__name__ == "bool_" else False
    except Exception:
        return False


def _ratio_diagnosis(e: float, g: float) -> str:
    """Explain a numeric difference by a typical slip (percent/fraction, units, sign)."""
    if math.isnan(g) and not math.isnan(e):
        return " — got a missing value (NaN); check for rows that didn't match or a division by zero"
    if math.isnan(e) and not math.isnan(g):
        return " — expected a missing value (NaN) here"
    if e == 0 or not math.isfinite(e) or not math.isfinite(g) or g == 0:
        return ""
    r = g / e

    def near(target):
        return abs(r - target) <= 1e-3 * abs(target)

    if near(0.01):
        return " — looks like a fraction where a percentage was expected"
    if near(100):
        return " — looks like a percentage where a fraction was expected"
    if near(-1):
        return " — the sign is flipped"
    for k in (3, 4, 6, 8, 9, 12):
        if near(10 ** k) or near(10 ** -k):
            return f" — off by a factor of {10 ** k:,}; check the units (thousand / million / billion)"
    return ""


def _text_diagnosis(e, g) -> str:
    if isinstance(e, str) and isinstance(g, str) and norm_text(e) == norm_text(g):
        return " — differs only in upper/lower case or spaces"
    if isinstance(e, str) and not isinstance(g, str) and str(g) == e:
        return f" — a {type(g).__name__} where text was expected"
    if isinstance(g, str) and not isinstance(e, str) and str(e) == g:
        return " — text where a number/value was expected"
    return ""


def _norm_label(x) -> str:
    return re.sub(r"[\s_\-]+", "", str(x)).casefold()


def describe_expected(expected, check_index: bool) -> str:
    import pandas as pd
    if isinstance(expected, pd.DataFrame):
        text = f"a DataFrame with columns {fmt_list(expected.columns, 8)}"
    else:
        text = "a Series"
    if check_index and expected.index.name is not None:
        text += f" indexed by {safe_repr(expected.index.name, 30)}"
    return text


def _is_default_index(idx) -> bool:
    import pandas as pd
    return isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1 and idx.name is None


def _index_problem(e_idx, g_idx, got, sort: bool) -> str:
    """Say how the student's index differs from the expected one."""
    import pandas as pd
    if _is_default_index(g_idx) and not _is_default_index(e_idx):
        name = e_idx.name
        if isinstance(got, pd.DataFrame) and name is not None and name in list(got.columns):
            return (f"your rows are numbered 0, 1, 2, …; expected them labelled by "
                    f"{safe_repr(name, 30)} — use `.set_index({safe_repr(name, 30)})`")
        return "your rows are numbered 0, 1, 2, …; expected them labelled (did `.reset_index()` drop the labels?)"
    if _is_default_index(e_idx) and not _is_default_index(g_idx):
        what = f"by {safe_repr(g_idx.name, 30)}" if g_idx.name is not None else "with labels"
        return (f"expected a plain 0, 1, 2, … index, but your rows are indexed {what} — "
                "use `.reset_index()` (or `.reset_index(drop=True)`)")
    try:
        e_set, g_set = set(e_idx), set(g_idx)
    except Exception:
        return "the index labels differ"
    missing = [x for x in e_idx if x not in g_set]
    extra = [x for x in g_idx if x not in e_set]
    if not missing and not extra:
        if len(e_idx) == len(g_idx):
            return ("the rows are the same but in a different order — check your sorting "
                    "(which column, ascending or descending)")
        return "some index labels are repeated"
    parts = []
    if missing:
        parts.append(f"missing {fmt_list(missing)}")
    if extra:
        parts.append(f"unexpected {fmt_list(extra)}")
    return "index labels differ: " + "; ".join(parts)


def in_compared_order(frame, *, check_index: bool, sort: bool):
    """A DataFrame or Series with its rows in the order compare_pandas compares them: sorted by
    the index (check_index) or by every column when ``sort``, else as given."""
    import pandas as pd
    if not sort:
        return frame
    try:
        if check_index:
            return frame.sort_index(kind="stable")
        if isinstance(frame, pd.DataFrame):
            return frame.sort_values(by=list(frame.columns), kind="stable")
        return frame.sort_values(kind="stable")
    except Exception:
        return frame  # unsortable labels or values: compare in the given order


def row_key(expected, check_index: bool):
    """The column that names a row in feedback: None when rows are named by their index label or
    position. Without a meaningful index that is the first text column (e.g. the province), which
    is what the student sees, rather than a position in sorted order."""
    import pandas as pd
    if check_index or not isinstance(expected, pd.DataFrame):
        return None
    return next((c for c in expected.columns if not is_numeric_column(expected[c])), None)


def row_names(expected, check_index: bool):
    """pos -> how feedback names row ``pos`` of ``expected`` (in compared order)."""
    if check_index:
        labels = list(expected.index)
        return lambda pos: f"index {safe_repr(labels[pos], 30)}"
    key = row_key(expected, check_index)
    if key is not None:
        keys = list(expected[key].astype(object))
        return lambda pos: f"the row with {key} {safe_repr(keys[pos], 30)}"
    return lambda pos: f"row {pos}"


def compare_pandas(expected, got, *, check_dtype: bool = False, check_index: bool = True,
                   rtol: float = 1e-5, atol: float = 1e-8, sort: bool = False,
                   check_names: bool = False, check_column_order: bool = False):
    """None if ``got`` matches ``expected`` (DataFrame or Series), else (status, message)."""
    import numpy as np
    import pandas as pd

    want = describe_expected(expected, check_index)
    if is_placeholder(got):
        return "not_attempted", f"replace `...` with your code — expected {want}."
    is_df = isinstance(expected, pd.DataFrame)
    if is_df:
        if isinstance(got, pd.Series):
            named = f" (named {safe_repr(got.name, 30)})" if got.name is not None else ""
            return "incorrect", (f"expected {want}, but got a Series{named}. Turn it into a table "
                                 "with `.to_frame()` or `.reset_index()`, or select several columns "
                                 "with `df[[...]]`.")
        if not isinstance(got, pd.DataFrame):
            return "invalid", f"expected {want}; got {describe(got)}."
    else:
        if isinstance(got, pd.DataFrame):
            if got.shape[1] == 1:
                col = safe_repr(got.columns[0], 30)
                return "incorrect", (f"expected a Series, but got a DataFrame with one column {col} "
                                     f"— select it with `df[{col}]`.")
            return "incorrect", (f"expected a Series, but got {describe(got)} — pick one column "
                                 "with `df['name']`.")
        if not isinstance(got, pd.Series):
            return "invalid", f"expected {want}; got {describe(got)}."

    # ---- columns
    if is_df:
        if not isinstance(got.columns, pd.MultiIndex) and got.columns.has_duplicates:
            dups = list(dict.fromkeys(c for c in got.columns[got.columns.duplicated()]))
            return "incorrect", f"column names repeat: {fmt_list(dups)}."
        e_cols, g_cols = list(expected.columns), list(got.columns)
        missing = [c for c in e_cols if c not in g_cols]
        extra = [c for c in g_cols if c not in e_cols]
        if missing or extra:
            parts = []
            if missing:
                names = ", ".join(safe_repr(c, 30) for c in missing[:6])
                parts.append(f"column {names} is missing" if len(missing) == 1
                             else f"columns {names} are missing")
                if got.index.name is not None and got.index.name in missing:
                    parts.append(f"{safe_repr(got.index.name, 30)} is your index, not a column — "
                                 "use `.reset_index()`")
                for m in missing:
                    for x in extra:
                        if _norm_label(m) == _norm_label(x):
                            parts.append(f"{safe_repr(x, 30)} looks like {safe_repr(m, 30)} — check "
                                         "spelling, case and spaces")
            if check_index and expected.index.name is not None and expected.index.name in extra:
                name = safe_repr(expected.index.name, 30)
                parts.append(f"{name} should be the index, not a column — use `.set_index({name})`")
            if extra:
                names = ", ".join(safe_repr(c, 30) for c in extra[:6])
                parts.append(f"unexpected column {names}" if len(extra) == 1
                             else f"unexpected columns {names}")
            return "incorrect", "; ".join(parts) + f". Expected {want}."
        if check_column_order and e_cols != g_cols:
            return "incorrect", (f"the columns are right but in a different order: expected "
                                 f"{fmt_list(e_cols, 8)}.")
        got = got[e_cols]
    elif check_names and not _cell_eq(expected.name, got.name):
        return "incorrect", (f"the Series is named {safe_repr(got.name, 30)}, expected "
                             f"{safe_repr(expected.name, 30)} — use `.rename(...)`.")

    # ---- index and rows
    if check_index:
        expected = in_compared_order(expected, check_index=True, sort=sort)
        got = in_compared_order(got, check_index=True, sort=sort)
        e_idx, g_idx = expected.index, got.index
        same = len(e_idx) == len(g_idx) and all(_cell_eq(a, b) for a, b in zip(e_idx, g_idx))
        if not same:
            problem = _index_problem(e_idx, g_idx, got, sort)
            if len(e_idx) != len(g_idx):
                return "incorrect", f"expected {len(e_idx)} rows, got {len(g_idx)}; {problem}."
            return "incorrect", problem + "."
    else:
        if len(expected) != len(got):
            return "incorrect", f"expected {len(expected)} rows, got {len(got)}."
        expected = in_compared_order(expected, check_index=False, sort=sort)
        got = in_compared_order(got, check_index=False, sort=sort)
    where = row_names(expected, check_index)

    # ---- dtypes
    pairs = ([(c, expected[c], got[c]) for c in expected.columns] if is_df
             else [(None, expected, got)])
    if check_dtype:
        for c, e, g in pairs:
            fe, fg = _dtype_family(e.dtype), _dtype_family(g.dtype)
            if fe != fg:
                what = f"column {safe_repr(c, 30)}" if is_df else "the Series"
                hint = " (numbers stored as text? try `pd.to_numeric`)" if fg == "text/object" and fe in ("integer", "float") else ""
                return "incorrect", f"{what} has dtype {g.dtype} ({fg}), expected {fe}{hint}."

    # ---- values
    diffs = []  # (column, n_diff, first_pos, e_val, g_val, diagnosis)
    for c, e, g in pairs:
        what = f"column {safe_repr(c, 30)}" if is_df else "the Series"
        n = len(e)
        if is_numeric_column(e):
            if pd.api.types.is_bool_dtype(g.dtype):
                return "incorrect", f"{what} holds True/False values; expected numbers."
            if is_numeric_column(g):
                gv = g.to_numpy(dtype="float64", na_value=np.nan)
            else:
                # Only genuine numbers in an object column count: "24.0" as text is wrong.
                cells = list(g.astype(object))
                odd = [v for v in cells if not _scalar_na(v)
                       and (is_bool(v) or not isinstance(v, numbers.Real))]
                if odd:
                    return "incorrect", (f"{what} holds text or other non-numbers (e.g. "
                                         f"{safe_repr(odd[0], 30)}); expected numbers.")
                gv = np.array([np.nan if _scalar_na(v) else float(v) for v in cells], dtype="float64")
            ev = e.to_numpy(dtype="float64", na_value=np.nan)
            with np.errstate(all="ignore"):
                ok = np.isclose(gv, ev, rtol=rtol, atol=atol) | (np.isnan(ev) & np.isnan(gv))
            bad = np.flatnonzero(~ok)
            if len(bad):
                p = int(bad[0])
                diffs.append((what, len(bad), n, p, fmt_cell(ev[p]), fmt_cell(gv[p]),
                              _ratio_diagnosis(float(ev[p]), float(gv[p]))))
        else:
            el, gl = list(e.astype(object)), list(g.astype(object))
            bad = [i for i, (a, b) in enumerate(zip(el, gl)) if not _cell_eq(a, b)]
            if bad:
                p = bad[0]
                diffs.append((what, len(bad), n, p, fmt_cell(el[p]), fmt_cell(gl[p]),
                              _text_diagnosis(el[p], gl[p])))
    if not diffs:
        return None
    what, nbad, n, p, ev, gv, diag = diffs[0]
    head = f"{what}: " if is_df else ""
    msg = (f"{head}{nbad} of {n} values differ, first at {where(p)}: expected {ev}, got {gv}{diag}")
    if len(diffs) > 1:
        others = ", ".join(d[0].replace("column ", "") for d in diffs[1:6])
        msg += f". Also different: {others}"
    return "incorrect", sentence(msg)


def compare_values(expected, got, rtol: float = 1e-5, atol: float = 1e-8) -> str | None:
    """None if equal, else a phrase starting 'returned …' (for FunctionTask)."""
    import numpy as np
    import pandas as pd
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        r = compare_pandas(expected, got, rtol=rtol, atol=atol)
        return None if r is None else f"returned {describe(got)} — {r[1]}"
    if got is None and expected is not None:
        return "returned None — did you forget `return`?"
    if expected is None:
        return None if got is None else f"returned {describe(got)}, expected None"
    if is_bool(expected):
        if is_bool(got) and bool(got) == bool(expected):
            return None
        return f"returned {describe(got)}, expected {bool(expected)}"
    if isinstance(expected, numbers.Real):
        if is_bool(got):
            return f"returned {describe(got)}, expected a number"
        if type(got).__module__.split(".")[0] == "numpy" and getattr(got, "shape", None) == ():
            got = got.item()
        if not isinstance(got, numbers.Real):
            return f"returned {describe(got)}, expected a number"
        e, g = float(expected), float(got)
        if (math.isnan(e) and math.isnan(g)) or math.isclose(g, e, rel_tol=rtol, abs_tol=atol) or e == g:
            return None
        return f"returned {fmt_cell(g)}, expected {fmt_cell(e)}{_ratio_diagnosis(e, g)}"
    if isinstance(expected, str):
        if isinstance(got, str) and got == expected:
            return None
        return f"returned {safe_repr(got, 40)}, expected {safe_repr(expected, 40)}{_text_diagnosis(expected, got)}"
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return f"returned {describe(got)}, expected a {type(expected).__name__} of {len(expected)} items"
        if len(got) != len(expected):
            return f"returned {len(got)} items, expected {len(expected)}"
        for i, (a, b) in enumerate(zip(expected, got)):
            sub = compare_values(a, b, rtol, atol)
            if sub:
                return f"item {i} {sub}"
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"returned {describe(got)}, expected a dict"
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            return (f"returned a dict whose keys differ (missing {fmt_list(missing)}, "
                    f"unexpected {fmt_list(extra)})")
        for k in expected:
            sub = compare_values(expected[k], got[k], rtol, atol)
            if sub:
                return f"key {safe_repr(k, 30)}: {sub}"
        return None
    if isinstance(expected, np.ndarray):
        try:
            g = np.asarray(got)
            if g.shape == expected.shape and np.allclose(g, expected, rtol=rtol, atol=atol, equal_nan=True):
                return None
        except Exception:
            pass
        return f"returned {describe(got)}, expected an array of shape {expected.shape} with other values"
    return None if _cell_eq(expected, got) else f"returned {safe_repr(got, 40)}, expected {safe_repr(expected, 40)}"

