"""Grading submissions: a bubblewrap sandbox per notebook, answers recorded inside and checked
outside with the course's real banks, reports for instructors (see exercises/README.md)."""
