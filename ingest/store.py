"""Append accepted submissions to the raw tables: one transaction per file, archive first, one writer.

Write order in `ingest_submission`, under the write lock, and what a crash at each point leaves:
1. archive the original bytes (`archive/<sha256>.<ext>`): a crash after this leaves an archived file
   with no load and no sidecar, which rebuild ignores and the next ingest of that file reuses;
2. BEGIN; insert raw.loads and every row; COMMIT: a crash before COMMIT leaves no trace in the
   warehouse (DuckDB rolls the open transaction back when it reopens the file);
3. write the sidecar `archive/<sha256>.json`: a crash between COMMIT and this is healed by the next
   write (`sync_sidecars` writes any missing sidecar from raw.loads), so sidecars == loads.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from ingest.archive import (
    ARCHIVE_DIR,
    Sidecar,
    archive_file,
    archive_name,
    read_sidecars,
    sha256_of,
    sidecar_path,
    write_sidecar,
)
from ingest.errors import IngestError
from ingest.lock import WarehouseBusy, write_lock
from ingest.model import Load, Submission

RAW_SCHEMA_SQL = Path(__file__).with_name("raw_schema.sql")
WAREHOUSE_FILE = "warehouse.duckdb"

_INDICATOR_SCHEMA = {
    "row_no": pl.Int32,
    "sheet": pl.String,
    "indicator_code": pl.String,
    "period": pl.String,
    "period_type": pl.String,
    "value": pl.Float64,
    "value_text": pl.String,
    "unit": pl.String,
    "status": pl.String,
    "note": pl.String,
    "submitted_value": pl.Float64,
    "submitted_unit": pl.String,
    "warning": pl.String,
}
_TASK_SCHEMA = {
    "row_no": pl.Int32,
    "sheet": pl.String,
    "task_code": pl.String,
    "state": pl.String,
    "state_date": pl.Date,
    "evidence": pl.String,
    "note": pl.String,
}


def current_version() -> str:
    """The installed planwatch version, recorded with every load."""
    try:
        return metadata.version("planwatch")
    except metadata.PackageNotFoundError:
        return "unknown"


def make_load_id(received_at: datetime, sha256: str) -> str:
    """`20261015T093012-3f2a9c1b`: received time to the second, then the file hash prefix."""
    return f"{received_at:%Y%m%dT%H%M%S}-{sha256[:8]}"


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and tables if missing (ingest/raw_schema.sql is the contract)."""
    con.execute(RAW_SCHEMA_SQL.read_text(encoding="utf-8"))


def find_duplicate(con: duckdb.DuckDBPyConnection, sha256: str) -> str | None:
    """The load_id under which a file with this SHA-256 was already loaded, or None."""
    row = con.execute("select load_id from raw.loads where file_sha256 = ?", [sha256]).fetchone()
    return row[0] if row else None


