"""The course as the grader sees it: chapters, their checks, and the student course tree.

The *student course tree* is what a sandbox may see of the course: the engine and course
packages and the data, with every chapter's bank module replaced by a record-only bank (see
:mod:`exercises.grading.record`) and a manifest holding, per question, its id, its kind and
what is needed to record an answer. No answer, solution, notebook or test is in it.
"""
from __future__ import annotations

import ast
import compileall
import importlib
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .answer_json import record_spec

CHECK_TAG = "check"
# bank["id"].check(<expression>) — the expression is what the student's code must produce.
_CHECK_CALL = re.compile(r'^bank\["([^"]+)"\]\.check\((.+)\)\s*$', re.M)
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


@dataclass(frozen=True)
class Chapter:
    key: str             # the bank key: intro, one, ...
    notebook: Path       # the solution notebook
    bank_module: str     # the module defining the chapter's `bank`

    @property
    def stem(self) -> str:
        return self.notebook.stem


def _registry(root: Path) -> list[Chapter]:
    """Chapters in course order, from the configured course's chapter registry."""
    from ..course import chapters
    return [Chapter(c.key, Path(c.notebook_path), c.bank_module) for c in chapters()]


def _package_dir(package: str) -> Path:
    return Path(importlib.import_module(package).__file__).resolve().parent


class Course:
    def __init__(self, root: Path | None = None):
        self.chapters = {c.key: c for c in _registry(Path(root or "."))}
        first = next(iter(self.chapters.values()))
        # The course's root: the folder holding its packages (and data/), wherever it is run from.
        self.root = Path(root).resolve() if root else _package_dir(first.bank_module.split(".")[0]).parent
        self._banks: dict = {}
        self._checks: dict = {}

    # ---------------------------------------------------------------- chapters
    def chapter_for_name(self, name: str) -> Chapter | None:
        """The chapter a submission's file name names: its notebook's stem, else ``chN``."""
        lowered = name.lower()
        for c in self.chapters.values():
            if c.stem.lower() in lowered:
                return c
        m = re.search(r"(?<![a-z0-9])(ch\d+)(?![0-9])", Path(lowered).name)
        if m:
            for c in self.chapters.values():
                if c.stem.lower().startswith(m.group(1) + "_") or c.stem.lower() == m.group(1):
                    return c
        return None

    def bank(self, key: str):
        if key not in self._banks:
            module = importlib.import_module(self.chapters[key].bank_module)
            self._banks[key] = module.bank
        return self._banks[key]

    def checks(self, key: str) -> list[tuple[str, str]]:
        """[(question id, expression)] of the solution notebook's check cells, in order."""
        if key not in self._checks:
            import nbformat
            nb = nbformat.read(self.chapters[key].notebook, as_version=4)
            found = []
            for cell in nb.cells:
                if cell.cell_type == "code" and CHECK_TAG in (cell.metadata.get("tags") or []):
                    found += _CHECK_CALL.findall(cell.source)
            for _qid, expression in found:
                ast.parse(expression, mode="eval")  # the course's own code: fail loudly if broken
            self._checks[key] = found
        return self._checks[key]

    def gradable(self, key: str) -> list:
        """Every auto-checked question of a chapter (what an answers file can answer)."""
        return [q for q in self.bank(key) if q.auto_checked]

    # ---------------------------------------------------------------- sandbox view
    def manifest(self, answer_bytes: int) -> dict:
        chapters = {}
        for key in self.chapters:
            chapters[key] = {"questions": [{"id": q.id, "kind": q.kind, "record": record_spec(q)}
                                           for q in self.bank(key)]}
        return {"format": "exercises-record-manifest", "version": 1, "answer_bytes": answer_bytes,
                "chapters": chapters}

    def _module_file(self, module: str) -> Path:
        spec = importlib.util.find_spec(module)
        return Path(spec.origin).resolve()

    def stage(self, dest: Path, answer_bytes: int) -> Path:
        """Write the student course tree into ``dest`` (see the module docstring)."""
        dest = Path(dest)
        bank_files = {self._module_file(c.bank_module): c for c in self.chapters.values()}
        bank_dirs = {p.parent for p in bank_files}
        packages = {"exercises"} | {c.bank_module.split(".")[0] for c in self.chapters.values()}
        staged = {_package_dir(p): dest / p for p in packages}

        def in_stage(path: Path) -> Path:
            for src, target in staged.items():
                if path.is_relative_to(src):
                    return target / path.relative_to(src)
            raise ValueError(f"{path} is outside the course's packages")

        for src, target in staged.items():
            shutil.copytree(src, target, ignore=_IGNORED)
        for bank_dir in bank_dirs:
            # Only the package marker stays: shared helpers of the banks may compute answers.
            target = in_stage(bank_dir)
            for p in target.iterdir():
                if p.name != "__init__.py":
                    shutil.rmtree(p) if p.is_dir() else p.unlink()
        for path, chapter in bank_files.items():
            in_stage(path).write_text(
                f'"""Record-only bank for chapter {chapter.key!r} (grading sandbox): checks only record."""\n'
                "from exercises.grading.record import record_bank\n\n"
                f"bank = record_bank({chapter.key!r})\n", encoding="utf-8")
        data = self.root / "data"
        if data.is_dir():
            shutil.copytree(data, dest / "data", ignore=_IGNORED)
        (dest / "exercises" / "grading" / "manifest.json").write_text(
            json.dumps(self.manifest(answer_bytes), sort_keys=True), encoding="utf-8")
        # Compiled once here: inside, the tree is read-only and every kernel would compile it again.
        compileall.compile_dir(dest, quiet=1)
        return dest

    def record_cell(self, key: str) -> str:
        """The cell the grader appends to a submission: record each checked expression."""
        lines = ["from exercises.grading.record import record_answers as __record_answers",
                 f"__record_answers({key!r}, {{"]
        lines += [f"    {qid!r}: lambda: ({expression})," for qid, expression in self.checks(key)]
        lines.append("})")
        return "\n".join(lines)
