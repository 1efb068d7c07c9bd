"""The raw tables: append-only, one transaction per file, duplicates recognised, crashes leave no trace."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from planwatch.ingest import store
from planwatch.ingest.archive import Sidecar, archive_dir, sidecar_path
from planwatch.ingest.model import IndicatorValue, Submission, TaskUpdate
from planwatch.ingest.store import append_submission, ensure_raw_schema, find_duplicate, ingest_submission

REPO = Path(__file__).resolve().parent.parent
RAW_TABLES = ("raw.loads", "raw.indicator_values", "raw.task_updates")
FIELDS = ["kind", "code", "period", "period_type", "value", "value_text", "unit", "status", "note", "sheet"]


# --- a tiny stand-in for reader + validator: a CSV that spells out every normalised field ---------------


def write_submission_file(
    path: Path,
    indicators: list[tuple] = (),
    tasks: list[tuple] = (),
    *,
    agency: str = "TK",
    is_sample: bool = False,
) -> Submission:
    """Write a test submission file and return it read back as a Submission.

    indicators: (code, period, period_type, value, value_text, unit, status, note, sheet);
    tasks: (task_code, state, state_date ISO, evidence, note, sheet).
    """
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(FIELDS)
        for code, period, ptype, value, text, unit, status, note, sheet in indicators:
            out.writerow(["I", code, period, ptype, repr(value), text, unit, status, note or "", sheet or ""])
        for code, state, day, evidence, note, sheet in tasks:
            out.writerow(["T", code, state, day, "", evidence or "", "", "", note or "", sheet or ""])
    return read_submission_file(path, agency=agency, is_sample=is_sample)


def read_submission_file(path: Path, *, agency: str, is_sample: bool = False) -> Submission:
    """Parse a file written by `write_submission_file`."""
    values, updates = [], []
    with open(path, newline="", encoding="utf-8") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), start=2):
            if row["kind"] == "I":
                values.append(
                    IndicatorValue(
                        row_no=row_no,
                        indicator_code=row["code"],
                        period=row["period"],
                        period_type=row["period_type"],
                        value=float(row["value"]),
                        value_text=row["value_text"],
                        unit=row["unit"],
                        status=row["status"],
                        note=row["note"] or None,
                        sheet=row["sheet"] or None,
                    )
                )
            else:
                updates.append(
                    TaskUpdate(
                        row_no=row_no,
                        task_code=row["code"],
                        state=row["period"],
                        state_date=date.fromisoformat(row["period_type"]),
                        evidence=row["value_text"] or None,
                        note=row["note"] or None,
                        sheet=row["sheet"] or None,
                    )
                )
    return Submission(
        path=path,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        agency_code=agency,
        indicator_values=tuple(values),
        task_updates=tuple(updates),
        is_sample=is_sample,
    )


def grdp(value: float, text: str, status: str = "uoc_tinh", period: str = "2026-Q1") -> tuple:
    return ("II.1.a", period, "quarter", value, text, "%", status, None, None)


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in RAW_TABLES}


def warehouse_counts(home: Path) -> dict[str, int]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return counts(con)


def ingest(home: Path, submission: Submission, received_at: datetime, **kw):
    return ingest_submission(
        home,
        submission,
        file_name=submission.path.name,
        received_at=received_at,
        source_path=submission.path,
        **kw,
    )


T1 = datetime(2026, 4, 15, 9, 30, 12)
T2 = datetime(2026, 5, 20, 14, 5, 0)


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("PLANWATCH_HOME", str(path))
    return path


# --- append_submission -------------------------------------------------------------------------------------


def test_appended_submission_reads_back_every_column(tmp_path: Path) -> None:
    sub = write_submission_file(
        tmp_path / "bao_cao_q1.csv",
        [
            ("II.1.a", "2026-Q1", "quarter", 8.15, "8,15%", "%", "uoc_tinh", "ước tính nhanh", "Chỉ tiêu"),
            ("II.3", "2026-YTD03", "ytd", 7944.5, "7.944,5", "tỷ đồng", "so_bo", None, None),
        ],
        [("PL2.I.1", "hoan_thanh", "2026-03-31", "Quyết định số 4111/QĐ-UBND", "xong", "Nhiệm vụ")],
        agency="SKHDT",
        is_sample=True,
    )
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    load = append_submission(
        con,
        sub,
        file_name="báo cáo quý 1.csv",
        received_at=T1,
        archive_path=f"archive/{sub.sha256}.csv",
        planwatch_version="9.9.9",
    )

    assert load.load_id == f"20260415T093012-{sub.sha256[:8]}"
    assert (load.indicator_rows, load.task_rows, load.duplicate_of) == (2, 1, None)
    assert con.execute("select * from raw.loads").fetchall() == [
        (
            load.load_id,
            "báo cáo quý 1.csv",
            sub.sha256,
            f"archive/{sub.sha256}.csv",
            "SKHDT",
            T1,
            2,
            1,
            True,
            "9.9.9",
            "auto",
        )
    ]
    assert con.execute("select * from raw.indicator_values order by row_no").fetchall() == [
        (
            load.load_id,
            2,
            "Chỉ tiêu",
            "II.1.a",
            "2026-Q1",
            "quarter",
            8.15,
            "8,15%",
            "%",
            "uoc_tinh",
            "ước tính nhanh",
            None,  # submitted_value, submitted_unit, warning: not set on these hand-made rows
            None,
            None,
        ),
        (load.load_id, 3, "", "II.3", "2026-YTD03", "ytd", 7944.5, "7.944,5", "tỷ đồng", "so_bo", None)
        + (None, None, None),
    ]
    assert con.execute("select * from raw.task_updates").fetchall() == [
        (
            load.load_id,
            4,
            "Nhiệm vụ",
            "PL2.I.1",
            "hoan_thanh",
            date(2026, 3, 31),
            "Quyết định số 4111/QĐ-UBND",
            "xong",
        )
    ]
    assert find_duplicate(con, sub.sha256) == load.load_id
    assert find_duplicate(con, "0" * 64) is None


def test_file_names_and_values_are_bound_not_formatted_into_sql(tmp_path: Path) -> None:
    nasty = "x'); drop table raw.loads; --"
    sub = write_submission_file(tmp_path / "a.csv", [grdp(1.0, nasty)])
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    append_submission(con, sub, file_name=nasty, received_at=T1, archive_path="archive/a.csv")
    assert con.execute("select file_name from raw.loads").fetchone()[0] == nasty
    assert con.execute("select value_text from raw.indicator_values").fetchone()[0] == nasty


def test_malformed_row_fails_before_anything_is_written(tmp_path: Path) -> None:
    sub = write_submission_file(tmp_path / "a.csv", [grdp(1.0, "1")])
    bad = IndicatorValue(3, "II.1.a", "2026-Q2", "quarter", "not a number", "x", "%", "uoc_tinh")  # type: ignore[arg-type]
    sub = Submission(sub.path, sub.sha256, "TK", indicator_values=(*sub.indicator_values, bad))
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(con)
    with pytest.raises(TypeError):
        append_submission(con, sub, file_name="a.csv", received_at=T1, archive_path="archive/a.csv")
    assert counts(con) == dict.fromkeys(RAW_TABLES, 0)


# --- ingest_submission: duplicates and vintages -----------------------------------------------------------


def test_same_file_twice_is_recognised_and_adds_no_rows(home: Path, tmp_path: Path) -> None:
    sub = write_submission_file(tmp_path / "q1.csv", [grdp(8.1, "8,1")])
    first = ingest(home, sub, T1)
    before = warehouse_counts(home)

    renamed = tmp_path / "q1 (gửi lại).csv"
    renamed.write_bytes(sub.path.read_bytes())
    again = ingest(home, read_submission_file(renamed, agency="TK"), T2)

    assert again.duplicate_of == first.load_id
    assert (again.load_id, again.file_name, again.received_at) == (first.load_id, "q1.csv", T1)
    assert (
        warehouse_counts(home) == before == {"raw.loads": 1, "raw.indicator_values": 1, "raw.task_updates": 0}
    )
    assert sorted(p.name for p in archive_dir(home).iterdir()) == [f"{sub.sha256}.csv", f"{sub.sha256}.json"]


def test_corrected_figure_for_same_indicator_and_period_is_kept_as_new_vintage(
    home: Path, tmp_path: Path
) -> None:
    estimate = ingest(home, write_submission_file(tmp_path / "q1.csv", [grdp(8.1, "8,1")]), T1)
    official = ingest(
        home, write_submission_file(tmp_path / "q1_v2.csv", [grdp(8.4, "8,4", "chinh_thuc")]), T2
    )

    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select load_id, value, status from raw.indicator_values"
            " where indicator_code = 'II.1.a' and period = '2026-Q1' order by load_id"
        ).fetchall()
    assert rows == [(estimate.load_id, 8.1, "uoc_tinh"), (official.load_id, 8.4, "chinh_thuc")]


# --- all or nothing ---------------------------------------------------------------------------------------


def test_row_violating_not_null_rolls_back_whole_submission_and_writes_no_sidecar(
    home: Path, tmp_path: Path
) -> None:
    ingest(home, write_submission_file(tmp_path / "ok.csv", [grdp(8.1, "8,1")]), T1)
    before = warehouse_counts(home)
    good = write_submission_file(tmp_path / "bad.csv", [grdp(8.2, "8,2"), grdp(8.3, "8,3", period="2026-Q2")])
    hole = IndicatorValue(9, "II.1.a", "2026-Q3", "quarter", None, "", "%", "uoc_tinh")  # type: ignore[arg-type]
    bad = Submission(good.path, good.sha256, "TK", indicator_values=(*good.indicator_values, hole))

    with pytest.raises(duckdb.ConstraintException):
        ingest(home, bad, T2)

    assert warehouse_counts(home) == before
    assert not sidecar_path(home, bad.sha256).exists()
    # The same file, corrected, then loads normally: the failed attempt left nothing in the way.
    assert ingest(home, good, T2).duplicate_of is None


def test_failure_after_loads_insert_leaves_every_raw_table_unchanged(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(home, write_submission_file(tmp_path / "ok.csv", [grdp(8.1, "8,1")]), T1)
    before = warehouse_counts(home)

    def explode(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_task_updates", explode)
    sub = write_submission_file(
        tmp_path / "b.csv", [grdp(8.2, "8,2")], [("PL2.I.1", "hoan_thanh", "2026-01-05", None, None, None)]
    )
    with pytest.raises(RuntimeError, match="disk full"):
        ingest(home, sub, T2)

    assert warehouse_counts(home) == before
    assert not sidecar_path(home, sub.sha256).exists()


KILLED_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime
    from pathlib import Path
    import duckdb
    from planwatch.ingest import store
    from planwatch.ingest.model import IndicatorValue, Submission

    warehouse, marker, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rows = tuple(
        IndicatorValue(i + 2, f"II.{i % 24 + 1}", "2026-Q1", "quarter", i / 2, str(i), "%", "uoc_tinh")
        for i in range(n)
    )
    sub = Submission(Path("big.csv"), "f" * 64, "TK", indicator_values=rows)
    real = store._insert_task_updates

    def insert_then_die(con, frame, load_id):
        real(con, frame, load_id)
        seen = con.execute("select count(*) from raw.indicator_values").fetchone()[0]
        marker.write_text(str(seen))
        os.kill(os.getpid(), signal.SIGKILL)

    store._insert_task_updates = insert_then_die
    con = duckdb.connect(str(warehouse))
    when = datetime(2026, 6, 1)
    store.append_submission(con, sub, file_name="big.csv", received_at=when, archive_path="archive/x")
    """
)


