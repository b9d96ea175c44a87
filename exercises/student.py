"""Student copies of chapter notebooks, and the solution notebooks' self-check.

Convention (exercises/README.md): a code cell tagged ``solution`` holds the
reference solution; the code cell(s) tagged ``check`` after it call
``bank["id"].check(name)``. The student copy replaces each solution with an
``ast``-derived stub, so the same check cells then say "Not attempted".
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path

from .notebooks.results import CHECK_TAG, CheckResult, check_results
from .notebooks.run import run_notebook

STUB_HEADER = "# Task: write your code below"
PLACEHOLDER = "# your code here"
MARKDOWN_STUB = "*Write your answer here.*"
SOLUTION_TAG, STUDENT_TAG = "solution", "student"


class StudentCopyError(ValueError):
    """A notebook breaks the solution/check convention."""


# ------------------------------------------------------------------ stubs

def _strip_magics(source: str) -> str:
    # IPython magics and shell escapes are not Python; blank them (keeping line
    # numbers) so ast can parse the rest. They are not carried into the stub.
    lines = source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        return ""
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines)


def _target_names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for elt in target.elts for n in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []  # df["col"] = ..., obj.attr = ...: mutations, not new names


def _assigned_names(node) -> list[str]:
    """Names a top-level statement binds by assignment (also inside if/for/with/try)."""
    names: list[str] = []

    def visit(n):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return
        if isinstance(n, ast.Assign):
            for t in n.targets:
                names.extend(_target_names(t))
        elif isinstance(n, (ast.AnnAssign, ast.AugAssign)):
            names.extend(_target_names(n.target))
        for child in ast.iter_child_nodes(n):
            if isinstance(child, ast.stmt):
                visit(child)

    visit(node)
    return names


def _docstring_lines(node, source: str, indent: str) -> list[str]:
    body0 = node.body[0] if node.body else None
    if not (isinstance(body0, ast.Expr) and isinstance(body0.value, ast.Constant)
            and isinstance(body0.value.value, str)):
        return []
    seg = ast.get_source_segment(source, body0)
    if seg is None:
        return [indent + repr(body0.value.value)]
    lines = seg.split("\n")
    out = [indent + lines[0]]
    pad = " " * body0.col_offset
    for ln in lines[1:]:
        out.append(indent + ln[len(pad):] if ln.startswith(pad) else ln)
    return out


def _header(node) -> str:
    # ast.unparse of the def/class with a dummy body: keeps signature, defaults,
    # annotations and decorators, and drops every comment of the solution.
    dummy = copy.copy(node)
    dummy.body = [ast.Pass()]
    return ast.unparse(dummy).rsplit("\n", 1)[0]


def _function_stub(node, source: str, indent: str = "") -> list[str]:
    inner = indent + "    "
    lines = [indent + ln for ln in _header(node).split("\n")]
    lines += _docstring_lines(node, source, inner)
    lines += [inner + PLACEHOLDER, inner + "return ..."]
    return lines


def _class_stub(node, source: str) -> list[str]:
    lines = _header(node).split("\n") + _docstring_lines(node, source, "    ")
    methods = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for m in methods:
        lines += [""] + _function_stub(m, source, "    ")
    if not methods:
        lines.append("    pass  " + PLACEHOLDER)
    return lines


def make_stub(source: str) -> str:
    """The student stub for a solution cell's source (see module docstring)."""
    cleaned = _strip_magics(source)
    try:
        tree = ast.parse(cleaned)
    except SyntaxError as exc:
        raise StudentCopyError(f"solution cell is not valid Python (line {exc.lineno}: {exc.msg})") from None
    out = [STUB_HEADER]
    seen: set[str] = set()
    placeholders = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(ast.get_source_segment(cleaned, node) or ast.unparse(node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if out[-1] != "":
                out.append("")
            out += (_function_stub(node, cleaned) if not isinstance(node, ast.ClassDef)
                    else _class_stub(node, cleaned))
            out.append("")
            seen.add(node.name)
            placeholders += 1
        else:
            for name in _assigned_names(node):
                if name not in seen:
                    seen.add(name)
                    out.append(f"{name} = ...  {PLACEHOLDER}")
                    placeholders += 1
    if not placeholders:
        out.append(PLACEHOLDER)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


# --------------------------------------------------------------- notebooks

def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def validate_notebook(nb, name: str = "notebook") -> None:
    """Raise StudentCopyError unless every check cell follows a solution cell."""
    prev = None  # (index, tags) of the last code cell that is not a check cell
    problems = []
    for i, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if SOLUTION_TAG in tags and CHECK_TAG in tags:
            problems.append(f"cell {i} is tagged both 'solution' and 'check'")
            continue
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in tags:
            if prev is None or SOLUTION_TAG not in prev[1]:
                where = "no code cell precedes it" if prev is None else \
                    f"the previous code cell ({prev[0]}) is not tagged 'solution'"
                problems.append(f"cell {i} is tagged 'check' but its solution cell is missing ({where})")
        else:
            prev = (i, tags)
    if problems:
        raise StudentCopyError(f"{name}: " + "; ".join(problems))


def student_notebook(nb, name: str = "notebook"):
    """A student copy of a solution notebook (the input is not modified)."""
    validate_notebook(nb, name)
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.cells):
        meta = cell.setdefault("metadata", {})
        tags = _tags(cell)
        if SOLUTION_TAG in tags:
            if cell.cell_type == "code":
                try:
                    cell.source = make_stub(cell.source)
                except StudentCopyError as exc:
                    raise StudentCopyError(f"{name}: cell {i}: {exc}") from None
            else:
                cell.source = MARKDOWN_STUB
            tags = [t for t in tags if t != SOLUTION_TAG]
            if STUDENT_TAG not in tags:
                tags.append(STUDENT_TAG)
        # Hidden/collapsed inputs make sense in the book, not in a worksheet.
        tags = [t for t in tags if not t.startswith("hide-")]
        if tags:
            meta["tags"] = tags
        else:
            meta.pop("tags", None)
        jup = meta.get("jupyter")
        if isinstance(jup, dict):
            jup.pop("source_hidden", None)
            jup.pop("outputs_hidden", None)
            if not jup:
                meta.pop("jupyter")
        meta.pop("execution", None)  # nbclient timing records
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    return nb


def default_notebooks() -> list[Path]:
    """book/*.ipynb under the current directory, else under the project root."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        found = sorted(p for p in (base / "book").glob("*.ipynb"))
        if found:
            return found
    return []


def write_student_copies(notebooks, out_dir="student") -> list[Path]:
    """Write student copies of ``notebooks`` into ``out_dir``; returns the paths.

    Every notebook is checked before anything is written.
    """
    import nbformat
    out_dir = Path(out_dir)
    paths = [Path(p) for p in notebooks]
    names = [p.name for p in paths]
    dups = {n for n in names if names.count(n) > 1}
    if dups:
        raise StudentCopyError(f"two notebooks would get the same name: {', '.join(sorted(dups))}")
    copies = []
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        copies.append((p, student_notebook(nb, str(p))))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for p, nb in copies:
        target = out_dir / p.name
        if target.resolve() == p.resolve():
            raise StudentCopyError(f"refusing to overwrite the solution notebook {p}")
        nbformat.write(nb, target)
        written.append(target)
    return written


# --------------------------------------------------------- check-solutions

def check_solutions(notebooks, timeout: int = 600, kernel_name: str = "python3",
                    jobs: int = 1) -> list[CheckResult]:
    """Execute each notebook (``jobs`` at a time, each in a fresh working directory) and collect
    the feedback its check cells displayed."""
    paths = [Path(p) for p in notebooks]

    def run(path: Path):
        return run_notebook(path, cell_timeout=timeout, timeout=max(timeout, 1800),
                            kernel_name=kernel_name, allow_errors=True)

    if jobs > 1 and len(paths) > 1:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            runs = list(pool.map(run, paths))
    else:
        runs = [run(p) for p in paths]
    results = []
    for path, run_result in zip(paths, runs):
        if run_result.failure and not run_result.errors:
            results.append(CheckResult(str(path), -1, None, "error", run_result.failure))
        results += check_results(run_result.notebook, str(path))
    return results
