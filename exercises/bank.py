"""A chapter's questions, in order, and where its solution notebook is."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .question import Question


class Bank:
    """An ordered collection of one chapter's questions.

    ``notebook`` is the solution notebook whose ``solution`` cells hold the worked code that
    ``question.solution()`` shows (the one copy of each solution).
    """

    def __init__(self, chapter: str, title: str, questions: Iterable[Question] = (), *,
                 notebook: str | Path | None = None):
        self.chapter = chapter
        self.title = title
        self._notebook = Path(notebook) if notebook else None
        self._questions: dict[str, Question] = {}
        for q in questions:
            self.add(q)

    @property
    def notebook(self) -> Path | None:
        """The solution notebook: as given, else the configured course's for this chapter."""
        if self._notebook is None:
            from .course import notebook_for
            return notebook_for(self.chapter)
        return self._notebook

    @notebook.setter
    def notebook(self, path) -> None:
        self._notebook = Path(path) if path else None

    def add(self, q: Question) -> Question:
        if not isinstance(q, Question):
            raise TypeError(f"Bank {self.chapter}: not a question: {q!r}")
        if q.id in self._questions:
            raise ValueError(f"Bank {self.chapter}: duplicate question id {q.id!r}")
        if q.chapter != self.chapter:
            raise ValueError(f"Bank {self.chapter}: question {q.id!r} belongs to chapter {q.chapter!r}")
        self._questions[q.id] = q
        q.bank = self
        return q

    def __getitem__(self, qid: str) -> Question:
        try:
            return self._questions[qid]
        except KeyError:
            raise KeyError(f"no question {qid!r} in bank {self.chapter!r}; ids: "
                           f"{', '.join(self._questions)}") from None

    def __contains__(self, qid) -> bool:
        return qid in self._questions

    def __iter__(self):
        return iter(list(self._questions.values()))

    def __len__(self) -> int:
        return len(self._questions)

    def ids(self) -> list[str]:
        return list(self._questions)

    def data_tasks(self) -> list[Question]:
        return [q for q in self if q.data_task]

    def comprehension(self) -> list[Question]:
        return [q for q in self if not q.data_task]

    def __repr__(self) -> str:
        return f"<Bank {self.chapter!r}: {self.title} ({len(self)} questions)>"
