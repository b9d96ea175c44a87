"""One bubblewrap sandbox per submission.

What the sandboxed notebook sees (everything else of the machine is absent, not just read-only):

* ``/usr`` (and the ``/bin``, ``/lib*`` links), a few loader files from ``/etc``, the Python
  installation and the virtual environment: read-only;
* ``/course``: the *student course tree* (see :mod:`exercises.grading.course`): the engine, the
  data, and banks that hold no answers — read-only;
* ``/home/student/work``: a size-limited tmpfs holding a copy of this one submission (written
  in through a file descriptor, so no host path is named), the working directory;
* a private ``/tmp`` (tmpfs), its own ``/proc`` and ``/dev``;
* no network (its own, empty, network namespace), its own PID, IPC, UTS, cgroup and user
  namespaces (``--unshare-all``), a new session (no terminal to inject keystrokes into).

Nothing outlives it: bwrap's init is PID 1 of the namespace, so when the grader's process ends
(``--die-with-parent``) or is killed on timeout, the kernel kills every process inside,
``setsid``/double-fork children included. bwrap's arguments are passed through a file
descriptor (``--args``), so ``/proc/<ppid>/cmdline`` inside shows ``bwrap --args 3`` and no path.

Limits: address space and file size as rlimits set before ``bwrap`` starts (inherited by every
process inside); processes as ``RLIMIT_NPROC`` set by the runner inside the user namespace,
where it counts only the sandbox's processes — except for root, whom the kernel exempts from
``RLIMIT_NPROC``: a root grader puts each sandbox into its own ``pids`` (and ``memory``) cgroup
instead, and refuses to run when it can't. Wall time is enforced twice: per cell and per
notebook by the runner, and per notebook (plus a margin) by the grader, which kills the sandbox.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..course import course_name

MiB = 1024 * 1024
SANDBOX_HOME = "/home/student"
SANDBOX_WORK = "/home/student/work"
SANDBOX_COURSE = "/course"
SANDBOX_UID = 1000
RUNNER = ("python", "-B", "-m", "exercises.grading.inside")
# Files of /etc that the dynamic loader and Python read; nothing else of /etc is shown.
_ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "nsswitch.conf", "localtime",
              "host.conf", "mime.types")


class SandboxUnavailable(RuntimeError):
    """bwrap is missing, or can't start a sandbox on this machine."""


@dataclass
class Limits:
    """Per-submission limits; every one can be changed on the command line."""

    timeout: float = 600.0        # wall seconds for the whole notebook
    cell_timeout: float = 120.0   # wall seconds per cell
    memory_mb: int = 2048         # address space of each process (and the cgroup, as root)
    output_kb: int = 2048         # notebook outputs kept in total; the rest is cut, with a note
    file_mb: int = 64             # largest file a cell may write; also the size of /tmp and work
    processes: int = 64           # processes and threads inside the sandbox
    answer_kb: int = 512          # serialised size of one recorded answer

    def as_dict(self) -> dict:
        return asdict(self)


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def _cgroup_dirs() -> dict[str, Path]:
    """Writable cgroup-v1 controllers (pids, memory) or a writable v2 root, for a root grader."""
    base = Path("/sys/fs/cgroup")
    found = {}
    for controller in ("pids", "memory"):
        d = base / controller
        if (d / "cgroup.procs").exists() and os.access(d, os.W_OK):
            found[controller] = d
    if "pids" not in found and (base / "cgroup.controllers").exists() and os.access(base, os.W_OK):
        controllers = (base / "cgroup.controllers").read_text().split()
        if "pids" in controllers:
            found["v2"] = base
    return found


