"""Notebook tools: one executor (``run``), structured results (``results``), solution code."""
