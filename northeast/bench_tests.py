"""`make bench` (test-suite part): how long `make test` takes here, and where the time goes.

Runs `make test` itself (the same workers and order as a developer's or CI's run), with pytest's
JUnit report on, then prints the wall-clock time, the CPU time the run and its children used, and
the slowest test files. The issue's budget is 120 s on 2 cores with a warm venv; this measures it,
no test asserts it. Other work on the machine inflates the numbers: the load average is printed
beside them.
"""
from __future__ import annotations

import collections
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seconds_per_file(junit_xml: Path) -> collections.Counter:
    """Summed test durations (setup, call, teardown) per test file, from pytest's JUnit XML."""
    per_file: collections.Counter = collections.Counter()
    for case in ET.parse(junit_xml).iter("testcase"):
        module = case.get("classname", "")
        # "tests.test_book" for tests, "book.ch2_support_and_results" for nbval's notebook cells
        per_file[module.split("::")[0]] += float(case.get("time") or 0)
    return per_file


def run_suite() -> tuple[float, float, int, Path, int]:
    report = Path(tempfile.mkdtemp(prefix="bench-tests-")) / "junit.xml"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(["make", "--no-print-directory", "test", f"PYTEST_ARGS=-q --junitxml={report}"],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    # Tests run again because their browser froze (tests/browser.py): each cost the watchdog's wait.
    reruns = re.search(r"(\d+) rerun", proc.stdout)
    return wall, cpu, proc.returncode, report, int(reruns.group(1)) if reruns else 0


def main() -> None:
    load_before = os.getloadavg()[0]
    wall, cpu, returncode, report, reruns = run_suite()
    print(f"\n{'make test':<40} {wall:>7.1f} s wall, {cpu:.0f} s CPU on {os.cpu_count()} cores "
          f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)"
          f"{'' if returncode == 0 else f'; FAILED (exit {returncode})'}"
          f"{f'; {reruns} test(s) re-run after Chromium froze' if reruns else ''}")
    if report.exists():
        print(f"{'slowest test files (summed durations)':<40}")
        for module, seconds in seconds_per_file(report).most_common(8):
            print(f"  {module:<38} {seconds:>7.1f} s")


if __name__ == "__main__":
    main()
