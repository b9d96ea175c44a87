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
    # `grade` has its own parser (exercises/grading/command.py); listed here for --help.
    sub.add_parser("grade", add_help=False,
                   help="grade submissions in a sandbox; see `python -m exercises grade --help`")
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["grade"]:
        from .grading.command import grade_main
        return grade_main(argv[1:])
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
