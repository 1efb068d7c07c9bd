"""One submitted file through the ingest layer: read → normalise and validate → append.

The file's bytes are read once (`read_submission_bytes`: a regular file only, never a FIFO, device or
folder, and no larger than the file-size limit); those same bytes are hashed, parsed and archived, so
what is archived is exactly what was validated even if the file is replaced meanwhile.
A rejected file writes nothing to the warehouse; the analyst gets the problems on the terminal and in a
report file under $PLANWATCH_HOME/rejections/. An accepted file is archived by hash and appended in one
transaction (planwatch/ingest/store.py). The same file twice is recognised and not loaded again.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from planwatch import config
from planwatch.ingest.archive import Sidecar, sha256_bytes
from planwatch.ingest.errors import IngestError, StorageError, SubmissionRejected
from planwatch.ingest.limits import current_limits, env_name
from planwatch.ingest.model import Load, Problem, Submission
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.ingest.reader import read_tables
from planwatch.ingest.report import error_to_problem, problems_of, report_base, write_rejection_report
from planwatch.ingest.store import VerifyReport, ingest_submission, rebuild_from_archive, verify_archive
from planwatch.ingest.validate import IngestOptions, validate


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: accepted (load), already loaded (load.duplicate_of), or rejected."""

    path: Path
    load: Load | None
    problems: tuple[Problem, ...] = ()
    report_paths: tuple[Path, ...] = ()
    dry_run: bool = False
    submission: Submission | None = None

    @property
    def accepted(self) -> bool:
        """True when nothing is wrong with the file (for a dry run: it would be accepted)."""
        return not self.problems


def current_catalogue() -> Catalogue:
    """The plan catalogue, read from the published read-only copy (never blocking a writer).

    A read-only copy that cannot be opened (damaged, half-copied by hand) is not fatal: the catalogue is
    then read from the warehouse itself; if neither opens, a clear error says to run `planwatch build`.
    """
    published = config.read_only_path()
    candidates = [published] if published.exists() else []
    candidates.append(config.warehouse_path())
    failures = []
    for path in candidates:
        try:
            return load_catalogue(path)
        except duckdb.Error as exc:
            failures.append(f"{path.name}: {str(exc).splitlines()[0]}")
    raise IngestError(
        "không mở được danh mục kế hoạch (cannot open the plan catalogue): " + "; ".join(failures),
        key="catalogue_unavailable",
        file=str(published),
        suggestion="chạy `planwatch build` để dựng lại bản chỉ đọc (run `planwatch build`)",
    )


def _unreadable(path: Path, detail: str, *, key: str, suggestion: str | None = None) -> SubmissionRejected:
    error = IngestError(detail, key=key, file=path.name, value=str(path), suggestion=suggestion)
    return SubmissionRejected([error], file=path.name)


_KINDS_VI = {
    stat.S_ISDIR: "một thư mục (a directory)",
    stat.S_ISFIFO: "một ống dẫn FIFO (a named pipe)",
    stat.S_ISCHR: "một thiết bị (a character device)",
    stat.S_ISBLK: "một thiết bị khối (a block device)",
    stat.S_ISSOCK: "một socket",
}


def _not_regular(path: Path, mode: int) -> SubmissionRejected:
    kind = next((vi for test, vi in _KINDS_VI.items() if test(mode)), "không phải tệp thường (not a file)")
    return _unreadable(
        path,
        f"đường dẫn là {kind}, không phải một tệp CSV/XLSX (not a regular file)",
        key="not_a_file",
        suggestion="chỉ định chính tệp CSV hoặc XLSX cần nộp",
    )


