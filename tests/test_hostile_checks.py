"""Checks can't be fooled, stopped or hung by a student's objects, in any kind.

Hostile answers: classes that lie in ``__eq__``/``__float__``/``__array_function__``, raise
``SystemExit``/``KeyboardInterrupt`` from a method, or have a ``__repr__`` that raises or sleeps;
subclasses of str/int/float/list/ndarray/DataFrame/Series carrying those behaviours; functions
that return such objects or raise. Every one gets a clear "not accepted" (or "not quite")
message: never an exception, a hang, or a false "correct".
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exercises import MARKERS, Feedback, load_bank
from exercises.feedback import TONE_MARKERS
from exercises.example import bank as example_bank
from northeast.chapters import CHAPTERS

FAST = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ESCAPES = (SystemExit, KeyboardInterrupt, GeneratorExit, RuntimeError, RecursionError)
# How long one check may take with a sleeping __repr__ in the answer (it sleeps 3 s per call).
HANG_LIMIT_S = 2.5

COURSE = [q for c in CHAPTERS for q in load_bank(c.key)]
FRAME_TASKS = [q for q in COURSE if q.kind == "frame"]


def assert_refused(q, fb, started: float) -> None:
    elapsed = time.monotonic() - started
    assert isinstance(fb, Feedback) and type(fb.message) is str and fb.message
    assert fb.text.startswith(fb.marker) and fb.marker in (MARKERS[fb.status], *TONE_MARKERS.values())
    assert fb.status != "correct", (q.id, fb.text)
    assert elapsed < HANG_LIMIT_S, f"{q.id}: the check took {elapsed:.1f} s"
    # The message says what was wrong in words a student can act on.
    assert any(w in fb.message for w in ("accepted", "expected", "Expected", "replace", "isn't", "raised",
                                         "differ", "doesn't", "missing", "rows", "column")), fb.message


# ------------------------------------------------------------------- hostile building blocks

def _raiser(exc_type):
    def method(self, *args, **kwargs):
        raise exc_type("from a student's method")
    return method


def _sleeper(*args, **kwargs):
    time.sleep(3)
    return "slow"


def _yes(self, *args, **kwargs):
    return True


class ArrayLiar:
    """Claims to be equal to anything numpy compares it with."""

    def __array_function__(self, func, types, args, kwargs):
        return np.True_

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.True_

    def __array__(self, dtype=None, copy=None):
        raise SystemExit("no array for you")

    __eq__ = __ne__ = _yes
    __hash__ = object.__hash__


def hostile_class(base: type, behaviour: str, exc_type=SystemExit) -> type:
    """A subclass of ``base`` with one hostile behaviour."""
    ns: dict = {"__hash__": lambda self: 1}
    if behaviour == "lying_eq":
        ns.update(__eq__=_yes, __ne__=lambda self, o: False, __lt__=_yes, __le__=_yes, __gt__=_yes,
                  __ge__=_yes, __abs__=lambda self: 0, __sub__=lambda self, o: 0, __rsub__=lambda self, o: 0)
    elif behaviour == "lying_float":
        ns.update(__float__=lambda self: 310.0, __index__=lambda self: 0, __int__=lambda self: 0,
                  __str__=lambda self: "310", __len__=lambda self: 1)
    elif behaviour == "raises":
        for name in ("__eq__", "__ne__", "__float__", "__int__", "__index__", "__len__", "__iter__",
                     "__bool__", "__str__", "__repr__", "__format__", "__getitem__", "strip", "lower",
                     "__array__", "__call__", "__getattr__", "__lt__", "__gt__"):
            ns[name] = _raiser(exc_type)
    elif behaviour == "raising_repr":
        ns.update(__repr__=_raiser(exc_type), __str__=_raiser(exc_type))
    elif behaviour == "array_function":
        ns.update(__array_function__=lambda self, *a: np.True_, __array_ufunc__=lambda self, *a, **k: np.True_,
                  __eq__=_yes)
    else:  # pragma: no cover
        raise ValueError(behaviour)
    return type(f"Hostile{base.__name__.title()}", (base,), ns)


def instance(base: type, cls: type):
    if base is object:
        return cls()
    if base is str:
        return cls("310")
    if base in (int, float):
        return cls(310)
    if base is list:
        return cls([0, 1])
    if base is tuple:
        return cls((0, 1))
    raise ValueError(base)


BEHAVIOURS = ["lying_eq", "lying_float", "raises", "raising_repr", "array_function"]
BASES = [object, str, int, float, list, tuple]


WRAPS = ["bare", "in_list", "in_series", "in_frame", "returned", "raised"]


def objects(value, n: int) -> np.ndarray:
    """An object array holding ``value`` n times (filled cell by cell: numpy asks nothing of it)."""
    out = np.empty(n, dtype=object)
    for i in range(n):
        out[i] = value
    return out


def build(recipe):
    """A hostile answer from a (base, behaviour, exception, wrapping) recipe. Tests take recipes,
    not the objects, so that reporting a failure never has to repr a hostile object."""
    base, behaviour, exc_type, wrap = recipe
    value = instance(base, hostile_class(base, behaviour, exc_type))
    if wrap == "in_list":
        return [value]
    if wrap == "in_series":
        return pd.Series(objects(value, 2), dtype=object, copy=False)
    if wrap == "in_frame":
        return pd.DataFrame({"transfer_share": pd.Series(objects(value, 3), dtype=object, copy=False)},
                            index=pd.Index(["A", "B", "C"], name="province"))
    if wrap == "returned":
        return lambda *args, **kwargs: value
    if wrap == "raised":
        def raises(*args, **kwargs):
            raise exc_type("student's function")
        return raises
    return value


recipes = st.tuples(st.sampled_from(BASES), st.sampled_from(BEHAVIOURS), st.sampled_from(ESCAPES),
                    st.sampled_from(WRAPS))


@pytest.mark.parametrize("q", list(example_bank), ids=lambda q: q.id)
@given(recipe=recipes)
@FAST
def test_hostile_answers_never_escape_or_pass(q, recipe):
    value = build(recipe)
    started = time.monotonic()
    fb = q.check(value)
    del value
    if q.kind == "reflection" and fb.correct:  # only a plain str is recorded
        pytest.fail(f"a hostile object was recorded as a reflection: {fb.text}")
    assert_refused(q, fb, started)


@pytest.mark.parametrize("q", list(example_bank), ids=lambda q: q.id)
@pytest.mark.parametrize("exc_type", [SystemExit, KeyboardInterrupt])
def test_escaping_exceptions_are_caught(q, exc_type):
    for base in BASES:
        value = instance(base, hostile_class(base, "raises", exc_type))
        for answer in (value, lambda *a, **k: value, [value]):
            started = time.monotonic()
            assert_refused(q, q.check(answer), started)

    def exits(*args, **kwargs):
        raise exc_type(0)

    started = time.monotonic()
    fb = q.check(exits)
    assert_refused(q, fb, started)
    if q.kind == "function":
        assert exc_type.__name__ in fb.message


class SleepyRepr:
    def __repr__(self):
        time.sleep(3)
        return "finally"

    __str__ = __repr__


class SleepyFloat(float):
    __repr__ = __str__ = SleepyRepr.__repr__


@pytest.mark.parametrize("q", list(example_bank), ids=lambda q: q.id)
@pytest.mark.parametrize("make", [lambda: SleepyRepr(), lambda: SleepyFloat(1.5), lambda: [SleepyRepr()],
                                  lambda: {"a": SleepyRepr()},
                                  lambda: pd.DataFrame({"province": ["A"], "transfer_share": [SleepyRepr()]}),
                                  lambda: (lambda *a, **k: SleepyRepr())],
                         ids=["object", "float_subclass", "list", "dict", "frame_cell", "returned"])
def test_a_sleeping_repr_does_not_hang_the_check(q, make):
    started = time.monotonic()
    assert_refused(q, q.check(make()), started)


# ------------------------------------------------------------------- frame tasks of the course

class LiarSeries(pd.Series):
    """Hands numpy an object that says every comparison holds."""

    @property
    def _constructor(self):
        return LiarSeries

    def to_numpy(self, *args, **kwargs):
        return ArrayLiar()

    __array__ = to_numpy

    def __eq__(self, other):
        return pd.Series(True, index=self.index)

    __hash__ = None


class LiarFrame(pd.DataFrame):
    @property
    def _constructor(self):
        return LiarFrame

    @property
    def _constructor_sliced(self):
        return LiarSeries

    def equals(self, other):
        return True

    def __eq__(self, other):
        return pd.DataFrame(True, index=self.index, columns=self.columns)

    __hash__ = None


def wrong_copy(expected):
    wrong = expected.copy()
    if isinstance(wrong, pd.Series):
        return wrong * 2 + 1
    numeric = wrong.select_dtypes("number").columns
    wrong[numeric] = wrong[numeric] * 2 + 1
    return wrong


@pytest.mark.parametrize("q", FRAME_TASKS, ids=lambda q: q.id)
def test_frame_subclass_with_array_function_is_not_fooled(q):
    expected = q.expected_value()
    assert q.check(expected).correct
    wrong = wrong_copy(expected)
    if isinstance(wrong, pd.DataFrame):
        liar = LiarFrame(wrong)
    else:
        liar = LiarSeries(wrong)
    fb = q.check(liar)
    assert fb.status == "incorrect", fb.text  # read as the plain table it holds: wrong values
    # The plain values of a subclass count as themselves: a right table in a subclass is right.
    assert q.check(LiarFrame(expected) if isinstance(expected, pd.DataFrame) else LiarSeries(expected)).correct


@pytest.mark.parametrize("q", FRAME_TASKS, ids=lambda q: q.id)
def test_frame_cells_that_lie_are_not_accepted(q):
    expected = q.expected_value()
    if isinstance(expected, pd.Series):
        expected = expected.to_frame()
    liar_cell = hostile_class(object, "lying_eq")()
    table = expected.astype(object)
    table.iloc[0, -1] = liar_cell
    started = time.monotonic()
    fb = q.check(table)
    assert_refused(q, fb, started)
    assert "accepted" in fb.message


def test_function_returning_a_liar_frame_is_not_fooled():
    from exercises import FunctionTask
    q = FunctionTask(id="f", chapter="t", prompt="Return the table.",
                     cases=[((), {}, pd.DataFrame({"x": [1.0, 2.0]}))])
    assert q.check(lambda: pd.DataFrame({"x": [1.0, 2.0]})).correct
    assert q.check(lambda: LiarFrame({"x": [5.0, 6.0]})).status == "incorrect"
    assert q.check(lambda: ArrayLiar()).status == "incorrect"
    assert q.check(lambda: np.array([1.0, 2.0]).view(type("Sub", (np.ndarray,), {}))).status == "incorrect"


def test_a_student_raising_the_engine_s_own_stop_gains_nothing():
    from exercises.question import Stop
    q = example_bank["ex_total_transfers"]

    class Forged:
        def __float__(self):
            raise Stop("correct", "forged")

    fb = q.check(Forged())
    assert fb.status == "invalid" and "forged" not in fb.text.split(":")[0]
