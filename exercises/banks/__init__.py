"""Registry of the per-chapter question banks.

Each chapter module (written by the chapter authors) defines a module-level
``bank = Bank(chapter, title, [...])``. Modules are imported lazily so a
missing or unfinished chapter never breaks the others.
"""

from __future__ import annotations

import importlib
import sys
from typing import Callable, Iterator

# chapter key -> module name; the order is the course order.
CHAPTER_BANKS = {
    "intro": "exercises.banks.intro",
    "one": "exercises.banks.one",
    "two": "exercises.banks.two",
    "three": "exercises.banks.three",
    "four": "exercises.banks.four",
    "numbers": "exercises.banks.numbers",
}


class BankMissing(LookupError):
    """The chapter's bank module has not been written yet."""


def load_bank(chapter: str):
    """Import and return the chapter's ``bank``; BankMissing if the module doesn't exist."""
    from ..core import Bank
    if chapter not in CHAPTER_BANKS:
        raise KeyError(f"unknown chapter {chapter!r}; known: {', '.join(CHAPTER_BANKS)}")
    name = CHAPTER_BANKS[chapter]
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:  # the bank itself is missing, not one of its imports
            raise BankMissing(f"{name} is not written yet") from None
        raise
    bank = getattr(module, "bank", None) or getattr(module, "BANK", None)
    if not isinstance(bank, Bank):
        raise TypeError(f"{name} must define `bank = Bank(...)`")
    if bank.chapter != chapter:
        raise ValueError(f"{name}: bank.chapter is {bank.chapter!r}, registered as {chapter!r}")
    return bank


def iter_banks(on_problem: Callable[[str, str], None] | None = None) -> Iterator:
    """Yield (chapter, bank) for every registered bank that loads.

    Missing or broken modules are skipped; ``on_problem(chapter, note)`` hears
    about them (default: a note on stderr).
    """
    if on_problem is None:
        on_problem = lambda ch, note: print(f"note: chapter {ch!r}: {note}", file=sys.stderr)  # noqa: E731
    for chapter in CHAPTER_BANKS:
        try:
            yield chapter, load_bank(chapter)
        except BankMissing as exc:
            on_problem(chapter, f"{exc} (skipped)")
        except Exception as exc:
            on_problem(chapter, f"failed to load: {type(exc).__name__}: {exc}")