def read_submission_bytes(path: Path) -> bytes:
    """The file's bytes, read once; SubmissionRejected for anything but a readable regular file within
    the size limit (checked before reading, so a huge file is refused without being read).

    Opened with O_NONBLOCK and judged by fstat of the open file, so a FIFO (or a file swapped for one
    after the check) can never make ingest hang.
    """
    path = Path(path)
    limit = current_limits().max_file_bytes
    try:
        mode = os.stat(path).st_mode  # follows a symlink: a link to a device is judged as the device
    except FileNotFoundError:
        raise _unreadable(path, "không tìm thấy tệp (file not found)", key="file_not_found") from None
    except OSError as exc:
        raise _unreadable(
            path, f"không đọc được tệp (cannot read): {exc.strerror}", key="file_unreadable"
        ) from None
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        why = (
            "không có quyền đọc (permission denied)"
            if exc.errno in (errno.EACCES, errno.EPERM)
            else exc.strerror
        )
        raise _unreadable(
            path,
            f"không đọc được tệp (cannot read): {why}",
            key="file_unreadable",
            suggestion="kiểm tra quyền đọc của tệp (check the file's read permission)",
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        chunks, size = [], 0
        while True:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            except OSError as exc:
                raise _unreadable(
                    path, f"lỗi khi đọc tệp (read error): {exc.strerror}", key="file_unreadable"
                ) from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # the file grew while being read
                raise _too_large(path, size, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_large(path: Path, size: int, limit: int) -> SubmissionRejected:
    return _unreadable(
        path,
        f"tệp lớn {size:,} byte, vượt giới hạn {limit:,} byte (file larger than the limit)".replace(",", "."),
        key="file_too_large",
        suggestion=f"chia tệp thành nhiều tệp nhỏ, hoặc nâng giới hạn bằng biến {env_name('max_file_bytes')}",
    )


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector off for the block (as it was after it).

    Reading a file makes a few objects per cell, all alive until the file is judged: each collection
    walks every one of them again, so with the collector on a 120 000-row file cost three times what it
    costs without, and more the more rows (docs/ingest.md, Performance). The block makes no cycles that
    outlive it; what it leaves is collected as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_file(
    path: Path,
    *,
    agency_code: str,
    catalogue: Catalogue,
    today,
    data: bytes | None = None,
    options: IngestOptions | None = None,
) -> Submission:
    """Read and validate one file; raise SubmissionRejected with every problem it has.

    `data` is the file's content if already read; the hash is always that of the bytes parsed.
    """
    if data is None:
        data = read_submission_bytes(path)
    with cycle_collection_paused():
        try:
            tables = read_tables(path, data)
        except SubmissionRejected:
            raise
        except IngestError as exc:
            raise SubmissionRejected([exc.located(file=path.name)], file=path.name) from exc
        return validate(
            tables,
            agency_code=agency_code,
            catalogue=catalogue,
            today=today,
            sha256=sha256_bytes(data),
            options=options,
        )


def ingest_file(
    path: Path,
    *,
    agency_code: str,
    received_at: datetime | None = None,
    dry_run: bool = False,
    catalogue: Catalogue | None = None,
    on_wait: Callable[[str], object] = print,
) -> IngestOutcome:
    """Ingest one file for an agency; a rejection is returned (with its report files), not raised."""
    path = Path(path)
    received = received_at or config.now()
    catalogue = catalogue or current_catalogue()
    try:
        data = read_submission_bytes(path)
        submission = check_file(
            path, agency_code=agency_code, catalogue=catalogue, today=received.date(), data=data
        )
    except SubmissionRejected as rejection:
        problems = tuple(problems_of(rejection))
        stamp = received.strftime("%Y%m%dT%H%M%S")
        base = None
        try:
            base = report_base(config.home() / "rejections", stamp, path.name)
            reports = write_rejection_report(problems, base, file=path.name)
        except OSError as exc:
            for part in (base.with_suffix(".md"), base.with_suffix(".json")) if base else ():
                part.unlink(missing_ok=True)  # no empty or half-written report left behind
            raise StorageError.from_os_error(
                exc, file=config.home() / "rejections", doing="ghi báo cáo lỗi (writing the rejection report)"
            ) from None
        return IngestOutcome(path, None, problems, reports, dry_run)
    if dry_run:
        return IngestOutcome(path, None, dry_run=True, submission=submission)
    with cycle_collection_paused():
        load = ingest_submission(
            config.home(),
            submission,
            file_name=path.name,
            received_at=received,
            source_path=path,
            data=data,
            on_wait=on_wait,
        )
    return IngestOutcome(path, load, submission=submission)


def ingest_files(
    paths: Sequence[Path], *, agency_code: str, dry_run: bool = False, on_wait=print
) -> list[IngestOutcome]:
    """Ingest several files, each on its own (one transaction each); every file gets an outcome."""
    catalogue = current_catalogue()
    return [
        ingest_file(p, agency_code=agency_code, dry_run=dry_run, catalogue=catalogue, on_wait=on_wait)
        for p in paths
    ]


def rebuild(target: Path) -> list[Load]:
    """Rebuild the raw tables into a new DuckDB file from the archive alone (re-reading every file).

    First checks that the archive and the raw tables hold the same loads (`verify`); any load missing
    from either side stops the rebuild with the full list.
    """
    catalogue = current_catalogue()

    def load_archived(archived: Path, sidecar: Sidecar) -> Submission:
        # Judge each file as of the day it was received, so a figure valid then is valid now.
        return check_file(
            archived,
            agency_code=sidecar.agency_code,
            catalogue=catalogue,
            today=sidecar.received_at.date(),
            # Read the numbers as the ingest did (--number-style), so the same bytes give the same figures.
            options=IngestOptions(number_style=sidecar.number_style or "auto"),
        )

    return rebuild_from_archive(config.home(), target=target, load_file=load_archived)


def verify(*, repair: bool = False, on_wait: Callable[[str], object] = print) -> VerifyReport:
    """Compare the archive with the raw tables of $PLANWATCH_HOME (see `store.verify_archive`)."""
    return verify_archive(config.home(), repair=repair, on_wait=on_wait)


__all__ = [
    "IngestOutcome",
    "ingest_file",
    "ingest_files",
    "rebuild",
    "verify",
    "check_file",
    "read_submission_bytes",
    "error_to_problem",
]
