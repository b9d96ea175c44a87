"""Student copies: stubs from solutions; solution notebook passes its own checks, the copy doesn't."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from exercises.cli import main
from exercises.notebooks.results import check_results
from exercises.notebooks.run import run_notebook
from exercises.student import (PLACEHOLDER, STUB_HEADER, StudentCopyError, make_stub,
                               student_notebook, validate_notebook, write_student_copies)


def execute_notebook(path, timeout):
    return run_notebook(path, cell_timeout=timeout, allow_errors=True).notebook

SETUP = "from exercises.example import bank, toy_data\ntoy = toy_data()"

SOLUTIONS = {
    "ex_total_transfers": ("total_transfers", '# add up the column\ntotal_transfers = toy["transfers"].sum()'),
    "ex_share_table": ("shares", 'shares = toy.set_index("province")\n'
                                 'shares["transfer_share"] = shares["transfers"] / shares["spending"] * 100\n'
                                 'shares = shares[["transfer_share"]]'),
    "ex_share_fn": ("transfer_share",
                    "import math\n\n"
                    "def transfer_share(df, province):\n"
                    '    """Transfers as a percentage of spending."""\n'
                    "    # pick the province's row\n"
                    '    row = df.set_index("province").loc[province]\n'
                    '    return float(row["transfers"] / row["spending"] * 100)'),
    "ex_largest": ("largest", 'largest = toy.sort_values("spending").iloc[-1]["province"]\n'
                              'largest = "Province " + largest'),
    "ex_over_100": ("over_100", 'over_100 = ["Province " + p for p in toy.loc[toy["transfers"] >= 100, "province"]]'),
    "ex_share_a": ("share_a", 'a = toy.set_index("province").loc["A"]\nshare_a = a["transfers"] / a["spending"] * 100'),
    "ex_reflect": ("reflection", 'reflection = "Transfers grew while own spending shrank."'),
}


def solution_notebook() -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Example chapter"), new_code_cell(SETUP)]
    for qid, (name, source) in SOLUTIONS.items():
        cells.append(new_markdown_cell(f"Task `{qid}`"))
        sol = new_code_cell(source)
        sol.metadata["tags"] = ["solution", "hide-input"]
        sol.metadata["jupyter"] = {"source_hidden": True}
        cells.append(sol)
        chk = new_code_cell(f'bank["{qid}"].check({name})')
        chk.metadata["tags"] = ["check"]
        cells.append(chk)
    # a later cell that prints an exercise's hint: unaffected by the student copy
    cells.append(new_code_cell('bank["ex_total_transfers"].hint(1)'))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("nb")
    nbformat.write(solution_notebook(), d / "chapter.ipynb")
    return d


@pytest.fixture(scope="module")
def executed_solution(workdir):
    return execute_notebook(workdir / "chapter.ipynb", timeout=120)


@pytest.fixture(scope="module")
def student_path(workdir, executed_solution):
    # copy from the *executed* notebook, so clearing outputs/widget state is tested for real
    executed_solution.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(executed_solution, workdir / "executed.ipynb")
    out = workdir / "student"
    [path] = write_student_copies([workdir / "executed.ipynb"], out)
    return path


def test_solution_notebook_passes_its_own_checks(executed_solution):
    results = check_results(executed_solution, "chapter")
    assert [r.qid for r in results] == list(SOLUTIONS)
    for r in results:
        assert r.status == "correct", (r.qid, r.message)
    for cell in executed_solution.cells:
        if "check" in cell.metadata.get("tags", []):
            text = cell.outputs[0]["data"]["text/plain"]
            assert text.startswith(("Correct:", "Not graded:")), text  # a reflection isn't judged


def test_student_copy_structure(executed_solution, student_path):
    original = executed_solution
    copy = nbformat.read(student_path, as_version=4)
    assert "widgets" not in copy.metadata
    assert len(copy.cells) == len(original.cells)
    for before, after in zip(original.cells, copy.cells):
        tags = after.metadata.get("tags", [])
        assert not any(t.startswith("hide-") for t in tags)
        assert "source_hidden" not in after.metadata.get("jupyter", {})
        if after.cell_type == "code":
            assert after.outputs == [] and after.execution_count is None
        if "solution" in before.metadata.get("tags", []):
            assert "solution" not in tags and "student" in tags
            assert after.source.startswith(STUB_HEADER)
        else:
            assert after.source == before.source
            assert after.get("id") == before.get("id")


def test_no_solution_line_survives(student_path):
    copy = nbformat.read(student_path, as_version=4)
    text = "\n".join(c.source for c in copy.cells)
    for _, source in SOLUTIONS.values():
        for line in source.splitlines():
            s = line.strip()
            # imports, the def line and its docstring are deliberately kept
            if not s or s.startswith(("import ", "from ", "def ", '"""')):
                continue
            assert s not in text, s


