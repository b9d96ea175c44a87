"""Reader-facing names for the values of the claims table's ``section`` and ``flag`` enums.

Kept apart from :mod:`northeast.data` so that the book's build (``_ext/course_pages.py``) can name
sections and flags without importing pandas.
"""
from __future__ import annotations

SECTION_NAMES = {
    "introduction": "Translator's introduction",
    "summary": "Summary points",
    "one": "Section One",
    "two": "Section Two",
    "three": "Section Three",
    "four": "Section Four",
}
FLAG_LABELS = {
    "unit_slip": "unit slip",
    "sum_mismatch": "parts ≠ total",
    "ratio_mismatch": "ratio doesn't compute",
    "conversion_mismatch": "USD conversion off",
    "statement_mismatch": "contradicts another statement",
}
