"""Append accepted submissions to the raw tables: one transaction per file, archive first, one writer.

Write order in `ingest_submission`, under the write lock, and what a crash at each point leaves:
1. archive the validated bytes (`archive/<sha256>.<ext>`): a crash after this leaves an archived file
   with no load and no sidecar, which the next writer removes (`recover`);
2. BEGIN; insert raw.loads and every row; COMMIT: a crash before COMMIT leaves no trace in the
   warehouse (DuckDB rolls the open transaction back when it reopens the file);
3. write the sidecar `archive/<sha256>.json`: a crash between COMMIT and this is healed by the next
   write (`sync_sidecars` writes any missing sidecar from raw.loads), so sidecars == loads.
`verify_archive` checks that archive and raw tables agree; `rebuild_from_archive` refuses to replay an
archive that does not. A full disk at any step is a StorageError and leaves the warehouse as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from planwatch.ingest.archive import (
    ARCHIVE_DIR,
    Sidecar,
    archive_bytes,
    archive_contents,
    archive_file,
    read_sidecars,
    sha256_of,
    sidecar_path,
    write_sidecar,
)
from planwatch.ingest.errors import IngestError, StorageError, is_disk_full, printable
from planwatch.ingest.lock import WarehouseBusy, write_lock
from planwatch.ingest.model import Load, Submission

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


def make_load_id(received_at: datetime, sha256: str, *, digits: int = 8) -> str:
    """`20261015T093012-3f2a9c1b`: received time to the second, then the first `digits` of the file hash."""
    return f"{received_at:%Y%m%dT%H%M%S}-{sha256[:digits]}"


# Hash digits tried in turn for a new load id; the full hash is unique (raw.loads.file_sha256 is).
_LOAD_ID_DIGITS = (8, 12, 16, 32, 64)


def new_load_id(con: duckdb.DuckDBPyConnection, received_at: datetime, sha256: str) -> str:
    """A load id no load has yet: 8 hash digits as before, more when two files received in the same
    second share their first 8 (a 1 in 4 billion chance per pair, but it happens at scale)."""
    for digits in _LOAD_ID_DIGITS:
        candidate = make_load_id(received_at, sha256, digits=digits)
        if con.execute("select 1 from raw.loads where load_id = ?", [candidate]).fetchone() is None:
            return candidate
    raise IngestError(f"không tạo được mã lần nạp (no free load id) cho {sha256}", key="load_id_taken")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and tables if missing (planwatch/ingest/raw_schema.sql is the contract)."""
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
    CSV has no sheet, stored as ''. Rows read as columns (model.IndicatorRows) are their frame already."""
    frame = getattr(rows, "frame", None)
    if frame is not None:
        # One chunk: the frame comes out of joins, and DuckDB's insert takes each chunk as a batch.
        return frame.select(list(schema)).with_columns(pl.col("sheet").fill_null("")).cast(schema).rechunk()
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


def _insert_load(
    con: duckdb.DuckDBPyConnection, load: Load, *, is_sample: bool, version: str, number_style: str
) -> None:
    con.execute(
        "insert into raw.loads (load_id, file_name, file_sha256, archive_path, agency_code, received_at,"
        " indicator_rows, task_rows, is_sample, planwatch_version, number_style)"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            number_style,
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
    load_id: str | None = None,
) -> Load:
    """Insert raw.loads and every row of a validated submission in one transaction; all or nothing.

    `archive_path` is stored as given (relative to $PLANWATCH_HOME: archive/<sha256>.<ext>).
    `load_id` is given when replaying an archived load; otherwise a new collision-free one is made.
    Does not check for duplicates (see `find_duplicate`); raw.loads.file_sha256 is unique anyway.
    """
    received_at = _naive(received_at)
    load = Load(
        load_id=load_id or new_load_id(con, received_at, submission.sha256),
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
        _insert_load(
            con, load, is_sample=submission.is_sample, version=version, number_style=submission.number_style
        )
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
    return _write_missing_sidecars(con, home, _committed_hashes(con), archive_contents(home)[1])


def _committed_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {h for (h,) in con.execute("select file_sha256 from raw.loads").fetchall()}


def _write_missing_sidecars(
    con: duckdb.DuckDBPyConnection, home: Path, committed: set[str], present: Collection[str]
) -> list[Path]:
    """The sidecars of the committed loads whose hash is not among `present` (the sidecars one listing
    of the archive folder found), written from raw.loads. One listing, not a stat per load: at hundreds
    of thousands of loads the per-load check cost seconds on every ingest."""
    missing = committed.difference(present)
    if not missing:
        return []
    return [write_sidecar(home, sidecar) for sha, sidecar in _load_rows(con).items() if sha in missing]


def _connect_warehouse(
    path: Path,
    *,
    timeout_s: float,
    on_wait: Callable[[str], object],
    poll_s: float = 0.2,
    read_only: bool = False,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting while another process (e.g. an analyst's shell) has it open.

    The write lock orders planwatch's own writers; DuckDB's file lock also refuses a writer while any
    other process has the file open, so wait for that too rather than fail with a traceback.
    """
    deadline = time.monotonic() + timeout_s
    told = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise _unusable_warehouse(path, exc) from None
            who = _lock_holder_text(exc)
            if not told:
                on_wait(
                    f"Tệp kho dữ liệu đang được mở bởi tiến trình khác (warehouse file open elsewhere): "
                    f"{who}; đang chờ tối đa {timeout_s:g} giây (waiting up to {timeout_s:g} s)…"
                )
                told = True
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"tệp kho dữ liệu đang được mở bởi tiến trình khác (warehouse open elsewhere): {who}; "
                    f"đã chờ {timeout_s:g} giây (waited {timeout_s:g} s)",
                    file=str(path),
                    suggestion="đóng phiên DuckDB/báo cáo đang mở tệp kho rồi chạy lại",
                ) from None
            time.sleep(poll_s)
        except duckdb.Error as exc:
            raise _unusable_warehouse(path, exc) from None


