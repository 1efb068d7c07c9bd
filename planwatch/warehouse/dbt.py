"""Runs dbt on the warehouse, with the in-repo project and profile.

dbt runs in a child process: dbt-duckdb keeps its connection to the warehouse open for the life of the
process, and a writer that lingers would block every reader that opens the file afterwards.
The child dies with its parent (Linux PR_SET_PDEATHSIG): a `kill -9` of `planwatch build` must not
leave dbt writing to the warehouse after the write lock was released. The caller may also hand the
child the lock's file descriptor (`pass_fds`), so the lock is held until the child too has exited.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from planwatch import config


class DbtFailed(Exception):
    """`dbt` reported an error or a failing test."""


def dbt_env(home: Path) -> dict[str, str]:
    """Environment for dbt: PLANWATCH_HOME the given (absolute) home, telemetry off (offline machines)."""
    return {
        **os.environ,
        "PLANWATCH_HOME": str(Path(home).resolve()),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def dbt_executable() -> str:
    """The `dbt` of the running interpreter's environment (the project's .venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    if beside.exists():
        return str(beside)
    found = shutil.which("dbt")
    if found is None:
        raise DbtFailed("không tìm thấy lệnh dbt (dbt not found): chạy `make setup`")
    return found


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` that makes the child get SIGKILL when this process dies (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before fork: the child only calls into it
    parent = os.getpid()

    def preexec() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        # The parent may have died between fork and prctl; then no signal will ever come.
        if os.getppid() != parent:
            os._exit(137)

    return preexec


def as_of_vars(as_of: date, *, history: bool = True) -> list[str]:
    """The dbt arguments that build the warehouse as of a date (macros/as_of_date.sql reads the var); with
    history False the assessment is computed as of that date only (no fct_indicator_assessment_history
    rows for the quarter-ends before it)."""
    return ["--vars", json.dumps({"as_of": as_of.isoformat(), "assessment_history": history})]


def run_dbt(
    args: Sequence[str], *, home: Path | None = None, quiet: bool = False, pass_fds: Sequence[int] = ()
) -> None:
    """Run `dbt <args>` against the in-repo project on the warehouse of `home` (default
    $PLANWATCH_HOME); raise DbtFailed unless it succeeds.

    The dbt process is killed if this process dies; `pass_fds` (e.g. the write lock's descriptor)
    are inherited by it.
    """
    home = Path(home) if home is not None else config.home()
    home.mkdir(parents=True, exist_ok=True)
    root = str(config.REPO_ROOT)
    command = [dbt_executable(), *(["--quiet"] if quiet else []), *args]
    command += ["--project-dir", root, "--profiles-dir", root]
    # cwd=root: dbt writes target/ and logs/ relative to the working directory.
    result = subprocess.run(
        command,
        cwd=root,
        env=dbt_env(home),
        check=False,
        preexec_fn=die_with_parent(),
        pass_fds=tuple(pass_fds),
    )
    if result.returncode != 0:
        raise DbtFailed(
            f"dbt {' '.join(args)} thất bại (failed, exit {result.returncode}): xem thông báo ở trên"
        )
