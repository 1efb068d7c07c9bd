"""Ingest throughput, printed as figures (a benchmark, not a test).

Writes a large CSV and a large XLSX submission of valid rows (the statistics office may submit every
indicator), then times `planwatch ingest`'s path — read, normalise + validate (Great Expectations),
append in one transaction — and, as the baseline measured in the same run on the same machine, DuckDB's
own `read_csv` of the same CSV.

    .venv/bin/python benchmarks/bench_ingest.py [--rows 100000] [--xlsx-rows 20000]
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl

HEADER = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"]


def periods_before(today: date) -> list[str]:
    """Closed month, quarter and year periods, newest first, enough for many unique rows per indicator."""
    out = []
    for year in range(today.year - 1, 1949, -1):
        out.append(str(year))
        out += [f"{year}-Q{q}" for q in range(1, 5)]
        out += [f"{year}-{m:02d}" for m in range(1, 13)]
    return out


def rows_for(catalogue, n: int, today: date) -> list[list[str]]:
    """n valid rows: (indicator, period) pairs never repeat; values plausible for every unit."""
    indicators = [i for i in catalogue.indicators.values() if i.kind != "group" and i.unit]
    periods = periods_before(today)
    rows = []
    for period in periods:
        for info in indicators:
            value = "3" if info.kind == "rank" else "0,5"
            rows.append([info.code, period, value, info.unit, "chính thức", "benchmark"])
            if len(rows) == n:
                return rows
    return rows


def timed(label: str, rows: int, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {rows:>8} rows  {seconds:8.2f} s  {rows / seconds:>10,.0f} rows/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["PLANWATCH_HOME"] = str(home)
        os.environ["PLANWATCH_TODAY"] = "2026-11-26"
        from planwatch.ingest.archive import sha256_of
        from planwatch.ingest.pipeline import current_catalogue, ingest_file
        from planwatch.ingest.reader import read_tables
        from planwatch.ingest.validate import validate
        from planwatch.warehouse.build import build

        print("Building the plan catalogue (dbt build)…", flush=True)
        today = date(2026, 11, 26)
        build(as_of=today, quiet=True)
        catalogue = current_catalogue()
        rows = rows_for(catalogue, args.rows, today)

        csv_path = home / "large.csv"
        with csv_path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(HEADER)
            writer.writerows(rows)
        xlsx_rows = rows[: args.xlsx_rows]
        xlsx_path = home / "large.xlsx"
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Chỉ tiêu")
        sheet.append(HEADER)
        for code, period, value, unit, status, note in xlsx_rows:
            sheet.append([code, period, float(value.replace(",", ".")), unit, status, note])
        book.save(xlsx_path)

        print(f"\nCSV, {len(rows)} rows, {csv_path.stat().st_size / 1e6:.1f} MB")
        with duckdb.connect() as con:
            timed(
                "baseline: DuckDB read_csv (same file)",
                len(rows),
                lambda: con.sql(f"select count(*) from read_csv('{csv_path}', all_varchar=true)").fetchone(),
            )
        tables = timed("read (planwatch/ingest/reader.py)", len(rows), lambda: read_tables(csv_path))
        sha = sha256_of(csv_path)
        timed(
            "normalise + validate (GX suites)",
            len(rows),
            lambda: validate(tables, agency_code="TKTP", catalogue=catalogue, today=today, sha256=sha),
        )
        outcome = timed(
            "whole ingest: read + validate + append",
            len(rows),
            lambda: ingest_file(
                csv_path, agency_code="TKTP", catalogue=catalogue, received_at=datetime(2026, 11, 26, 9)
            ),
        )
        assert outcome.load is not None and outcome.load.indicator_rows == len(rows), outcome.problems[:3]

        print(f"\nXLSX, {len(xlsx_rows)} rows, {xlsx_path.stat().st_size / 1e6:.1f} MB")
        timed("read (openpyxl, read-only)", len(xlsx_rows), lambda: read_tables(xlsx_path))
        outcome = timed(
            "whole ingest: read + validate + append",
            len(xlsx_rows),
            lambda: ingest_file(
                xlsx_path, agency_code="TKTP", catalogue=catalogue, received_at=datetime(2026, 11, 26, 10)
            ),
        )
        loaded = outcome.load.indicator_rows if outcome.load else 0
        assert loaded == len(xlsx_rows), outcome.problems[:3]


if __name__ == "__main__":
    main()
