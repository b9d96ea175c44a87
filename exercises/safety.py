"""Reading a student's object without trusting it.

A check runs in the student's kernel, next to code that may be hostile or simply broken: an
object whose ``__repr__`` sleeps, whose ``__float__`` raises ``SystemExit``, whose ``__eq__``
always says yes, a DataFrame subclass whose columns hand numpy an object with
``__array_function__``. Everything a check compares is first turned into plain Python / NumPy /
pandas values by the functions here (:func:`plain_number`, :func:`plain_frame`, ...), and
anything read from a student's object only for a message goes through :func:`bounded`, which
gives up after a time limit and never raises.
"""
from __future__ import annotations

import ctypes
import decimal
import fractions
import math
import threading

REPR_SECONDS = 0.5       # reading an object for a message
CONVERT_SECONDS = 5.0    # turning an answer into plain values (a big frame takes a while)


class NotAccepted(Exception):
    """The answer is of a type the checks refuse to read (the message says why)."""


class TimedOut(BaseException):
    """Raised (asynchronously) in a worker thread that ran past its time limit."""


def bounded(fn, *args, seconds: float = REPR_SECONDS):
    """Run ``fn(*args)`` in a daemon thread: ``(True, result)``, ``(False, exception)``, or
    ``(False, TimedOut())`` when it takes longer than ``seconds``. Never raises.

    A thread, not a signal: a student's ``except:`` could swallow an alarm and go on forever
    in the caller's own thread; an abandoned daemon thread cannot hold the check up.
    """
    box: dict = {}

    def run():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - everything a student's code can raise
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="exercises-bounded")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        # Ask the thread to stop (it may ignore this); either way the check moves on.
        try:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                       ctypes.py_object(TimedOut))
        except Exception:  # pragma: no cover - not CPython
            pass
        return False, TimedOut()
    if "error" in box:
        return False, box["error"]
    return True, box.get("value")


# Types whose repr/str/comparison run no student code.
_EXACT_SAFE = (str, int, float, bool, complex, type(None), type(Ellipsis), bytes,
               decimal.Decimal, fractions.Fraction)


def _numpy_scalar_types() -> frozenset:
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        return frozenset()
    return frozenset(t for t in set(np.sctypeDict.values()) if isinstance(t, type))


_NUMPY_SCALARS: frozenset | None = None


def numpy_scalar_types() -> frozenset:
    global _NUMPY_SCALARS
    if _NUMPY_SCALARS is None:
        _NUMPY_SCALARS = _numpy_scalar_types()
    return _NUMPY_SCALARS


def is_exact_safe(value) -> bool:
    """True for values of builtin/numpy scalar types exactly (not subclasses)."""
    t = type(value)
    return t in _EXACT_SAFE or t in numpy_scalar_types()


def text_of(fn, value, fallback: str) -> str:
    """``fn(value)`` (repr or str) as text, bounded in time; ``fallback`` if it fails."""
    if is_exact_safe(value):
        try:
            text = fn(value)
        except Exception:
            return fallback
    else:
        ok, text = bounded(fn, value)
        if not ok:
            return fallback
    if type(text) is not str:  # a str subclass could lie about its own contents
        try:
            text = str.__str__(text) if isinstance(text, str) else fallback
        except Exception:
            return fallback
    return text


def type_name(value) -> str:
    """The name of a value's type, read without running the value's code."""
    try:
        name = type.__getattribute__(type(value), "__name__")
        return name if type(name) is str else "object"
    except Exception:
        return "object"


# ------------------------------------------------------------------ plain values

def plain_scalar(value):
    """One cell/label/number if it is of a builtin, numpy or pandas scalar type exactly;
    anything else (a subclass included: its methods could lie) raises NotAccepted."""
    t = type(value)
    if t in _EXACT_SAFE or t in numpy_scalar_types():
        return value
    if _from_pandas(t) and t.__name__ in ("Timestamp", "Timedelta", "NaTType", "NAType"):
        return value
    if t is tuple:
        return tuple(plain_scalar(v) for v in value)
    raise NotAccepted(f"a {type_name(value)} object")


def _from_pandas(t: type) -> bool:
    module = t.__module__ or ""
    return module == "pandas" or module.startswith("pandas.")


