"""The exercise engine on its own: no course inside it, kinds from one registry, answers as JSON,
one notebook executor, results read from structured displays."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import ROOT
from exercises import FEEDBACK_MIME, KINDS, Feedback, Question, load_bank
from exercises.example import bank as example_bank
from exercises.notebooks.results import check_results, feedback
from exercises.notebooks.run import kernel_env, run_notebook
from northeast.chapters import CHAPTERS, by_notebook, chapter

ENGINE = ROOT / "exercises"


# ------------------------------------------------------------------ engine apart from content

def test_engine_imports_and_checks_with_no_course_present(tmp_path):
    """A copy of exercises/ alone, with `northeast` made unimportable: every module imports, the
    example bank checks answers, and `list` says no course is configured."""
    import shutil
    shutil.copytree(ENGINE, tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    script = textwrap.dedent("""
        import importlib, pkgutil, sys
        class NoCourse:
            def find_spec(self, name, path=None, target=None):
                if name == "northeast" or name.startswith("northeast."):
                    raise ImportError("no course content here")
        sys.meta_path.insert(0, NoCourse())
        import exercises
        for info in pkgutil.walk_packages(exercises.__path__, "exercises."):
            if info.name != "exercises.__main__":  # that one runs the command line
                importlib.import_module(info.name)
        from exercises.example import bank
        assert bank["ex_total_transfers"].check(310).correct
        assert not any(m.startswith("northeast") for m in sys.modules)
        from exercises.cli import main
        sys.exit(main(["list"]))
    """)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "EXERCISES_COURSE")}
    result = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n" + script],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "no course configured" in result.stderr


def test_no_engine_module_names_the_course():
    for path in ENGINE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "northeast" not in text, f"{path.relative_to(ROOT)} names the course"


def test_kinds_registry_owns_every_kind():
    assert set(KINDS) == {"single_choice", "multiple_choice", "numeric", "frame", "function", "reflection"}
    for name, cls in KINDS.items():
        assert cls.kind == name and issubclass(cls, Question)
        for method in ("_check", "_answer_to_json", "spec", "widget_input"):
            assert callable(getattr(cls, method)), (name, method)
    # Nothing outside the kinds switches on kind names.
    for path in ENGINE.rglob("*.py"):
        if "kinds" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for name in KINDS:
            assert f'"{name}"' not in text, f"{path.relative_to(ROOT)} switches on {name!r}"


# --------------------------------------------------------------------------- chapter registry

def test_chapter_registry_links_every_name():
    assert [c.key for c in CHAPTERS] == ["intro", "one", "two", "three", "four", "numbers"]
    assert [c.number for c in CHAPTERS] == list(range(1, 7))
    for c in CHAPTERS:
        nb = nbformat.read(c.notebook_path, as_version=4)
        assert nb.cells[0].source.splitlines()[0] == f"# {c.heading}"
        assert load_bank(c.key).chapter == c.key
        assert c.bank().notebook == c.notebook_path
        assert by_notebook(c.notebook) is c and chapter(c.key) is c
        assert f"from {c.bank_module} import bank" in "".join(cell.source for cell in nb.cells)
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert all(f"file: {Path(c.notebook).with_suffix('')}" in toc for c in CHAPTERS)
    with pytest.raises(KeyError, match="known: intro"):
        chapter("five")


def test_solutions_come_from_the_notebooks():
    for c in CHAPTERS:
        nb = nbformat.read(c.notebook_path, as_version=4)
        solutions = [cell.source for cell in nb.cells if "solution" in cell.metadata.get("tags", [])
                     and cell.cell_type == "code"]
        for q in c.bank():
            if q.data_task:
                assert q.solution_code in solutions, q.id
                assert q.solution_code in str(q.solution())


# ------------------------------------------------------------------------- answers as JSON

def wrong_answer(q):
    if q.kind == "single_choice":
        return (q.answer + 1) % len(q.options)
    if q.kind == "multiple_choice":
        return [i for i in range(len(q.options)) if i not in q.answers][:1] or [0]
    if q.kind == "numeric":
        return q.answer * 1.37 + 11
    if q.kind == "frame":
        e = q.expected_value()
        if isinstance(e, pd.Series):
            return e * 2 + 1
        e = e.copy()
        col = e.select_dtypes("number").columns[-1]
        e[col] = e[col] * 2 + 1
        return e
    if q.kind == "function":
        return lambda *a, **k: -12345.0
    return ""


def right_answer(q):
    return {"single_choice": lambda: q.answer, "multiple_choice": lambda: sorted(q.answers),
            "numeric": lambda: q.answer, "frame": q.expected_value if q.kind == "frame" else None,
            "function": lambda: q.reference, "reflection": lambda: "My own words."}[q.kind]()


COURSE = [q for c in CHAPTERS for q in load_bank(c.key)] + list(example_bank)


@pytest.mark.parametrize("q", COURSE, ids=lambda q: q.id)
def test_answers_travel_as_json_and_get_the_same_feedback(q):
    for value in (right_answer(q), wrong_answer(q), ..., "nonsense 12 parsecs"):
        live = q.check(value)
        data = q.answer_to_json(value)
        text = json.dumps(data, allow_nan=False)  # plain JSON, nothing else
        replayed = q.check(q.answer_from_json(json.loads(text)))
        assert (replayed.status, replayed.message) == (live.status, live.message), (q.id, data)


def test_frame_json_form():
    q = example_bank["ex_share_table"]
    data = q.answer_to_json(q.expected_value())
    assert data["columns"] == ["transfer_share"] and len(data["records"]) == 3
    assert data["index"] == ["A", "B", "C"] and data["index_names"] == ["province"]
    fn = example_bank["ex_share_fn"].answer_to_json(lambda df, p: 1.0)
    assert fn["outputs"] == [{"value": 1.0}] * 3
    # What the book's table form and function form send: the key as a column, bare outputs.
    typed = {"columns": ["province", "transfer_share"], "records": [["A", 30], ["B", 40], ["C", 60]]}
    assert q.check(q.answer_from_json(typed)).correct
    typed["records"][1][1] = 4
    assert "index 'B'" in q.check(q.answer_from_json(typed)).message
    fq = example_bank["ex_share_fn"]
    assert fq.check(fq.answer_from_json([30, 40, 60])).correct
    assert "case 2 of 3" in fq.check(fq.answer_from_json([30, 41, 60])).message


# ------------------------------------------------------------------- feedback as structured data

def test_feedback_display_carries_structured_data():
    fb = example_bank["ex_total_transfers"].check(310)
    bundle = fb._repr_mimebundle_()
    assert bundle[FEEDBACK_MIME] == {"qid": "ex_total_transfers", "kind": "numeric", "status": "correct",
                                     "key": "correct", "message": fb.message}
    assert bundle["text/plain"] == fb.text and bundle["text/html"] == fb._repr_html_()


def toy_notebook(*sources, tags=None):
    cells = [new_code_cell(s) for s in sources]
    for cell, t in zip(cells, tags or []):
        if t:
            cell.metadata["tags"] = t
    nb = new_notebook(cells=[new_markdown_cell("# toy")] + cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_results_are_read_from_displays_not_printed_text(tmp_path):
    nb = toy_notebook(
        "import os\nprint(os.getcwd(), os.environ['ONLY_THIS'])\nfrom exercises.example import bank\nx = 310",
        'bank["ex_total_transfers"].check(x)',
        'print("Correct: trust me")',
        'bank["ex_share_a"].check(1)',
        tags=[["solution"], ["check"], ["check"], ["check"]])
    run = run_notebook(nb, cwd=tmp_path, env=dict(kernel_env(), ONLY_THIS="yes"), cell_timeout=60,
                       allow_errors=True)
    assert run.ok, run.failure
    # The working directory and the environment are the ones given, and only those.
    assert run.notebook.cells[1].outputs[0]["text"].split() == [str(tmp_path.resolve()), "yes"]
    results = check_results(run.notebook, "toy")
    assert [(r.qid, r.status) for r in results] == [
        ("ex_total_transfers", "correct"), (None, "no_feedback"), ("ex_share_a", "incorrect")]
    assert [d["qid"] for _, d in feedback(run.notebook)] == ["ex_total_transfers", "ex_share_a"]


# ---------------------------------------------------------------------------- the executor

def test_executor_limits_and_reports_instead_of_raising(tmp_path):
    nb = toy_notebook(
        "import os\nprint(os.getcwd())\nprint(sorted(k for k in os.environ if k in ('SECRET_TOKEN', 'PYTHONPATH')))",
        "1 / 0",
        "import time\ntime.sleep(30)",
        "print('never')")
    os.environ["SECRET_TOKEN"] = "not for kernels"
    assert kernel_env()["PYTHONPATH"] == str(ROOT) and "SECRET_TOKEN" not in kernel_env()
    saved = os.environ.get("NORTHEAST_DATA_DIR")
    os.environ["NORTHEAST_DATA_DIR"] = str(tmp_path)  # listed in [tool.exercises] kernel_env
    try:
        assert kernel_env()["NORTHEAST_DATA_DIR"] == str(tmp_path)
    finally:
        os.environ.pop("NORTHEAST_DATA_DIR") if saved is None else os.environ.update(NORTHEAST_DATA_DIR=saved)
    try:
        started = time.monotonic()
        run = run_notebook(nb, cell_timeout=3, timeout=60, allow_errors=True)
    finally:
        del os.environ["SECRET_TOKEN"]
    assert time.monotonic() - started < 25
    first = run.notebook.cells[1].outputs[0]["text"]
    cwd, env_keys = first.splitlines()
    assert Path(cwd).name.startswith("exercises-run-") and not Path(cwd).exists()  # temporary, removed
    assert env_keys == "['PYTHONPATH']"  # an explicit environment, not the caller's
    assert [(e.index, e.ename) for e in run.errors] == [(2, "ZeroDivisionError")]
    assert run.timed_out_cell == 3 and not run.ok and "cell 3" in run.failure
    assert run.notebook.cells[4].outputs == []

    # Three more runs, at once (each has its own kernel): stop at an error, a dying kernel, and
    # the whole-notebook limit.
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=3) as pool:
        stopped, died, whole = pool.map(lambda job: run_notebook(job[0], **job[1]), [
            (toy_notebook("1 / 0", "print('after')"), dict(cell_timeout=30)),
            (toy_notebook("import os\nos._exit(3)", "print('after')"), dict(cell_timeout=30)),
            (toy_notebook("import time\ntime.sleep(1.5)", "time.sleep(1.5)", "x = 1"),
             dict(cell_timeout=30, timeout=2))])
    assert stopped.errors[0].index == 1 and stopped.notebook.cells[2].outputs == []
    assert died.kernel_died and "died" in died.failure
    assert whole.notebook_timed_out and not whole.ok


def test_stable_outputs_replace_random_ids_consistently():
    """Re-executing a notebook must leave git clean: chart and widget ids depend only on the
    notebook, and widget views still point at their saved models."""
    import copy
    import uuid

    from exercises.notebooks.run import WIDGET_STATE, WIDGET_VIEW, stable_outputs

    skeleton = toy_notebook("widget", "chart")  # the same notebook (same cell ids), run twice

    def executed():
        box, slider, layout = (uuid.uuid4().hex for _ in range(3))
        nb = copy.deepcopy(skeleton)
        nb.cells[1].outputs = [{"output_type": "display_data", "metadata": {},
                                "data": {WIDGET_VIEW: {"model_id": box, "version_major": 2, "version_minor": 0}}}]
        nb.cells[2].outputs = [{"output_type": "display_data", "metadata": {},
                                "data": {"text/html": f'<div id="altair-viz-{uuid.uuid4().hex}"></div>'}}]
        nb.metadata["widgets"] = {WIDGET_STATE: {"version_major": 2, "version_minor": 0, "state": {
            layout: {"model_name": "LayoutModel", "state": {}},
            slider: {"model_name": "IntSliderModel", "state": {"layout": f"IPY_MODEL_{layout}"}},
            box: {"model_name": "VBoxModel", "state": {"children": [f"IPY_MODEL_{slider}"]}}}}}
        return nb

    first, second = executed(), executed()
    stable_outputs(first)
    stable_outputs(second)
    assert first == second
    view = first.cells[1].outputs[0]["data"][WIDGET_VIEW]["model_id"]
    state = first.metadata["widgets"][WIDGET_STATE]["state"]
    slider_ref = state[view]["state"]["children"][0]
    assert slider_ref.removeprefix("IPY_MODEL_") in state
    again = copy.deepcopy(first)
    stable_outputs(again)
    assert again == first