def connect_for_writing(
    home: Path, *, timeout_s: float = 600, on_wait: Callable[[str], object] = print
) -> duckdb.DuckDBPyConnection:
    """The warehouse opened read-write once no other process has it open (call under the write lock)."""
    return _connect_warehouse(Path(home) / WAREHOUSE_FILE, timeout_s=timeout_s, on_wait=on_wait)


def _lock_holder_text(exc: BaseException) -> str:
    """Who holds DuckDB's file lock, from its message ("… held in /usr/bin/python3 (PID 4242)")."""
    found = re.search(r"held in (\S+) \(PID (\d+)\)", str(exc))
    if not found:
        return "một tiến trình khác (another process)"
    return f"tiến trình {found.group(2)} ({Path(found.group(1)).name})"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _unusable_warehouse(path: Path, exc: BaseException) -> IngestError:
    if is_disk_full(exc):
        return StorageError(f"mở kho dữ liệu: {_first_line(exc)}", key="disk_full", file=str(path))
    return IngestError(
        f"không mở được tệp kho dữ liệu (cannot open the warehouse): {_first_line(exc)}",
        key="warehouse_unusable",
        file=str(path),
        suggestion="kiểm tra tệp kho; có thể dựng lại bằng `planwatch rebuild --target …` từ kho lưu trữ",
    )


def _has_raw_loads(con: duckdb.DuckDBPyConnection) -> bool:
    return (
        con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'raw' and table_name = 'loads'"
        ).fetchone()[0]
        > 0
    )


def recover(con: duckdb.DuckDBPyConnection, home: Path) -> list[Path]:
    """What every writer does first, under the write lock: heal what a killed writer left behind.

    Writes the sidecar of any committed load that lacks one, and removes archive copies no load
    committed (a crash between archiving and COMMIT). Returns the paths written or removed.
    Temporary files are removed by `write_lock` itself. An archived file that has a sidecar but no
    load is left alone: that is a real difference, for `verify` to report.
    """
    if not _has_raw_loads(con):
        return []
    files, sidecars, _ = archive_contents(home)
    committed = _committed_hashes(con)
    changed = _write_missing_sidecars(con, home, committed, sidecars)
    for sha, path in files.items():
        if sha not in committed and sha not in sidecars and len(sha) == 64:
            path.unlink(missing_ok=True)
            changed.append(path)
    return changed


