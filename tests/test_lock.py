"""One writer at a time: a second writer waits with a clear message, times out cleanly, survives kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from test_store import grdp, ingest, warehouse_counts, write_submission_file

from planwatch.ingest.errors import IngestError
from planwatch.ingest.lock import WarehouseBusy, lock_path, read_holder, write_lock

REPO = Path(__file__).resolve().parent.parent

HOLDER = """
import sys, time
from pathlib import Path
from planwatch.ingest.lock import write_lock
with write_lock(Path(sys.argv[1]), command="planwatch ingest q3.xlsx --agency TK"):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(home: Path, seconds: float) -> subprocess.Popen:
    """Start a child that holds the write lock for `seconds`; return once it holds it."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home), str(seconds)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline().strip() == "locked"
    return child


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def test_second_writer_waits_says_who_is_writing_once_then_succeeds(home: Path, tmp_path: Path) -> None:
    sub = write_submission_file(tmp_path / "q1.csv", [grdp(8.1, "8,1")])
    child = hold_lock(home, 2.0)
    messages: list[str] = []
    started = time.monotonic()
    try:
        load = ingest(home, sub, datetime(2026, 4, 15, 9, 0), on_wait=messages.append)
    finally:
        child.wait(timeout=30)
    waited = time.monotonic() - started

    assert load.duplicate_of is None and warehouse_counts(home)["raw.loads"] == 1
    assert waited > 1.0
    assert len(messages) == 1
    message = messages[0]
    assert message.startswith("Kho dữ liệu đang bận (busy): ")
    assert f"tiến trình {child.pid} đang ghi (planwatch ingest q3.xlsx --agency TK) từ " in message
    assert "đang chờ" in message and "waiting" in message


def test_timeout_raises_warehouse_busy_naming_the_holder_and_writes_nothing(
    home: Path, tmp_path: Path
) -> None:
    sub = write_submission_file(tmp_path / "q1.csv", [grdp(8.1, "8,1")])
    child = hold_lock(home, 5.0)
    messages: list[str] = []
    try:
        with pytest.raises(WarehouseBusy) as caught:
            ingest(home, sub, datetime(2026, 4, 15, 9, 0), timeout_s=0.5, on_wait=messages.append)
    finally:
        child.kill()
        child.wait(timeout=30)

    error = caught.value
    assert isinstance(error, IngestError) and error.key == "warehouse_busy"
    assert str(error).startswith("[warehouse_busy] ")
    assert f"tiến trình {child.pid}" in str(error) and "planwatch ingest q3.xlsx" in str(error)
    assert len(messages) == 1
    assert not (home / "warehouse.duckdb").exists() and not (home / "archive").exists()


def test_lock_of_a_killed_holder_is_released_at_once(home: Path) -> None:
    child = hold_lock(home, 60.0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert read_holder(lock_path(home)).pid == child.pid  # its record is stale, but its flock is gone

    messages: list[str] = []
    started = time.monotonic()
    with write_lock(home, timeout_s=0, on_wait=messages.append):
        assert read_holder(lock_path(home)).pid == os.getpid()
    assert messages == []
    assert time.monotonic() - started < 0.5


def test_holder_is_recorded_while_held_and_cleared_on_release(home: Path) -> None:
    with write_lock(home, command="planwatch build"):
        holder = read_holder(lock_path(home))
        assert (holder.pid, holder.command) == (os.getpid(), "planwatch build")
        assert abs((datetime.now() - holder.started_at).total_seconds()) < 5
        assert "planwatch build" in holder.describe_vi()
    assert read_holder(lock_path(home)) is None
    assert not (home / "warehouse.duckdb").exists()  # the lock never touches the warehouse itself


def test_lock_is_reentrant_in_the_same_thread(home: Path, tmp_path: Path) -> None:
    sub = write_submission_file(tmp_path / "q1.csv", [grdp(8.1, "8,1")])
    with write_lock(home, timeout_s=0):
        # e.g. `planwatch demo` holding the lock across build and ingest
        load = ingest(home, sub, datetime(2026, 4, 15, 9, 0), timeout_s=0)
        assert read_holder(lock_path(home)).pid == os.getpid()
    assert load.duplicate_of is None
    assert read_holder(lock_path(home)) is None


def test_another_thread_of_the_same_process_waits(home: Path) -> None:
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with write_lock(home):
            inside.set()
            time.sleep(0.5)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(timeout=10)
    with write_lock(home, timeout_s=10):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]


def test_readers_open_the_warehouse_while_a_writer_holds_the_lock(home: Path) -> None:
    # The lock is advisory on its own file: a reader opening the warehouse is never stopped by it.
    duckdb.connect(str(home / "warehouse.duckdb")).close()
    child = hold_lock(home, 3.0)
    try:
        with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
            assert con.execute("select 1").fetchone() == (1,)
    finally:
        child.kill()
        child.wait(timeout=30)