class _Cgroup:
    """A pids (+ memory) cgroup for one sandbox, for graders running as root."""

    def __init__(self, limits: Limits):
        self.dirs: list[Path] = []
        name = f"exercises-grading-{uuid.uuid4().hex[:12]}"
        roots = _cgroup_dirs()
        if "pids" in roots:
            d = roots["pids"] / name
            d.mkdir()
            (d / "pids.max").write_text(str(limits.processes))
            self.dirs.append(d)
            if "memory" in roots:
                m = roots["memory"] / name
                m.mkdir()
                (m / "memory.limit_in_bytes").write_text(str(limits.memory_mb * MiB))
                self.dirs.append(m)
        elif "v2" in roots:
            d = roots["v2"] / name
            d.mkdir()
            (d / "pids.max").write_text(str(limits.processes))
            if (d / "memory.max").exists():
                (d / "memory.max").write_text(str(limits.memory_mb * MiB))
            self.dirs.append(d)
        else:
            raise SandboxUnavailable(
                "grading as root: the kernel exempts root from the process limit, and no writable "
                "pids cgroup was found to limit processes instead. Run the grader as a normal user.")

    def enter(self) -> None:
        """Called in the child before exec: the sandbox and all it starts are counted here."""
        pid = str(os.getpid())
        for d in self.dirs:
            with open(d / "cgroup.procs", "w") as f:
                f.write(pid)

    def close(self) -> None:
        for d in self.dirs:
            for _ in range(50):
                try:
                    pids = (d / "cgroup.procs").read_text().split()
                except OSError:
                    break
                for p in pids:
                    try:
                        os.kill(int(p), signal.SIGKILL)
                    except (ProcessLookupError, ValueError):
                        pass
                try:
                    d.rmdir()
                    break
                except OSError:
                    time.sleep(0.05)


@dataclass
class SandboxRun:
    """What came back from one sandbox: the runner's JSON result (or why there is none)."""

    result: dict | None
    returncode: int | None
    killed_on_timeout: bool = False
    stderr: str = ""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _memfd(name: str, data: bytes) -> int:
    fd = os.memfd_create(name, 0)  # not O_CLOEXEC: handed to bwrap
    os.write(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _read_capped(stream, limit: int, sink: list, flag: list) -> None:
    """Read a pipe to its end, keeping at most ``limit`` bytes (the rest is drained and counted)."""
    kept = 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            break
        if kept < limit:
            take = chunk[: limit - kept]
            sink.append(take)
            kept += len(take)
        if kept >= limit and len(chunk):
            flag.append(True)
    stream.close()


class Sandbox:
    """Runs ``python -m exercises.grading.inside`` on one submission inside bwrap."""

    def __init__(self, course_dir: Path, limits: Limits):
        self.course_dir = Path(course_dir)
        self.limits = limits
        self.bwrap = bwrap_path()
        self.as_root = os.geteuid() == 0
        problem = probe()
        if problem:
            raise SandboxUnavailable(
                f"{problem}, so submissions can't be graded in a sandbox. Pass --no-sandbox to grade "
                "without one (only for submissions you trust: every result will say so).")

    # ------------------------------------------------------------------ arguments
    def arguments(self, submission_fd: int) -> list[str]:
        lim = self.limits
        fs_bytes = str(lim.file_mb * MiB * 4)
        # --disable-userns: no nested user namespaces, so no way back to (namespaced) root powers.
        args = ["--unshare-all", "--unshare-user", "--disable-userns",
                "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
                "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox",
                *_system_arguments()]
        args += ["--proc", "/proc", "--dev", "/dev",
                 "--size", fs_bytes, "--tmpfs", "/tmp",
                 "--size", fs_bytes, "--tmpfs", SANDBOX_HOME]
        # The Python (and the grader's venv) after the private /tmp: bwrap mounts in order, so a
        # venv that lives under /tmp (a CI checkout, say) would otherwise be hidden by it.
        prefixes = {Path(sys.base_prefix).resolve(), Path(sys.prefix)}
        for prefix in sorted(prefixes):
            if not str(prefix).startswith("/usr/"):
                args += ["--ro-bind", str(prefix), str(prefix)]
        args += ["--dir", SANDBOX_WORK,
                 "--ro-bind", str(self.course_dir), SANDBOX_COURSE,
                 "--file", str(submission_fd), f"{SANDBOX_WORK}/submission.ipynb",
                 "--chdir", SANDBOX_WORK, "--clearenv"]
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": SANDBOX_HOME, "USER": "student", "LANG": "C.UTF-8",
            "PYTHONPATH": SANDBOX_COURSE, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0",
            "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime", "JUPYTER_DATA_DIR": "/tmp/jupyter-data",
            "JUPYTER_CONFIG_DIR": "/tmp/jupyter-config", "IPYTHONDIR": "/tmp/ipython",
            "MPLCONFIGDIR": "/tmp/matplotlib", "JUPYTER_PLATFORM_DIRS": "1",
            # One thread per numeric library: the process limit counts threads.
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "NUMEXPR_MAX_THREADS": "1", "MALLOC_ARENA_MAX": "2",
            "EXERCISES_COURSE": course_name() or "",
        }
        for k, v in env.items():
            args += ["--setenv", k, v]
        args += ["--remount-ro", "/"]
        return args

    # ------------------------------------------------------------------ running
    def run(self, notebook_bytes: bytes, job: dict) -> SandboxRun:
        lim = self.limits
        cgroup = _Cgroup(lim) if self.as_root else None
        submission_fd = _memfd("submission", notebook_bytes)
        args_fd = _memfd("bwrap-args", b"\0".join(a.encode() for a in self.arguments(submission_fd)) + b"\0")
        job = dict(job, limits=lim.as_dict(), enforce_nproc=not self.as_root)

        def limit_child():  # runs in the child between fork and exec
            if cgroup:
                cgroup.enter()
            as_bytes = lim.memory_mb * MiB
            resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))
            resource.setrlimit(resource.RLIMIT_FSIZE, (lim.file_mb * MiB, lim.file_mb * MiB))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        start = time.monotonic()
        out_chunks, err_chunks, out_cut, err_cut = [], [], [], []
        killed = False
        try:
            # Found on the sandbox's PATH (the venv first): no host path on the command line.
            # bwrap's init (PID 1 inside) keeps bwrap's environment, readable in /proc/1/environ:
            # it gets a bare one, never the grader's (which may hold tokens and paths).
            proc = subprocess.Popen([self.bwrap, "--args", str(args_fd), "--", *RUNNER], stdin=subprocess.PIPE,
                                    env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    pass_fds=(args_fd, submission_fd), preexec_fn=limit_child,
                                    start_new_session=True)
        finally:
            os.close(args_fd)
            os.close(submission_fd)
        readers = [threading.Thread(target=_read_capped, args=(proc.stdout, 8 * MiB, out_chunks, out_cut),
                                    daemon=True),
                   threading.Thread(target=_read_capped, args=(proc.stderr, 64 * 1024, err_chunks, err_cut),
                                    daemon=True)]
        for t in readers:
            t.start()
        try:
            proc.stdin.write(json.dumps(job).encode())
            proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            # The runner enforces the limits itself; this clock is for a runner that can't.
            proc.wait(timeout=lim.timeout * 1.1 + 5)
        except subprocess.TimeoutExpired:
            killed = True
            # Killing bwrap kills its init (PDEATHSIG), and with it every process in the namespace.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        for t in readers:
            t.join(timeout=10)
        if cgroup:
            cgroup.close()
        seconds = time.monotonic() - start
        stdout = b"".join(out_chunks)
        stderr = b"".join(err_chunks).decode("utf-8", "replace")
        run = SandboxRun(None, proc.returncode, killed, stderr, seconds)
        if out_cut:
            run.problems.append("the sandbox's result was larger than 8 MiB")
        else:
            run.result = _parse_result(stdout)
        if run.result is None and not killed and proc.returncode not in (0, None):
            if "bwrap:" in stderr and not stdout:
                raise SandboxUnavailable(f"bwrap could not start a sandbox: {stderr.strip()[-500:]}")
        return run


