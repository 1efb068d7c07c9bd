"""Runs dbt on the warehouse, with the in-repo project and profile.

dbt runs in a child process: dbt-duckdb keeps its connection to the warehouse open for the life of the
process, and a writer that lingers would block every reader that opens the file afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from planwatch import config


class DbtFailed(Exception):
    """`dbt` reported an error or a failing test."""


def dbt_env() -> dict[str, str]:
    """Environment for dbt: absolute PLANWATCH_HOME and telemetry off (offline machines)."""
    return {
        **os.environ,
        "PLANWATCH_HOME": str(config.home()),
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


def run_dbt(args: Sequence[str], *, quiet: bool = False) -> None:
    """Run `dbt <args>` against the in-repo project; raise DbtFailed unless it succeeds."""
    config.home().mkdir(parents=True, exist_ok=True)
    root = str(config.REPO_ROOT)
    command = [dbt_executable(), *(["--quiet"] if quiet else []), *args]
    command += ["--project-dir", root, "--profiles-dir", root]
    # cwd=root: dbt writes target/ and logs/ relative to the working directory.
    result = subprocess.run(command, cwd=root, env=dbt_env(), check=False)
    if result.returncode != 0:
        raise DbtFailed(
            f"dbt {' '.join(args)} thất bại (failed, exit {result.returncode}): xem thông báo ở trên"
        )
