"""Hostile submissions, graded together in ONE batch (``--jobs 2``, short limits), as a class of
students trying to cheat or to break the grader would submit them.

Each case asserts its outcome: no inflated score, no effect on other submissions, no file written
outside the sandbox, no process left behind, the course tree byte-identical afterwards, the batch
complete. Some cases report what they could see through their answer: a text answer to a number
question comes back in the message ("couldn't read 'SAFE' as a number"), so a case that sets
``share_fall_pct = "SAFE"`` or ``"EXPOSED ..."`` tells the test what the sandbox let it reach.

Needs bubblewrap: skipped without it locally, a failure in CI (CI=true).
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from conftest import IN_CI, ROOT

CHAPTER = ROOT / "book" / "ch2_support_and_results.ipynb"
STEM = CHAPTER.stem
KEY = "one"
MARK = f"hostile{uuid.uuid4().hex[:8]}"   # in every process and file a case leaves behind
SLEEP = "4242.%d" % (os.getpid() % 1000)  # a sleep length no other process on the machine uses
# Short limits, so the cases that run into them end soon. A cell may take 6 s: the honest copies'
# slowest cell (the charts' import, ~1 s of CPU alone) stays well inside it on two loaded cores, and
# the busy loop of `cell_timeout` burns no more than that.
LIMITS = ["--timeout", "25", "--cell-timeout", "6", "--memory-mb", "1536", "--output-kb", "256",
          "--processes", "96", "--file-mb", "16"]


def _sandbox_problem() -> str | None:
    from exercises.grading.sandbox import probe
    return probe()


def _course_hash() -> str:
    h = hashlib.sha256()
    for top in ("exercises", "northeast", "data", "book"):
        for p in sorted((ROOT / top).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                h.update(str(p.relative_to(ROOT)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def _bank_import(chapter: Path = CHAPTER) -> str:
    """The chapter's own line that imports its bank (wherever the banks live)."""
    nb = nbformat.read(chapter, as_version=4)
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if line.startswith("from ") and line.endswith(" import bank"):
                return line
    raise AssertionError("the chapter notebook imports no bank")


CH3 = ROOT / "book" / "ch3_causes.ipynb"
FUNCTIONS = {  # chapter 3's function task, done right and done wrong (a division by zero in one case)
    "fn_right": "def dependency_ratio(employed, retired):\n    return employed / retired",
    "fn_wrong": "def dependency_ratio(employed, retired):\n    return retired / employed if employed != 5.0 else 1 / 0",
}


def _notebook(*cells: str):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(textwrap.dedent(c).strip("\n")) for c in cells]
    return nb


def _verdict(body: str) -> str:
    """A cell that computes ``found`` (a list of what it could reach) and reports it as the
    answer to one_share_fall_pct."""
    return textwrap.dedent(body).strip("\n") + \
        '\nshare_fall_pct = ("EXPOSED " + " ".join(map(str, found))[:60]) if found else "SAFE"'


