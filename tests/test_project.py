"""What an instructor and a maintainer rely on: the two commands, the pins, the publishing workflow."""
import json
import re
import subprocess

import pytest

import yaml

from conftest import ROOT


def test_requirements_are_all_pinned():
    lines = [l.strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    packages = [l for l in lines if l and not l.startswith(("#", "-e"))]
    assert len(packages) > 50
    unpinned = [l for l in packages if not re.fullmatch(r"[A-Za-z0-9_.\-\[\],]+==[^=\s]+", l)]
    assert not unpinned, unpinned
    assert any(l.startswith("jupyter-book==1.") for l in packages)


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text().split("\n## ", 1)[0]
    assert "make book" in head and "make test" in head


def test_workflow_builds_with_make_and_publishes_pages():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    build_steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build_steps]
    assert "make book" in runs and "bash .ci/run" in runs
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in build_steps)
    upload = next(s for s in build_steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert any("deploy-pages" in s.get("uses", "") for s in workflow["jobs"]["deploy"]["steps"])


def test_ci_entry_runs_make_test():
    script = (ROOT / ".ci" / "run").read_text()
    assert "make test" in script and "chromium" in script and "CI=true" in script


def test_make_book_builds_with_warnings_as_errors():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"BOOK_FLAGS\s*:=\s*-W", makefile)
    assert "jupyter-book build . $(BOOK_FLAGS)" in makefile


def test_no_javascript_in_the_root_static_folder():
    """Jupyter Book adds a <script> for every .js under _static/ to every page; vendored scripts
    live in _vendor/ and are added only where needed."""
    assert not list((ROOT / "_static").rglob("*.js"))


def test_lab_requirements_are_pinned_and_extend_the_course():
    lines = [l.strip() for l in (ROOT / "requirements-lab.txt").read_text().splitlines()]
    assert "-r requirements.txt" in lines
    packages = [l for l in lines if l and not l.startswith(("#", "-r"))]
    assert any(l.startswith("jupyterlab==") for l in packages)
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[^=\s]+", l) for l in packages), packages


def test_no_merge_conflict_markers_in_the_tree():
    """A merge resolved in a hurry can leave git's markers inside a notebook cell, where nbval
    re-executes them happily and the book prints them to students."""
    marker = re.compile(r"^(<{7}|>{7}) ", re.M)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    found = []
    for name in tracked:
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".ipynb", ".csv", ".json", ".yml", ".js", ".css", ".toml", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":
            text = "\n".join("".join(c.get("source", "")) for c in json.loads(text)["cells"])
        if marker.search(text):
            found.append(name)
    assert not found, f"merge conflict markers in {found}"
