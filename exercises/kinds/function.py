"""Write a function; it is called on each case and compared with the expected result."""
from __future__ import annotations

import copy
import re
import types
from typing import Callable

from ..answers import from_json, to_json
from ..feedback import Feedback, describe, safe_repr
from ..frames import compare_values
from ..question import Stop, exc_text, is_placeholder, sentence
from ..safety import NotAccepted, plain_value, type_name
from ._data import DataTask


def _short(value) -> str:
    import pandas as pd
    if isinstance(value, pd.DataFrame):
        return f"<DataFrame {value.shape[0]}×{value.shape[1]}>"
    if isinstance(value, pd.Series):
        return f"<Series of {len(value)}>"
    return safe_repr(value, 30)


def _no_reference(*args, **kwargs):
    raise RuntimeError("reference answers aren't available while grading")


class RecordedOutputs:
    """A function's outputs on the task's cases, as recorded (answer_from_json): checked like
    the function itself, case by case, without running any code."""

    def __init__(self, name: str, outputs: list):
        self.name = name
        self.outputs = outputs


class FunctionTask(DataTask):
    """Write a function; it is called on each case and compared with the expected result."""

    kind = "function"

    def __init__(self, id, chapter, prompt, cases, reference: Callable | None = None, *,
                 rtol: float = 1e-5, atol: float = 1e-8, **kw):
        super().__init__(id, chapter, prompt, **kw)
        self.cases = []
        for case in cases:
            case = tuple(case)
            if len(case) == 2 and reference is not None:
                args, kwargs = case
                self.cases.append((tuple(args), dict(kwargs or {}), None, False))
            elif len(case) == 3:
                args, kwargs, exp = case
                self.cases.append((tuple(args), dict(kwargs or {}), exp, True))
            else:
                raise ValueError(f"{id}: each case is (args, kwargs, expected), or (args, kwargs) "
                                 "with reference=")
        if not self.cases:
            raise ValueError(f"{id}: need at least one case")
        self.reference = reference
        self.rtol, self.atol = float(rtol), float(atol)

    def expected_kind(self) -> str:
        return "a function (pass its name, without parentheses)"

    @staticmethod
    def _copy(x):
        try:
            return copy.deepcopy(x)
        except Exception:  # uncopyable argument: share it
            return x

    @staticmethod
    def _name(func) -> str:
        if type(func) in (types.FunctionType, types.BuiltinFunctionType, types.MethodType):
            name = func.__name__
            if type(name) is str:
                return name
        return "your function"

    def _not_a_function(self, value) -> str:
        return f"got {describe(value)}, which isn't accepted; expected {self.expected_kind()}."

    def _expected(self, n: int, args, kwargs, exp, given):
        if given:
            return exp
        try:
            return self.reference(*self._copy(args), **self._copy(kwargs))
        except Exception as exc:
            raise Stop("invalid", "the reference answer couldn't be computed "
                       f"({type(exc).__name__}: {exc_text(exc)}) — a problem with "
                       "the exercise, not your code.", "invalid:reference")

    def _call(self, func, args, kwargs):
        """``("ok", plain result)`` or ``("error", (exception type name, message))``."""
        try:
            got = func(*self._copy(args), **self._copy(kwargs))
        except BaseException as exc:  # noqa: BLE001 - SystemExit too: it's the student's code
            return "error", (type_name(exc), exc_text(exc))
        try:
            return "ok", plain_value(got)
        except NotAccepted as exc:
            return "unaccepted", f"returned {exc}, which isn't accepted"

    @staticmethod
    def _arguments_text(args, kwargs) -> str:
        """``(548, rate=7.1)``: a case's arguments as feedback shows them after the name."""
        shown = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
        return f"({', '.join(shown)})"

    def function_name(self) -> str:
        """The name the task asks for: the function its solution cell defines, else the first
        `name(` in the prompt."""
        import ast
        try:
            for node in ast.parse(self.solution_code or "").body:
                if isinstance(node, ast.FunctionDef):
                    return node.name
        except SyntaxError:
            pass
        m = re.search(r"`([A-Za-z_][A-Za-z0-9_]*)\(", self.prompt)
        return m.group(1) if m else "your function"

    def spec(self) -> dict:
        """The cases with their expected results; the page asks for the function's output on
        each and checks them as RecordedOutputs are checked."""
        p = super().spec()
        cases = []
        for n, (args, kwargs, exp, given) in enumerate(self.cases, 1):
            expected = to_json(plain_value(self._expected(n, args, kwargs, exp, given)))
            if isinstance(expected, (list, dict)):
                raise ValueError(f"{self.id}: case {n} returns {type(expected).__name__} data, which "
                                 "the page can't take as typed text")
            cases.append({"args": self._arguments_text(args, kwargs), "expected": expected})
        p.update(name=self.function_name(), cases=cases, rtol=self.rtol, atol=self.atol,
                 msg={"empty": "type what the function returns first.",
                      "incomplete": "type a result for every call first ({n} still empty)."})
        return p

    def _outcomes(self, func):
        """Yield (n, call text, expected, outcome) for each case."""
        recorded = type(func) is RecordedOutputs
        name = func.name if recorded else self._name(func)
        for n, (args, kwargs, exp, given) in enumerate(self.cases, 1):
            exp = self._expected(n, args, kwargs, exp, given)
            call = name + self._arguments_text(args, kwargs)
            if recorded:
                outcome = func.outputs[n - 1] if n - 1 < len(func.outputs) else ("missing", None)
            else:
                outcome = self._call(func, args, kwargs)
            yield n, name, call, exp, outcome

    def _check(self, func) -> Feedback:
        if is_placeholder(func):
            return Feedback("not_attempted", "define your function and pass its name here.")
        if type(func) is not RecordedOutputs and (not callable(func) or isinstance(func, type)):
            return Feedback("invalid", self._not_a_function(func), key="invalid:type")
        total = len(self.cases)
        name = "your function"
        for n, name, call, exp, (status, got) in self._outcomes(func):
            if status == "error":
                ename, text = got
                return Feedback("incorrect", f"case {n} of {total}: {call} raised {ename}: {text}",
                                key="error")
            if status in ("unaccepted", "missing"):
                why = got if status == "unaccepted" else "gave no recorded result"
                return Feedback("incorrect", sentence(f"case {n} of {total}: {call} {why}"),
                                key="wrong")
            if got is Ellipsis:
                return Feedback("not_attempted", f"{name} still returns `...` — write its body.")
            problem = compare_values(exp, got, self.rtol, self.atol)
            if problem:
                return Feedback("incorrect", sentence(f"case {n} of {total}: {call} {problem}"),
                                key="wrong")
        return Feedback("correct", f"{name} passes all {total} test cases.", key="correct")

    def _answer_to_json(self, func):
        """The function's outputs on the task's cases (an error is recorded as such)."""
        if is_placeholder(func):
            return None
        if not callable(func) or isinstance(func, type):
            raise Stop("invalid", self._not_a_function(func), "invalid:type")
        outputs = []
        for args, kwargs, _, _ in self.cases:
            status, got = self._call(func, args, kwargs)
            if status == "ok":
                try:
                    outputs.append({"value": to_json(got)})
                except NotAccepted as exc:
                    outputs.append({"unaccepted": f"returned {exc}, which isn't accepted"})
            elif status == "error":
                outputs.append({"error": list(got)})
            else:
                outputs.append({"unaccepted": got})
        return {"function": self._name(func), "outputs": outputs}

    def record_inputs(self) -> dict:
        return {"cases": [[to_json(list(args)), to_json(dict(kwargs))] for args, kwargs, _, _ in self.cases]}

    @classmethod
    def for_recording(cls, id, chapter, inputs):
        cases = [(tuple(from_json(a)), from_json(k)) for a, k in inputs.get("cases", [])]
        return cls(id, chapter, "Recorded for grading.", cases, reference=_no_reference)

    def _answer_from_json(self, obj):
        # The book's answers file may give just the outputs, one per case, in case order.
        if isinstance(obj, list):
            obj = {"outputs": [{"value": v} for v in obj]}
        outputs = []
        for item in obj["outputs"]:
            if "value" in item:
                outputs.append(("ok", from_json(item["value"])))
            elif "error" in item:
                ename, text = item["error"]
                outputs.append(("error", (str(ename), str(text))))
            else:
                outputs.append(("unaccepted", str(item["unaccepted"])))
        return RecordedOutputs(str(obj.get("function") or "your function"), outputs)
