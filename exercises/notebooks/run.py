"""The one notebook executor: ``make execute``, the student-copy checks and grading all run
notebooks through :func:`run_notebook`.

* The kernel starts in a temporary working directory (unless ``cwd`` is given), so a notebook
  can't leave files next to the course or depend on where it was started.
* Its environment is explicit: a few variables a kernel needs (``PATH``, locale, ``HOME``) plus
  ``PYTHONPATH`` pointing at this source tree, not the caller's whole environment.
* Time is bounded per cell (``cell_timeout``) and for the whole notebook (``timeout``).
* It never raises for what a notebook does: errors, a cell that timed out and a kernel that
  died are reported in the :class:`RunResult`.
* Outputs are deterministic where the notebook is: no execution timestamps, and
  ``stable_outputs`` names Altair's chart ``<div>`` after its cell instead of a random uuid.

``python -m exercises.notebooks.run [--in-place] [--jobs N] NOTEBOOK...`` runs notebooks (in
place: refreshing their stored outputs, as ``make execute`` does).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the tree holding exercises/ (and the course)
# What a kernel needs from the caller's environment; everything else is left out.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SYSTEMROOT",
              "EXERCISES_COURSE", "JUPYTER_PATH", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR",
              "JUPYTER_PLATFORM_DIRS", "IPYTHONDIR", "MPLBACKEND", "MPLCONFIGDIR", "XDG_CACHE_HOME",
              "VIRTUAL_ENV")
ALTAIR_DIV_ID = re.compile(r"altair-viz-[0-9a-f]{32}")


@dataclass
class CellError:
    index: int
    ename: str
    evalue: str


@dataclass
class RunResult:
    notebook: object                      # the executed nbformat notebook
    errors: list[CellError] = field(default_factory=list)  # cells that raised (not raises-exception)
    timed_out_cell: int | None = None     # the cell that ran past its limit, if any
    notebook_timed_out: bool = False      # the whole-notebook limit was reached
    kernel_died: bool = False
    failure: str = ""                     # why the run stopped early, for people

    @property
    def ok(self) -> bool:
        return not (self.errors or self.timed_out_cell is not None or self.kernel_died
                    or self.notebook_timed_out or self.failure)


def kernel_env(extra: dict | None = None) -> dict:
    """The kernel's environment: PASSED_ENV from ours, plus the variables a course lists in
    ``[tool.exercises] kernel_env`` (e.g. where its data is), PYTHONPATH at this source tree,
    and ``extra``."""
    from ..course import settings
    names = [*PASSED_ENV, *settings().get("kernel_env", [])]
    env = {k: os.environ[k] for k in names if k in os.environ}
    # The venv's python first, so the "python3" kernel is the one the course is installed in.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", os.defpath)])
    env["PYTHONPATH"] = str(SOURCE_ROOT)
    env.setdefault("PYTHONHASHSEED", "0")
    env.update(extra or {})
    return env


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def run_notebook(nb_or_path, *, cwd=None, env=None, cell_timeout: float = 120,
                 timeout: float = 900, kernel_name: str = "python3", allow_errors: bool = False,
                 store_widget_state: bool | None = None, client_class=None) -> RunResult:
    """Execute a notebook (a path or an nbformat notebook, which is not modified).

    ``env`` replaces :func:`kernel_env`'s default entirely when given. With
    ``allow_errors=False`` the run stops at the first error (as nbclient does); errors in
    cells tagged ``raises-exception`` are expected and never stop it. ``store_widget_state``
    defaults to the notebook's ``metadata.course.store_widget_state``. ``client_class`` is a
    NotebookClient subclass (grading's caps the output it keeps).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    if isinstance(nb_or_path, (str, os.PathLike)):
        nb = nbformat.read(nb_or_path, as_version=4)
    else:
        nb = copy.deepcopy(nb_or_path)
    if store_widget_state is None:
        store_widget_state = bool(nb.metadata.get("course", {}).get("store_widget_state", False))
    result = RunResult(nb)
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="exercises-run-") as scratch:
        workdir = str(Path(cwd).resolve()) if cwd is not None else scratch
        client = (client_class or NotebookClient)(nb, timeout=cell_timeout, kernel_name=kernel_name, allow_errors=True,
                                record_timing=False, store_widget_state=store_widget_state,
                                resources={"metadata": {"path": workdir}})
        client.reset_execution_trackers()
        try:
            with client.setup_kernel(env=kernel_env() if env is None else dict(env), cwd=workdir):
                _record_language_info(client)
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        result.notebook_timed_out = True
                        result.failure = f"the notebook ran past its {timeout:g} s limit before cell {index}"
                        break
                    client.timeout = max(1, int(min(cell_timeout, remaining)))
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        if remaining < cell_timeout:
                            result.notebook_timed_out = True
                        result.timed_out_cell = index
                        result.failure = f"cell {index} ran past its {client.timeout} s limit"
                        break
                    except DeadKernelError:
                        result.kernel_died = True
                        result.failure = f"the kernel died while running cell {index}"
                        break
                    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                    if errors and "raises-exception" not in _tags(cell):
                        result.errors.append(CellError(index, str(errors[0].get("ename", "")),
                                                       str(errors[0].get("evalue", ""))))
                        if not allow_errors:
                            result.failure = f"cell {index} raised {errors[0].get('ename')}"
                            break
                if store_widget_state:
                    client.set_widgets_metadata()
        except DeadKernelError:
            result.kernel_died = True
            result.failure = result.failure or "the kernel died"
        except Exception as exc:  # the kernel could not start, the notebook is unreadable, ...
            result.failure = result.failure or f"could not run the notebook: {type(exc).__name__}: {exc}"
    if not store_widget_state:
        nb.metadata.pop("widgets", None)
    return result