class _ArrowStream:
    """Hands a polars frame to DuckDB through the Arrow PyCapsule interface.

    DuckDB's direct polars scan goes through pyarrow, which planwatch does not depend on; the
    capsule interface needs nothing and is zero-copy.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self._frame = frame

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._frame.__arrow_c_stream__(requested_schema)


def _rows_frame(rows: Sequence[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """Normalised rows as a frame with the raw table's columns (the schema's names are the fields'); a
    CSV has no sheet, stored as ''."""
    columns = {name: [getattr(r, name) for r in rows] for name in schema}
    columns["sheet"] = [sheet or "" for sheet in columns["sheet"]]
    return pl.DataFrame(columns, schema=schema)


def _insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, load_id: str) -> None:
    """INSERT … SELECT from a registered frame; the load_id is a bound parameter."""
    if frame.height == 0:
        return
    view = f"_planwatch_new_{table}"
    columns = ", ".join(frame.columns)
    con.register(view, _ArrowStream(frame))
    try:
        # Table and column names are module constants, never user input; values are bound.
        con.execute(
            f"insert into raw.{table} (load_id, {columns}) select ?, {columns} from {view}", [load_id]
        )
    finally:
        con.unregister(view)


def _insert_load(con: duckdb.DuckDBPyConnection, load: Load, *, is_sample: bool, version: str) -> None:
    con.execute(
        "insert into raw.loads (load_id, file_name, file_sha256, archive_path, agency_code, received_at,"
        " indicator_rows, task_rows, is_sample, planwatch_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load.load_id,
            load.file_name,
            load.sha256,
            load.archive_path.as_posix(),
            load.agency_code,
            load.received_at,
            load.indicator_rows,
            load.task_rows,
            is_sample,
            version,
        ],
    )


def _insert_indicator_values(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, load_id: str) -> None:
    _insert_frame(con, "indicator_values", frame, load_id)


def _insert_task_updates(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, load_id: str) -> None:
    _insert_frame(con, "task_updates", frame, load_id)


def _naive(moment: datetime) -> datetime:
    # raw.loads.received_at is a plain TIMESTAMP in local time (as PLANWATCH_TODAY is a local date).
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def append_submission(
    con: duckdb.DuckDBPyConnection,
    submission: Submission,
    *,
    file_name: str,
    received_at: datetime,
    archive_path: str | Path,
    planwatch_version: str | None = None,
) -> Load:
    """Insert raw.loads and every row of a validated submission in one transaction; all or nothing.

    `archive_path` is stored as given (relative to $PLANWATCH_HOME: archive/<sha256>.<ext>).
    Does not check for duplicates (see `find_duplicate`); raw.loads.file_sha256 is unique anyway.
    """
    received_at = _naive(received_at)
    load = Load(
        load_id=make_load_id(received_at, submission.sha256),
        file_name=file_name,
        sha256=submission.sha256,
        agency_code=submission.agency_code,
        received_at=received_at,
        indicator_rows=len(submission.indicator_values),
        task_rows=len(submission.task_updates),
        archive_path=Path(archive_path),
    )
    # Build the frames before BEGIN: a malformed row fails here, before anything is written.
    indicators = _rows_frame(submission.indicator_values, _INDICATOR_SCHEMA)
    tasks = _rows_frame(submission.task_updates, _TASK_SCHEMA)
    con.execute("begin transaction")
    try:
        version = planwatch_version or current_version()
        _insert_load(con, load, is_sample=submission.is_sample, version=version)
        _insert_indicator_values(con, indicators, load.load_id)
        _insert_task_updates(con, tasks, load.load_id)
        con.execute("commit")
    except BaseException:
        # BaseException too: Ctrl-C half-way must not leave an open transaction to be committed later.
        # A failed COMMIT has already ended the transaction; then there is nothing left to roll back.
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise
    return load


def _load_from_row(con: duckdb.DuckDBPyConnection, load_id: str) -> Load:
    row = con.execute(
        "select load_id, file_name, file_sha256, agency_code, received_at, indicator_rows, task_rows,"
        " archive_path from raw.loads where load_id = ?",
        [load_id],
    ).fetchone()
    assert row is not None, load_id
    return Load(
        load_id=row[0],
        file_name=row[1],
        sha256=row[2],
        agency_code=row[3],
        received_at=row[4],
        indicator_rows=row[5],
        task_rows=row[6],
        archive_path=Path(row[7]),
    )


def sync_sidecars(con: duckdb.DuckDBPyConnection, home: Path) -> list[Path]:
    """Write the sidecar of every load that lacks one (a crash between COMMIT and sidecar); return them."""
    written = []
    rows = con.execute(
        "select load_id, file_name, file_sha256, archive_path, agency_code, received_at, indicator_rows,"
        " task_rows, is_sample, planwatch_version from raw.loads order by received_at, load_id"
    ).fetchall()
    for row in rows:
        if not sidecar_path(home, row[2]).exists():
            written.append(write_sidecar(home, Sidecar(*row)))
    return written


def _connect_warehouse(
    path: Path, *, timeout_s: float, on_wait: Callable[[str], object], poll_s: float = 0.2
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, waiting while another process (e.g. an analyst's shell) has it open.

    The write lock orders planwatch's own writers; DuckDB's file lock also refuses a writer while any
    other process has the file open, so wait for that too rather than fail with a traceback.
    """
    deadline = time.monotonic() + timeout_s
    told = False
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if not told:
                on_wait(
                    f"Tệp kho dữ liệu đang được mở bởi tiến trình khác (warehouse file open elsewhere): "
                    f"{exc}; đang chờ tối đa {timeout_s:g} giây (waiting up to {timeout_s:g} s)…"
                )
                told = True
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"tệp kho dữ liệu đang được mở bởi tiến trình khác (warehouse open elsewhere): {exc}",
                    file=str(path),
                    suggestion="đóng phiên DuckDB/báo cáo đang mở tệp kho rồi chạy lại",
                ) from None
            time.sleep(poll_s)


