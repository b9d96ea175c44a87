"""Question types: right answers, near misses, recognised mistakes, hostile inputs."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import pandas as hpd

from exercises import (MARKERS, STATUSES, Bank, Feedback, FrameTask, FunctionTask, Mistake,
                       Numeric, Reflection, SingleChoice)
from exercises.example import TOY, _share, _transfer_share_table, bank
from exercises.quantities import classify_number, parse_number_text, parse_unit
from exercises.feedback import TONE_MARKERS, fmt_number

FAST = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# --------------------------------------------------------------- hostile values

class Evil:
    """Every dunder a checker might touch raises."""

    def _boom(self, *a, **k):
        raise RuntimeError("boom")

    __eq__ = __ne__ = __lt__ = __gt__ = __float__ = __int__ = __index__ = _boom
    __len__ = __bool__ = __iter__ = __repr__ = __str__ = __format__ = _boom
    __getitem__ = __array__ = __call__ = _boom
    __hash__ = None


class EvilFloat(float):
    def __repr__(self):
        raise RuntimeError("no repr")

    __str__ = __repr__


class EvilStr(str):
    def strip(self, *a):
        raise RuntimeError("no strip")


HOSTILE = [
    None, ..., "", "   ", "...", "…", True, False, np.bool_(True), float("nan"), float("inf"),
    -float("inf"), [], [1, 2], {}, {"a": 1}, (), set(), b"310", 1j, object(), Evil(), EvilFloat(1.0),
    EvilStr("310"), pd.NA, pd.NaT, np.datetime64("2002-01-01"), np.array([1.0, 2.0]),
    np.array([[1.0]]), np.array("x"), pd.Series([], dtype=float), pd.Series([1.0, 2.0]),
    pd.DataFrame(), pd.DataFrame({"a": [1]}), pd.DataFrame({"x": [Evil()]}), pd.Series([Evil()]),
    pd.Index([1, 2]), print, type, 10 ** 400, Decimal("NaN"), "1e999", "nan", "inf", "\x00",
    "🙂", "١٢٣", lambda: 1,
]


def all_questions():
    return list(bank)


@pytest.mark.parametrize("q", all_questions(), ids=lambda q: q.id)
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_hostile_inputs_never_raise_and_are_never_correct(q, value):
    fb = q.check(value)
    assert isinstance(fb, Feedback)
    assert fb.status in STATUSES
    if q.kind != "reflection":
        assert not fb.correct, (q.id, fb.text)
    assert fb.text.startswith(fb.marker) and fb.marker in (MARKERS[fb.status], *TONE_MARKERS.values())
    assert isinstance(fb._repr_html_(), str) and isinstance(repr(fb), str)


@pytest.mark.parametrize("q", all_questions(), ids=lambda q: q.id)
def test_placeholder_is_not_attempted(q):
    for stub in (..., None):
        fb = q.check(stub)
        assert fb.status == "not_attempted"
        assert fb.text.startswith("Not attempted:")
    assert q.check().status == "not_attempted"  # called with no argument at all


@given(value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                       st.text(max_size=30), st.binary(max_size=5), st.complex_numbers(),
                       st.lists(st.integers(), max_size=4), st.dictionaries(st.text(max_size=3),
                                                                             st.integers(), max_size=2),
                       st.tuples(st.integers()), st.decimals(allow_nan=True), st.fractions()))
@FAST
def test_any_value_never_raises(value):
    for q in bank:
        fb = q.check(value)
        assert fb.status in STATUSES
        if q.kind == "numeric" and fb.correct:
            x = float(value) if not isinstance(value, str) else parse_number_text(value, q.spec())[1]
            assert abs(x - q.answer) <= max(q.tolerance, q.rel_tolerance * abs(q.answer)) + 1e-9


# --------------------------------------------------------------------- feedback

def test_feedback_markers_and_display():
    assert MARKERS == {"correct": "Correct:", "incorrect": "Not quite:",
                       "not_attempted": "Not attempted:", "invalid": "Can't check this:"}
    fb = bank["ex_total_transfers"].check(310)
    assert fb.correct and bool(fb) and fb.status == "correct"
    assert str(fb).startswith("Correct: ") and repr(fb) == str(fb)
    assert fb._repr_markdown_().startswith("**Correct:**")
    html = fb._repr_html_()
    assert 'data-status="correct"' in html and 'data-qid="ex_total_transfers"' in html
    assert html == bank["ex_total_transfers"].check(310)._repr_html_()  # deterministic
    assert not re.search(r"[0-9a-f]{32}", html)
    assert fb.to_dict()["status"] == "correct"
    bad = bank["ex_total_transfers"].check(999)
    assert not bad and bad.status == "incorrect" and str(bad).startswith("Not quite: ")
    assert "<script" not in Feedback("incorrect", "<script>x</script>")._repr_html_()


# ---------------------------------------------------------------------- numeric

@pytest.fixture
def tq():
    return bank["ex_total_transfers"]


@pytest.mark.parametrize("value", [310, 310.0, 310.4, 309.6, "310", " 310.0 ", "3.1e2", "310 bn",
                                   "0.31 trillion", "310 billion RMB", "310 billion yuan",
                                   "310,000 million", "3100亿元", "¥310", "310元", np.float64(310),
                                   np.int64(310), np.float32(310), np.array(310.0), np.array([310.0]),
                                   pd.Series([310.0]), pd.Series([310], index=["A"]), Decimal("310"),
                                   Fraction(620, 2), "３１０"])
def test_numeric_correct_forms(tq, value):
    fb = tq.check(value)
    assert fb.status == "correct", fb.text


@pytest.mark.parametrize("value,key,fragment", [
    (310000, "mistake:0", "million RMB"),
    ("310,000", "mistake:0", "million RMB"),
    (0.31, "mistake:1", "trillion RMB"),
    (800, "mistake:2", "total spending"),
    (220, "mistake:3", "leaves out province C"),
    (-310, "mistake:4", "wrong sign"),
    ("-310", "mistake:4", "wrong sign"),
    ("\u2212310", "mistake:4", "wrong sign"),
])
def test_numeric_recognised_mistakes(tq, value, key, fragment):
    fb = tq.check(value)
    assert fb.status == "incorrect" and fb.key == key and fragment in fb.message, fb.text


def test_numeric_tolerance_edges(tq):
    assert tq.check(310.5).correct and tq.check(309.5).correct
    near = tq.check(310.6)
    assert near.key == "near" and "±0.5 billion RMB" in near.message
    assert tq.check(312.4).key == "near"
    assert tq.check(313).key == "wrong"
    assert tq.check(1e300).key == "wrong"


@pytest.mark.parametrize("value,key", [
    ("abc", "invalid:format"), ("1,0", "invalid:commas"), ("12,34.5", "invalid:commas"),
    ("310 kg", "invalid:unit"), ("$310", "invalid:base"), ("310 usd", "invalid:base"),
    ("310%", "invalid:percent"), ("310 pp", "invalid:percent"), ("1e999", "invalid:toolarge"),
    ("--310", "invalid:format"), ("-$-310", "invalid:format"), ("$310 rmb", "invalid:unit"),
    (True, "invalid:type"), ([310], "invalid:type"), ({"x": 310}, "invalid:type"),
    (float("nan"), "invalid:nan"), (float("inf"), "invalid:toolarge"), (pd.NA, "invalid:nan"),
    (pd.Series([1.0, 2.0]), "invalid:shape"), (pd.Series([], dtype=float), "invalid:shape"),
    (pd.DataFrame({"a": [310]}), "invalid:shape"), (np.array([310.0, 1.0]), "invalid:shape"),
    (1 + 2j, "invalid:type"), (10 ** 400, "invalid:toolarge"),
])
def test_numeric_invalid_inputs_say_what_was_expected(tq, value, key):
    fb = tq.check(value)
    assert fb.status == "invalid" and fb.key == key, fb.text
    assert fb.text.startswith("Can't check this:")


def test_numeric_expected_kind_in_messages(tq):
    assert "a number in billion RMB" in tq.check(...).message
    assert "a number in billion RMB" in tq.check("abc").message
    assert "a number in billion RMB" in tq.check([1, 2]).message


def test_bool_is_not_one():
    q = Numeric(id="one", chapter="t", prompt="One?", answer=1, tolerance=0)
    assert q.check(1).correct
    for b in (True, np.bool_(True), np.array(True)):
        assert q.check(b).status == "invalid"
    z = Numeric(id="zero", chapter="t", prompt="Zero?", answer=0, tolerance=0.1)
    assert z.check(0).correct and z.check(False).status == "invalid"


def test_percent_question_and_fraction_mistake():
    q = bank["ex_share_a"]
    for ok in (30, "30%", "30 %", "30 percent", "30 per cent", "30.04", "30 pp"):
        assert q.check(ok).correct, ok
    fb = q.check(0.3)
    assert fb.key.startswith("mistake") and "fraction" in fb.message and "multiply by 100" in fb.message
    assert q.check("0.3").key == fb.key
    assert q.check("30 billion RMB").status == "invalid"
    assert q.check("30 rmb").key == "invalid:notpercent"


def test_percent_for_fraction_points_vs_percent_and_wrong_year():
    q = Numeric(id="share", chapter="t", prompt="Share as a fraction?", answer=0.24,
                tolerance=0.005, mistakes=[Mistake.percent_for_fraction(),
                                           Mistake.points_vs_percent(3.0),
                                           Mistake.wrong_year(0.31, 2002),
                                           Mistake.wrong_province(0.11, "Jilin")])
    assert q.check(0.24).correct
    assert "divide by 100" in q.check(24).message
    assert "percentage points" in q.check(3).message
    assert "another year (2002)" in q.check(0.31).message
    assert "another province (Jilin)" in q.check(0.11).message
    assert q.check(0.5).key == "wrong"


def test_mistake_tolerance_and_auto_mistakes_can_be_disabled():
    q = Numeric(id="x", chapter="t", prompt="X?", answer=100, tolerance=1, auto_mistakes=False,
                mistakes=[Mistake.value(50, "half", tolerance=5)])
    assert q.check(-100).key == "wrong"  # no automatic sign mistake
    assert q.check(54).key == "mistake:0" and q.check(56).key == "wrong"
    assert [m.kind for m in Numeric(id="y", chapter="t", prompt="Y?", answer=5, unit="%").all_mistakes()] \
        == ["fraction_for_percent", "sign"]


def test_relative_tolerance_and_default_tolerance():
    q = Numeric(id="r", chapter="t", prompt="R?", answer=2000, rel_tolerance=0.01, unit="million people")
    assert q.check(2019).correct and not q.check(2021).correct
    assert q.check("2.01 billion").correct
    assert q.check("2010 million people").correct
    assert "1%" in q.check(2025).message  # near: margin shown as a percentage
    exact = Numeric(id="e", chapter="t", prompt="E?", answer=0.3)
    assert exact.check(0.1 + 0.2).correct and not exact.check(0.3001).correct


def test_callable_answer_and_broken_reference():
    q = Numeric(id="c", chapter="t", prompt="C?", answer=lambda: np.float64(7.0), tolerance=0)
    assert q.check(7).correct and q.answer == 7.0
    broken = Numeric(id="b", chapter="t", prompt="B?", answer=lambda: 1 / 0)
    fb = broken.check(1)
    assert fb.status == "invalid" and "problem with the exercise" in fb.message


def test_unit_parsing():
    assert parse_unit("billion RMB") == (1e9, "rmb")
    assert parse_unit("trillion yuan") == (1e12, "rmb")
    assert parse_unit("%") == (1.0, "%")
    assert parse_unit("percentage points") == (1.0, "%")
    assert parse_unit("million people") == (1e6, "people")
    assert parse_unit("亿元") == (1e8, "rmb")
    assert parse_unit("km") == (1.0, "km")
    assert parse_unit(None) == (1.0, "")
    q = Numeric(id="k", chapter="t", prompt="K?", answer=12, tolerance=0, unit="km")
    assert q.check("12 km").correct and q.check("12").correct


@given(x=st.floats(allow_nan=True, allow_infinity=True),
       answer=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
       tol=st.floats(min_value=0, max_value=1e6), rtol=st.floats(min_value=0, max_value=0.5))
@FAST
def test_numeric_hypothesis_correct_only_within_tolerance(x, answer, tol, rtol):
    q = Numeric(id="h", chapter="t", prompt="H?", answer=answer, tolerance=tol, rel_tolerance=rtol,
                unit="billion RMB", mistakes=[Mistake.scale(1000), Mistake.value(answer + 10 * tol + 1)])
    fb = q.check(x)
    assert fb.status in STATUSES
    if fb.correct:
        assert math.isfinite(x)
        assert abs(x - answer) <= max(tol, rtol * abs(answer)) * (1 + 1e-9) + 1e-12 * max(abs(x), abs(answer))
    elif math.isfinite(x) and abs(x - answer) <= max(tol, rtol * abs(answer)) * (1 - 1e-9):
        pytest.fail(f"{x} within tolerance of {answer} but {fb.text}")


@given(text=st.text(alphabet=st.sampled_from(list("0123456789.,-+e %$¥ bnmiltrkyuanRMB万亿元")),
                    max_size=16))
@FAST
def test_numeric_hypothesis_text_never_raises(text):
    q = bank["ex_total_transfers"]
    fb = q.check(text)
    assert fb.status in STATUSES
    key, value = parse_number_text(text, q.spec())
    if fb.correct:
        assert key == "ok" and abs(value - 310) <= 0.5 + 1e-9


def test_classify_number_matches_table():
    spec = bank["ex_total_transfers"].spec()
    assert classify_number(310, spec) == "correct"
    assert classify_number(310_000, spec) == "mistake:0"
    assert classify_number(0.31, spec) == "mistake:1"


# ---------------------------------------------------------------------- choices

def test_single_choice_forms():
    q = bank["ex_largest"]
    for ok in (0, np.int64(0), "a", "A", " a ", "(a)", "a)", "a.", "Province A", "province  a",
               "a) Province A"):
        assert q.check(ok).correct, ok
    wrong = q.check("b")
    assert wrong.status == "incorrect" and "(b)" in wrong.message and "compare the spending" in wrong.message
    assert q.check(2).message.startswith("(c) isn't the best answer. C is the smallest")
    assert q.check(5).key == "invalid:range" and q.check(-1).key == "invalid:range"
    assert q.check("z").key == "invalid:option"
    assert q.check(True).status == "invalid" and q.check(1.0).status == "invalid"
    assert q.check([0]).status == "invalid"
    assert q.check("").status == "not_attempted"
    assert "a letter a–c" in q.check("zzz").message


def test_single_choice_author_validation():
    with pytest.raises(ValueError):
        SingleChoice(id="s", chapter="t", prompt="P?", options=["x", "y"], answer="z")
    with pytest.raises(ValueError):
        SingleChoice(id="s", chapter="t", prompt="P?", options=["x", "X "], answer=0)
    with pytest.raises(ValueError):
        SingleChoice(id="bad id", chapter="t", prompt="P?", options=["x", "y"], answer=0)
    q = SingleChoice(id="s", chapter="t", prompt="P?", options=["x", "y"], answer=1,
                     explanations={"x": "not x", "b": "yes y"})
    assert q.explanations == {0: "not x", 1: "yes y"}
    assert q.check("y").message == "(b) is right. yes y"


def test_multiple_choice_forms():
    q = bank["ex_over_100"]
    for ok in ([0, 1], (1, 0), {0, 1}, ["a", "b"], ["Province A", "province b"], "a, b", "a,b",
               "ab", "a b", "a and b", np.array([0, 1]), pd.Series(["a", "b"]), [0, 1, 1]):
        assert q.check(ok).correct, ok
    missing = q.check(["a"])
    assert missing.status == "incorrect" and "missed at least one" in missing.message
    extra = q.check([0, 1, 2])
    assert "(c) doesn't belong: C receives less" in extra.message and "missed" not in extra.message
    assert q.check([]).status == "not_attempted"
    assert q.check({"a": 1}).status == "invalid"
    assert q.check([0, 9]).status == "invalid"
    assert q.check([True]).status == "invalid"


def test_choice_feedback_never_names_the_right_option():
    single, multi = bank["ex_largest"], bank["ex_over_100"]
    for v in (1, 2):
        msg = single.check(v).message
        assert "(a)" not in msg and "Province A" not in msg
    for v in ([0], [1], [2], [0, 2], [1, 2], [0, 1, 2]):
        msg = multi.check(v).message
        missing = {0, 1} - set(v)
        for i in missing:
            assert f"({'ab'[i]})" not in msg


# ------------------------------------------------------------------ leak check

def _answer_strings(q):
    a = q.answer
    forms = {repr(a), str(a), fmt_number(a)}
    if float(a).is_integer():
        forms.add(str(int(a)))
    return forms


@pytest.mark.parametrize("q", [q for q in bank if q.kind == "numeric"], ids=lambda q: q.id)
def test_numeric_feedback_never_leaks_the_answer(q):
    a = q.answer
    inputs = [a * f for f in (0.5, 0.9, 1.07, 1.5, 2, 10, 1000, 0.001, -1, 0.01, 100)]
    inputs += [a + d for d in (1, -1, 3, 50)] + [0, 1, 12345.6, "abc", "1 kg", "$5", "5%", ..., None]
    inputs += [m.target_value for m in q.mistakes if m.target_value is not None]
    for v in inputs:
        fb = q.check(v)
        if fb.correct:
            continue
        typed = {str(v), repr(v), fmt_number(v) if not isinstance(v, str) else v}
        for form in _answer_strings(q):
            if any(form in t for t in typed):
                continue  # the student typed it
            assert form not in fb.message, (q.id, v, fb.message)


# ------------------------------------------------------------------- frames

@pytest.fixture
def fq():
    return bank["ex_share_table"]


@pytest.fixture
def ref():
    return _transfer_share_table()


def test_frame_correct_variants(fq, ref):
    assert fq.check(ref).correct
    assert fq.check(ref * (1 + 1e-9)).correct
    df = ref.copy()
    df["transfer_share"] = df["transfer_share"].astype(object)  # numbers in an object column are fine
    assert fq.check(df).correct


def test_frame_messages_say_exactly_what_differs(fq, ref):
    assert "is missing" in fq.check(ref.rename(columns={"transfer_share": "share"})).message
    msg = fq.check(ref / 100).message
    assert msg.startswith("column 'transfer_share': 3 of 3 values differ, first at index 'A': "
                          "expected 30.0, got 0.3 — looks like a fraction where a percentage")
    two = ref.copy()
    two.loc["B", "transfer_share"] = 1.0
    assert "1 of 3 values differ, first at index 'B'" in fq.check(two).message
    assert "unexpected column 'extra'" in fq.check(ref.assign(extra=1)).message
    assert "'Transfer Share' looks like 'transfer_share'" in \
        fq.check(ref.rename(columns={"transfer_share": "Transfer Share"})).message
    assert "should be the index" in fq.check(ref.reset_index()).message
    assert "expected 3 rows, got 2" in fq.check(ref.iloc[:2]).message
    assert "missing ['C']" in fq.check(ref.iloc[:2]).message
    assert "different order" in fq.check(ref.iloc[::-1]).message
    assert "holds text" in fq.check(ref.astype(str)).message
    nan = ref.copy()
    nan.iloc[0, 0] = np.nan
    assert "missing value (NaN)" in fq.check(nan).message
    neg = fq.check(-ref).message
    assert "sign is flipped" in neg
    series = fq.check(ref["transfer_share"])
    assert series.status == "incorrect" and "got a Series" in series.message and "to_frame" in series.message
    assert fq.check([1, 2, 3]).status == "invalid"
    assert "a DataFrame with columns ['transfer_share'] indexed by 'province'" in fq.check("x").message
    dup = pd.concat([ref, ref], axis=1)
    assert "repeat" in fq.check(dup).message


def test_frame_options_sort_index_dtype_series():
    exp = pd.DataFrame({"p": ["A", "B", "C"], "v": [1, 2, 3]})
    loose = FrameTask(id="f", chapter="t", prompt="F", expected=exp, check_index=False, sort=True)
    assert loose.check(exp.iloc[::-1]).correct
    assert loose.check(exp.iloc[::-1].reset_index(drop=True)).correct
    strict = FrameTask(id="g", chapter="t", prompt="G", expected=exp, check_dtype=True)
    assert strict.check(exp).correct
    fb = strict.check(exp.astype({"v": float}))
    assert "dtype float64" in fb.message and "expected integer" in fb.message
    assert FrameTask(id="h", chapter="t", prompt="H", expected=exp).check(exp.astype({"v": float})).correct
    ordered = FrameTask(id="o", chapter="t", prompt="O", expected=exp, check_column_order=True)
    assert "different order" in ordered.check(exp[["v", "p"]]).message
    assert FrameTask(id="u", chapter="t", prompt="U", expected=exp).check(exp[["v", "p"]]).correct
    # Series tasks
    s = pd.Series([1.0, 2.0], index=pd.Index(["A", "B"], name="province"), name="v")
    sq = FrameTask(id="s", chapter="t", prompt="S", expected=lambda: s)
    assert sq.check(s.rename("anything")).correct
    assert "select it with" in sq.check(s.to_frame()).message
    assert "`.set_index('province')`" in sq.check(s.reset_index()).message or \
        "DataFrame" in sq.check(s.reset_index()).message
    assert "numbered 0, 1, 2" in sq.check(s.reset_index(drop=True)).message
    named = FrameTask(id="n", chapter="t", prompt="N", expected=s, check_names=True)
    assert "named" in named.check(s.rename("w")).message
    assert "reset_index" in FrameTask(id="r", chapter="t", prompt="R", expected=exp).check(
        exp.set_index("p", drop=False)).message
    strings = pd.Series(["Liaoning", "Jilin"])
    tq = FrameTask(id="t2", chapter="t", prompt="T", expected=strings)
    assert "upper/lower case" in tq.check(pd.Series(["liaoning", "Jilin"])).message


def test_frame_broken_reference_is_the_exercise_fault():
    q = FrameTask(id="b", chapter="t", prompt="B", expected=lambda: pd.read_csv("/nonexistent.csv"))
    fb = q.check(pd.DataFrame())
    assert fb.status == "invalid" and "problem with the exercise" in fb.message


@given(df=hpd.data_frames(columns=[hpd.column("transfer_share", dtype=float),
                                   ],
                          index=hpd.indexes(elements=st.sampled_from(["A", "B", "C", "D"]),
                                            max_size=5, unique=True)))
@FAST
def test_frame_hypothesis_correct_only_when_close(df):
    q = bank["ex_share_table"]
    df.index.name = "province"
    fb = q.check(df)
    assert fb.status in STATUSES
    if fb.correct:
        pd.testing.assert_frame_equal(df, _transfer_share_table(), check_exact=False, rtol=1e-5)


@given(data=st.data())
@FAST
def test_frame_hypothesis_perturbed_never_correct(data):
    ref = _transfer_share_table()
    i = data.draw(st.integers(0, len(ref) - 1))
    factor = data.draw(st.one_of(st.floats(min_value=1.001, max_value=1e6),
                                 st.floats(min_value=-1e6, max_value=0.999)))
    bad = ref.copy()
    bad.iloc[i, 0] = bad.iloc[i, 0] * factor
    assert not bank["ex_share_table"].check(bad).correct


@given(value=st.one_of(hpd.data_frames(columns=hpd.columns(["transfer_share", "x"], dtype=float)),
                       hpd.series(dtype=float), hpd.data_frames(columns=hpd.columns(2, dtype=object,
                                                                                    elements=st.text()))))
@FAST
def test_frame_hypothesis_random_shapes_never_raise(value):
    fb = bank["ex_share_table"].check(value)
    assert fb.status in STATUSES and not fb.correct


# ----------------------------------------------------------------- functions

def test_function_task():
    q = bank["ex_share_fn"]

    def good(df, province):
        return _share(df, province)

    def fraction(df, province):
        return _share(df, province) / 100

    def raises(df, province):
        return df.loc[province]

    def stub(df, province):
        """Share."""
        return ...

    def forgets_return(df, province):
        _share(df, province)

    def mutates(df, province):
        df["spending"] = 0.0
        return 30.0

    assert q.check(good).correct
    fb = q.check(fraction)
    assert fb.status == "incorrect"
    assert "fraction(<DataFrame 3×3>, 'A') returned 0.3, expected 30.0" in fb.message
    assert "looks like a fraction" in fb.message
    err = q.check(raises)
    assert err.status == "incorrect" and "raised KeyError" in err.message
    assert q.check(stub).status == "not_attempted"
    assert "forget `return`" in q.check(forgets_return).message
    assert not q.check(mutates).correct
    assert q.check(good).correct  # the shared TOY frame was not mutated by the bad function
    assert list(TOY.columns) == ["province", "spending", "transfers"]
    assert q.check(30.0).status == "invalid"
    assert q.check(int).status == "invalid"
    assert q.check(lambda *a: Evil()).status in ("incorrect", "invalid")


def test_function_task_explicit_expected_and_kinds():
    q = FunctionTask(id="f", chapter="t", prompt="F", cases=[
        ((2,), {}, 4), ((3,), {"k": 1}, [3, 1]), (("a",), {}, {"a": True}), ((), {}, None),
        ((1,), {}, pd.Series([1.0])), ((0,), {}, "Liaoning")])

    def f(x=None, k=None):
        if x == 2:
            return 4
        if x == 3:
            return [3, k]
        if x == "a":
            return {"a": True}
        if x is None:
            return None
        if x == 1:
            return pd.Series([1.0])
        return "Liaoning"

    assert q.check(f).correct
    assert "expected True" in q.check(lambda x=None, k=None: {"a": 1} if x == "a" else f(x, k)).message
    assert "item 1" in q.check(lambda x=None, k=None: [3, 2] if x == 3 else f(x, k)).message
    assert "upper/lower" in q.check(lambda x=None, k=None: "liaoning" if x == 0 else f(x, k)).message
    with pytest.raises(ValueError):
        FunctionTask(id="g", chapter="t", prompt="G", cases=[((1,), {})])  # no reference


# ---------------------------------------------------------------- reflection

def test_reflection():
    q = bank["ex_reflect"]
    assert q.auto_checked is False and q.kind == "reflection"
    assert q.check("").status == "not_attempted" and q.check("  ...  ").status == "not_attempted"
    fb = q.check("Transfers grew.")
    assert fb.status == "correct" and "compare" in fb.message and ".solution()" in fb.message
    assert q.model_answer not in fb.message
    assert q.check(42).status == "invalid"
    assert q.model_answer in str(q.solution())


# ------------------------------------------------------------- hints/solution

def test_hints_are_tiered_and_solution_only_via_solution(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook
    q = Numeric(id="hq", chapter="t", prompt="H?", answer=5, hints=["one", "two"],
                solution="because")
    # The worked code is the notebook's solution cell, the one copy of it.
    cells = [new_code_cell("x = 5"), new_code_cell('bank["hq"].check(x)')]
    cells[0].metadata["tags"], cells[1].metadata["tags"] = ["solution"], ["check"]
    nbformat.write(new_notebook(cells=cells), tmp_path / "t.ipynb")
    Bank("t", "T", [q], notebook=tmp_path / "t.ipynb")
    assert q.solution_code == "x = 5"
    assert str(q.hint()) == "Hint 1 of 2: one"
    assert str(q.hint()) == "Hint 2 of 2: two"
    assert "last hint" in str(q.hint())
    assert str(q.hint(1)) == "Hint 1 of 2: one"
    assert "Hint 1 of 2" in q.hint(1)._repr_html_()
    sol = q.solution()
    assert "because" in str(sol) and "x = 5" in str(sol) and "**Answer:** 5" in str(sol)
    assert "<pre>" in sol._repr_html_() or "<code" in sol._repr_html_()
    for v in (1, "x", ..., 7):
        assert "because" not in q.check(v).message and "x = 5" not in q.check(v).message
    assert "no hints" in str(Numeric(id="n", chapter="t", prompt="N?", answer=1).hint())


# ---------------------------------------------------------------- attributes

def test_question_attributes():
    kinds = {q.id: q.kind for q in bank}
    assert kinds == {"ex_largest": "single_choice", "ex_over_100": "multiple_choice",
                     "ex_total_transfers": "numeric", "ex_share_a": "numeric",
                     "ex_share_table": "frame", "ex_share_fn": "function", "ex_reflect": "reflection"}
    for q in bank:
        assert q.chapter == "example" and isinstance(q.summary, str) and 0 < len(q.summary) <= 70
        assert isinstance(q.source_ids, list) and isinstance(q.auto_checked, bool)
        assert q.id in repr(q)
    assert bank["ex_total_transfers"].source_ids == ["toy-1"]
    assert bank["ex_total_transfers"].summary.startswith("What are total transfers")


def test_bank():
    assert [q.id for q in bank][:2] == ["ex_largest", "ex_over_100"]
    assert len(bank) == 7 and "ex_reflect" in bank and bank.ids()[0] == "ex_largest"
    assert [q.kind for q in bank.data_tasks()] == ["frame", "function"]
    assert {q.kind for q in bank.comprehension()} == {"single_choice", "multiple_choice", "numeric",
                                                      "reflection"}
    with pytest.raises(KeyError, match="ex_largest"):
        bank["nope"]
    q = Reflection(id="r", chapter="c", prompt="R?", model_answer="m")
    with pytest.raises(ValueError):
        Bank("c", "t", [q, q])
    with pytest.raises(ValueError):
        Bank("other", "t", [q])
    with pytest.raises(TypeError):
        Bank("c", "t", ["not a question"])


def test_mistake_is_declarative_data():
    m = Mistake.scale(1000, "slip")
    assert m.to_dict() == {"kind": "scale", "factor": 1000.0, "value": None, "tolerance": None,
                           "message": "slip"}
    assert Mistake.value(11000, "stated").to_dict()["value"] == 11000.0
    assert Mistake.fraction_for_percent().factor == 0.01
    assert Mistake.sign().factor == -1.0
    assert "1,000 times too large" in Mistake.scale(1000).message
    assert "1,000 times too small" in Mistake.scale(0.001).message
    with pytest.raises(ValueError):
        Mistake("x", "m")
    with pytest.raises(ValueError):
        Mistake.value(float("nan"))


# ------------------------------------------------------------------ registry

def test_course_registry_and_list_cli(monkeypatch, capsys, tmp_path):
    """The engine finds the course through configuration; a course is any module with
    CHAPTERS records (key, bank_module, notebook_path)."""
    from exercises import course
    from exercises.cli import main
    assert [c.key for c in course.chapters()] == ["intro", "one", "two", "three", "four", "numbers"]
    fake = tmp_path / "toy_course.py"
    fake.write_text(
        "from types import SimpleNamespace as R\n"
        "CHAPTERS = [R(key='example', bank_module='exercises.example', notebook_path=None),\n"
        "            R(key='ghost', bank_module='toy_course_ghost_not_written', notebook_path=None)]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(course.ENV_VAR, "toy_course")
    assert main(["list"]) == 0
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == len(bank)
    assert re.match(r"^example\s+ex_total_transfers\s+numeric\s+auto\s+What are total", lines[2])
    assert re.match(r"^example\s+ex_reflect\s+reflection\s+open\s+", lines[-1])
    assert "ghost" in err and "not written yet" in err
    with pytest.raises(course.BankMissing):
        course.load_bank("ghost")
    with pytest.raises(KeyError):
        course.load_bank("nope")
    monkeypatch.setenv(course.ENV_VAR, "no_such_course_module")
    assert main(["list"]) == 2
    assert "can't be imported" in capsys.readouterr().err
