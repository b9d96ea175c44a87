"""The setup cell on a fresh kernel (Colab): the repository named once, each step checked, and one
plain message, not a traceback, where the course can't be fetched."""
from __future__ import annotations

import json
import os
import sys

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from conftest import ROOT
from northeast import course_setup

# A kernel from the course's venv with the course itself hidden, as on a fresh Colab kernel: the
# editable install's import hook is removed before ipykernel starts.
HIDE_COURSE = (
    "import sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, '__module__', '').startswith('__editable__')]; "
    "sys.path[:] = [p for p in sys.path if '__editable__' not in p]; "
    "from ipykernel import kernelapp; kernelapp.launch_new_instance()"
)
# Every request for the network goes to a closed local port: "offline", whatever machine this is.
OFFLINE = {key: "http://127.0.0.1:9" for key in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")}


def test_every_notebook_starts_with_the_generated_setup_cell():
    """The address is typed once, in _config.yml; `python -m northeast.course_setup` writes the cell."""
    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    expected = course_setup.cell_source()
    assert f'repository = "{repository}"' in expected
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert cells[0].get("id") == course_setup.CELL_ID, f"{path.name}: the first code cell must be the setup cell"
        assert cells[0].source == expected, f"{path.name}: run `python -m northeast.course_setup`"
        assert "remove-cell" in cells[0].metadata.get("tags", [])
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"  # Binder's Python


@pytest.fixture()
def fresh_kernel(tmp_path, monkeypatch):
    spec = tmp_path / "kernels" / "no-course"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", HIDE_COURSE, "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "no course", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    for key, value in OFFLINE.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    return "no-course", work


def run_cells(kernel_name, cwd, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, kernel_name=kernel_name, timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb.cells


def test_without_the_course_or_a_network_the_setup_cell_says_what_to_do(fresh_kernel):
    kernel, cwd = fresh_kernel
    probe, setup = run_cells(kernel, cwd, "import importlib.util; print(importlib.util.find_spec('northeast'))",
                             course_setup.cell_source())
    assert probe.outputs[0]["text"].strip() == "None", "the test kernel must not see the course"
    errors = [o for o in setup.outputs if o["output_type"] == "error"]
    assert len(errors) == 1, setup.outputs
    message = "\n".join(errors[0]["traceback"])
    assert "Traceback" not in message and "File " not in message, message
    assert "fetching the course failed" in message
    cfg = course_setup.config()
    assert course_setup.binder_url(cfg) in message
    assert f"git clone {cfg['repository']['url']} && make -C northeast-course lab" in message
    printed = "".join(o.get("text", "") for o in setup.outputs if o["output_type"] == "stream")
    assert printed.strip() == f"Fetching the course from {cfg['repository']['url']} …"


def test_with_the_course_installed_the_setup_cell_does_nothing(tmp_path):
    (cell,) = run_cells("python3", tmp_path, course_setup.cell_source())
    assert cell.outputs == []
