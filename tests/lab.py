"""A real JupyterLab (from requirements-lab.txt, in .venv-lab) on 127.0.0.1, and what a student does in it.

The server runs from a temporary folder holding copies of the chapters (``book/``) and their student
copies (``student/``), so the repository's notebooks are never touched. Its settings, workspaces and
runtime files live in that folder too. Lab's only calls home (news, update checks) are switched off;
the browser test still records and aborts every request that leaves 127.0.0.1.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LAB_VENV = Path(__file__).resolve().parent.parent / ".venv-lab"
LAB_PYTHON = LAB_VENV / "bin" / "python"
START_TIMEOUT_S = 60
RUN_ALL_TIMEOUT_MS = 180_000
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# Every setting a test depends on, written where this server (and only it) reads settings.
LAB_SETTINGS = {
    # Lab asks on first start whether it may fetch news from jupyter.org: no.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def lab_installed() -> bool:
    return LAB_PYTHON.exists() and (LAB_VENV / "bin" / "jupyter-lab").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    root: Path
    url: str
    token: str
    process: subprocess.Popen

    def tree_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}&reset"

    def notebook7_url(self, path: str) -> str:
        """The same notebook in Notebook 7 (the same server serves both)."""
        return f"{self.url}/notebooks/{path}?token={self.token}"

    def read(self, path: str) -> dict:
        return json.loads((self.root / path).read_text(encoding="utf-8"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_lab(root: Path, log_path: Path) -> LabServer:
    """Start JupyterLab serving ``root`` on a free local port; return once it answers."""
    home = root.parent / "lab-home"
    settings = home / "settings"
    for name, values in LAB_SETTINGS.items():
        target = settings / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),  # notebook signatures (trust) included
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        PATH=f"{LAB_VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    env.pop("PYTHONPATH", None)
    command = [
        str(LAB_VENV / "bin" / "jupyter-lab"), "--no-browser",
        f"--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # Lets the test call Lab's own commands (Run All, Restart…) and read the notebook model.
        "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
    ]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = open(log_path, "w")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited ({process.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
                if response.status == 200:
                    return LabServer(root=root, url=url, token=token, process=process)
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"JupyterLab did not answer within {START_TIMEOUT_S} s; see {log_path}")
        time.sleep(0.3)


def prepare_root(root: Path, repo: Path, student_copies) -> None:
    """``root/book``: copies of the chapters; ``root/student``: their student copies."""
    (root / "book").mkdir(parents=True)
    for path in sorted((repo / "book").glob("*.ipynb")):
        shutil.copy2(path, root / "book" / path.name)
    student_copies(root / "student")


# ----------------------------------------------------------------------------- in the page
# The notebook panel in front, through the app object Lab exposes with expose_app_in_browser.
_CURRENT = "window.jupyterapp.shell.currentWidget"

WAIT_KERNEL_IDLE = f"""() => {{
  const w = {_CURRENT};
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.sessionContext.isReady;
}}"""

# From now on (with afterRestart: from the kernel's next restart on), note each code cell of the
# notebook in front that gets an execution count. A notebook opened from disk holds the counts of the
# run that saved it, and Restart Kernel and Run All leaves them in place until its run starts: the
# restart and the run are two commands, with the kernel idle in between. Seen in CI: a test that took
# those old counts for the new run saved, and the run then changed the notebook it had just saved.
WATCH_RUNS = f"""afterRestart => {{
  const w = {_CURRENT};
  const ran = window.__courseRan = new Set();
  let counting = !afterRestart;
  window.__courseRestarted = false;
  w.sessionContext.statusChanged.connect((_, status) => {{
    if (status === 'restarting') counting = window.__courseRestarted = true;
  }});
  for (const cell of w.content.widgets) {{
    if (cell.model.type !== 'code') continue;
    cell.model.stateChanged.connect((model, change) => {{
      if (counting && change.name === 'executionCount' && change.newValue !== null) ran.add(model.id);
    }});
  }}
}}"""

# Every code cell has run since WATCH_RUNS (an execution count, no pending "*") and the kernel is
# idle again.
ALL_CELLS_RAN = f"""() => {{
  const w = {_CURRENT};
  const ran = window.__courseRan;
  if (!ran || !w || !w.content || !w.sessionContext.session) return false;
  const k = w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => ran.has(c.model.id) && c.model.executionCount !== null
      && (c.model.executionState === undefined || c.model.executionState === 'idle')
      && !(c.promptNode && c.promptNode.textContent.indexOf('*') >= 0));
}}"""

# (output type, mime types) of every output of every code cell, read from the notebook model.
OUTPUTS = f"""() => {{
  const w = {_CURRENT};
  const result = [];
  for (const cell of w.content.widgets) {{
    if (cell.model.type !== 'code') continue;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {{
      const o = outputs.get(i).toJSON();
      result.push({{type: o.output_type, mimes: Object.keys(o.data || {{}}), text: o.ename ? o.ename + ': ' + o.evalue : ''}});
    }}
  }}
  return result;
}}"""


def run_command(page, command: str, args: dict | None = None):
    """Run a JupyterLab command until its promise settles. Notebook 7 was once seen to drop
    run-all's promise ("Resulting promise was garbage collected") while the command went on: that
    case returns None, and the caller's own wait (e.g. `wait_until_all_ran`) does the rest."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        return page.evaluate("([c, a]) => window.jupyterapp.commands.execute(c, a || {})", [command, args])
    except PlaywrightError as exc:
        if "promise was garbage collected" not in str(exc):
            raise
        return None


def wait_for_notebook(page) -> None:
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=60_000)
    page.wait_for_function(WAIT_KERNEL_IDLE, timeout=60_000)


def watch_runs(page, *, after_restart: bool = False) -> None:
    """Start noting which cells run (from the next kernel restart on): call before the command."""
    page.evaluate(WATCH_RUNS, after_restart)


def wait_until_all_ran(page) -> None:
    """Every code cell ran since `watch_runs`, and the kernel is idle."""
    page.wait_for_function(ALL_CELLS_RAN, timeout=RUN_ALL_TIMEOUT_MS, polling=250)


def outputs(page) -> list[dict]:
    return page.evaluate(OUTPUTS)