def ingest_submission(
    home: Path,
    submission: Submission,
    *,
    file_name: str,
    received_at: datetime,
    source_path: Path | None = None,
    data: bytes | None = None,
    timeout_s: float = 600,
    on_wait: Callable[[str], object] = print,
) -> Load:
    """The write path: lock, recover, duplicate check, archive, append in one transaction, sidecar.

    `data` is the file's content as validated (what is archived); without it `source_path` is copied
    and its hash checked. A file already loaded returns the earlier Load with `duplicate_of` set, and
    nothing is written (except its archive copy, if that had gone missing: the same bytes restore it).
    A full disk raises StorageError with the warehouse unchanged; after COMMIT it is only a warning.
    """
    home = Path(home)
    suffix = Path(source_path or file_name).suffix.lower()
    archive_rel = f"{ARCHIVE_DIR}/{submission.sha256}{suffix}"
    try:
        home.mkdir(parents=True, exist_ok=True)
        with write_lock(home, timeout_s=timeout_s, on_wait=on_wait):
            con = _connect_warehouse(home / WAREHOUSE_FILE, timeout_s=timeout_s, on_wait=on_wait)
            try:
                return _write_load(
                    con, home, submission, file_name=file_name, received_at=received_at,
                    source_path=source_path, data=data, archive_rel=archive_rel, on_wait=on_wait,
                )  # fmt: skip
            finally:
                con.close()
    except OSError as exc:
        raise StorageError.from_os_error(
            exc, file=home, doing="ghi kho dữ liệu (writing the warehouse)"
        ) from None
    except duckdb.Error as exc:
        if is_disk_full(exc):
            raise StorageError(
                f"ghi kho dữ liệu: {_first_line(exc)}",
                key="disk_full",
                file=str(home / WAREHOUSE_FILE),
                suggestion="giải phóng dung lượng đĩa rồi nạp lại tệp; kho dữ liệu không thay đổi",
            ) from None
        raise


def _archive(
    home: Path, submission: Submission, source_path: Path | None, data: bytes | None, suffix: str
) -> Path:
    if data is not None:
        return archive_bytes(home, data, suffix=suffix, sha256=submission.sha256)
    if source_path is None:
        raise ValueError("ingest_submission needs data or source_path")
    return archive_file(home, Path(source_path), submission.sha256)


def _write_load(
    con: duckdb.DuckDBPyConnection,
    home: Path,
    submission: Submission,
    *,
    file_name: str,
    received_at: datetime,
    source_path: Path | None,
    data: bytes | None,
    archive_rel: str,
    on_wait: Callable[[str], object],
) -> Load:
    ensure_raw_schema(con)
    recover(con, home)
    earlier = find_duplicate(con, submission.sha256)
    if earlier is not None:
        known = _load_from_row(con, earlier)
        if not (home / known.archive_path).exists():
            # Its archive copy was lost: these bytes have the same hash, so they restore it.
            _archive(home, submission, source_path, data, Path(known.archive_path).suffix)
            on_wait(
                f"Đã khôi phục bản lưu trữ bị thiếu (restored the missing archive copy): {known.archive_path}"
            )
        return replace(known, duplicate_of=earlier)
    target = home / archive_rel
    existed = target.exists()
    _archive(home, submission, source_path, data, Path(archive_rel).suffix)
    version = current_version()
    try:
        load = append_submission(
            con,
            submission,
            file_name=file_name,
            received_at=received_at,
            archive_path=archive_rel,
            planwatch_version=version,
        )
    except BaseException:
        # Nothing was committed: the copy just archived belongs to no load, so it goes too.
        if not existed:
            target.unlink(missing_ok=True)
        raise
    # Committed. What follows only tidies up; a failure here is healed by the next writer.
    try:
        write_sidecar(home, _sidecar_of(load, submission, version=version))
    except OSError as exc:
        on_wait(
            f"Cảnh báo (warning): đã nạp load {load.load_id} nhưng chưa ghi được tệp mô tả "
            f"(sidecar not written: {exc.strerror}); lần ghi sau sẽ ghi lại (the next write heals it)."
        )
    try:
        # Fold the WAL into the file now, so readers opening a copy see the load.
        con.execute("checkpoint")
    except duckdb.Error as exc:
        on_wait(
            f"Cảnh báo (warning): đã nạp load {load.load_id}; checkpoint chưa chạy được "
            f"({_first_line(exc)}), số liệu vẫn an toàn trong WAL (the data is safe in the WAL)."
        )
    return load


