"""Grading a submission re-runs the course's checks on the student's names; it does not believe
what the submission's own cells print."""
import io

import nbformat

from exercises.grade import grade
from exercises.student import write_student_copies
from conftest import ROOT

CHAPTER = ROOT / "book" / "ch2_support_and_results.ipynb"


def fill(nb, name: str, code: str) -> None:
    cell = next(c for c in nb.cells if c.cell_type == "code" and f"{name} = ..." in c.source)
    cell.source = code


def test_grade_scores_answers_not_printed_claims(tmp_path):
    [copy] = write_student_copies([CHAPTER], tmp_path)
    nb = nbformat.read(copy, as_version=4)
    fill(nb, "share_fall_pct", 'c = claims.set_index("id")["value"]\n'
         'share_fall_pct = (c["gdp_share_northeast_2002"] - c["gdp_share_northeast_2022"]) '
         '/ c["gdp_share_northeast_2002"] * 100')
    fill(nb, "ratio_2003", "ratio_2003 = 133")  # the essay's figure, which doesn't compute
    # A student who edits a check cell to claim success gains nothing.
    tampered = next(c for c in nb.cells if 'bank["one_top500_change"]' in c.source)
    tampered.source = 'print("Correct: trust me")'
    nbformat.write(nb, copy)

    out = io.StringIO()
    grades = {g.question: g for g in grade([copy], ROOT / "book", out=out)}

    assert grades["one_share_fall_pct"].status == "correct"
    assert grades["one_per_capita_2003"].status == "incorrect"
    assert "133" in grades["one_per_capita_2003"].message
    assert grades["one_self_sufficiency_fall"].status == "not_attempted"
    assert grades["one_top500_change"].status == "not_attempted"
    lines = out.getvalue().splitlines()
    assert lines[0] == "notebook,question,status,message" and len(lines) == 1 + len(grades)
