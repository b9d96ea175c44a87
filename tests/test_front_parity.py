"""The page's JavaScript checks answers with the same words as the Python check, for every kind.

For each auto-checked kind in ``exercises.kinds.KINDS`` a seeded generator makes a few hundred
answers of the shapes the page produces (typed text, option indices, tables, function outputs),
over every question of that kind in the course's banks and the example bank. Each answer is
checked by Python (``q.check(q.answer_from_json(value))``, what grading does with a downloaded
answers file) and by ``quiz.js`` under ``node --test`` (exercises/front/parity.test.js); status,
key and message must be identical. A kind without a generator here fails, so a new kind can't
slip past. Node's own unit tests for quiz.js run in the same ``node --test`` call.
"""
from __future__ import annotations

import copy
import json
import math
import random
import shutil
import string
import subprocess
from pathlib import Path

import pytest

from conftest import IN_CI, ROOT
from exercises import Mistake
from exercises.course import iter_banks
from exercises.example import bank as example_bank
from exercises.feedback import fmt_cell, fmt_number, safe_repr
from exercises.kinds import KINDS

FRONT = ROOT / "exercises" / "front"
CASES_PER_KIND = 250

# ------------------------------------------------------------------ answers a page can produce

NUMERIC_TEXTS = [
    "310", "310.0", " 310 ", "3.1e2", "3.1E2", "0.31 trillion", "310bn", "310 BN", "310 billion rmb",
    "¥310", "$310", "310$", "310%", "310 pp", "310,000", "310,0", "1,234.5", "-310", "- 310", "+310",
    "\u2212310", "３１０", "310.", ".5", "abc", "", "   ", "...", "…", "3100亿元", "3.1万亿", "310 million",
    "0.31", "800", "1e400", "310 kg", "310 rmb bn", "bn310", "$-310", "-$310", "--310", "310e",
    "310 usd", "310 yuan", "310元", "310 points", "30%", "30 percent", "30 per cent", "3,000",
    "12,345,678.9", "1e-3", "0", "-0", "310k", "310 m", "us$310", "310 dollars", "3 1 0", "it's 5",
    '"5"', "5 thousand people", "5 people", "12345678901", "0.00001234",
]


def _near(x: float, rng: random.Random) -> list[float]:
    return [x * f * (1 + rng.uniform(-0.004, 0.004)) for f in (1, 1, 1000, 0.001, -1, 0.01, 100, 1.01, 2)]


def numeric_answers(q, rng):
    rules = q.rules()
    targets = [rules["answer"]] + [m["value"] if m["value"] is not None else rules["answer"] * m["factor"]
                                   for m in rules["mistakes"]]
    out = list(NUMERIC_TEXTS)
    for t in targets:
        for x in _near(t, rng):
            out += [repr(x), f"{x:.4g}", f"{x:,.2f}"]
        out.append(f"{t:.10g}")
    unit_words = ["", " bn", " billion", " trillion", " million", " thousand", "%", " rmb", " usd"]
    for _ in range(40):
        out.append(f"{rng.choice(targets) * rng.choice([1, 1e3, 1e-3]):.5g}{rng.choice(unit_words)}")
    return out


def single_answers(q, rng):
    return list(range(len(q.options)))


def multiple_answers(q, rng):
    n = len(q.options)
    return [[i for i in range(n) if mask >> i & 1] for mask in range(1, 2 ** n)]


JUNK = ["abc", "45%", "n/a", "it's", "1,23", "—", "x y  z", "1e999", "Ünïcode", 'say "hi"']


def _variants(x, rng):
    """What a student might type for a cell whose right value is x."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return [None, 0, "nan"]
    out = [x, x * 0.01, x * 100, -x, x * 1000, x * (1 + 1e-7), x * (1 + 1e-3), round(x), round(x, 1),
           x + 1, None, rng.choice(JUNK)]
    return out


def frame_answers(q, rng):
    spec = q.spec()
    value_cols = [c for c, col in enumerate(spec["columns"]) if not col["key"]]
    right = [list(r) for r in spec["expected"]]

    def as_json(records):
        return _frame_json(spec, records)

    answers = [as_json(right)]
    for r in range(len(right)):
        for c in value_cols:
            for v in _variants(right[r][c], rng):
                records = [list(row) for row in right]
                records[r][c] = v
                answers.append(as_json(records))
    while len(answers) < 60:
        records = [list(row) for row in right]
        for r in range(len(right)):
            for c in value_cols:
                if rng.random() < 0.4:
                    records[r][c] = rng.choice(_variants(right[r][c], rng))
        answers.append(as_json(records))
    return answers


def _frame_json(spec, records):
    """The page's table as JSON (quiz.js Q.frameValue), for records in spec row order."""
    key = next(c for c, col in enumerate(spec["columns"]) if col["key"])
    labels = [r[key] for r in records]
    rest = [[v for c, v in enumerate(r) if c != key] for r in records]
    if spec["series"]:
        return {"series": {"name": spec["series_name"], "values": [r[0] for r in rest],
                           "index": labels, "index_names": [spec["columns"][key]["name"]]}}
    if spec["indexed"]:
        return {"columns": [col["name"] for col in spec["columns"] if not col["key"]], "records": rest,
                "index": labels, "index_names": [spec["columns"][key]["name"]]}
    return {"columns": [col["name"] for col in spec["columns"]], "records": records}


