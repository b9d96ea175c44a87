"""nbval only protects the book if it notices a changed number: change one data value and watch it fail."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "book" / "ch2_support_and_results.ipynb"
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def run_nbval(data_dir) -> subprocess.CompletedProcess:
    env = dict(os.environ, NORTHEAST_DATA_DIR=str(data_dir),
               PATH=f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
         "--nbval-sanitize-with", str(SANITIZE), str(NOTEBOOK), "-o", "addopts=", "-o", "testpaths="],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.mark.skipif(not NOTEBOOK.exists(), reason="chapter notebook not written yet")
def test_changing_one_value_fails_nbval(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    claims = pd.read_csv(data / "claims.csv", dtype=str, keep_default_na=False)
    row = claims.index[claims["id"] == "gdp_share_northeast_2022"][0]
    assert claims.at[row, "value"] == claims.at[row, "value_printed"] == "4.8"
    claims.loc[row, ["value", "value_printed"]] = "4.9"
    claims.to_csv(data / "claims.csv", index=False)

    changed = run_nbval(data)
    assert changed.returncode != 0, "nbval passed although a number in the data changed"
    assert "Cell outputs differ" in changed.stdout
    assert "4.9" in changed.stdout, "nbval's report should show the changed number"
