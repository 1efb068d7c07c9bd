"""The one-writer rule (DESIGN.md §4): ingest and build take `$PLANWATCH_HOME/.write.lock` in turn.

The lock is an `fcntl.flock` on a separate lock file, never on the warehouse: the OS releases it when
the holder's process ends, even by `kill -9`, so a crashed writer never leaves the warehouse locked.
The holder writes its pid, command and start time into the lock file, so a waiting process can say
who it is waiting for. Re-entrant within one thread (a caller may hold it across several steps).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingest.errors import IngestError

LOCK_FILE_NAME = ".write.lock"

# How long a waiter gives a fresh holder to write its name into the lock file before describing
# it as "another process": the holder writes right after acquiring, so this is rarely reached.
_HOLDER_INFO_GRACE_S = 1.0


class WarehouseBusy(IngestError):
    """Another process held the write lock for longer than the caller was willing to wait."""

    key = "warehouse_busy"
    title_vi = "Kho dữ liệu đang bận, hết thời gian chờ (warehouse busy, timed out)"


@dataclass(frozen=True)
class LockHolder:
    """Who holds the write lock, as the holder wrote it into the lock file."""

    pid: int
    command: str
    started_at: datetime

    def describe_vi(self) -> str:
        """`tiến trình 1234 đang ghi (planwatch ingest …) từ 10:31:02` (date added if not today)."""
        when = self.started_at.strftime("%H:%M:%S")
        if self.started_at.date() != datetime.now().date():
            when = self.started_at.strftime("%H:%M:%S ngày %d/%m/%Y")
        return f"tiến trình {self.pid} đang ghi ({self.command}) từ {when}"


def lock_path(home: Path) -> Path:
    """The lock file of a PLANWATCH_HOME."""
    return Path(home) / LOCK_FILE_NAME


def read_holder(path: Path) -> LockHolder | None:
    """The holder recorded in a lock file, or None when it is empty or unreadable (being written)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["command"]), datetime.fromisoformat(data["started_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _holder_text(holder: LockHolder | None) -> str:
    return holder.describe_vi() if holder else "một tiến trình khác đang ghi (another process is writing)"


# Per-process state: which lock files this process holds, so nested `write_lock` calls in the same
# thread re-enter instead of deadlocking against their own flock (flock is per open file).
_state_guard = threading.Lock()
_thread_locks: dict[Path, threading.RLock] = {}
_held: dict[Path, tuple[int, int]] = {}  # lock path → (fd, depth)


def _thread_lock(path: Path) -> threading.RLock:
    with _state_guard:
        return _thread_locks.setdefault(path, threading.RLock())


def _default_command() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    return " ".join([name, *sys.argv[1:]])[:200]


@contextmanager
def write_lock(
    home: Path,
    *,
    timeout_s: float = 600,
    on_wait: Callable[[str], object] = print,
    poll_s: float = 0.2,
    command: str | None = None,
) -> Iterator[Path]:
    """Hold the warehouse write lock for the `with` block; wait for it if busy, then `WarehouseBusy`.

    `on_wait` gets one bilingual message when the lock is busy; `command` is what waiters are told
    this process is doing (default: its command line). Yields the lock file path.
    """
    path = lock_path(home).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    thread_lock = _thread_lock(path)
    if not thread_lock.acquire(timeout=max(timeout_s, 0)):
        raise WarehouseBusy(
            "một luồng khác trong cùng tiến trình đang ghi (another thread of this process is writing)",
            file=str(path),
        )
    try:
        with _state_guard:
            held = _held.get(path)
            if held is not None:
                _held[path] = (held[0], held[1] + 1)
        if held is not None:
            try:
                yield path
            finally:
                with _state_guard:
                    fd, depth = _held[path]
                    _held[path] = (fd, depth - 1)
            return

        fd = _acquire(path, deadline=deadline, timeout_s=timeout_s, on_wait=on_wait, poll_s=poll_s)
        try:
            _write_holder(fd, command or _default_command())
            with _state_guard:
                _held[path] = (fd, 1)
            yield path
        finally:
            with _state_guard:
                _held.pop(path, None)
            # Clear the record before unlocking, so no waiter ever reads a finished holder's name.
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
    finally:
        thread_lock.release()


def _acquire(
    path: Path, *, deadline: float, timeout_s: float, on_wait: Callable[[str], object], poll_s: float
) -> int:
    """Open the lock file and flock it, polling until the deadline; return the fd."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        told = False
        busy_since = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                pass
            now = time.monotonic()
            holder = read_holder(path)
            if not told and (
                holder is not None or now - busy_since >= _HOLDER_INFO_GRACE_S or now >= deadline
            ):
                on_wait(
                    f"Kho dữ liệu đang bận (busy): {_holder_text(holder)}; "
                    f"đang chờ tối đa {timeout_s:g} giây (waiting up to {timeout_s:g} s)…"
                )
                told = True
            if now >= deadline:
                raise WarehouseBusy(
                    f"{_holder_text(holder)}; đã chờ {timeout_s:g} giây (waited {timeout_s:g} s)",
                    file=str(path),
                    suggestion="đợi tiến trình đó chạy xong rồi chạy lại lệnh, hoặc tăng thời gian chờ",
                )
            time.sleep(max(0.0, min(poll_s, deadline - now)))
    except BaseException:
        os.close(fd)
        raise


def _write_holder(fd: int, command: str) -> None:
    record = {
        "pid": os.getpid(),
        "command": command,
        "started_at": datetime.now().isoformat(timespec="seconds"),
    }
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
