"""``python -m exercises grade FILES... --out grades.csv`` and ``python -m exercises grade merge``.

Exit status: 0 when every submission was graded, 1 when some could not be (their rows say
``error`` and why; the results are still complete), 2 for usage errors.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from .sandbox import Limits

USAGE_ERROR, SOME_ERRORED, ALL_GRADED = 2, 1, 0


def _shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected K/N such as 2/5, got {text!r}") from None
    if not (n >= 1 and 1 <= k <= n):
        raise argparse.ArgumentTypeError(f"shard {text!r}: need 1 <= K <= N")
    return k, n


def _positive(kind):
    def parse(text):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
        return value
    return parse


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="the long CSV: one row per question")
    p.add_argument("--wide", type=Path, help="one row per student, one column per question "
                   "(default: <out>-by-student.csv)")
    p.add_argument("--feedback", type=Path, help="folder for one Markdown file per student "
                   "(default: <out>-feedback/)")
    p.add_argument("--roster", type=Path, help="CSV with columns key,student: `key` is what the grader "
                   "reads from a file or folder name, `student` the name to report (students without "
                   "a submission are listed too)")


def grade_parser() -> argparse.ArgumentParser:
    d = Limits()
    p = argparse.ArgumentParser(
        prog="python -m exercises grade",
        description="Grade submitted notebooks and answers files. Each notebook runs in a bubblewrap "
                    "sandbox against banks without answers; the grader checks the recorded answers "
                    "itself with the course's banks. `python -m exercises grade merge PARTS... --out "
                    "FILE` joins the long CSVs of shards.")
    p.add_argument("submissions", nargs="+", type=Path, help="notebooks (.ipynb) and answers files (.json)")
    _output_args(p)
    p.add_argument("--course", type=Path, help="the course's root folder (default: the one holding "
                   "the configured course's packages and data/)")
    p.add_argument("--jobs", type=_positive(int), default=1, help="submissions graded at once (default 1)")
    p.add_argument("--shard", type=_shard, help="grade only slice K of N (stable across machines), e.g. 2/5")
    p.add_argument("--no-sandbox", action="store_true",
                   help="grade without bubblewrap (only for submissions you trust; every row says so)")
    g = p.add_argument_group("limits per submission")
    g.add_argument("--timeout", type=_positive(float), default=d.timeout,
                   help=f"seconds for the whole notebook (default {d.timeout:g})")
    g.add_argument("--cell-timeout", type=_positive(float), default=d.cell_timeout,
                   help=f"seconds per cell (default {d.cell_timeout:g})")
    g.add_argument("--memory-mb", type=_positive(int), default=d.memory_mb,
                   help=f"memory per process in MiB (default {d.memory_mb})")
    g.add_argument("--output-kb", type=_positive(int), default=d.output_kb,
                   help=f"notebook output kept, in KB; the rest is cut with a note (default {d.output_kb})")
    g.add_argument("--file-mb", type=_positive(int), default=d.file_mb,
                   help=f"largest file a notebook may write, MiB (default {d.file_mb})")
    g.add_argument("--processes", type=_positive(int), default=d.processes,
                   help=f"processes and threads at once (default {d.processes})")
    g.add_argument("--answer-kb", type=_positive(int), default=d.answer_kb,
                   help=f"largest recorded answer, KB (default {d.answer_kb})")
    return p


def merge_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m exercises grade merge",
                                description="Join the long CSVs of `--shard` runs and rebuild every report.")
    p.add_argument("parts", nargs="+", type=Path, help="long CSVs written by the shards")
    _output_args(p)
    p.add_argument("--course", type=Path, help="the course's root folder (default: the one holding "
                   "the configured course's packages and data/)")
    return p


def _read_roster(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"key", "student"} <= set(reader.fieldnames):
                raise ValueError("needs the columns key,student")
            roster = {}
            for line in reader:
                key, student = (line["key"] or "").strip(), (line["student"] or "").strip()
                if key and student:
                    roster[key] = student
            return roster
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise SystemExit(_usage(f"--roster {path}: {exc}"))


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return USAGE_ERROR


def _course(root: Path):
    from .course import Course
    return Course(root)


def _finish(rows, args, course, roster) -> int:
    from .reports import summary, write_reports
    paths = write_reports(rows, args.out, wide=args.wide, feedback=args.feedback,
                          course_order=list(course.chapters), roster_students=list(dict.fromkeys(roster.values())))
    print(summary(rows), file=sys.stderr)
    print(f"wrote {paths['long']}, {paths['wide']} and {paths['feedback']}/", file=sys.stderr)
    return SOME_ERRORED if any(r.status == "error" for r in rows) else ALL_GRADED


def grade_main(argv: list[str]) -> int:
    if argv and argv[0] == "merge":
        return merge_main(argv[1:])
    try:
        args = grade_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and USAGE_ERROR
    from .batch import grade_batch, in_shard
    from .sandbox import SandboxUnavailable
    limits = Limits(timeout=args.timeout, cell_timeout=args.cell_timeout, memory_mb=args.memory_mb,
                    output_kb=args.output_kb, file_mb=args.file_mb, processes=args.processes,
                    answer_kb=args.answer_kb)
    try:
        roster = _read_roster(args.roster)
    except SystemExit as exc:
        return int(exc.code)
    names = [str(p) for p in args.submissions]
    if len(set(names)) != len(names):
        return _usage("a submission is named twice")
    chosen = [(p, n) for p, n in zip(args.submissions, names) if in_shard(n, args.shard)]
    course = _course(args.course)
    if args.no_sandbox:
        print("warning: grading WITHOUT a sandbox (--no-sandbox): a submission's code runs with your "
              "permissions; every result says so.", file=sys.stderr)
    try:
        subs, unknown = grade_batch([p for p, _ in chosen], [n for _, n in chosen], course, limits,
                                    sandbox=not args.no_sandbox, jobs=args.jobs, roster=roster,
                                    progress=lambda s: print(f"graded {s.name} ({s.seconds:.1f} s)",
                                                             file=sys.stderr))
    except SandboxUnavailable as exc:
        return _usage(f"{exc}")
    for key in sorted(unknown):
        print(f"warning: {key!r} is not in the roster; reported under that name", file=sys.stderr)
    rows = [r for s in subs for r in s.rows]
    return _finish(rows, args, course, roster)


def merge_main(argv: list[str]) -> int:
    try:
        args = merge_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and USAGE_ERROR
    from .reports import read_long_csv
    rows, owner = [], {}
    for i, part in enumerate(args.parts):
        try:
            part_rows = read_long_csv(part)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            return _usage(str(exc))
        for r in part_rows:
            if owner.setdefault(r.submission, i) != i:
                return _usage(f"{r.submission} is graded in both {args.parts[owner[r.submission]]} and {part}")
        rows += part_rows
    try:
        roster = _read_roster(args.roster)
    except SystemExit as exc:
        return int(exc.code)
    rows.sort(key=lambda r: r.submission)  # stable: each submission's rows keep their order
    return _finish(rows, args, _course(args.course), roster)