def function_answers(q, rng):
    spec = q.spec()
    right = [case["expected"] for case in spec["cases"]]

    def as_json(outputs, name=spec["name"]):
        return {"function": name, "outputs": [{"value": v} for v in outputs]}

    answers = [as_json(right), as_json(right, "your_function")]
    for i, x in enumerate(right):
        for v in _variants(x, rng) + [int(x) if isinstance(x, float) and math.isfinite(x) else x]:
            outputs = list(right)
            outputs[i] = v
            answers.append(as_json(outputs))
    while len(answers) < 60:
        answers.append(as_json([rng.choice(_variants(x, rng)) for x in right]))
    return answers


GENERATORS = {
    "single_choice": single_answers,
    "multiple_choice": multiple_answers,
    "numeric": numeric_answers,
    "frame": frame_answers,
    "function": function_answers,
}


def frozen(q):
    """A copy of q whose reference answer is computed once: the banks compute it from the data on
    every check, which would make a few thousand checks slow. Same answer, same words."""
    q = copy.copy(q)
    if hasattr(q, "expected_value") and callable(q._expected):  # a frame task
        q._expected = q.expected_value()
    if callable(getattr(q, "_answer", None)):
        q._answer = q.answer
    if hasattr(q, "all_mistakes"):  # mistakes whose targets are computed from the data
        q.mistakes = [Mistake(d["kind"], d["message"], factor=d["factor"], value=d["value"],
                              tolerance=d["tolerance"]) for d in (m.to_dict() for m in q.mistakes)]
    if getattr(q, "reference", None) is not None:
        q.cases = [(args, kwargs, q._expected(n, args, kwargs, exp, given), True)
                   for n, (args, kwargs, exp, given) in enumerate(q.cases, 1)]
        q.reference = None
    return q


def questions_by_kind() -> dict[str, list]:
    found: dict[str, list] = {}
    banks = [bank for _, bank in iter_banks()] + [example_bank]
    for bank in banks:
        for q in bank:
            found.setdefault(q.kind, []).append(q)
    return found


def auto_checked_kinds() -> list[str]:
    return [name for name, cls in KINDS.items() if cls.auto_checked]


def test_every_auto_checked_kind_has_a_generator():
    missing = [k for k in auto_checked_kinds() if k not in GENERATORS]
    assert not missing, f"add a parity generator to tests/test_front_parity.py for: {missing}"


def python_cases() -> dict:
    rng = random.Random(20261201)
    found = questions_by_kind()
    specs, checks = {}, []
    for kind in auto_checked_kinds():
        questions = found.get(kind, [])
        assert questions, f"no question of kind {kind!r} in the banks or the example bank"
        per_question = max(1, CASES_PER_KIND // len(questions))
        for original in questions:
            q = frozen(original)
            specs[q.id] = q.spec()
            answers = GENERATORS[kind](q, rng)
            if len(answers) > per_question:  # the hand-picked ones first, then a sample
                head = per_question // 2
                answers = answers[:head] + rng.sample(answers[head:], per_question - head)
            for value in answers:
                value = json.loads(json.dumps(value))  # what the page sends: plain JSON
                fb = q.check(q.answer_from_json(value))
                checks.append({"kind": kind, "qid": q.id, "value": value,
                               "want": [fb.status, fb.key, fb.message]})
    floats = []
    for _ in range(300):
        x = rng.choice([1, -1]) * 10 ** rng.uniform(-7, 17) * rng.choice([1, 1, 1.5, 7.14])
        x = rng.choice([x, float(round(x)), round(x, 2)])
        floats.append([x, fmt_number(x), fmt_cell(x), safe_repr(x)])
    alphabet = string.ascii_letters + string.digits + " '\"\\%,.-éü中\u00a0\u2003\t"
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))) for _ in range(200)]
    return {"kinds": auto_checked_kinds(), "specs": specs, "checks": checks, "floats": floats,
            "strings": [[s, safe_repr(s, 40)] for s in strings]}


def node_executable() -> str:
    exe = shutil.which("node") or shutil.which("nodejs")
    if exe is None:
        message = "node is not installed (Node 20+ runs the quiz script's tests)"
        if IN_CI:
            pytest.fail(message + "; in CI the node tests must run")
        pytest.skip(message)
    return exe


def test_node_tests_and_parity_pass(tmp_path: Path):
    node = node_executable()
    cases = python_cases()
    for kind in cases["kinds"]:
        count = sum(c["kind"] == kind for c in cases["checks"])
        assert count >= 120, f"only {count} parity cases for {kind}"
    path = tmp_path / "parity-cases.json"
    path.write_text(json.dumps(cases, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    proc = subprocess.run([node, "--test", str(FRONT)], capture_output=True, text=True, timeout=120,
                          env={"PATH": str(Path(node).parent), "EXQ_PARITY_CASES": str(path)})
    summary = [line for line in proc.stdout.splitlines() if line.startswith(("# pass", "# fail", "# skipped"))]
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "# fail 0" in summary and "# skipped 0" in summary, summary
