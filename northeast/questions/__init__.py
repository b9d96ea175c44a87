"""The course's question banks, one module per chapter (``northeast.questions.<key>``), each
defining ``bank = Bank(...)`` with the exercise engine's question kinds. Which module belongs to
which chapter, and where its solution notebook is, lives in :mod:`northeast.chapters`."""