def _parse_result(stdout: bytes) -> dict | None:
    # The runner writes exactly one JSON document on its private copy of stdout.
    try:
        value = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _system_arguments() -> list[str]:
    """The read-only system every sandbox gets: /usr, the top-level links into it, a few /etc files."""
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        p = Path("/") / top
        if p.is_symlink():
            args += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            args += ["--ro-bind", str(p), str(p)]
    for name in _ETC_FILES:
        p = Path("/etc") / name
        if p.exists():
            args += ["--ro-bind", str(p), str(p)]
    return args


def probe() -> str | None:
    """None if a sandbox starts here, else the reason it doesn't."""
    exe = bwrap_path()
    if not exe:
        return ("bubblewrap (`bwrap`) is not installed (Debian/Ubuntu: `sudo apt-get install "
                "bubblewrap`; Fedora: `sudo dnf install bubblewrap`)")
    try:
        r = subprocess.run([exe, "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session",
                            *_system_arguments(), "--proc", "/proc", "--dev", "/dev", "true"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not run ({exc})"
    if r.returncode != 0:
        return f"bwrap could not start a sandbox ({r.stderr.strip()[-300:]})"
    if os.geteuid() == 0 and not _cgroup_dirs():
        return ("grading as root needs a writable pids cgroup (the kernel exempts root from the "
                "process limit)")
    return None
