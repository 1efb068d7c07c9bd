"""The archive holds every accepted file by hash, and alone it rebuilds the raw tables exactly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from test_store import RAW_TABLES, grdp, ingest, read_submission_file, write_submission_file

from planwatch.ingest.archive import (
    Sidecar,
    archive_dir,
    archive_file,
    read_sidecars,
    sha256_of,
    sidecar_path,
)
from planwatch.ingest.errors import IngestError
from planwatch.ingest.model import Submission
from planwatch.ingest.store import RebuildError, rebuild_from_archive


def fake_load_file(path: Path, sidecar: Sidecar) -> Submission:
    """What the pipeline's reader + validator would do, for the test file format."""
    return read_submission_file(path, agency=sidecar.agency_code, is_sample=sidecar.is_sample)


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture()
def loaded_home(home: Path, tmp_path: Path) -> Path:
    """A home with loads of every shape: vintages, tasks, sheets, sample, two agencies, a duplicate."""
    files = tmp_path / "inbox"
    files.mkdir()
    plan = [
        ("tk_q1.csv", "TK", False, [grdp(8.1, "8,1"), grdp(9.2, "9,2", period="2026-YTD03")], []),
        (
            "skhdt_q1.csv",
            "SKHDT",
            False,
            [("II.3", "2026-Q1", "quarter", 7944.5, "7.944,5", "tỷ đồng", "so_bo", "ghi chú", "Chỉ tiêu")],
            [("PL2.I.1", "dang_trien_khai", "2026-03-31", "Kế hoạch số 12/KH-UBND", None, "Nhiệm vụ")],
        ),
        ("tk_q1_sua.csv", "TK", False, [grdp(8.4, "8,4", "chinh_thuc")], []),
        (
            "mau.csv",
            "TK",
            True,
            [grdp(7.0, "7", period="2026")],
            [("PL2.II.3", "hoan_thanh", "2026-02-01", None, "x", None)],
        ),
    ]
    received = [datetime(2026, 4, 15, 9, 30, 12, 123456), datetime(2026, 4, 15, 9, 30, 12, 654321),
                datetime(2026, 5, 2, 8, 0), datetime(2026, 1, 5, 7, 0)]  # fmt: skip
    for (name, agency, sample, indicators, tasks), when in zip(plan, received, strict=True):
        sub = write_submission_file(files / name, indicators, tasks, agency=agency, is_sample=sample)
        ingest(home, sub, when)
    dup = files / "tk_q1_again.csv"
    dup.write_bytes((files / "tk_q1.csv").read_bytes())
    assert ingest(home, read_submission_file(dup, agency="TK"), datetime(2026, 6, 1)).duplicate_of
    return home