def ingest_submission(
    home: Path,
    submission: Submission,
    *,
    file_name: str,
    received_at: datetime,
    source_path: Path,
    timeout_s: float = 600,
    on_wait: Callable[[str], object] = print,
) -> Load:
    """The write path: lock, duplicate check, archive, append in one transaction, sidecar, checkpoint.

    A file already loaded returns the earlier Load with `duplicate_of` set, and nothing is written.
    """
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    with write_lock(home, timeout_s=timeout_s, on_wait=on_wait):
        con = _connect_warehouse(home / WAREHOUSE_FILE, timeout_s=timeout_s, on_wait=on_wait)
        try:
            ensure_raw_schema(con)
            sync_sidecars(con, home)
            earlier = find_duplicate(con, submission.sha256)
            if earlier is not None:
                return replace(_load_from_row(con, earlier), duplicate_of=earlier)
            archive_file(home, Path(source_path), submission.sha256)
            version = current_version()
            load = append_submission(
                con,
                submission,
                file_name=file_name,
                received_at=received_at,
                archive_path=f"{ARCHIVE_DIR}/{archive_name(Path(source_path), submission.sha256)}",
                planwatch_version=version,
            )
            write_sidecar(home, _sidecar_of(load, is_sample=submission.is_sample, version=version))
            # Fold the WAL into the file now, so readers opening a copy see the load.
            con.execute("checkpoint")
            return load
        finally:
            con.close()


def _sidecar_of(load: Load, *, is_sample: bool, version: str) -> Sidecar:
    return Sidecar(
        load_id=load.load_id,
        file_name=load.file_name,
        file_sha256=load.sha256,
        archive_path=load.archive_path.as_posix(),
        agency_code=load.agency_code,
        received_at=load.received_at,
        indicator_rows=load.indicator_rows,
        task_rows=load.task_rows,
        is_sample=is_sample,
        planwatch_version=version,
    )


class RebuildError(IngestError):
    """The archive cannot be replayed faithfully (file missing or altered, or read differently now)."""

    key = "rebuild_error"
    title_vi = "Không dựng lại được kho từ kho lưu trữ (cannot rebuild from the archive)"


def rebuild_from_archive(
    home: Path, *, target: Path, load_file: Callable[[Path, Sidecar], Submission]
) -> list[Load]:
    """Rebuild raw.* into a NEW DuckDB file from the archive alone, replaying loads in received order.

    `load_file(archived_path, sidecar)` re-reads and re-validates one original file (the pipeline
    passes reader + validator). Every load keeps its load_id, received_at and version; a file that
    now reads differently (other row count, hash, agency or sample flag) stops the rebuild.
    The target appears only when complete (built under a temp name, then renamed).
    """
    home, target = Path(home), Path(target)
    if target.exists():
        raise RebuildError(
            "tệp đích đã tồn tại (target exists)", file=str(target), key="rebuild_target_exists"
        )
    tmp = target.with_name(f".{target.name}.{os.getpid()}.rebuilding")
    _remove_db(tmp)
    loads: list[Load] = []
    con = duckdb.connect(str(tmp))
    try:
        ensure_raw_schema(con)
        for sidecar in read_sidecars(home):
            archived = home / sidecar.archive_path
            if not archived.exists() or sha256_of(archived) != sidecar.file_sha256:
                raise RebuildError(
                    "tệp lưu trữ bị thiếu hoặc đã bị sửa (archived file missing or altered)",
                    file=str(archived),
                    expected=f"SHA-256 {sidecar.file_sha256}",
                )
            submission = load_file(archived, sidecar)
            got = (submission.sha256, submission.agency_code, submission.is_sample,
                   len(submission.indicator_values), len(submission.task_updates))  # fmt: skip
            want = (sidecar.file_sha256, sidecar.agency_code, sidecar.is_sample,
                    sidecar.indicator_rows, sidecar.task_rows)  # fmt: skip
            if got != want:
                raise RebuildError(
                    f"load {sidecar.load_id} đọc lại khác lần nạp đầu (reads differently now)",
                    file=sidecar.file_name,
                    expected=f"(sha256, agency, is_sample, indicator_rows, task_rows) = {want}",
                    value=str(got),
                )
            load = append_submission(
                con,
                submission,
                file_name=sidecar.file_name,
                received_at=sidecar.received_at,
                archive_path=sidecar.archive_path,
                planwatch_version=sidecar.planwatch_version,
            )
            if load.load_id != sidecar.load_id:
                raise RebuildError(
                    f"load_id {load.load_id} khác {sidecar.load_id} (load id differs)", file=sidecar.file_name
                )
            loads.append(load)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        _remove_db(tmp)
        raise
    con.close()
    os.replace(tmp, target)
    return loads


def _remove_db(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