def test_student_copy_checks_say_not_attempted(student_path):
    nb = execute_notebook(student_path, timeout=120)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
    results = check_results(nb, "student")
    assert len(results) == len(SOLUTIONS)
    for r in results:
        assert r.status in ("not_attempted", "incorrect"), (r.qid, r.status, r.message)
    for cell in nb.cells:
        if "check" in cell.metadata.get("tags", []):
            text = cell.outputs[0]["data"]["text/plain"]
            assert text.startswith(("Not attempted", "Not quite")), text


def test_cli_student_and_check_solutions(workdir, capsys):
    out = workdir / "cli_student"
    assert main(["student", "--out", str(out), str(workdir / "chapter.ipynb")]) == 0
    assert (out / "chapter.ipynb").exists()
    assert main(["check-solutions", "--timeout", "120", str(workdir / "chapter.ipynb")]) == 0
    printed = capsys.readouterr().out
    assert f"check-solutions: {len(SOLUTIONS)} passed, 0 failed" in printed
    assert main(["check-solutions", "--timeout", "120", str(out / "chapter.ipynb")]) == 1
    printed = capsys.readouterr().out
    assert f"0 passed, {len(SOLUTIONS)} failed" in printed and "not_attempted" in printed


def test_refuses_check_without_solution(tmp_path, capsys):
    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("bank['a'].check(x)")])
    nb.cells[1].metadata["tags"] = ["check"]
    with pytest.raises(StudentCopyError, match="cell 1 is tagged 'check' but its solution cell is missing"):
        validate_notebook(nb, "bad.ipynb")
    with pytest.raises(StudentCopyError):
        student_notebook(nb)
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    assert main(["student", "--out", str(tmp_path / "out"), str(path)]) == 1
    assert "solution cell is missing" in capsys.readouterr().err
    assert not (tmp_path / "out" / "bad.ipynb").exists()
    # a markdown cell in between is fine; two checks after one solution are fine
    ok = new_notebook(cells=[new_code_cell("x = 1"), new_markdown_cell("text"),
                             new_code_cell("check(x)"), new_code_cell("check2(x)")])
    ok.cells[0].metadata["tags"] = ["solution"]
    ok.cells[2].metadata["tags"] = ok.cells[3].metadata["tags"] = ["check"]
    validate_notebook(ok)
    first = new_notebook(cells=[new_code_cell("check(x)")])
    first.cells[0].metadata["tags"] = ["check"]
    with pytest.raises(StudentCopyError, match="no code cell precedes it"):
        validate_notebook(first)


# ----------------------------------------------------------------- make_stub

def test_stub_assignments_and_imports():
    src = ("import pandas as pd\nfrom numpy import (nan,\n    inf)\n%matplotlib inline\n"
           "!echo hi\n# secret comment\nshares = toy.copy()\nshares['x'] = 1\na, (b, *c) = 1, (2, 3)\n"
           "t: float = 2.0\nn += 1\nif True:\n    inner = 5\nfor p in range(3):\n    acc = p\n"
           "shares = shares[['x']]\nshares.head()\n")
    stub = make_stub(src)
    lines = stub.splitlines()
    assert lines[0] == STUB_HEADER
    assert "import pandas as pd" in lines and "from numpy import (nan,\n    inf)" in stub
    names = [ln.split(" = ")[0] for ln in lines if ln.endswith(f"= ...  {PLACEHOLDER}")]
    assert names == ["shares", "a", "b", "c", "t", "n", "inner", "acc"]
    assert "secret" not in stub and "%matplotlib" not in stub and "head" not in stub and "echo" not in stub
    ast.parse(stub)


def test_stub_functions_keep_signature_and_docstring():
    src = ('@functools.cache\ndef f(df: "pd.DataFrame", year: int = 2002, *args, key=None, **kw) -> float:\n'
           '    """Say what f does.\n\n    More lines.\n    """\n    # secret\n    return df.loc[year]\n\n'
           'class Model:\n    """A model."""\n    def fit(self, x):\n        return x * 2\n')
    stub = make_stub(src)
    assert "@functools.cache" in stub
    assert "def f(df: 'pd.DataFrame', year: int=2002, *args, key=None, **kw) -> float:" in stub
    assert '    """Say what f does.\n\n    More lines.\n    """' in stub
    assert f"    {PLACEHOLDER}\n    return ..." in stub
    assert "class Model:" in stub and '"""A model."""' in stub and "def fit(self, x):" in stub
    assert "secret" not in stub and "df.loc" not in stub and "x * 2" not in stub
    ns = {"functools": __import__("functools")}
    exec(compile(stub, "<stub>", "exec"), ns)
    assert ns["f"](None) is Ellipsis


def test_stub_edge_cases():
    assert make_stub("df.head()") == f"{STUB_HEADER}\n{PLACEHOLDER}"
    assert make_stub("%%time\nx = 1") == f"{STUB_HEADER}\n{PLACEHOLDER}"
    with pytest.raises(StudentCopyError, match="not valid Python"):
        make_stub("x = (")
    nb = new_notebook(cells=[new_markdown_cell("My answer: because.")])
    nb.cells[0].metadata["tags"] = ["solution"]
    assert student_notebook(nb).cells[0].source == "*Write your answer here.*"