@pytest.mark.slow
def test_process_killed_mid_transaction_leaves_warehouse_unchanged_and_usable(
    home: Path, tmp_path: Path
) -> None:
    first = ingest(home, write_submission_file(tmp_path / "ok.csv", [grdp(8.1, "8,1")]), T1)
    before = warehouse_counts(home)
    marker = tmp_path / "inserted"
    n = 300_000  # large enough that DuckDB writes row groups to the file before COMMIT

    child = subprocess.run(
        [sys.executable, "-c", KILLED_CHILD, str(home / "warehouse.duckdb"), str(marker), str(n)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert child.returncode == -9, child.stderr
    assert int(marker.read_text()) == before["raw.indicator_values"] + n  # it really got that far
    assert warehouse_counts(home) == before
    # Not corrupted: every row still reads, and the next writer appends normally.
    later = ingest(home, write_submission_file(tmp_path / "next.csv", [grdp(8.4, "8,4", "so_bo")]), T2)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select load_id from raw.loads order by load_id").fetchall() == [
            (first.load_id,),
            (later.load_id,),
        ]
        assert con.execute("select sum(value) from raw.indicator_values").fetchone()[0] == pytest.approx(16.5)


def test_commit_without_sidecar_is_healed_by_the_next_write(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # stands for the process dying between COMMIT and the sidecar

    first_sub = write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")], is_sample=True)
    monkeypatch.setattr(store, "write_sidecar", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(home, first_sub, T1)
    monkeypatch.undo()
    assert warehouse_counts(home)["raw.loads"] == 1
    assert not sidecar_path(home, first_sub.sha256).exists()

    ingest(home, write_submission_file(tmp_path / "b.csv", [grdp(8.2, "8,2")]), T2)

    healed = Sidecar.from_json(sidecar_path(home, first_sub.sha256).read_text(encoding="utf-8"))
    assert (
        healed.load_id,
        healed.file_name,
        healed.received_at,
        healed.is_sample,
        healed.indicator_rows,
    ) == (
        f"20260415T093012-{first_sub.sha256[:8]}",
        "a.csv",
        T1,
        True,
        1,
    )


def test_ingest_waits_while_another_process_has_the_warehouse_file_open(home: Path, tmp_path: Path) -> None:
    ingest(home, write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")]), T1)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
            "print('open', flush=True); time.sleep(1.5)",
            str(home / "warehouse.duckdb"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        messages: list[str] = []
        load = ingest(
            home, write_submission_file(tmp_path / "b.csv", [grdp(8.2, "8,2")]), T2, on_wait=messages.append
        )
    finally:
        reader.wait(timeout=30)
    assert load.duplicate_of is None
    assert len(messages) == 1 and "đang được mở" in messages[0] and "waiting" in messages[0]
    assert warehouse_counts(home)["raw.loads"] == 2


def test_ingest_writes_nothing_outside_its_home(home: Path, tmp_path: Path) -> None:
    ingest(home, write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")]), T1)
    assert sorted(p.name for p in home.iterdir()) == [".write.lock", "archive", "warehouse.duckdb"]
    assert os.path.getsize(home / ".write.lock") == 0  # released: nobody is named as holder
