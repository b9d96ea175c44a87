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


def _client_class(output_bytes: int, record_bytes: int, record_cell: int, cut_cells: list,
                  current: dict):
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """nbclient keeping at most ``output_bytes`` of the student's cells' output (then a note)
        and ``record_bytes`` of the record cell's; notes which cell is running."""

        budgets = {"output": output_bytes, "record": record_bytes}
        shutdown_kernel = "immediate"  # the sandbox goes away next; no need to wait for the kernel

        def execute_cell(self, cell, cell_index, *args, **kwargs):
            current["cell"] = cell_index
            return super().execute_cell(cell, cell_index, *args, **kwargs)

        def output(self, outs, msg, display_id, cell_index):
            which = "record" if cell_index == record_cell else "output"
            size = _size(msg.get("content", {}))
            if size > self.budgets[which]:
                if cell_index not in cut_cells:
                    cut_cells.append(cell_index)
                    outs.append(_note(f"[output cut: the grader keeps {output_bytes // 1024} KB of a "
                                      "notebook's output; the rest was dropped]"))
                self.budgets[which] = 0
                return None
            self.budgets[which] -= size
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _size(content: dict) -> int:
    """About the bytes an output keeps (cheap: a 200 MB print is measured, not re-encoded)."""
    total = len(content.get("text") or "")
    for value in (content.get("data") or {}).values():
        total += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    return total + len(str(content.get("traceback") or ""))


def _note(text: str):
    import nbformat
    return nbformat.v4.new_output("stream", name="stderr", text=text + "\n")


def _recorded(cell, wanted: set[str], answer_bytes: int) -> tuple[dict, dict]:
    """Answer records from the record cell's outputs: first record per asked-for question."""
    from ..notebooks.results import ANSWER_MIME, displays
    answers, refused = {}, {}
    for rec in displays(cell, ANSWER_MIME):
        qid = rec.get("qid")
        if qid not in wanted or qid in answers or qid in refused:
            continue
        if len(json.dumps(rec.get("answer"))) > answer_bytes:
            refused[qid] = f"the answer is larger than the {answer_bytes // 1024} KB a recorded answer may be"
            continue
        answers[qid] = rec
    return answers, refused


def run(job: dict) -> dict:
    import nbformat
    from ..notebooks.run import run_notebook

    limits = job["limits"]
    nb = nbformat.read("submission.ipynb", as_version=4)
    # The kernel is always this Python; whatever the submission's metadata names is ignored.
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_code_cell(job["record_cell"]))
    record_index = len(nb.cells) - 1
    result = {"cells": record_index, "errors": [], "timeout": None, "kernel_died": None,
              "output_cut": [], "answers": {}, "not_recorded": {}}
    current = {"cell": None}
    answer_bytes = int(limits["answer_kb"]) * 1024
    client = _client_class(int(limits["output_kb"]) * 1024, answer_bytes * (len(job["questions"]) + 1),
                           record_index, result["output_cut"], current)
    run = run_notebook(nb, cwd=os.getcwd(), env=dict(os.environ), cell_timeout=float(limits["cell_timeout"]),
                       timeout=float(limits["timeout"]), allow_errors=True, store_widget_state=False,
                       client_class=client)
    if run.timed_out_cell is not None or run.notebook_timed_out:
        cell = run.timed_out_cell if run.timed_out_cell is not None else current["cell"]
        result["timeout"] = {"cell": cell, "scope": "notebook" if run.notebook_timed_out else "cell"}
    elif run.kernel_died:
        result["kernel_died"] = {"cell": current["cell"]}
    elif run.failure and not run.errors:
        result["failed"] = run.failure[:300]
    result["errors"] = [{"cell": e.index, "ename": e.ename[:100], "evalue": e.evalue[:300]} for e in run.errors]
    answers, refused = _recorded(run.notebook.cells[record_index], set(job["questions"]), answer_bytes)
    result["answers"], result["not_recorded"] = answers, refused
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
