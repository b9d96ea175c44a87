"""Grading a batch of submissions: every submission gets its rows, whatever it does.

A notebook runs in its own sandbox (:mod:`.sandbox`) against the student course tree, with the
course's record cell appended; the grader then checks the recorded values here, in its own
process, with the real banks. An answers file from the book is data: validated, then checked
the same way, with no kernel. Anything that stops a submission from being graded becomes rows
with status ``error`` and the reason; the batch goes on.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..course import course_name
from .answer_json import Missing, answer_from_record
from .course import Chapter, Course
from .sandbox import MiB, Limits, Sandbox, SandboxRun

NO_SANDBOX_NOTE = "[graded without a sandbox] "
MAX_NOTEBOOK_MB = 20


@dataclass
class Row:
    submission: str
    student: str
    chapter: str
    question: str
    status: str   # correct | incorrect | not_attempted | invalid | error
    points: int
    message: str

    FIELDS = ("submission", "student", "chapter", "question", "status", "points", "message")

    def as_list(self) -> list:
        return [getattr(self, f) for f in self.FIELDS]


@dataclass
class Submission:
    path: Path
    name: str          # as given on the command line: the stable key of shards and results
    student: str
    chapter: Chapter | None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --------------------------------------------------------------------- naming
def _strip_separators(text: str) -> str:
    return text.strip(" _-.")


def student_key(path: Path, chapter: Chapter | None, chapter_keys=()) -> str:
    """The student a file belongs to: what's left of its name besides the chapter (and, in an
    answers file's name such as ``answers-one``, the word and the chapter key), else its folder."""
    stem = path.stem
    if chapter is not None:
        i = stem.lower().find(chapter.stem.lower())
        if i >= 0:
            stem = stem[:i] + stem[i + len(chapter.stem):]
        else:  # named by its number only: alice_ch2
            stem = re.sub(r"(?i)(?<![a-z0-9])" + re.escape(chapter.stem.split("_")[0]) + r"(?![0-9])", "", stem)
    words = [w for w in re.split(r"[-_. ]+", stem) if w]
    if any(w.lower() == "answers" for w in words):
        words = [w for w in words if w.lower() != "answers" and w not in chapter_keys]
        stem = "-".join(words)
    rest = _strip_separators(stem)
    if rest:
        return rest
    parent = path.resolve().parent.name
    return parent or path.stem


