"""What an instructor gets: long CSV, wide CSV for a gradebook, feedback per student, a summary.

Every report is a function of the long rows only, so ``grade merge`` rebuilds all of them from
the shards' long CSVs. Files are written atomically (a temporary file in the same folder, then
renamed), by the grader alone: no sandbox can see these paths.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

from .batch import Row

STATUS_WORDS = {"correct": "Correct", "incorrect": "Not quite", "not_attempted": "Not attempted",
                "invalid": "Can't check this", "error": "Not graded"}


def write_atomic(path: Path, text: str) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def long_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(Row.FIELDS)
    for r in rows:
        w.writerow(r.as_list())
    return out.getvalue()


def read_long_csv(path: Path) -> list[Row]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if tuple(header or ()) != Row.FIELDS:
            raise ValueError(f"{path}: not a grades CSV (expected the header {','.join(Row.FIELDS)})")
        return [Row(s, st, c, q, status, int(p), m) for s, st, c, q, status, p, m in reader]


def question_columns(rows: list[Row], course_order: list[str]) -> list[tuple[str, str]]:
    """(chapter, question) in course order, questions in the order they first appear."""
    seen: dict[tuple[str, str], None] = {}
    for r in rows:
        if r.question:
            seen.setdefault((r.chapter, r.question), None)
    rank = {k: i for i, k in enumerate(course_order)}
    return sorted(seen, key=lambda cq: (rank.get(cq[0], len(rank)), list(seen).index(cq)))


def wide_csv(rows: list[Row], course_order: list[str], roster_students: list[str] = ()) -> str:
    """One row per student, one column per question (best points over their submissions), total."""
    columns = question_columns(rows, course_order)
    points: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for r in rows:
        if r.question:
            cell = points[r.student]
            cell[(r.chapter, r.question)] = max(cell.get((r.chapter, r.question), 0), r.points)
    students = list(dict.fromkeys(list(roster_students) + sorted(points)))
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["student"] + [q for _, q in columns] + ["total"])
    for s in students:
        mine = points.get(s, {})
        w.writerow([s] + [mine.get(c, 0) for c in columns] + [sum(mine.values())])
    return out.getvalue()


def _safe_name(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", student).strip("._") or "student"


def feedback_markdown(student: str, rows: list[Row]) -> str:
    """What a student would see: statuses and messages, never a solution."""
    lines = [f"# Feedback for {student}", ""]
    if not rows:
        return "\n".join(lines + ["No submission was graded.", ""])
    by_sub: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_sub[r.submission].append(r)
    for submission, mine in by_sub.items():
        got = sum(r.points for r in mine)
        chapter = mine[0].chapter or "unknown chapter"
        lines += [f"## {Path(submission).name} (chapter {chapter}): {got} of {len(mine)} points", ""]
        for r in mine:
            label = r.question or "submission"
            lines.append(f"- **{label}** — {STATUS_WORDS.get(r.status, r.status)}: {r.message}")
        lines.append("")
    return "\n".join(lines)


def write_feedback(folder: Path, rows: list[Row], roster_students: list[str] = ()) -> list[Path]:
    by_student: dict[str, list[Row]] = defaultdict(list)
    for s in roster_students:
        by_student[s]
    for r in rows:
        by_student[r.student].append(r)
    written, used = [], set()
    for student, mine in by_student.items():
        name = _safe_name(student)
        while name in used:
            name += "_"
        used.add(name)
        path = Path(folder) / f"{name}.md"
        write_atomic(path, feedback_markdown(student, mine))
        written.append(path)
    return written


def summary(rows: list[Row]) -> str:
    by_sub: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_sub[r.submission].append(r)
    lines, errored = [], 0
    for submission, mine in by_sub.items():
        errors = [r for r in mine if r.status == "error"]
        got = sum(r.points for r in mine)
        line = f"{submission}  {mine[0].student}  {mine[0].chapter or '?'}  {got}/{len(mine)}"
        if errors:
            errored += 1
            line += f"  ERROR: {errors[0].message}"
        lines.append(line)
    lines.append(f"graded {len(by_sub)} submissions: {len(by_sub) - errored} complete, {errored} with errors")
    return "\n".join(lines)


def write_reports(rows: list[Row], out: Path, *, wide: Path | None, feedback: Path | None,
                  course_order: list[str], roster_students: list[str] = ()) -> dict[str, Path]:
    out = Path(out)
    wide = wide or out.with_name(out.stem + "-by-student.csv")
    feedback = feedback or out.with_name(out.stem + "-feedback")
    write_feedback(feedback, rows, roster_students)
    write_atomic(wide, wide_csv(rows, course_order, roster_students))
    write_atomic(out, long_csv(rows))  # last: its presence means the reports are complete
    return {"long": out, "wide": wide, "feedback": feedback}
