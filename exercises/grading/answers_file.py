"""Answers files from the book ("Download my answers") as submissions.

The file is data, never code: no kernel and no sandbox. It is read with a size limit, parsed as
JSON, validated against ``exercises/front/answers.schema.json``, and must be for one known
chapter (the one its file name names, if it names one) and only that chapter's questions.
Each answer is then checked exactly as a notebook's recorded answer is.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

SCHEMA = Path(__file__).resolve().parent.parent / "front" / "answers.schema.json"
MAX_FILE_KB = 2048


@lru_cache(maxsize=1)
def _validator():
    import jsonschema
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"the key {next(k for k in keys if keys.count(k) > 1)!r} appears twice")
    return dict(pairs)


def read_answers_file(path: Path, answer_bytes: int) -> dict:
    """The parsed, validated file; ValueError with a reason a student understands otherwise."""
    size = path.stat().st_size
    if size > MAX_FILE_KB * 1024:
        raise ValueError(f"the answers file is {size // 1024} KB, more than {MAX_FILE_KB} KB")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"not an answers file: invalid JSON ({str(exc)[:200]})") from None
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "the top level"
        raise ValueError(f"not a valid answers file: at {where}: {first.message[:200]}")
    for qid, entry in data["answers"].items():
        if len(json.dumps(entry["value"])) > answer_bytes:
            raise ValueError(f"the answer to {qid} is larger than the {answer_bytes // 1024} KB "
                             "an answer may be")
    return data


def grade_answers_file(grader, sub) -> None:
    course = grader.course
    try:
        data = read_answers_file(sub.path, grader.limits.answer_kb * 1024)
    except ValueError as exc:
        sub.rows = grader._error_rows(sub, str(exc))
        return
    key = data["chapter"]
    chapter = course.chapters.get(key)
    if chapter is None:
        sub.rows = grader._error_rows(sub, f"no such chapter {key!r} (chapters: {', '.join(course.chapters)})")
        return
    if sub.chapter is not None and sub.chapter.key != key:
        sub.rows = grader._error_rows(sub, f"the answers are for another chapter ({key!r}), but the "
                                      f"file name says chapter {sub.chapter.key!r}", sub.chapter)
        return
    sub.chapter = chapter
    bank = course.bank(key)
    strangers = [qid for qid in data["answers"] if qid not in bank]
    if strangers:
        sub.rows = grader._error_rows(sub, f"the file answers questions that aren't in chapter {key!r} "
                                      f"({', '.join(sorted(strangers)[:5])}): is it for another chapter?")
        return
    rows = []
    for question in course.gradable(key):
        entry = data["answers"].get(question.id)
        if entry is None:
            rows.append(grader._row(sub, question.id, "not_attempted", "no answer in the file", chapter))
        elif entry["kind"] != question.kind:
            rows.append(grader._row(sub, question.id, "invalid", f"the file says this is a "
                                    f"{entry['kind']!r} question; it is a {question.kind!r} question",
                                    chapter))
        else:
            rows.append(grader._checked_row(sub, chapter, question.id, entry["value"]))
    sub.rows = rows
