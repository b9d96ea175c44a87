"""Command line: ``python -m exercises list | student | check-solutions | grade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_list(args) -> int:
    from .course import NoCourse, iter_banks
    broken = []

    def note(chapter, text):
        print(f"note: chapter {chapter!r}: {text}", file=sys.stderr)
        if "failed to load" in text:
            broken.append(chapter)

    rows = []
    try:
        for chapter, bank in iter_banks(note):
            for q in bank:
                rows.append((chapter, q.id, q.kind, "auto" if q.auto_checked else "open", q.summary))
    except NoCourse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if rows:
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + "  " + r[4])
    else:
        print("no registered chapter banks could be loaded", file=sys.stderr)
    return 1 if broken else 0


def cmd_student(args) -> int:
    from .student import StudentCopyError, default_notebooks, write_student_copies
    notebooks = args.notebooks or default_notebooks()
    if not notebooks:
        print("no notebooks given and none found in book/", file=sys.stderr)
        return 2
    try:
        written = write_student_copies(notebooks, args.out)
    except StudentCopyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for p in written:
        print(f"wrote {p}")
    return 0


def cmd_check_solutions(args) -> int:
    from .student import check_solutions, default_notebooks
    notebooks = args.notebooks or default_notebooks()
    if not notebooks:
        print("no notebooks given and none found in book/", file=sys.stderr)
        return 2
    results = check_solutions(notebooks, timeout=args.timeout, kernel_name=args.kernel, jobs=args.jobs)
    for r in results:
        where = f"cell {r.cell}" if r.cell >= 0 else "notebook"
        line = f"{r.notebook}  {where}  {r.qid or '?'}  {r.status}"
        if not r.ok:
            line += f"  — {r.message}"
        print(line)
    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    print(f"check-solutions: {passed} passed, {failed} failed")
    return 1 if failed else 0


def cmd_grade(args) -> int:
    from .grade import GradingError, grade
    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    try:
        grade(args.submissions, args.solutions, out=out, timeout=args.timeout)
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.out:
            out.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m exercises",
                                     description="Course exercise tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="one line per question of every registered chapter bank")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("student", help="write student copies of solution notebooks")
    p.add_argument("--out", default="student", type=Path, help="output folder (default: student/)")
    p.add_argument("notebooks", nargs="*", type=Path, help="default: book/*.ipynb")
    p.set_defaults(func=cmd_student)
    p = sub.add_parser("check-solutions",
                       help="execute notebooks; every check cell must report Correct")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    p.add_argument("--kernel", default="python3", help="kernel name (default python3)")
    p.add_argument("--jobs", type=int, default=1, help="notebooks executed at once (default 1)")
    p.add_argument("notebooks", nargs="*", type=Path, help="default: book/*.ipynb")
    p.set_defaults(func=cmd_check_solutions)
    p = sub.add_parser("grade", help="grade submitted student notebooks against the solution notebooks "
                                     "(re-runs the course's checks; ignores what the submission printed)")
    p.add_argument("submissions", nargs="+", type=Path)
    p.add_argument("--solutions", default=Path("book"), type=Path,
                   help="folder of solution notebooks with the same file names (default: book/)")
    p.add_argument("--out", type=Path, help="CSV file to write (default: standard output)")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    p.set_defaults(func=cmd_grade)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
