"""Processes (issue 8, class 16): `kill -9` of `planwatch build` leaves no dbt child writing without the
lock, the next writer gets the usual "busy" message rather than a raw DuckDB lock error, and the
temporary files of killed writers are removed by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from test_ingest_end_to_end import write_csv

from planwatch.cli import main
from planwatch.ingest.archive import archive_dir
from planwatch.ingest.lock import WarehouseBusy, write_lock
from planwatch.warehouse import publish
from planwatch.warehouse.build import build

pytestmark = pytest.mark.slow  # a real dbt build or render (make test-fast leaves it out)

REPO = Path(__file__).resolve().parent.parent


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting to be reaped has stopped: it writes nothing)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = next(line for line in status.splitlines() if line.startswith("State:"))
    return "Z" not in state.split()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


def holders_of(path: Path) -> list[int]:
    """Every process with `path` open."""
    target = str(path.resolve())
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fds = list((entry / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd) == target:
                    pids.append(int(entry.name))
                    break
            except OSError:
                continue
    return pids


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


PARENT = """
import subprocess, sys, time
from planwatch.warehouse.dbt import die_with_parent
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], preexec_fn=die_with_parent())
print(child.pid, flush=True)
time.sleep(120)
"""


def test_a_child_started_like_dbt_dies_when_its_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], cwd=REPO, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    wait_for(lambda: not alive(child), 10, "the child to die with its parent")


def test_kill_9_of_build_leaves_no_process_writing_and_the_next_build_succeeds(
    fresh_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = fresh_home / "warehouse.duckdb"
    env = {**os.environ, "PLANWATCH_HOME": str(fresh_home)}
    parent = subprocess.Popen([sys.executable, "-m", "planwatch.cli", "build", "--quiet"], cwd=REPO, env=env)
    try:
        # Wait until dbt is running and has the warehouse open: the build is writing.
        dbt = wait_for(
            lambda: [c for c in children(parent.pid) if c in holders_of(warehouse)],
            180,
            "dbt to open the warehouse",
        )[0]
        time.sleep(2)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        wait_for(lambda: not alive(dbt), 15, "the dbt child to die with planwatch build")
        wait_for(lambda: not holders_of(warehouse), 15, "no process to have the warehouse open")
    finally:
        if parent.poll() is None:
            parent.kill()
    with write_lock(fresh_home, timeout_s=5, on_wait=lambda m: None):
        pass  # the lock is free at once: nobody is left holding it

    assert main(["build", "--quiet"]) == 0

    assert list(fresh_home.glob(".warehouse-readonly.duckdb.*.tmp")) == []
    with duckdb.connect(str(publish.read_only_path()), read_only=True) as con:
        assert con.sql("select count(*) from marts.fct_indicator_assessment").fetchone()[0] > 0


HOLD_OPEN = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])  # read-write, as a dbt child still dying would hold it
print("open", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_build_waits_for_a_process_holding_the_warehouse_with_the_busy_message_not_a_lock_error(
    fresh_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(fresh_home / "warehouse.duckdb"), "5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseBusy) as caught:
            build(as_of=date(2026, 11, 26), quiet=True, timeout_s=1)
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "đang được mở bởi tiến trình khác" in err and "waiting" in err
    assert caught.value.key == "warehouse_busy" and "IO Error" not in err


def test_the_next_writer_removes_what_killed_writers_left(
    fresh_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    half_published = fresh_home / ".warehouse-readonly.duckdb.4242.tmp"
    half_published.write_bytes(b"half a copy")
    folder = archive_dir(fresh_home)
    folder.mkdir()
    half_copied = folder / ".0123456789abcdef.k1ll3d.tmp"
    half_copied.write_bytes(b"half")
    uncommitted = folder / f"{'ab' * 32}.csv"  # archived, then killed before COMMIT
    uncommitted.write_bytes(b"never loaded")
    path = write_csv(tmp_path / "a.csv", [["II.8", "Quý III/2026", "12,5", "tỷ USD", "ước tính", ""]])

    assert main(["ingest", str(path), "--agency", "SCT"]) == 0

    assert not half_published.exists() and not half_copied.exists() and not uncommitted.exists()
    assert main(["verify"]) == 0
