"""The setup cell at the top of every notebook (`python -m northeast.course_setup` rewrites them).

Colab, and any kernel that is not the course's own, has neither the course's packages nor its data,
so each notebook starts with a cell that fetches the course when it is missing. That cell has to
name the repository before the course is there to read ``_config.yml``, so it is generated from
``_config.yml``'s ``repository.url`` (the one place the address is typed) and a test checks that
every notebook carries the generated cell.

The cell is plain Python (no ``!`` or ``%`` lines) so each step's result can be checked. Where the
course can't be fetched or installed it stops Run All with one message saying what to do instead
(open the chapter on Binder, or install the course with one command), not a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "_config.yml"
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
CELL_ID = "course-setup"

TEMPLATE = '''\
# Course setup. The chapters use the course's packages (`northeast`, `exercises`) and its data.
# In the book, on Binder and with `make lab` they are already installed and this cell does nothing.
# On Colab or another fresh kernel it fetches the course from its repository and installs it,
# checking each step; where that can't be done it says what to do instead.
def _set_up_course():
    import importlib
    import importlib.util
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repository = "{repository}"
    folder = Path("{folder}")

    class CourseNotInstalled(Exception):
        def _render_traceback_(self):  # IPython shows this message alone, without a traceback
            return [str(self)]

    def stop(problem):
        raise CourseNotInstalled(
            f"This notebook needs the course's packages, which this kernel doesn't have, and {{problem}}.\\n"
            "Open the chapter on Binder instead, where everything is installed:\\n"
            "    {binder}\\n"
            "or install the course on your own computer with one command (it needs git and Python 3.11):\\n"
            f"    git clone {{repository}} && make -C {{folder}} lab")

    def run(command):
        done = subprocess.run(command, capture_output=True, text=True,
                              env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))
        last_line = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return done.returncode == 0, last_line

    if importlib.util.find_spec("northeast") is not None:
        return
    if not (folder / "pyproject.toml").exists():
        if shutil.which("git") is None:
            stop("git, which fetches the course, isn't installed here")
        print(f"Fetching the course from {{repository}} …", flush=True)
        fetched, message = run(["git", "clone", "--quiet", "--depth", "1", repository, str(folder)])
        if not fetched:
            stop(f"fetching the course failed ({{message}})")
    print("Installing the course's packages …", flush=True)
    installed, message = run([sys.executable, "-m", "pip", "install", "--quiet", "-e", str(folder)])
    if not installed:
        stop(f"installing the course failed ({{message}})")
    sys.path.insert(0, str(folder.resolve()))
    importlib.invalidate_caches()
    if importlib.util.find_spec("northeast") is None:
        stop(f"the course, installed into {{folder}}, can't be imported")
    print("The course is ready.")


_set_up_course()
del _set_up_course'''


def config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def binder_url(cfg: dict) -> str:
    """The repository opened in JupyterLab on Binder (the same service the book's launch button uses)."""
    repo = cfg["repository"]
    owner_and_name = repo["url"].rstrip("/").removeprefix("https://github.com/")
    hub = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    return f"{hub}/v2/gh/{owner_and_name}/{repo.get('branch', 'main')}?urlpath=lab"


def cell_source(cfg: dict | None = None) -> str:
    cfg = cfg or config()
    repository = cfg["repository"]["url"].rstrip("/")
    return TEMPLATE.format(repository=repository, folder=repository.rsplit("/", 1)[-1],
                           binder=binder_url(cfg))


def write(paths: list[Path]) -> list[Path]:
    """Put the generated setup cell first among each notebook's code cells; returns the changed ones."""
    source, changed = cell_source(), []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        cell = next((c for c in nb.cells if c.get("id") == CELL_ID), None)
        if cell is None:
            cell = nbformat.v4.new_code_cell(id=CELL_ID, metadata={"tags": ["remove-cell"]})
            first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
            nb.cells.insert(first_code, cell)
        if cell.source != source:
            cell.source, cell.outputs, cell.execution_count = source, [], None
            nbformat.write(nb, path)
            changed.append(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northeast.course_setup", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, default=NOTEBOOKS)
    args = parser.parse_args(argv)
    for path in write(args.notebooks):
        print(f"updated the setup cell of {path} (re-execute it: make execute)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