def _sidecar_of(load: Load, submission: Submission, *, version: str) -> Sidecar:
    return Sidecar(
        load_id=load.load_id,
        file_name=load.file_name,
        file_sha256=load.sha256,
        archive_path=load.archive_path.as_posix(),
        agency_code=load.agency_code,
        received_at=load.received_at,
        indicator_rows=load.indicator_rows,
        task_rows=load.task_rows,
        is_sample=submission.is_sample,
        planwatch_version=version,
        number_style=submission.number_style,
    )


class RebuildError(IngestError):
    """The archive cannot be replayed faithfully (file missing or altered, or read differently now)."""

    key = "rebuild_error"
    title_vi = "Không dựng lại được kho từ kho lưu trữ (cannot rebuild from the archive)"


# --- archive ↔ raw tables --------------------------------------------------------------------------------

# Differences that do not make the archive wrong: healed by the next writer (or `verify --repair`).
_HEALABLE = frozenset({"load_without_sidecar", "file_without_load", "leftover_temporary"})

_VERIFY_VI = {
    "load_without_file": "lần nạp trong raw.loads thiếu tệp lưu trữ (load without its archived file)",
    "load_without_sidecar": "lần nạp thiếu tệp mô tả .json (load without its sidecar)",
    "hash_mismatch": "tệp lưu trữ không khớp mã SHA-256 của lần nạp (archived file does not match its hash)",
    "sidecar_mismatch": "tệp mô tả khác dòng raw.loads (sidecar differs from raw.loads)",
    "sidecar_unreadable": "tệp mô tả không đọc được (sidecar unreadable)",
    "sidecar_without_load": "tệp mô tả của lần nạp không có trong raw.loads (sidecar without a load)",
    "file_without_load": "tệp lưu trữ không thuộc lần nạp nào (archived file without a load)",
    "row_count_mismatch": "số dòng trong bảng raw khác số dòng đã ghi nhận (row count differs)",
    "leftover_temporary": "tệp tạm còn sót của một lần ghi bị ngắt (temporary file of an interrupted write)",
}

_SUGGEST_VI = {
    "load_without_file": "nộp lại đúng tệp gốc (cùng nội dung) để khôi phục bản lưu trữ",
    "load_without_sidecar": "chạy `planwatch verify --repair` (hoặc lần nạp sau) để ghi lại tệp mô tả",
    "file_without_load": "chạy `planwatch verify --repair` để xóa bản sao chưa nạp",
    "leftover_temporary": "chạy `planwatch verify --repair` để xóa tệp tạm",
    "sidecar_without_load": "kho dữ liệu thiếu lần nạp này: dựng lại bằng `planwatch rebuild --target …`",
}


@dataclass(frozen=True)
class Difference:
    """One way the archive and the raw tables disagree."""

    key: str
    load_id: str | None
    file: str  # relative to $PLANWATCH_HOME
    detail: str = ""

    def describe_vi(self) -> str:
        """`[load_without_file] load 2026…-3f2a9c1b, tệp "archive/….csv": … (gợi ý: …)`."""
        where = [f"load {self.load_id}"] if self.load_id else []
        where.append(f'tệp "{printable(self.file)}"')
        line = f"[{self.key}] {', '.join(where)}: {_VERIFY_VI[self.key]}"
        if self.detail:
            line += f" — {printable(self.detail)}"
        if self.key in _SUGGEST_VI:
            line += f" (gợi ý: {_SUGGEST_VI[self.key]})"
        return line


@dataclass(frozen=True)
class VerifyReport:
    """The archive checked against the raw tables: how many of each, and every difference."""

    loads: int
    files: int
    sidecars: int
    differences: tuple[Difference, ...] = ()
    warehouse_found: bool = True

    @property
    def ok(self) -> bool:
        """True when every load has its file and sidecar, every file its load, and every hash matches."""
        return not self.differences

    @property
    def only_healable(self) -> bool:
        """True when every difference is one `verify --repair` (or the next writer) heals."""
        return all(d.key in _HEALABLE for d in self.differences)

    def format_vi(self) -> str:
        """The terminal text: the counts, then every difference on its own line."""
        head = (
            f"Kho lưu trữ ↔ bảng raw (archive ↔ raw tables): {self.loads} lần nạp trong raw.loads, "
            f"{self.files} tệp lưu trữ, {self.sidecars} tệp mô tả."
        )
        if self.ok:
            return (
                head + "\nKhớp hoàn toàn (everything matches): mỗi lần nạp có tệp và tệp mô tả, mã băm khớp."
            )
        lines = [head, f"Phát hiện {len(self.differences)} chỗ không khớp (differences found):"]
        lines += [f"  {d.describe_vi()}" for d in self.differences]
        return "\n".join(lines)


