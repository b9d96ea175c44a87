"""Plain values <-> JSON, for answers that travel (grading's record-only runs, the book's
answers file): numbers, text, True/False, lists, dicts, tables.

* DataFrame -> ``{"columns": [...], "records": [[...], ...]}`` plus ``"index"`` (labels, or
  lists of labels for a MultiIndex) and ``"index_names"`` when the rows are labelled;
* Series -> ``{"series": {"name": n, "values": [...], "index": [...], "index_names": [...]}}``;
* numpy array -> ``{"array": [...]}``; ``...`` -> ``{"ellipsis": true}``; NaN -> ``null``.

Callers pass plain values (``exercises.safety``); anything else raises ``NotAccepted``.
"""
from __future__ import annotations

import math

from .safety import NotAccepted, numpy_scalar_types, type_name


def _scalar(x):
    t = type(x)
    if x is None or t in (bool, str):
        return x
    if t is int:
        return x
    if t is float:
        return x if math.isfinite(x) else None
    if t in numpy_scalar_types():
        return _scalar(x.item())
    if t.__name__ in ("NAType", "NaTType"):
        return None
    if t.__name__ == "Timestamp":
        return x.isoformat()
    if t.__name__ in ("Decimal", "Fraction"):
        return _scalar(float(x))
    raise NotAccepted(f"a {type_name(x)} value")


def _index(idx) -> dict:
    import pandas as pd
    if isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1 and idx.name is None:
        return {}
    if isinstance(idx, pd.MultiIndex):
        labels = [[_scalar(v) for v in t] for t in idx]
    else:
        labels = [_scalar(v) for v in idx]
    return {"index": labels, "index_names": [_scalar(n) for n in idx.names]}


def to_json(value):
    """A plain value as JSON data (see the module docstring)."""
    import numpy as np
    import pandas as pd
    if value is Ellipsis:
        return {"ellipsis": True}
    if type(value) is pd.DataFrame:
        return {"columns": [_scalar(c) for c in value.columns],
                "records": [[_scalar(v) for v in row] for row in value.itertuples(index=False, name=None)],
                **_index(value.index)}
    if type(value) is pd.Series:
        return {"series": {"name": _scalar(value.name), "values": [_scalar(v) for v in value],
                           **_index(value.index)}}
    if type(value) is np.ndarray:
        return {"array": [to_json(v) for v in value.tolist()]}
    if type(value) in (list, tuple):
        return [to_json(v) for v in value]
    if type(value) is dict:
        return {"dict": [[to_json(k), to_json(v)] for k, v in value.items()]}
    return _scalar(value)


def _make_index(obj: dict):
    import pandas as pd
    if "index" not in obj:
        return None
    names = obj.get("index_names") or [None]
    if len(names) > 1:
        return pd.MultiIndex.from_tuples([tuple(v) for v in obj["index"]], names=names)
    return pd.Index(obj["index"], name=names[0])


def _numeric_where_possible(frame):
    import pandas as pd
    for c in frame.columns:
        col = frame[c]
        if col.dtype == object and all(v is None or (type(v) in (int, float)) for v in col):
            frame[c] = pd.to_numeric(col)
    return frame


def from_json(obj):
    """The inverse of :func:`to_json`."""
    import numpy as np
    import pandas as pd
    if isinstance(obj, list):
        return [from_json(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    if obj == {"ellipsis": True}:
        return Ellipsis
    if "columns" in obj and "records" in obj:
        columns = list(obj["columns"])
        frame = pd.DataFrame([list(r) for r in obj["records"]], columns=columns, dtype=object)
        frame = frame.infer_objects()
        frame = _numeric_where_possible(frame)
        index = _make_index(obj)
        if index is not None:
            frame.index = index
        return frame
    if "series" in obj:
        s = obj["series"]
        series = pd.Series(list(s["values"]), name=s.get("name"), dtype=object).infer_objects()
        if series.dtype == object and all(v is None or type(v) in (int, float) for v in series):
            series = pd.to_numeric(series)
        index = _make_index(s)
        if index is not None:
            series.index = index
        return series
    if "array" in obj:
        return np.array(from_json(obj["array"]))
    if "dict" in obj:
        return {_hashable(from_json(k)): from_json(v) for k, v in obj["dict"]}
    raise ValueError("not an answer's JSON form")


def _hashable(x):
    return tuple(_hashable(v) for v in x) if isinstance(x, list) else x
