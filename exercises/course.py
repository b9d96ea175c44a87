"""Which course the engine serves: found by configuration, never by name in the engine.

The course is a module with ``CHAPTERS``: records with ``key``, ``bank_module`` and
``notebook_path``, in course order (a course's chapter registry). It is named by the
``EXERCISES_COURSE`` environment variable, else by ``[tool.exercises] course = "..."`` in the
nearest ``pyproject.toml`` above the working directory (or above this package). Without one,
the engine still works on banks it is given; only the commands that list every chapter need it.
"""
from __future__ import annotations

import importlib
import os
import sys
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

ENV_VAR = "EXERCISES_COURSE"


class NoCourse(LookupError):
    """No course is configured (or its module can't be imported)."""


class BankMissing(LookupError):
    """The chapter's bank module has not been written yet."""


def _pyproject_settings(start: Path) -> dict | None:
    """``[tool.exercises]`` of the nearest pyproject.toml at or above ``start`` (None if none)."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                config = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                return None
            return config.get("tool", {}).get("exercises", {})
    return None


def settings() -> dict:
    """The engine's settings: ``[tool.exercises]`` found from the working directory, else from
    the tree this package sits in; {} when there are none."""
    for start in (Path.cwd(), Path(__file__).resolve().parent.parent):
        found = _pyproject_settings(start)
        if found:
            return found
    return {}


def course_name() -> str | None:
    """The configured course module's name, or None."""
    return os.environ.get(ENV_VAR) or settings().get("course")


@lru_cache(maxsize=4)
def _import(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise NoCourse(f"the course module {name!r} can't be imported: {exc}") from None


def chapters() -> list:
    """The configured course's chapter records (NoCourse if there is none)."""
    name = course_name()
    if not name:
        raise NoCourse(f"no course configured: set {ENV_VAR} or [tool.exercises] course in pyproject.toml")
    return list(_import(name).CHAPTERS)


def chapter_record(key: str):
    for record in chapters():
        if record.key == key:
            return record
    raise KeyError(f"unknown chapter {key!r}; known: {', '.join(r.key for r in chapters())}")


def notebook_for(key: str) -> Path | None:
    """The solution notebook of a chapter, or None when no course knows the chapter."""
    try:
        return Path(chapter_record(key).notebook_path)
    except (NoCourse, KeyError):
        return None


def load_bank_module(module_name: str, key: str | None = None):
    """Import a bank module and return its ``bank`` (BankMissing if the module doesn't exist)."""
    from .bank import Bank
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:  # the bank itself is missing, not one of its imports
            raise BankMissing(f"{module_name} is not written yet") from None
        raise
    bank = getattr(module, "bank", None)
    if not isinstance(bank, Bank):
        raise TypeError(f"{module_name} must define `bank = Bank(...)`")
    if key is not None and bank.chapter != key:
        raise ValueError(f"{module_name}: bank.chapter is {bank.chapter!r}, registered as {key!r}")
    return bank


def load_bank(key: str):
    """The configured course's bank for a chapter key."""
    return load_bank_module(chapter_record(key).bank_module, key)


def iter_banks(on_problem: Callable[[str, str], None] | None = None,
               records: list | None = None) -> Iterator:
    """Yield (chapter key, bank) for every chapter whose bank loads.

    Missing or broken modules are skipped; ``on_problem(key, note)`` hears about them
    (default: a note on stderr).
    """
    if on_problem is None:
        on_problem = lambda ch, note: print(f"note: chapter {ch!r}: {note}", file=sys.stderr)  # noqa: E731
    for record in (chapters() if records is None else records):
        try:
            yield record.key, load_bank_module(record.bank_module, record.key)
        except BankMissing as exc:
            on_problem(record.key, f"{exc} (skipped)")
        except Exception as exc:
            on_problem(record.key, f"failed to load: {type(exc).__name__}: {exc}")