def _load_rows(con: duckdb.DuckDBPyConnection) -> dict[str, Sidecar]:
    rows = con.execute(
        "select load_id, file_name, file_sha256, archive_path, agency_code, received_at, indicator_rows,"
        " task_rows, is_sample, planwatch_version, number_style from raw.loads order by received_at, load_id"
    ).fetchall()
    return {row[2]: Sidecar(*row) for row in rows}


def _row_count_differences(con: duckdb.DuckDBPyConnection) -> list[Difference]:
    rows = con.execute(
        """
        select l.load_id, l.archive_path, l.indicator_rows, l.task_rows,
               (select count(*) from raw.indicator_values v where v.load_id = l.load_id),
               (select count(*) from raw.task_updates t where t.load_id = l.load_id)
        from raw.loads l
        order by l.received_at, l.load_id
        """
    ).fetchall()
    return [
        Difference("row_count_mismatch", load_id, path, f"ghi nhận {ir}+{tr}, có {iv}+{tv} dòng")
        for load_id, path, ir, tr, iv, tv in rows
        if (ir, tr) != (iv, tv)
    ]


def compare_archive(con: duckdb.DuckDBPyConnection | None, home: Path) -> VerifyReport:
    """Every difference between the archive folder and raw.loads (`con` None: no warehouse to compare)."""
    home = Path(home)
    loads = _load_rows(con) if con is not None and _has_raw_loads(con) else {}
    files, sidecar_files, leftovers = archive_contents(home)
    diffs: list[Difference] = []
    sidecars: dict[str, Sidecar] = {}
    for sha, path in sidecar_files.items():
        try:
            sidecars[sha] = Sidecar.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            diffs.append(Difference("sidecar_unreadable", None, _rel(home, path), type(exc).__name__))
    for sha, load in loads.items():
        archived = home / load.archive_path
        if not archived.is_file():
            diffs.append(Difference("load_without_file", load.load_id, load.archive_path))
        elif (got := sha256_of(archived)) != sha:
            diffs.append(Difference("hash_mismatch", load.load_id, load.archive_path, f"SHA-256 {got}"))
        if sha not in sidecar_files:
            diffs.append(
                Difference("load_without_sidecar", load.load_id, _rel(home, sidecar_path(home, sha)))
            )
        elif sha in sidecars and sidecars[sha] != load:
            fields = [k for k in load.__dict__ if getattr(load, k) != getattr(sidecars[sha], k)]
            diffs.append(
                Difference(
                    "sidecar_mismatch", load.load_id, _rel(home, sidecar_path(home, sha)), ", ".join(fields)
                )
            )
    if con is not None:
        for sha, sidecar in sidecars.items():
            if sha not in loads:
                diffs.append(Difference("sidecar_without_load", sidecar.load_id, sidecar.archive_path))
        for sha, path in files.items():
            if sha not in loads and sha not in sidecar_files:
                diffs.append(Difference("file_without_load", None, _rel(home, path)))
        if loads:
            diffs.extend(_row_count_differences(con))
    diffs += [Difference("leftover_temporary", None, _rel(home, p)) for p in leftovers]
    return VerifyReport(
        loads=len(loads),
        files=len(files),
        sidecars=len(sidecar_files),
        differences=tuple(diffs),
        warehouse_found=con is not None,
    )


def _rel(home: Path, path: Path) -> str:
    try:
        return Path(path).relative_to(home).as_posix()
    except ValueError:
        return str(path)


def verify_archive(
    home: Path, *, repair: bool = False, timeout_s: float = 600, on_wait: Callable[[str], object] = print
) -> VerifyReport:
    """Check the archive against the raw tables, under the write lock so no load is half-way.

    Every load must have its archived file (with its SHA-256) and its sidecar, and every archived file
    and sidecar a load. `repair=True` first heals what a killed writer leaves (missing sidecars,
    uncommitted copies, temporary files); it never deletes a file that a load or sidecar refers to.
    """
    home = Path(home)
    warehouse = home / WAREHOUSE_FILE
    with write_lock(home, timeout_s=timeout_s, on_wait=on_wait, command="planwatch verify"):
        if not warehouse.exists():
            return compare_archive(None, home)
        con = _connect_warehouse(warehouse, timeout_s=timeout_s, on_wait=on_wait, read_only=not repair)
        try:
            if repair:
                recover(con, home)
            return compare_archive(con, home)
        finally:
            con.close()


