"""Execute chapter notebooks in place (`python -m northeast.notebooks execute book/*.ipynb`).

The book renders stored outputs and nbval re-runs the notebooks against them, so this is the one
way outputs get refreshed. Widget state is stored only for notebooks whose metadata asks for it
(``"course": {"store_widget_state": true}``): saved state makes the book load the widget manager
(several MB) on that page, so chapters keep their exercises kernel-free instead.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TIMEOUT = 180
ALTAIR_DIV_ID = re.compile(r"altair-viz-[0-9a-f]{32}")


def stable_chart_ids(nb) -> None:
    """Name each chart's <div> after its cell instead of Altair's random uuid, so re-executing a
    notebook leaves unchanged charts unchanged in git (nbval sanitises the random ids anyway)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                html = "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
                stable = hashlib.md5(cell.get("id", "").encode()).hexdigest()
                data["text/html"] = ALTAIR_DIV_ID.sub(f"altair-viz-{stable}", html)


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    store_state = bool(nb.metadata.get("course", {}).get("store_widget_state", False))
    client = NotebookClient(
        nb,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=store_state,
        record_timing=False,  # timestamps would make every re-run a diff
    )
    client.execute()
    stable_chart_ids(nb)
    if not store_state:
        nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m northeast.notebooks")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("execute", help="execute notebooks in place, refreshing stored outputs")
    run.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        print(f"executing {path} …", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
