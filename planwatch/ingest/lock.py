"""The one-writer rule (docs/architecture.md): ingest and build take `$PLANWATCH_HOME/.write.lock` in turn.

The lock is an `fcntl.flock` on a separate lock file, never on the warehouse: the OS releases it when
the holder's process ends, even by `kill -9`, so a crashed writer never leaves the warehouse locked.
The holder writes its pid, command and start time into the lock file, so a waiting process can say
who it is waiting for. Re-entrant within one thread (a caller may hold it across several steps).

The lock file is opened with O_NOFOLLOW and must be a regular file: a `.write.lock` that is a symlink
(whose target would be truncated), a folder or a device is refused with a clear message.
Whoever takes the lock is the only writer, so it first removes the temporary files a killed writer
left (`.warehouse-readonly.duckdb.<pid>.tmp`, `archive/.<hash>.<random>.tmp`).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planwatch.ingest.errors import IngestError, StorageError

LOCK_FILE_NAME = ".write.lock"

# How long a waiter gives a fresh holder to write its name into the lock file before describing
# it as "another process": the holder writes right after acquiring, so this is rarely reached.
_HOLDER_INFO_GRACE_S = 1.0


class WarehouseBusy(IngestError):
    """Another process held the write lock for longer than the caller was willing to wait."""

    key = "warehouse_busy"
    title_vi = "Kho dữ liệu đang bận, hết thời gian chờ (warehouse busy, timed out)"


class LockPathInvalid(IngestError):
    """`$PLANWATCH_HOME/.write.lock` is not a plain file planwatch may use (a symlink, a folder, a device)."""

    key = "lock_path_invalid"
    title_vi = "Tệp khóa ghi không hợp lệ (invalid write-lock file)"


# Temporary files only a writer creates, under the lock: any found by the next holder are stale.
_STALE_PATTERNS = (".warehouse-readonly.duckdb.*.tmp", "archive/.*.tmp")


def remove_stale_temporaries(home: Path) -> list[Path]:
    """Remove the temporary files of writers that were killed (call only while holding the lock)."""
    removed = []
    for pattern in _STALE_PATTERNS:
        for path in Path(home).glob(pattern):
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def held_fd(home: Path) -> int | None:
    """The open lock file descriptor this process holds for `home`, or None.

    A child process given this descriptor (`pass_fds`) shares the lock: it stays held until both
    have exited, so a writer's child can never go on writing after the lock was released.
    """
    with _state_guard:
        held = _held.get(lock_path(Path(home).resolve()))
    return held[0] if held else None


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
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = json.loads(os.read(fd, 64 * 1024).decode("utf-8"))
        finally:
            os.close(fd)
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
    # Resolve the folder, never the lock file itself: a symlinked .write.lock must not be followed.
    path = lock_path(Path(home).resolve())
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
            try:
                _write_holder(fd, command or _default_command())
                remove_stale_temporaries(path.parent)
            except OSError as exc:
                raise StorageError.from_os_error(
                    exc, file=path, doing="ghi tệp khóa (writing the lock file)"
                ) from None
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
    fd = _open_lock_file(path)
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


def _open_lock_file(path: Path) -> int:
    """The lock file opened read-write (created if missing), never through a symlink, never blocking."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    hint = f"xóa hoặc đổi tên {path} (nó không do planwatch tạo) rồi chạy lại (remove it and run again)"
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LockPathInvalid(
                "là một liên kết tượng trưng (symlink), planwatch không đi theo nó (never followed)",
                file=str(path), value=os.readlink(path), suggestion=hint,
            ) from None  # fmt: skip
        if exc.errno == errno.EISDIR:
            raise LockPathInvalid("là một thư mục (a directory)", file=str(path), suggestion=hint) from None
        if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT):
            raise StorageError.from_os_error(
                exc, file=path, doing="tạo tệp khóa (creating the lock file)"
            ) from None
        raise LockPathInvalid(
            f"không mở được (cannot open): {exc.strerror}", file=str(path), suggestion=hint
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise LockPathInvalid(
            "không phải một tệp thường (not a regular file)", file=str(path), suggestion=hint
        )
    return fd


def _write_holder(fd: int, command: str) -> None:
    record = {
        "pid": os.getpid(),
        "command": command,
        "started_at": datetime.now().isoformat(timespec="seconds"),
    }
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
