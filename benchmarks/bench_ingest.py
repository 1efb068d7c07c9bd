"""Ingest throughput of a CSV and of an XLSX submission, beside their baselines in the same run.

CSV: `planwatch ingest`'s whole path (read, normalise, validate with the Great Expectations suites,
append in one transaction) against DuckDB's `read_csv` of the same file into a table; beside them the
GX floor, the indicator suite run on a 1-row frame (the part of validating no vectorising removes).
XLSX: the same path against a bare fastexcel (calamine) read of the same workbook. Two figures of the path:
- in one process after start-up: `ingest_file` called after the imports and a warm-up ingest, timing
  only the ingest of the files (what the issue's target is measured on);
- whole process: `planwatch ingest` run as a command on the files (start-up included).
Each figure is the median of `--repeat` runs (each run ingests files of new bytes: a new load).

    .venv/bin/python benchmarks/bench_ingest.py --scale sample|10x|100x|20M [--repeat 3]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from itertools import count
from pathlib import Path

import duckdb
import fastexcel
import openpyxl

sys.path.insert(0, str(Path(__file__).parent))
from common import (
    SCALES,
    TODAY,
    arguments,
    capacity,
    chunks,
    median_seconds,
    prepare_home,
    publish,
    rows_for,
    say,
    show,
    vn,
    write_csv,
)  # noqa: E402

XLSX_SHARE = 2.4  # the files: a 240 000-row CSV, a 100 000-row XLSX


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chỉ tiêu")
    sheet.append(["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"])
    for code, period, value, unit, status, note in rows:
        sheet.append([code, period, float(value.replace(",", ".")), unit, status, note])
    book.save(path)
    return path


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    total = SCALES[args.scale]
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        catalogue = prepare_home(home, args.built)
        from planwatch.ingest.pipeline import ingest_file

        received = (datetime(2026, 11, 26, 9) + timedelta(minutes=i) for i in count())
        made = count()

        def new_file(kind: str, rows: int) -> Path:
            """A submission of `rows` valid rows whose bytes no earlier run had (its note differs)."""
            k = next(made)
            data = rows_for(catalogue, rows, note=f"benchmark {k}")
            path = home / f"bench-{k}.{kind}"
            return write_csv(path, data) if kind == "csv" else write_xlsx(path, data)

        def ingest_all(paths: list[Path]) -> None:
            for path in paths:
                outcome = ingest_file(
                    path, agency_code="TKTP", catalogue=catalogue, received_at=next(received)
                )
                assert outcome.load is not None, outcome.problems[:3]

        # Start-up (GX's import, the suites loaded) is paid once, before anything is timed.
        ingest_all([new_file("csv", 10)])

        def gx_floor(repeat: int) -> float:
            """The indicator suite run on a frame of one row: what GX costs whatever the rows."""
            from planwatch.ingest.checks import indicator_parameters
            from planwatch.ingest.columnar import suite_frame
            from planwatch.ingest.gx import run_suite
            from planwatch.ingest.reader import read_tables
            from planwatch.ingest.validate import EXPECTATIONS_DIR, INDICATOR_SUITE

            (table,) = read_tables(new_file("csv", 1))
            frame = suite_frame(table, catalogue)
            parameters = indicator_parameters("TKTP", catalogue, TODAY)
            suite = EXPECTATIONS_DIR / INDICATOR_SUITE
            assert not run_suite(suite, frame, parameters)
            return median_seconds(lambda: run_suite(suite, frame, parameters), repeat)

        def figure(kind: str, rows: int) -> None:
            parts: list[Path] = []
            say(f"{kind.upper()}, {vn(rows)} dòng, {len(chunks(rows, capacity(catalogue)))} tệp")

            def fresh() -> None:
                for path in parts:
                    path.unlink(missing_ok=True)
                parts[:] = [new_file(kind, n) for n in chunks(rows, capacity(catalogue))]

            fresh()
            if kind == "csv":
                label, read = "baseline: DuckDB read_csv into a table", _duckdb_read
            else:
                label, read = "baseline: fastexcel (calamine) read", _fastexcel_read
            baseline = median_seconds(lambda: read(parts), args.repeat)
            show(label, rows, baseline)
            if kind == "csv":
                show("GX floor: the suite on a 1-row frame", 1, gx_floor(args.repeat), baseline)
            seconds = median_seconds(lambda: ingest_all(parts), args.repeat, before=fresh)
            show("ingest, in one process after start-up", rows, seconds, baseline)
            seconds = median_seconds(lambda: _command(parts), args.repeat, before=fresh)
            show("ingest, whole process (planwatch ingest)", rows, seconds, baseline)

        figure("csv", total)
        figure("xlsx", round(total / XLSX_SHARE))
    publish(Path(__file__).name, args)


def _command(paths: list[Path]) -> None:
    planwatch = Path(sys.executable).with_name("planwatch")
    command = [str(planwatch), "ingest", "--agency", "TKTP", *map(str, paths)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ)


def _duckdb_read(paths: list[Path]) -> None:
    with duckdb.connect() as con:
        for i, path in enumerate(paths):
            con.execute(f"create table t{i} as select * from read_csv(?, all_varchar = true)", [str(path)])


def _fastexcel_read(paths: list[Path]) -> None:
    for path in paths:
        fastexcel.read_excel(path).load_sheet(0).to_polars()


if __name__ == "__main__":
    main()