def sql_path(path: Path) -> str:
    """A quoted SQL string literal (ATTACH takes no bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"


def table_diff(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int]:
    """Rows only in the original, rows only in the rebuild."""
    only_a = con.execute(f"select count(*) from (from a.{table} except all from b.{table})").fetchone()[0]
    only_b = con.execute(f"select count(*) from (from b.{table} except all from a.{table})").fetchone()[0]
    return only_a, only_b


# --- archive_file ----------------------------------------------------------------------------------------


def test_archive_keeps_original_bytes_under_their_hash_and_is_idempotent(home: Path, tmp_path: Path) -> None:
    original = tmp_path / "Báo cáo Q1.CSV"
    original.write_bytes("\ufeffma_chi_tieu;gia_tri\r\nII.1.a;8,1\r\n".encode())
    sha = sha256_of(original)

    first = archive_file(home, original, sha)
    second = archive_file(home, original, sha)

    assert first == second == home / "archive" / f"{sha}.csv"
    assert first.read_bytes() == original.read_bytes()
    assert [p.name for p in archive_dir(home).iterdir()] == [f"{sha}.csv"]  # no temp files left behind


def test_archive_refuses_a_file_that_changed_since_validation(home: Path, tmp_path: Path) -> None:
    original = tmp_path / "q1.xlsx"
    original.write_bytes(b"validated bytes")
    sha = sha256_of(original)
    original.write_bytes(b"edited afterwards")

    with pytest.raises(IngestError) as caught:
        archive_file(home, original, sha)

    assert caught.value.key == "archive_hash_mismatch"
    assert list(archive_dir(home).iterdir()) == []


def test_sidecars_describe_exactly_the_committed_loads(loaded_home: Path) -> None:
    with duckdb.connect(str(loaded_home / "warehouse.duckdb"), read_only=True) as con:
        loads = con.execute(
            "select load_id, file_name, file_sha256, archive_path, agency_code, received_at, indicator_rows,"
            " task_rows, is_sample, planwatch_version, number_style"
            " from raw.loads order by received_at, load_id"
        ).fetchall()
    assert [Sidecar(*row) for row in loads] == read_sidecars(loaded_home)
    assert len(loads) == 4
    for sidecar in read_sidecars(loaded_home):
        assert sha256_of(loaded_home / sidecar.archive_path) == sidecar.file_sha256


# --- rebuild_from_archive --------------------------------------------------------------------------------


def test_rebuild_from_archive_alone_equals_the_original_raw_tables(loaded_home: Path, tmp_path: Path) -> None:
    # Move the archive to a fresh home: nothing but the archive goes into the rebuild.
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (loaded_home / "archive").rename(fresh / "archive")
    target = tmp_path / "rebuilt.duckdb"

    loads = rebuild_from_archive(fresh, target=target, load_file=fake_load_file)

    assert [load.received_at for load in loads] == sorted(load.received_at for load in loads)
    assert len(loads) == 4
    with duckdb.connect() as con:
        con.execute(f"attach {sql_path(loaded_home / 'warehouse.duckdb')} as a (read_only)")
        con.execute(f"attach {sql_path(target)} as b (read_only)")
        for table in RAW_TABLES:
            count_a = con.execute(f"select count(*) from a.{table}").fetchone()[0]
            count_b = con.execute(f"select count(*) from b.{table}").fetchone()[0]
            assert count_a == count_b > 0, table
            assert table_diff(con, table) == (0, 0), table
    assert [p.name for p in tmp_path.iterdir() if "rebuilding" in p.name] == []


def test_rebuild_ignores_a_file_archived_by_a_load_that_never_committed(
    loaded_home: Path, tmp_path: Path
) -> None:
    orphan = tmp_path / "crashed.csv"
    write_submission_file(orphan, [grdp(1.0, "1")])
    archive_file(loaded_home, orphan, sha256_of(orphan))  # archived, then the process died before COMMIT

    loads = rebuild_from_archive(loaded_home, target=tmp_path / "rebuilt.duckdb", load_file=fake_load_file)

    assert sha256_of(orphan) not in {load.sha256 for load in loads}
    assert len(loads) == 4


def test_rebuild_stops_on_an_altered_archived_file_and_leaves_no_target(
    loaded_home: Path, tmp_path: Path
) -> None:
    victim = read_sidecars(loaded_home)[1]
    (loaded_home / victim.archive_path).write_bytes(b"tampered")
    target = tmp_path / "rebuilt.duckdb"

    with pytest.raises(RebuildError, match="hash_mismatch") as caught:
        rebuild_from_archive(loaded_home, target=target, load_file=fake_load_file)

    assert caught.value.key == "rebuild_archive_mismatch" and victim.load_id in str(caught.value)

    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "rebuilt" in p.name] == []


def test_rebuild_stops_when_a_file_now_reads_differently(loaded_home: Path, tmp_path: Path) -> None:
    def stricter_validator(path: Path, sidecar: Sidecar) -> Submission:
        sub = fake_load_file(path, sidecar)
        return Submission(sub.path, sub.sha256, sub.agency_code, sub.indicator_values[:-1], sub.task_updates)

    with pytest.raises(RebuildError, match="reads differently"):
        rebuild_from_archive(loaded_home, target=tmp_path / "rebuilt.duckdb", load_file=stricter_validator)


def test_rebuild_refuses_to_overwrite_an_existing_file(loaded_home: Path) -> None:
    warehouse = loaded_home / "warehouse.duckdb"
    before = warehouse.read_bytes()
    with pytest.raises(RebuildError) as caught:
        rebuild_from_archive(loaded_home, target=warehouse, load_file=fake_load_file)
    assert caught.value.key == "rebuild_target_exists"
    assert warehouse.read_bytes() == before


def test_sidecar_round_trips_through_json(loaded_home: Path) -> None:
    for sidecar in read_sidecars(loaded_home):
        text = sidecar_path(loaded_home, sidecar.file_sha256).read_text(encoding="utf-8")
        assert Sidecar.from_json(text) == sidecar
        assert '"format": 1' in text