def plain_array(values):
    """A plain numpy array or pandas extension array copied from a frame's block values."""
    import numpy as np
    import pandas as pd
    t = type(values)
    if t is np.ndarray:
        if values.dtype.kind == "O":
            out = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                out[i] = plain_scalar(v)
            return out
        if values.dtype.kind in "biufcmMSU":
            return np.array(values, copy=True)
        raise NotAccepted(f"values of dtype {values.dtype}")
    if isinstance(values, np.ndarray):  # an ndarray subclass: only its raw buffer is read
        return plain_array(np.ndarray.view(values, np.ndarray))
    if _from_pandas(t) and isinstance(values, pd.api.extensions.ExtensionArray):
        dtype = values.dtype
        if _from_pandas(type(dtype)) and (
                pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)
                or isinstance(dtype, pd.StringDtype) or pd.api.types.is_datetime64_any_dtype(dtype)):
            return values.copy()
        return plain_array(np.asarray(values, dtype=object))
    raise NotAccepted(f"a column stored as {type_name(values)}")


def _plain_index(index):
    import pandas as pd
    t = type(index)
    if t is pd.RangeIndex:
        r = object.__getattribute__(index, "_range")
        return pd.RangeIndex(r.start, r.stop, r.step, name=plain_scalar(index.name))
    if t is pd.MultiIndex:
        tuples = [plain_scalar(tuple(x)) for x in list(pd.MultiIndex.__iter__(index))]
        names = [plain_scalar(n) for n in index.names]
        return pd.MultiIndex.from_tuples(tuples, names=names)
    if _from_pandas(t) and issubclass(t, pd.Index):
        data = object.__getattribute__(index, "_data")
        name = plain_scalar(object.__getattribute__(index, "_name"))
        return pd.Index(plain_array(data), name=name, tupleize_cols=False)
    raise NotAccepted(f"an index of type {type_name(index)}")


def _manager(obj, table: bool):
    import pandas as pd
    from pandas.core.internals import BlockManager, SingleBlockManager
    mgr = object.__getattribute__(obj, "_mgr")
    want = BlockManager if table else SingleBlockManager
    if type(mgr) is not want:
        raise NotAccepted(f"a {type_name(obj)} with unusual internals")
    return mgr, pd


def plain_frame(value):
    """An exact ``pd.DataFrame`` rebuilt from a (possibly subclassed) frame's stored values.

    Only pandas' own storage is read (never the subclass's methods), so a subclass cannot
    change what is compared. Raises NotAccepted for anything that isn't plainly a table.
    """
    mgr, pd = _manager(value, table=True)
    columns = _plain_index(mgr.axes[0])
    index = _plain_index(mgr.axes[1])
    arrays = [plain_array(mgr.iget_values(i)) for i in range(len(columns))]
    frame = pd.DataFrame(dict(enumerate(arrays)), index=index)
    frame.columns = columns
    return frame


def plain_series(value):
    """An exact ``pd.Series`` rebuilt from a (possibly subclassed) Series' stored values."""
    mgr, pd = _manager(value, table=False)
    index = _plain_index(mgr.axes[0])
    name = plain_scalar(object.__getattribute__(value, "_name"))
    return pd.Series(plain_array(mgr.internal_values()), index=index, name=name, copy=False)


def plain_pandas(value):
    """plain_frame / plain_series by type; other values are returned unchanged."""
    import pandas as pd
    if isinstance(value, pd.DataFrame):
        return plain_frame(value)
    if isinstance(value, pd.Series):
        return plain_series(value)
    return value


def finite(x: float) -> bool:
    return math.isfinite(x)


def plain_value(value, depth: int = 0):
    """Any answer (a function's result, say) as plain values: pandas objects rebuilt, numpy
    arrays copied, lists/tuples/dicts (or their subclasses) read item by item, scalars as in
    :func:`plain_scalar`. Raises NotAccepted for anything else."""
    import numpy as np
    import pandas as pd
    if depth > 20:
        raise NotAccepted("a structure nested too deeply")
    if value is Ellipsis or value is None:
        return value
    if isinstance(value, pd.DataFrame):
        return plain_frame(value)
    if isinstance(value, pd.Series):
        return plain_series(value)
    if isinstance(value, np.ndarray):
        if type(value) is not np.ndarray:
            raise NotAccepted(f"a {type_name(value)} array")
        raw = value
        if raw.dtype.kind == "O":
            return plain_array(raw.reshape(-1)).reshape(raw.shape)
        return plain_array(raw)
    if type(value) is dict:
        return {plain_scalar(k): plain_value(v, depth + 1) for k, v in dict.items(value)}
    if type(value) is list:
        return [plain_value(v, depth + 1) for v in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return tuple(plain_value(v, depth + 1) for v in value)
    return plain_scalar(value)