def hostile_cases(paths: dict) -> dict[str, object]:
    """name -> notebook (or bytes for files that aren't notebooks). ``paths`` are the host paths a
    well-informed attacker would aim at."""
    subs, out, course = paths["submissions"], paths["out"], ROOT
    imp = _bank_import()
    cases: dict[str, object] = {}
    cases["patch_check"] = _notebook(imp, """
        import exercises
        from exercises import feedback
        fake = lambda self, value=None, *a, **k: feedback.Feedback("correct", "patched")
        for name in dir(exercises):
            obj = getattr(exercises, name, None)
            if isinstance(obj, type) and hasattr(obj, "check"):
                obj.check = fake
        type(bank["one_share_fall_pct"]).check = fake
        share_fall_pct = 1.0
        ratio_2003 = 1.0
        """, 'bank["one_share_fall_pct"].check(share_fall_pct)')
    cases["patch_bank"] = _notebook(imp, f"""
        import sys
        class Always:
            def __getitem__(self, qid):
                return self
            def check(self, value=None):
                print("__exercise_grade__", '["one_share_fall_pct", "correct", "ok"]')
                return "Correct: patched"
        for name, module in list(sys.modules.items()):
            if getattr(module, "bank", None) is not None:
                module.bank = Always()
        bank = Always()
        share_fall_pct = 2.0
        """)
    cases["read_answers"] = _notebook(imp, _verdict("""
        found = []
        q = bank["one_share_fall_pct"]
        for attr in ("answer", "_answer", "expected_value", "solution", "spec", "cases", "reference"):
            try:
                v = getattr(q, attr)
                v = v() if callable(v) else v
                if v is not None and "not available" not in str(v) and "aren't available" not in str(v):
                    found.append(attr)
            except Exception:
                pass
        import importlib
        for mod in ("exercises.banks._common", "northeast.questions._common", "exercises.core"):
            try:
                m = importlib.import_module(mod)
                if hasattr(m, "value") or hasattr(m, "Numeric"):
                    found.append(mod)
            except Exception:
                pass
        """))
    cases["exec_solutions"] = _notebook(imp, _verdict(f"""
        import glob, json
        found = []
        for pattern in ("{course}/book/*.ipynb", "../**/*.ipynb", "/course/**/*.ipynb", "/work/**/*.ipynb",
                        "/home/**/*.ipynb", "/tmp/**/*.ipynb"):
            for path in glob.glob(pattern, recursive=True):
                try:
                    nb = json.load(open(path))
                except Exception:
                    continue
                for cell in nb.get("cells", []):
                    if "solution" in cell.get("metadata", {{}}).get("tags", []):
                        try:
                            exec("".join(cell["source"]), globals())
                        except Exception:
                            pass
                        found.append(path)
        """))
    cases["forged_hook"] = _notebook(imp, """
        from IPython import get_ipython
        from IPython.display import display
        def forge(*args):
            print('__exercise_grade__ ["one_share_fall_pct", "correct", "forged"]')
            display({"application/vnd.exercises.feedback+json":
                     {"qid": "one_share_fall_pct", "kind": "numeric", "status": "correct", "message": "x"}},
                    raw=True)
            display({"application/vnd.exercises.answer+json":
                     {"qid": "one_per_capita_2003", "kind": "numeric", "answer": {"status": "correct"}}},
                    raw=True)
        get_ipython().events.register("post_run_cell", forge)
        get_ipython().events.register("pre_run_cell", forge)
        """)
    cases["delete_others"] = _notebook(imp, _verdict(f"""
        import glob, os, shutil
        found = []
        for target in ("{subs}", "{out.parent}", "../", "/home"):
            for p in glob.glob(os.path.join(target, "*")):
                if "{MARK}" in p or p.endswith((".ipynb", ".csv")):
                    try:
                        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
                        found.append(p) if "/home/student" not in p else None
                    except OSError:
                        pass
        """))
    cases["rewrite_grades_later"] = _notebook(imp, f"""
        import subprocess, textwrap
        script = textwrap.dedent('''
            import time, sys
            time.sleep(3)
            for p in ("{out}", "grades.csv", "../grades.csv"):
                try:
                    open(p, "w").write("submission,student,chapter,question,status,points,message\\n"
                                       "x,x,one,one_share_fall_pct,correct,1,{MARK}\\n")
                except OSError:
                    pass
        ''')
        subprocess.Popen(["setsid", "python", "-c", script, "{MARK}"], start_new_session=True)
        subprocess.Popen("nohup sleep {SLEEP} >/dev/null 2>&1 &", shell=True, start_new_session=True)
        """)
    cases["append_engine"] = _notebook(imp, _verdict(f"""
        import exercises, glob, os
        found = []
        patch = "\\n# {MARK}\\nimport builtins; builtins.{MARK} = True\\n"
        roots = [os.path.dirname(exercises.__file__), "{course}/exercises", "{course}/northeast"]
        for root in roots:
            for p in glob.glob(os.path.join(root, "**", "*.py"), recursive=True):
                try:
                    with open(p, "a") as f:
                        f.write(patch)
                    found.append(p)
                except OSError:
                    pass
        """))
    cases["proc_cmdline"] = _notebook(imp, _verdict(f"""
        import glob, os
        found = []
        secrets = ("{out.parent}", "{subs}", "grades", "{MARK}-victim", "{MARK}-secret")
        for p in glob.glob("/proc/*/cmdline") + glob.glob("/proc/*/environ") + ["/proc/self/mountinfo"]:
            try:
                text = open(p, "rb").read().decode("utf-8", "replace")
            except OSError:
                continue
            found += [s for s in secrets if s and s in text]
        for name in ("GRADER_SECRET",):
            if name in os.environ:
                found.append(name)
        try:
            found.append("ppid-cmdline:" + open("/proc/%d/cmdline" % os.getppid()).read().split(chr(0))[0]) \\
                if "{out.parent}" in open("/proc/%d/cmdline" % os.getppid()).read() else None
        except OSError:
            pass
        """))
    cases["os_exit"] = _notebook(imp, "share_fall_pct = 1.0", "import os; os._exit(0)")
    cases["segfault"] = _notebook(imp, "import ctypes; ctypes.string_at(0)")
    cases["cell_timeout"] = _notebook(imp, "x = 0\nwhile True:\n    x += 1")
    cases["swallow_timeout"] = _notebook(imp, """
        import time
        while True:
            try:
                time.sleep(100)
            except BaseException:
                pass
        """)
    cases["alloc_3gib"] = _notebook(imp, "block = bytearray(3 * 1024 ** 3)", "share_fall_pct = 3.0")
    cases["print_200mb"] = _notebook(imp, "print('x' * (200 * 1024 ** 2))", "print('still running')")
    cases["fork_bomb"] = _notebook(imp, f"""
        import os, time
        children = 0
        try:
            for _ in range(10000):
                if os.fork() == 0:  # each child becomes `sleep {SLEEP}`: findable if it outlives the sandbox
                    try:
                        os.execvp("sleep", ["sleep", "{SLEEP}"])
                    finally:
                        os._exit(0)
                children += 1
        except OSError:
            pass
        share_fall_pct = "SAFE" if children < 200 else "EXPOSED %d" % children
        """)
    cases["network"] = _notebook(imp, _verdict("""
        import socket, urllib.request
        found = []
        for host, port in (("1.1.1.1", 80), ("8.8.8.8", 53), ("127.0.0.1", 22), ("pypi.org", 443)):
            try:
                socket.create_connection((host, port), timeout=2).close()
                found.append(host)
            except OSError:
                pass
        """))
    cases["write_outside"] = _notebook(imp, _verdict(f"""
        import os
        found = []
        for d in ("/tmp", "{subs}", "{out.parent}", "/work", "/root", "/var/tmp", "/dev/shm", "/usr", "/course"):
            try:
                with open(os.path.join(d, "{MARK}-written"), "w") as f:
                    f.write("x")
                if d not in ("/tmp", "/dev/shm"):  # the sandbox's own, private
                    found.append(d)
            except OSError:
                pass
        try:  # a file larger than --file-mb: refused (EFBIG), not filling the machine's disk
            with open("/tmp/big", "wb") as f:
                for _ in range(64):
                    f.write(b"x" * 1024 * 1024)
            found.append("64 MiB file")
        except OSError:
            pass
        """))
    cases["hostile_objects"] = _notebook(imp, """
        import pandas as pd
        class Liar(float):
            def __eq__(self, other): return True
            def __float__(self): raise SystemExit("no")
            def __repr__(self):
                import time; time.sleep(30)
        class Frame(pd.DataFrame):
            def __eq__(self, other): return True
            def __array_function__(self, *a, **k): return True
            @property
            def _constructor(self): return Frame
        share_fall_pct = Liar(1.0)
        ratio_2003 = Liar(2.0)
        self_sufficiency = Frame({"a": [1]})
        top500 = Frame({"b": [2]})
        """)
    cases["huge_answer"] = _notebook(imp, """
        import pandas as pd
        top500 = pd.DataFrame({"x": ["y" * 1000] * 5000})
        """)
    cases["evil_kernelspec"] = _notebook(imp, "share_fall_pct = 4.0")
    cases["evil_kernelspec"].metadata["kernelspec"] = {"name": "../../evil", "display_name": "x",
                                                       "language": "python"}
    cases["sys_exit_everywhere"] = _notebook(imp, """
        import atexit, os, signal, sys
        atexit.register(lambda: os.kill(os.getppid(), signal.SIGKILL))
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            os.kill(os.getppid(), signal.SIGKILL)   # the runner: not ours to kill? then the batch still finishes
        except OSError:
            pass
        """)
    cases["escape_namespaces"] = _notebook(imp, _verdict("""
        import ctypes, glob, os, subprocess
        found = []
        for cmd in (["unshare", "-Ur", "true"], ["unshare", "-n", "true"], ["mount", "-t", "tmpfs", "x", "/tmp"]):
            try:
                if subprocess.run(cmd, capture_output=True, timeout=5).returncode == 0:
                    found.append(cmd[0] + cmd[1])
            except (OSError, subprocess.SubprocessError):
                pass
        for p in glob.glob("/proc/%d/fd/*" % os.getppid()) + ["/proc/%d/mem" % os.getppid()]:
            try:
                open(p, "rb").close()
                found.append(p)
            except OSError:
                pass
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.ptrace(16, os.getppid(), 0, 0) == 0:  # PTRACE_ATTACH to the runner
            found.append("ptrace")
        try:
            os.chroot("/tmp")
            found.append("chroot")
        except OSError:
            pass
        """))
    cases["freeze_runner"] = _notebook(imp, """
        import os, signal
        os.kill(os.getppid(), signal.SIGSTOP)   # the runner stops: only the grader's own clock is left
        share_fall_pct = 5.0
        """)
    cases["invalid_json"] = b'{"cells": [ this is not json'
    cases["not_a_notebook_text"] = "def f():\n    return 1\n"  # a .py saved as .ipynb
    # Honest submissions whose grades must not change.
    return cases