def _record_language_info(client) -> None:
    # As nbclient's own execute() does: the notebook says which language version ran it.
    from jupyter_core.utils import run_sync
    msg_id = client.kc.kernel_info()
    info = run_sync(client.async_wait_for_reply)(msg_id)
    if info is not None and "language_info" in info["content"]:
        client.nb.metadata["language_info"] = info["content"]["language_info"]


def stable_outputs(nb) -> None:
    """Replace the random ids a run writes with ids that depend only on the notebook, so that
    re-executing it leaves unchanged outputs unchanged in git (nbval sanitises or ignores them):
    each chart's <div> is named after its cell instead of Altair's uuid, and widget models are
    numbered in the order the notebook's outputs reach them instead of by ipywidgets' uuid."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                html = "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
                stable = hashlib.md5(cell.get("id", "").encode()).hexdigest()
                data["text/html"] = ALTAIR_DIV_ID.sub(f"altair-viz-{stable}", html)
    _stable_widget_ids(nb)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_MODEL_REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")


def _stable_widget_ids(nb) -> None:
    views = [output["data"][WIDGET_VIEW] for cell in nb.cells for output in cell.get("outputs", [])
             if isinstance(output.get("data", {}).get(WIDGET_VIEW), dict)]
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order: list[str] = []

    def visit(model_id: str) -> None:
        if model_id in order:
            return
        order.append(model_id)
        refs = _MODEL_REF.findall(json.dumps(state.get(model_id, {}), sort_keys=True))
        for ref in refs:
            visit(ref)

    for view in views:
        visit(view.get("model_id", ""))
    # Models no output reaches (rare): in an order fixed by what they hold.
    rest = sorted((m for m in state if m not in order),
                  key=lambda m: _MODEL_REF.sub("", json.dumps(state[m], sort_keys=True)))
    for model_id in rest:
        visit(model_id)
    new = {old: hashlib.md5(f"widget-model-{n}".encode()).hexdigest() for n, old in enumerate(order) if old}

    def renamed(text: str) -> str:
        return _MODEL_REF.sub(lambda m: "IPY_MODEL_" + new.get(m.group(1), m.group(1)), text)

    for view in views:
        view["model_id"] = new.get(view.get("model_id"), view.get("model_id"))
    if state:
        nb.metadata["widgets"][WIDGET_STATE]["state"] = {
            new.get(m, m): json.loads(renamed(json.dumps(v))) for m, v in state.items()}


def run_many(paths, *, jobs: int = 1, **kwargs) -> list[RunResult]:
    """run_notebook on each path, ``jobs`` at a time (kernels are separate processes, so
    threads are enough to keep them all busy); results in the order of ``paths``."""
    paths = list(paths)
    if jobs <= 1 or len(paths) <= 1:
        return [run_notebook(p, **kwargs) for p in paths]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda p: run_notebook(p, **kwargs), paths))


def execute_in_place(path, *, cell_timeout: float = 180, timeout: float = 1800) -> RunResult:
    """Run a notebook and store its outputs back into the file (what ``make execute`` does).
    The kernel runs in the notebook's own folder, as a reader's would."""
    import nbformat
    path = Path(path)
    result = run_notebook(path, cwd=path.parent, cell_timeout=cell_timeout, timeout=timeout)
    if result.ok:
        stable_outputs(result.notebook)
        nbformat.write(result.notebook, path)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exercises.notebooks.run",
                                     description="Execute notebooks with the course's executor.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--in-place", action="store_true",
                        help="store the outputs back into each notebook (only when it ran cleanly)")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    parser.add_argument("--cell-timeout", type=float, default=180, help="seconds per cell (default 180)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per notebook (default 1800)")
    args = parser.parse_args(argv)

    def one(path: Path) -> RunResult:
        if args.in_place:
            return execute_in_place(path, cell_timeout=args.cell_timeout, timeout=args.timeout)
        return run_notebook(path, cell_timeout=args.cell_timeout, timeout=args.timeout)

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(one, args.notebooks))
    failed = 0
    for path, result in zip(args.notebooks, results):
        if result.ok:
            print(f"{path}: ok" + (" (outputs stored)" if args.in_place else ""))
        else:
            failed += 1
            detail = result.failure or "; ".join(f"cell {e.index}: {e.ename}: {e.evalue}" for e in result.errors)
            print(f"{path}: FAILED — {detail}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
