"""The runner inside the sandbox: ``python -m exercises.grading.inside`` (reads a job on stdin).

It executes the submission, with the course's record cell appended, against the student course
tree (banks without answers), then writes one JSON document to its private copy of stdout:

    {"cells": n, "errors": [{"cell", "ename", "evalue"}], "timeout": {"cell", "seconds", "scope"} | null,
     "kernel_died": {"cell"} | null, "output_cut": [cell, ...], "answers": {qid: answer record},
     "not_recorded": {qid: why}}

Everything in it came from a process the student controlled, so the grader treats it as
untrusted data: it reads at most a few MiB, parses JSON, keeps only the questions it asked
about, and checks the values itself with the real banks. Nothing here decides a grade.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import sys
import time

RECORD_MIME = "application/vnd.exercises.answer+json"


def _private_stdout() -> int:
    """Keep stdout for the result only: the kernel inherits fds 1 and 2, so fd 1 becomes /dev/null."""
    result_fd = os.dup(1)  # not inheritable (PEP 446), so the kernel never gets it
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    # Not dumpable: the student's processes (same uid) can't open /proc/<this pid>/fd/* or ptrace us.
    try:
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:  # pragma: no cover - not Linux
        pass
    return result_fd


def _limit_processes(n: int) -> None:
    # Inside the sandbox's user namespace RLIMIT_NPROC counts only this sandbox's processes.
    resource.setrlimit(resource.RLIMIT_NPROC, (n, n))


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """nbclient with an output budget for the student's cells and a deadline for the notebook."""

        output_budget = 0
        record_budget = 0
        record_cell = -1
        deadline = None
        cell_timeout = None
        cut_cells: list

        def _get_timeout(self, cell):
            remaining = max(1.0, self.deadline - time.monotonic())
            return int(min(self.cell_timeout, remaining) + 0.999)

        def output(self, outs, msg, display_id, cell_index):
            size = len(json.dumps(msg.get("content", {}), default=str))
            budget = "record_budget" if cell_index == self.record_cell else "output_budget"
            left = getattr(self, budget)
            if size > left:
                if cell_index not in self.cut_cells:
                    self.cut_cells.append(cell_index)
                    outs.append(_note(f"[output cut: this notebook printed more than the grader keeps "
                                      f"({self.limit_kb} KB in all); the rest was dropped]"))
                setattr(self, budget, 0)
                return None
            setattr(self, budget, left - size)
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _note(text: str):
    import nbformat
    return nbformat.v4.new_output("stream", name="stderr", text=text + "\n")


def _recorded(cell, wanted: set[str], answer_bytes: int) -> tuple[dict, dict]:
    """Answer records from the record cell's outputs: first record per asked-for question."""
    answers, refused = {}, {}
    for out in cell.get("outputs", []):
        data = out.get("data") or {}
        rec = data.get(RECORD_MIME)
        if not isinstance(rec, dict):
            continue
        qid = rec.get("qid")
        if qid not in wanted or qid in answers or qid in refused:
            continue
        if len(json.dumps(rec)) > answer_bytes:
            refused[qid] = f"the answer is larger than the {answer_bytes // 1024} KB a recorded answer may be"
            continue
        answers[qid] = rec
    return answers, refused


def run(job: dict) -> dict:
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    limits = job["limits"]
    result = {"cells": 0, "errors": [], "timeout": None, "kernel_died": None, "output_cut": [],
              "answers": {}, "not_recorded": {}}
    nb = nbformat.read("submission.ipynb", as_version=4)
    # The kernel is always this Python; whatever the submission's metadata names is ignored.
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(job["record_cell"]))
    record_index = len(nb.cells) - 1
    result["cells"] = record_index

    Client = _client_class()
    client = Client(nb, kernel_name="python3", allow_errors=True, record_timing=False,
                    interrupt_on_timeout=False, startup_timeout=60,
                    resources={"metadata": {"path": os.getcwd()}})
    client.output_budget = int(limits["output_kb"]) * 1024
    client.limit_kb = int(limits["output_kb"])
    client.record_budget = int(limits["answer_kb"]) * 1024 * (len(job["questions"]) + 1)
    client.record_cell = record_index
    client.cell_timeout = float(limits["cell_timeout"])
    client.cut_cells = result["output_cut"]
    start = time.monotonic()
    client.deadline = start + float(limits["timeout"])
    current = {"cell": None}

    def on_start(cell, cell_index, **_):
        current["cell"] = cell_index

    client.on_cell_start = on_start
    try:
        client.execute()
    except CellTimeoutError:
        cell = current["cell"]
        notebook_limit = time.monotonic() - start >= float(limits["timeout"]) - 1
        result["timeout"] = {"cell": cell, "scope": "notebook" if notebook_limit else "cell",
                             "seconds": limits["timeout"] if notebook_limit else limits["cell_timeout"]}
    except DeadKernelError:
        result["kernel_died"] = {"cell": current["cell"]}
    except Exception as exc:  # kernel failed to start, a broken notebook...
        result["failed"] = f"{type(exc).__name__}: {str(exc)[:300]}"
    for i, cell in enumerate(nb.cells[:record_index]):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.get("output_type") == "error":
                result["errors"].append({"cell": i, "ename": str(out.get("ename"))[:100],
                                         "evalue": str(out.get("evalue"))[:300]})
    answers, refused = _recorded(nb.cells[record_index], set(job["questions"]),
                                 int(limits["answer_kb"]) * 1024)
    result["answers"] = answers
    result["not_recorded"] = refused
    return result


def main() -> int:
    result_fd = _private_stdout()
    job = json.loads(sys.stdin.read())
    if job.get("enforce_nproc"):
        _limit_processes(int(job["limits"]["processes"]))
    try:
        result = run(job)
    except BaseException as exc:  # report, don't crash: the grader turns this into an error row
        result = {"failed": f"{type(exc).__name__}: {str(exc)[:300]}"}
    data = json.dumps(result).encode()
    view = memoryview(data)
    while view:
        n = os.write(result_fd, view)
        view = view[n:]
    os.close(result_fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