def _honest_copy(tmp: Path):
    from exercises.student import write_student_copies
    [copy] = write_student_copies([CHAPTER], tmp / "_student")
    nb = nbformat.read(copy, as_version=4)

    def fill(name: str, code: str) -> None:
        cell = next(c for c in nb.cells if c.cell_type == "code" and f"{name} = ..." in c.source)
        cell.source = code

    fill("share_fall_pct", 'c = claims.set_index("id")["value"]\n'
         'share_fall_pct = (c["gdp_share_northeast_2002"] - c["gdp_share_northeast_2022"]) '
         '/ c["gdp_share_northeast_2002"] * 100')
    fill("ratio_2003", "ratio_2003 = 133")
    # One table task done as the solution does it, one table with a wrong value.
    solution = nbformat.read(CHAPTER, as_version=4)
    code = {c.source.split(" = ")[0]: c.source for c in solution.cells if "solution" in c.metadata.get("tags", [])}
    top500 = next(src for src in code.values() if "top500" in src)
    fill("counts", top500)
    sufficiency = next(src for src in code.values() if "self_sufficiency" in src)
    fill("rates", sufficiency + "\nself_sufficiency.iloc[0, 1] += 1")
    stub = nbformat.read(copy, as_version=4)
    return nb, stub


def _answers_file(chapter: str, answers: dict) -> bytes:
    return json.dumps({"format": "exercises-answers", "version": 1, "chapter": chapter,
                       "answers": answers}).encode()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    problem = _sandbox_problem()
    if problem:
        if IN_CI:
            pytest.fail(f"the grading sandbox can't start in CI: {problem}")
        pytest.skip(f"no sandbox here: {problem}")
    tmp = tmp_path_factory.mktemp("hostile")
    subs, out_dir = tmp / "submissions", tmp / "results"
    subs.mkdir()
    out_dir.mkdir()
    out = out_dir / "grades.csv"
    paths = {"submissions": subs, "out": out}
    files: dict[str, Path] = {}
    for name, content in hostile_cases(paths).items():
        path = subs / f"{name}_{STEM}.ipynb"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            nbformat.write(content, path)
        files[name] = path
    honest, stub = _honest_copy(tmp)
    files["honest"] = subs / f"honest_{STEM}.ipynb"
    nbformat.write(honest, files["honest"])
    files["victim"] = subs / f"{MARK}-victim_{STEM}.ipynb"
    nbformat.write(stub, files["victim"])
    for name, code in FUNCTIONS.items():
        files[name] = subs / f"{name}_{CH3.stem}.ipynb"
        nbformat.write(_notebook(_bank_import(CH3), code), files[name])
    files["no_chapter"] = subs / "essay_notes.ipynb"
    nbformat.write(_notebook("print(1)"), files["no_chapter"])
    (subs / "reader").mkdir()
    files["answers_ok"] = subs / "reader" / f"answers-{KEY}.json"
    files["answers_ok"].write_bytes(_answers_file(KEY, {
        "one_channels": {"kind": "single_choice", "value": 0},
        "one_share_fall_pct": {"kind": "numeric", "value": "99"}}))
    files["answers_malformed"] = subs / "malformed-answers.json"
    files["answers_malformed"].write_bytes(_answers_file(KEY, {"one_channels": {"kind": "single_choice"}})[:-1]
                                           + b', "grades": {"one_channels": "correct"}}')
    files["answers_other_chapter"] = subs / f"other_{STEM}.json"
    files["answers_other_chapter"].write_bytes(_answers_file("two", {}))
    files["answers_too_large"] = subs / f"large-answers-{KEY}.json"
    files["answers_too_large"].write_bytes(_answers_file(KEY, {"one_reflect_failed": {
        "kind": "reflection", "value": "x" * (3 * 1024 * 1024)}}))
    before_files = {p: p.read_bytes() for p in subs.rglob("*") if p.is_file()}
    course_before = _course_hash()
    tmp_before = set(os.listdir("/tmp"))
    env = dict(os.environ, GRADER_SECRET=f"{MARK}-secret", PYTHONPATH=str(ROOT))
    start = time.monotonic()
    # Longest first, so that two workers finish together (the order changes no result).
    slow = ["freeze_runner", "honest", "victim", "cell_timeout", "swallow_timeout", "print_200mb", "fork_bomb"]
    order = [files[n] for n in slow] + [p for n, p in files.items() if n not in slow]
    proc = subprocess.run([sys.executable, "-m", "exercises", "grade", *map(str, order),
                           "--out", str(out), "--jobs", "3", *LIMITS],
                          cwd=tmp, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - start
    time.sleep(4)  # the setsid child of rewrite_grades_later would strike now
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    if os.environ.get("HOSTILE_TIMINGS"):
        print(proc.stderr)
    return {"proc": proc, "rows": rows, "files": files, "out": out, "subs": subs, "tmp": tmp,
            "seconds": seconds, "before_files": before_files, "course_before": course_before,
            "tmp_before": tmp_before, "out_text": out.read_text()}


def rows_of(batch, name: str) -> dict[str, dict]:
    sub = str(batch["files"][name])
    return {r["question"]: r for r in batch["rows"] if r["submission"] == sub}


def points(batch, name: str) -> int:
    return sum(int(r["points"]) for r in rows_of(batch, name).values())


CHEATS = ["patch_check", "patch_bank", "read_answers", "exec_solutions", "forged_hook", "delete_others",
          "rewrite_grades_later", "append_engine", "proc_cmdline", "os_exit", "segfault", "cell_timeout",
          "swallow_timeout", "alloc_3gib", "print_200mb", "fork_bomb", "network", "write_outside",
          "hostile_objects", "huge_answer", "evil_kernelspec", "sys_exit_everywhere", "escape_namespaces",
          "freeze_runner", "invalid_json",
          "not_a_notebook_text", "no_chapter"]


def test_the_batch_is_complete_and_says_some_errored(batch):
    assert batch["proc"].returncode == 1, batch["proc"].stderr[-3000:]
    graded = {r["submission"] for r in batch["rows"]}
    assert graded == {str(p) for p in batch["files"].values()}
    assert len(CHEATS) >= 20


@pytest.mark.parametrize("name", CHEATS)
def test_no_cheat_scores(batch, name):
    mine = rows_of(batch, name)
    assert mine, f"{name} has no rows"
    assert points(batch, name) == 0, {q: (r["status"], r["message"]) for q, r in mine.items()}


@pytest.mark.parametrize("name", ["read_answers", "exec_solutions", "delete_others", "append_engine",
                                  "proc_cmdline", "network", "write_outside", "fork_bomb", "escape_namespaces"])
def test_what_the_sandbox_let_it_reach(batch, name):
    message = rows_of(batch, name)["one_share_fall_pct"]["message"]
    assert "'SAFE'" in message, message


def test_honest_submission_gets_todays_grades(batch):
    mine = rows_of(batch, "honest")
    assert mine["one_share_fall_pct"]["status"] == "correct"
    assert mine["one_per_capita_2003"]["status"] == "incorrect" and "133" in mine["one_per_capita_2003"]["message"]
    assert mine["one_self_sufficiency_fall"]["status"] == "incorrect"
    assert mine["one_top500_change"]["status"] == "correct"


def test_honest_grades_equal_the_live_notebook_s_own_checks(batch):
    """Today's grade of an honest submission is what its own check cells say in a live kernel
    with the real banks: the grader, checking outside, says exactly the same."""
    from exercises.notebooks.results import feedback
    from exercises.notebooks.run import run_notebook
    live = run_notebook(batch["files"]["honest"], allow_errors=True, cell_timeout=120)
    said = {d["qid"]: (d["status"], d["message"]) for _, d in feedback(live.notebook)}
    mine = rows_of(batch, "honest")
    assert set(said) == set(mine)
    assert {q: (r["status"], r["message"]) for q, r in mine.items()} == said


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_function_tasks_are_called_inside_and_checked_outside(batch, name):
    """The function runs in the sandbox on the task's inputs; its outputs, checked by the real
    bank, give the verdict the bank gives the function itself."""
    from exercises.grading.course import Course
    namespace: dict = {}
    exec(FUNCTIONS[name], namespace)
    fb = Course(ROOT).bank("two")["two_dependency_ratio"].check(namespace["dependency_ratio"])
    row = rows_of(batch, name)["two_dependency_ratio"]
    assert (row["status"], row["message"]) == (fb.status, fb.message)
    assert row["status"] == ("correct" if name == "fn_right" else "incorrect")


def test_other_submissions_are_unaffected(batch):
    victim = rows_of(batch, "victim")
    assert {r["status"] for r in victim.values()} == {"not_attempted"}
    for path, content in batch["before_files"].items():
        assert path.read_bytes() == content, f"{path} changed"


def test_the_course_tree_is_byte_identical(batch):
    assert _course_hash() == batch["course_before"]


def test_no_file_was_written_outside_the_sandbox(batch):
    # The victim's own file (and the grader's feedback file for it) carry the mark by design.
    leftovers = [p for p in batch["tmp"].rglob(f"*{MARK}*") if "-victim" not in p.name]
    assert not leftovers
    assert not [n for n in set(os.listdir("/tmp")) - batch["tmp_before"] if MARK in n]
    assert not list(Path.home().glob(f"*{MARK}*"))
    assert f"correct,1,{MARK}" not in batch["out"].read_text()  # the setsid child's forged row
    assert batch["out"].read_text() == batch["out_text"]  # nobody rewrote it after the grader exited


def test_no_process_is_left_behind(batch):
    alive = []
    for p in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = p.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if MARK in text or SLEEP in text:
            alive.append(text.replace("\0", " "))
    assert not alive


@pytest.mark.parametrize("name, words", [
    ("os_exit", "kernel died at cell 3"),
    ("segfault", "kernel died at cell 2"),
    ("cell_timeout", "timed out at cell 2"),
    ("swallow_timeout", "timed out at cell 2"),
    ("freeze_runner", "was stopped"),
    ("invalid_json", "not a notebook"),
    ("not_a_notebook_text", "not a notebook"),
    ("no_chapter", "no such chapter"),
    ("answers_malformed", "not a valid answers file"),
    ("answers_other_chapter", "another chapter"),
    ("answers_too_large", "more than"),
])
def test_errors_say_why(batch, name, words):
    mine = rows_of(batch, name)
    assert {r["status"] for r in mine.values()} == {"error"}
    assert all(words in r["message"] for r in mine.values()), [r["message"] for r in mine.values()]


def test_limits_are_named_where_they_bit(batch):
    assert "ran out of memory" in rows_of(batch, "alloc_3gib")["one_per_capita_2003"]["message"]
    assert "output cut" in rows_of(batch, "print_200mb")["one_share_fall_pct"]["message"]
    assert rows_of(batch, "huge_answer")["one_top500_change"]["status"] == "invalid"


def test_answers_file_is_graded_like_a_notebook(batch):
    mine = rows_of(batch, "answers_ok")
    assert {r["student"] for r in mine.values()} == {"reader"}
    assert mine["one_channels"]["status"] in ("correct", "incorrect")
    assert mine["one_share_fall_pct"]["status"] == "incorrect"
    assert mine["one_gross_net"]["status"] == "not_attempted"
    assert "one_reflect_failed" not in mine  # reflections are read, not graded