def rebuild_from_archive(
    home: Path,
    *,
    target: Path,
    load_file: Callable[[Path, Sidecar], Submission],
    on_wait: Callable[[str], object] = print,
) -> list[Load]:
    """Rebuild raw.* into a NEW DuckDB file from the archive alone, replaying loads in received order.

    First the archive is compared with the warehouse's raw.loads (when there is a warehouse): any load
    missing from the archive, any sidecar without a load, any altered file stops the rebuild and every
    such difference is listed. `load_file(archived_path, sidecar)` re-reads and re-validates one
    original file (the pipeline passes reader + validator). Every load keeps its load_id, received_at
    and version; a file that now reads differently (other row count, hash, agency or sample flag) stops
    the rebuild. The target appears only when complete (built under a temp name, then renamed).
    """
    home, target = Path(home), Path(target)
    if target.exists():
        raise RebuildError(
            "tệp đích đã tồn tại (target exists)", file=str(target), key="rebuild_target_exists"
        )
    if not target.parent.is_dir():
        raise RebuildError(
            "thư mục chứa tệp đích không tồn tại (the target's folder does not exist)",
            file=str(target),
            key="rebuild_target_folder_missing",
            suggestion=f"tạo thư mục {target.parent} trước, hoặc chọn đường dẫn khác",
        )
    report = _compare_for_rebuild(home, on_wait=on_wait)
    # An uncommitted copy or a temporary file changes nothing in a replay; a missing load does.
    serious = [d for d in report.differences if d.key not in ("leftover_temporary", "file_without_load")]
    if serious:
        listed = "; ".join(d.describe_vi() for d in serious)
        raise RebuildError(
            f"kho lưu trữ không khớp bảng raw ({len(serious)} chỗ), không dựng lại (archive and raw tables "
            f"differ): {listed}",
            key="rebuild_archive_mismatch",
            file=str(home / ARCHIVE_DIR),
            suggestion="xem chi tiết: `planwatch verify`; sửa phần tự sửa được: `planwatch verify --repair`",
        )
    tmp = target.with_name(f".{target.name}.{os.getpid()}.rebuilding")
    _remove_db(tmp)
    loads: list[Load] = []
    try:
        con = duckdb.connect(str(tmp))
    except (duckdb.Error, OSError) as exc:
        raise RebuildError(
            f"không tạo được tệp đích (cannot create the target): {_first_line(exc)}", file=str(target)
        ) from None
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
            loads.append(
                append_submission(
                    con,
                    submission,
                    file_name=sidecar.file_name,
                    received_at=sidecar.received_at,
                    archive_path=sidecar.archive_path,
                    planwatch_version=sidecar.planwatch_version,
                    load_id=sidecar.load_id,
                )
            )
        con.execute("checkpoint")
    except BaseException as exc:
        con.close()
        _remove_db(tmp)
        if isinstance(exc, OSError):
            raise StorageError.from_os_error(exc, file=target, doing="dựng lại (rebuilding)") from None
        if isinstance(exc, duckdb.Error) and is_disk_full(exc):
            raise StorageError(f"dựng lại: {_first_line(exc)}", key="disk_full", file=str(target)) from None
        raise
    con.close()
    os.replace(tmp, target)
    return loads


def _compare_for_rebuild(home: Path, *, on_wait: Callable[[str], object]) -> VerifyReport:
    """The archive against raw.loads, read under the lock (brief); without a warehouse, the archive alone."""
    warehouse = home / WAREHOUSE_FILE
    with write_lock(home, on_wait=on_wait, command="planwatch rebuild"):
        if not warehouse.exists():
            return compare_archive(None, home)
        try:
            con = _connect_warehouse(warehouse, timeout_s=600, on_wait=on_wait, read_only=True)
        except WarehouseBusy:
            raise
        except IngestError as exc:
            # A damaged warehouse is what rebuild is for: replay the archive alone, but say so.
            on_wait(
                f"Cảnh báo (warning): {exc}; dựng lại chỉ từ kho lưu trữ (rebuilding from the archive alone)."
            )
            return compare_archive(None, home)
        try:
            return compare_archive(con, home)
        finally:
            con.close()


def _remove_db(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
