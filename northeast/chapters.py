"""The course's chapters: one record each, the only place a chapter's names are linked.

A chapter has four names (its bank key ``one``, its notebook ``book/ch2_support_and_results``,
the essay's "Section One" and the book's "Chapter 2"); everything that needs to go from one to
another reads this registry. The exercise engine finds it through ``[tool.exercises] course``
in pyproject.toml (it names no course module itself).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Chapter:
    key: str                  # the bank key, and the chapter's name in code
    number: int               # "Chapter N" in the book
    notebook: str             # path from the project root
    title: str                # the notebook's heading, without "Chapter N: "
    sections: tuple[str, ...] # claims.csv ``section`` values the chapter reads
    section_title: str        # the essay's own name for the part (empty for a skills chapter)
    charts: tuple[str, ...]   # names of the chart builders in northeast.charts, in page order

    @property
    def bank_module(self) -> str:
        return f"northeast.questions.{self.key}"

    @property
    def notebook_path(self) -> Path:
        return ROOT / self.notebook

    @property
    def page(self) -> str:
        """The built page, relative to the book's HTML root."""
        return str(Path(self.notebook).with_suffix(".html"))

    @property
    def heading(self) -> str:
        return f"Chapter {self.number}: {self.title}"

    def chart_builders(self) -> list:
        """The builder functions themselves (imports Altair)."""
        from northeast import charts
        return [getattr(charts, name) for name in self.charts]

    def bank(self):
        """The chapter's question bank."""
        import importlib
        return importlib.import_module(self.bank_module).bank


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("intro", 1, "book/ch1_introduction.ipynb", "The essay and its six claims",
            ("introduction", "summary"), "Translator's introduction and summary points",
            ("province_tile_map", "support_estimates")),
    Chapter("one", 2, "book/ch2_support_and_results.ipynb", "Twenty years of support, and what it bought",
            ("one",), "Section One",
            ("central_support_by_category", "transfers_by_province", "gdp_share_then_now",
             "per_capita_rank_slope", "per_capita_relative", "top500_then_now",
             "fiscal_self_sufficiency", "city_gdp_comparison")),
    Chapter("two", 3, "book/ch3_causes.ipynb", "Why the decline stuck", ("two",), "Section Two",
            ("soe_share_vs_national", "pension_burden", "soe_losses_and_taxes", "demography_milestones",
             "labour_and_urban_growth")),
    Chapter("three", 4, "book/ch4_northeast_asia.ipynb", "An island in Northeast Asia", ("three",),
            "Section Three",
            ("industrial_belts_timeline", "exports_comparison", "trade_dependence", "fdi_implied_totals")),
    Chapter("four", 5, "book/ch5_lessons.ipynb", "What should change", ("four",), "Section Four",
            ("strategy_timeline",)),
    Chapter("numbers", 6, "book/ch6_reading_numbers.ipynb", "Reading the numbers critically", (), "",
            ("stated_vs_recomputed", "conversion_check", "printed_vs_corrected")),
)
BY_KEY: dict[str, Chapter] = {c.key: c for c in CHAPTERS}


def chapter(key: str) -> Chapter:
    """The chapter with this bank key; KeyError naming the known keys otherwise."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown chapter {key!r}; known: {', '.join(BY_KEY)}") from None


def by_notebook(path: str | Path) -> Chapter:
    """The chapter whose notebook has this file name (a submission keeps the name)."""
    name = Path(path).name
    for c in CHAPTERS:
        if Path(c.notebook).name == name:
            return c
    raise KeyError(f"no chapter has a notebook named {name!r}")
