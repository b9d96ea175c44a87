"""The worked code of a question, read from its solution notebook (the one copy of it).

Convention (exercises/README.md): a code cell tagged ``check`` calls ``bank["<id>"].check(...)``
right after the code cell tagged ``solution`` that computes the answer; that solution cell's
source is the question's solution code.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_CHECKED_ID = re.compile(r"""\[\s*["']([A-Za-z][\w\-]*)["']\s*\]\s*\.check\s*\(""")


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


@lru_cache(maxsize=32)
def _solutions(path: str, mtime_ns: int) -> dict[str, str]:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    last_solution = None
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        tags = _tags(cell)
        if "solution" in tags:
            last_solution = _source(cell)
        elif "check" in tags:
            for qid in _CHECKED_ID.findall(_source(cell)):
                if last_solution is not None:
                    found.setdefault(qid, last_solution)
        else:
            last_solution = None
    return found


def solution_code(notebook: str | Path, qid: str) -> str:
    """The source of the ``solution`` cell checked for ``qid`` ("" if there is none)."""
    path = Path(notebook)
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _solutions(str(path.resolve()), stat.st_mtime_ns).get(qid, "")