def in_shard(name: str, shard: tuple[int, int] | None) -> bool:
    """Stable: the same file name lands in the same shard on every machine and every run."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(name.replace(os.sep, "/").encode()).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


# --------------------------------------------------------------------- grading
class Grader:
    def __init__(self, course: Course, limits: Limits, *, sandbox: bool = True,
                 roster: dict[str, str] | None = None, notebooks: bool = True):
        self.course = course
        self.limits = limits
        self.use_sandbox = sandbox
        self.roster = roster or {}
        self.unknown_students: set[str] = set()
        self._tmp = Path(tempfile.mkdtemp(prefix="exercises-grading-"))  # private: mode 0700
        self.course_tree = self.sandbox = None
        if notebooks:  # answers files need neither the student course tree nor a sandbox
            self.course_tree = course.stage(self._tmp / "course", limits.answer_kb * 1024)
            if sandbox:
                self.sandbox = Sandbox(self.course_tree, limits)  # SandboxUnavailable: refuse now

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- identifying
    def identify(self, path: Path, name: str) -> Submission:
        # None for an answers file whose name names no chapter: the file says it inside.
        chapter = self.course.chapter_for_name(path.name)
        key = student_key(path, chapter, tuple(self.course.chapters))
        student = self.roster.get(key)
        if student is None:
            student = key
            if self.roster:
                self.unknown_students.add(key)
        return Submission(path, name, student, chapter)

    # ---- rows
    def _row(self, sub: Submission, question: str, status: str, message: str, chapter=None) -> Row:
        if not self.use_sandbox and sub.path.suffix.lower() == ".ipynb":
            message = NO_SANDBOX_NOTE + message
        key = chapter.key if chapter else (sub.chapter.key if sub.chapter else "")
        return Row(sub.name, sub.student, key, question, status, 1 if status == "correct" else 0, message)

    def _error_rows(self, sub: Submission, why: str, chapter: Chapter | None = None) -> list[Row]:
        chapter = chapter or sub.chapter
        if chapter is None:
            qids = [""]
        elif sub.path.suffix.lower() == ".json":  # an answers file answers every gradable question
            qids = [q.id for q in self.course.gradable(chapter.key)]
        else:
            qids = [q for q, _ in self.course.checks(chapter.key)]
        return [self._row(sub, q, "error", why, chapter) for q in qids]

    def _checked_row(self, sub: Submission, chapter: Chapter, qid: str, answer) -> Row:
        question = self.course.bank(chapter.key)[qid]
        try:
            value = answer_from_record(question, answer)
            if isinstance(value, Missing):
                return self._row(sub, qid, "not_attempted", value.why, chapter)
            fb = question.check(value)
            return self._row(sub, qid, str(fb.status), str(fb.message), chapter)
        except Exception as exc:  # a bug in a check must not stop the batch
            return self._row(sub, qid, "error", f"the grader could not check this answer "
                             f"({type(exc).__name__}: {exc})", chapter)

    # ---- one submission
    def grade(self, sub: Submission) -> Submission:
        start = time.monotonic()
        try:
            suffix = sub.path.suffix.lower()
            if not sub.path.is_file():
                sub.rows = self._error_rows(sub, "not a file that can be read")
            elif suffix == ".json":
                from .answers_file import grade_answers_file
                grade_answers_file(self, sub)
            elif suffix != ".ipynb":
                sub.rows = self._error_rows(sub, "not a notebook (.ipynb) or an answers file (.json)")
            elif sub.chapter is None:
                names = ", ".join(c.notebook.name for c in self.course.chapters.values())
                sub.rows = self._error_rows(sub, f"no such chapter: the file name {sub.path.name!r} "
                                            f"names none of the chapter notebooks ({names})")
            else:
                self._grade_notebook(sub)
        except Exception as exc:  # the batch always finishes
            sub.rows = self._error_rows(sub, f"the grader failed on this submission "
                                        f"({type(exc).__name__}: {exc})")
        sub.seconds = time.monotonic() - start
        return sub

    def _grade_notebook(self, sub: Submission) -> None:
        import nbformat
        size = sub.path.stat().st_size
        if size > MAX_NOTEBOOK_MB * MiB:
            sub.rows = self._error_rows(sub, f"the notebook is {size / MiB:.0f} MB, more than "
                                        f"{MAX_NOTEBOOK_MB} MB")
            return
        raw = sub.path.read_bytes()
        try:
            nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
            if not isinstance(nb.get("cells"), list):
                raise ValueError("it has no list of cells")
        except Exception as exc:
            why = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            sub.rows = self._error_rows(sub, f"not a notebook: the file isn't valid notebook JSON ({why})")
            return
        key = sub.chapter.key
        checks = self.course.checks(key)
        job = {"questions": [q for q, _ in checks], "record_cell": self.course.record_cell(key)}
        run = self.sandbox.run(raw, job) if self.sandbox else self._run_unsandboxed(raw, job)
        self._rows_from_run(sub, run, checks)

    def _run_unsandboxed(self, raw: bytes, job: dict) -> SandboxRun:
        lim = self.limits
        work = Path(tempfile.mkdtemp(prefix="work-", dir=self._tmp))
        (work / "submission.ipynb").write_bytes(raw)
        env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(work),
               "LANG": "C.UTF-8", "PYTHONPATH": str(self.course_tree), "PYTHONHASHSEED": "0",
               "EXERCISES_COURSE": course_name() or "",
               "JUPYTER_RUNTIME_DIR": str(work / ".jupyter"), "IPYTHONDIR": str(work / ".ipython"),
               "JUPYTER_PLATFORM_DIRS": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
        job = dict(job, limits=lim.as_dict(), enforce_nproc=False)

        def limit_child():
            resource.setrlimit(resource.RLIMIT_AS, (lim.memory_mb * MiB,) * 2)
            resource.setrlimit(resource.RLIMIT_FSIZE, (lim.file_mb * MiB,) * 2)
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-B", "-m", "exercises.grading.inside"], cwd=work, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                preexec_fn=limit_child, start_new_session=True)
        killed = False
        try:
            out, _ = proc.communicate(json.dumps(job).encode(), timeout=lim.timeout * 1.1 + 5)
        except subprocess.TimeoutExpired:
            killed = True
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever the notebook left running in its group
        except ProcessLookupError:
            pass
        shutil.rmtree(work, ignore_errors=True)
        from .sandbox import _parse_result
        return SandboxRun(_parse_result(out[: 8 * MiB]), proc.returncode, killed, "", time.monotonic() - start)

    def _rows_from_run(self, sub: Submission, run: SandboxRun, checks) -> None:
        lim = self.limits
        result = run.result
        if run.killed_on_timeout:
            sub.rows = self._error_rows(sub, f"timed out: the notebook ran longer than {lim.timeout:g} s "
                                        "and was stopped")
            return
        if result is None or not isinstance(result, dict):
            why = "; ".join(run.problems) or "the notebook's run ended without a result"
            if run.returncode is not None and run.returncode < 0:
                why += f" (stopped by signal {-run.returncode})"
            sub.rows = self._error_rows(sub, why)
            return
        timeout = result.get("timeout")
        if isinstance(timeout, dict):
            cell = _cell_number(timeout.get("cell"), result)
            if timeout.get("scope") == "notebook":
                why = f"timed out at cell {cell}: the notebook ran longer than {lim.timeout:g} s"
            else:
                why = f"timed out at cell {cell}: it ran longer than {lim.cell_timeout:g} s"
            sub.rows = self._error_rows(sub, why)
            return
        died = result.get("kernel_died")
        if isinstance(died, dict):
            cell = _cell_number(died.get("cell"), result)
            sub.rows = self._error_rows(sub, f"the kernel died at cell {cell} (it crashed, exited, or "
                                        f"went over the {lim.memory_mb} MiB memory limit)")
            return
        if result.get("failed"):
            sub.rows = self._error_rows(sub, f"the notebook could not be run ({str(result['failed'])[:300]})")
            return
        notes = []
        for err in result.get("errors") or []:
            if isinstance(err, dict) and err.get("ename") == "MemoryError":
                notes.append(f"cell {_cell_number(err.get('cell'), result)} ran out of memory "
                             f"(limit {lim.memory_mb} MiB)")
        cut = result.get("output_cut") or []
        if cut:
            notes.append(f"output cut after {lim.output_kb} KB (from cell {_cell_number(cut[0], result)})")
        sub.notes = notes
        answers = result.get("answers") if isinstance(result.get("answers"), dict) else {}
        refused = result.get("not_recorded") if isinstance(result.get("not_recorded"), dict) else {}
        rows = []
        for qid, _expr in checks:
            rec = answers.get(qid)
            if isinstance(rec, dict) and "answer" in rec:
                row = self._checked_row(sub, sub.chapter, qid, rec["answer"])
            elif qid in refused:
                row = self._row(sub, qid, "invalid", str(refused[qid])[:300])
            else:
                row = self._row(sub, qid, "error", "the grader's record cell recorded no answer for "
                                "this question (did the notebook hide its output?)")
            if notes and row.status != "correct":
                row.message += " (note: " + "; ".join(notes) + ")"
            rows.append(row)
        sub.rows = rows


def _cell_number(index, result) -> str:
    """A cell as a person counts it (1-based); the grader's own record cell is 'the last cell'."""
    if not isinstance(index, int):
        return "?"
    if index >= int(result.get("cells", 10 ** 9)):
        return "the grader's check (after the last cell)"
    return str(index + 1)


def grade_batch(paths: list[Path], names: list[str], course: Course, limits: Limits, *,
                sandbox: bool = True, jobs: int = 1, roster: dict[str, str] | None = None,
                progress=None) -> tuple[list[Submission], set[str]]:
    """Grade every submission (in parallel with ``jobs`` sandboxes); results in input order."""
    notebooks = any(Path(p).suffix.lower() not in (".json",) for p in paths)
    with Grader(course, limits, sandbox=sandbox, roster=roster, notebooks=notebooks) as grader:
        subs = [grader.identify(p, n) for p, n in zip(paths, names)]
        # The real banks load (and read the data) once, before any thread needs them.
        for key in course.chapters:
            course.bank(key)
            course.checks(key)
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for sub in pool.map(grader.grade, subs):
                if progress:
                    progress(sub)
        return subs, grader.unknown_students
