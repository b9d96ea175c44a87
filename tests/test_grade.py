"""`python -m exercises grade`: answers files, reports, roster, shards and merge, exit codes,
refusing without a sandbox. (Hostile notebooks: tests/test_grading_hostile.py.)"""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT

KEY = "one"


class Result:
    def __init__(self, returncode: int, stderr: str):
        self.returncode, self.stderr = returncode, stderr


def grade(*args, path=None) -> Result:
    """`python -m exercises grade ARGS` in this process (imports and banks load once)."""
    import contextlib
    import io
    from exercises.cli import main
    err = io.StringIO()
    old = os.environ.get("PATH")
    if path is not None:
        os.environ["PATH"] = path
    try:
        with contextlib.redirect_stderr(err):
            code = main(["grade", *map(str, args), "--course", str(ROOT)]
                        if args and args[0] != "merge" else ["grade", *map(str, args)])
    finally:
        if path is not None:
            os.environ["PATH"] = old
    return Result(code, err.getvalue())


def answers_file(path: Path, answers: dict, chapter: str = KEY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "exercises-answers", "version": 1, "chapter": chapter,
                                "saved": "2026-12-01T09:00:00Z", "answers": answers}))
    return path


def rows(path: Path) -> list[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def bank():
    from exercises.grading.course import Course
    return Course(ROOT).bank(KEY)


@pytest.fixture
def class_of_six(tmp_path, bank) -> list[Path]:
    """Six students' answers files: right, wrong and missing answers."""
    right = bank["one_share_points"]
    files = []
    for i, name in enumerate(["ana", "ben", "chen", "dara", "eli", "fay"]):
        value = right.answer if i % 2 == 0 else right.answer * 3 + 1
        files.append(answers_file(tmp_path / "subs" / name / f"answers-{KEY}.json", {
            "one_share_points": {"kind": "numeric", "value": value},
            "one_channels": {"kind": "single_choice", "value": i % 4}}))
    return files


def test_answers_files_are_graded_with_the_banks_checks(class_of_six, tmp_path, bank):
    out = tmp_path / "grades.csv"
    r = grade(*class_of_six, "--out", out)
    assert r.returncode == 0, r.stderr
    got = rows(out)
    assert list(got[0]) == ["submission", "student", "chapter", "question", "status", "points", "message"]
    ana = {g["question"]: g for g in got if g["student"] == "ana"}
    fb = bank["one_share_points"].check(bank["one_share_points"].answer)
    assert (ana["one_share_points"]["status"], ana["one_share_points"]["message"]) == (fb.status, fb.message)
    assert ana["one_share_points"]["points"] == "1"
    ben = {g["question"]: g for g in got if g["student"] == "ben"}
    assert ben["one_share_points"]["status"] == "incorrect" and ben["one_share_points"]["points"] == "0"
    assert ana["one_gross_net"]["status"] == "not_attempted"
    gradable = [q.id for q in bank if q.auto_checked]
    assert {g["question"] for g in got if g["student"] == "ana"} == set(gradable)
    assert "graded 6 submissions: 6 complete, 0 with errors" in r.stderr


def test_wide_csv_and_feedback_files(class_of_six, tmp_path, bank):
    out = tmp_path / "grades.csv"
    grade(*class_of_six, "--out", out)
    wide = rows(tmp_path / "grades-by-student.csv")
    assert [w["student"] for w in wide] == ["ana", "ben", "chen", "dara", "eli", "fay"]
    assert list(wide[0])[-1] == "total" and "one_share_points" in wide[0]
    long_points = {}
    for g in rows(out):
        long_points[g["student"]] = long_points.get(g["student"], 0) + int(g["points"])
    assert {w["student"]: int(w["total"]) for w in wide} == long_points
    text = (tmp_path / "grades-feedback" / "ben.md").read_text()
    assert "one_share_points" in text and "Not quite" in text
    # Messages only: no worked solution and no right answer of ben's wrong number.
    assert str(bank["one_share_points"].answer) not in text
    assert "Answer:" not in text


def test_roster_names_students_and_lists_those_without_a_submission(class_of_six, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("key,student\nana,Ana Lima (s001)\nben,Ben Okafor (s002)\nzoe,Zoe Park (s009)\n")
    out = tmp_path / "grades.csv"
    r = grade(*class_of_six[:2], "--out", out, "--roster", roster)
    assert r.returncode == 0, r.stderr
    assert {g["student"] for g in rows(out)} == {"Ana Lima (s001)", "Ben Okafor (s002)"}
    wide = {w["student"]: w for w in rows(tmp_path / "grades-by-student.csv")}
    assert wide["Zoe Park (s009)"]["total"] == "0"
    assert "No submission" in (tmp_path / "grades-feedback" / "Zoe_Park_s009.md").read_text()


def test_three_shards_merged_equal_one_run(class_of_six, tmp_path, monkeypatch):
    # A file's slice depends on its name as given, so the files are named from their folder, as an
    # instructor in it would: with pytest's temporary paths, one run in 243 put all six in one slice.
    monkeypatch.chdir(tmp_path / "subs")
    class_of_six = [str(p.relative_to(tmp_path / "subs")) for p in class_of_six]
    whole = tmp_path / "whole.csv"
    assert grade(*class_of_six, "--out", whole).returncode == 0
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"part{k}.csv"
        r = grade(*class_of_six, "--out", part, "--shard", f"{k}/3")
        assert r.returncode == 0, r.stderr
        parts.append(part)
    sizes = [len({g["submission"] for g in rows(p)}) for p in parts]
    assert sum(sizes) == 6 and max(sizes) < 6
    # Stable: the same slice again.
    again = tmp_path / "again.csv"
    grade(*class_of_six, "--out", again, "--shard", "2/3")
    assert again.read_text() == parts[1].read_text()
    merged = tmp_path / "merged.csv"
    r = grade("merge", *parts, "--out", merged)
    assert r.returncode == 0, r.stderr
    key = lambda g: (g["submission"], g["question"])  # noqa: E731
    assert sorted(rows(merged), key=key) == sorted(rows(whole), key=key)
    assert (tmp_path / "merged-by-student.csv").read_text() == (tmp_path / "whole-by-student.csv").read_text()
    # A slice merged twice is refused.
    filled = next(p for p in parts if rows(p))
    assert grade("merge", filled, filled, "--out", tmp_path / "twice.csv").returncode == 2


def test_bad_answers_files_get_error_rows_and_the_batch_goes_on(class_of_six, tmp_path):
    bad = tmp_path / "subs" / "gus" / f"answers-{KEY}.json"
    bad.parent.mkdir(parents=True)
    bad.write_text('{"format": "exercises-answers", "version": 1, "chapter": "one", "answers": {}, "grade": 10}')
    out = tmp_path / "grades.csv"
    r = grade(bad, *class_of_six, "--out", out)
    assert r.returncode == 1
    gus = [g for g in rows(out) if g["student"] == "gus"]
    assert gus and {g["status"] for g in gus} == {"error"}
    assert "not a valid answers file" in gus[0]["message"]
    assert len({g["submission"] for g in rows(out)}) == 7


def test_usage_errors_exit_2(tmp_path, class_of_six):
    assert grade(*class_of_six, "--out", tmp_path / "g.csv", "--shard", "4/3").returncode == 2
    assert grade(*class_of_six).returncode == 2  # no --out
    assert grade(*class_of_six, "--out", tmp_path / "g.csv", "--jobs", "0").returncode == 2


def _tiny_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from northeast.questions.one import bank\nshare_fall_pct = 1.0")]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def test_without_bwrap_grading_refuses_unless_no_sandbox(tmp_path):
    nb = _tiny_notebook(tmp_path / "subs" / "ida" / "ch2_support_and_results.ipynb")
    no_bwrap = str(Path(sys.executable).parent)
    r = grade(nb, "--out", tmp_path / "g.csv", path=no_bwrap)
    assert r.returncode == 2
    assert "bubblewrap" in r.stderr and "--no-sandbox" in r.stderr
    assert not (tmp_path / "g.csv").exists()
    r = grade(nb, "--out", tmp_path / "g.csv", "--no-sandbox", path=no_bwrap)
    assert r.returncode == 0, r.stderr
    got = rows(tmp_path / "g.csv")
    assert got and all(g["message"].startswith("[graded without a sandbox]") for g in got)
    assert {g["question"]: g["status"] for g in got}["one_share_fall_pct"] == "incorrect"


def test_the_grading_workflow_shards_then_merges():
    """.github/workflows/grade.yml runs `--shard K/N` for each K of its matrix, N its length, then
    `grade merge` (the commands test_three_shards_merged_equal_one_run runs locally)."""
    import yaml
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "grade.yml").read_text())
    shards = workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    runs = "\n".join(s.get("run", "") for s in workflow["jobs"]["shard"]["steps"])
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" in runs and "bubblewrap" in runs
    merge = "\n".join(s.get("run", "") for s in workflow["jobs"]["merge"]["steps"])
    assert "python -m exercises grade merge shard-*.csv --out grades.csv" in merge
    assert workflow["jobs"]["merge"]["needs"] == "shard"
    assert "bubblewrap" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("path, chapter, student", [
    ("subs/alice/ch2_support_and_results.ipynb", "one", "alice"),
    ("subs/alice_ch2_support_and_results.ipynb", "one", "alice"),
    ("subs/ch3_causes-bob.ipynb", "two", "bob"),
    ("subs/carl_ch2.ipynb", "one", "carl"),
    ("subs/ch12_notes.ipynb", None, "ch12_notes"),
    ("subs/dana/answers-two.json", None, "dana"),   # an answers file says its chapter inside
    ("subs/eve-answers-one.json", None, "eve"),
])
def test_chapter_and_student_from_the_file_name(path, chapter, student):
    from exercises.grading.batch import student_key
    from exercises.grading.course import Course
    course = Course(ROOT)
    found = course.chapter_for_name(Path(path).name)
    assert (found.key if found else None) == chapter
    assert student_key(Path(path), found, tuple(course.chapters)) == student
