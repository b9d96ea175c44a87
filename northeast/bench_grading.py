"""`make bench` (grading part): seconds per submission at --jobs 1 and --jobs 2.

Grades the same class of student copies of chapter 2 (some answers filled in, as a student would)
twice, in the sandbox when bubblewrap can start here (otherwise with --no-sandbox, and says so),
and prints wall-clock seconds per submission. Measured, never asserted.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "book" / "ch2_support_and_results.ipynb"
ANSWERS = {
    "share_fall_pct": 'c = claims.set_index("id")["value"]\n'
                      'share_fall_pct = (c["gdp_share_northeast_2002"] - c["gdp_share_northeast_2022"]) '
                      '/ c["gdp_share_northeast_2002"] * 100',
    "ratio_2003": "ratio_2003 = 133",
}


def make_class(folder: Path, students: int) -> list[Path]:
    import nbformat
    from exercises.student import write_student_copies
    paths = []
    for i in range(students):
        [copy] = write_student_copies([CHAPTER], folder / f"student{i + 1:02d}")
        nb = nbformat.read(copy, as_version=4)
        for name, code in list(ANSWERS.items())[: 1 + i % 2]:
            cell = next(c for c in nb.cells if c.cell_type == "code" and f"{name} = ..." in c.source)
            cell.source = code
        nbformat.write(nb, copy)
        paths.append(copy)
    return paths


def seconds_per_submission(paths: list[Path], jobs: int, sandbox: bool, out: Path) -> float:
    from exercises.grading.command import grade_main
    args = [*map(str, paths), "--out", str(out), "--jobs", str(jobs), "--course", str(ROOT)]
    if not sandbox:
        args.append("--no-sandbox")
    start = time.monotonic()
    with contextlib.redirect_stderr(io.StringIO()):
        code = grade_main(args)
    if code not in (0, 1):
        raise SystemExit(f"grading failed (exit {code})")
    return (time.monotonic() - start) / len(paths)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northeast.bench_grading")
    parser.add_argument("--students", type=int, default=4, help="submissions graded per run (default 4)")
    args = parser.parse_args(argv)
    from exercises.grading.sandbox import probe
    problem = probe()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        paths = make_class(Path(tmp) / "submissions", args.students)
        where = "in the bubblewrap sandbox" if problem is None else f"WITHOUT a sandbox ({problem})"
        print(f"grading {len(paths)} submissions of {CHAPTER.name} {where}")
        for jobs in (1, 2):
            s = seconds_per_submission(paths, jobs, problem is None, Path(tmp) / f"grades-{jobs}.csv")
            print(f"  --jobs {jobs}: {s:.1f} s per submission")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
