"""A quick look from the command line: ``python -m northeast.consistency``."""
import pandas as pd

from northeast.consistency import run_checks
from northeast.data import load

with pd.option_context("display.width", 200, "display.max_colwidth", 110, "display.max_rows", 500):
    rep = run_checks(load("claims"))
    print(rep[["check", "consistent", "flag", "severity", "explanation"]].to_string(index=False))
    print(f"\n{(~rep['consistent']).sum()} of {len(rep)} checks inconsistent")
