"""The demo's sample submissions: deterministic, marked, owned, parseable, and telling the designed story."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

from planwatch.ingest.columns import SAMPLE_MARKER, STATUSES, normalise_status, normalise_task_state
from planwatch.ingest.numbers import parse_vn_number
from planwatch.ingest.periods import parse_period
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.plan.deadlines import parse_deadline
from planwatch.sample import (
    DEMO_UNTIL,
    INTENDED_STATUS,
    LATE_AGENCY,
    MISSING,
    NO_DATA,
    SampleManifest,
    generate_sample,
)

CLASSES = {"achieved", "on_track", "moderate", "insufficient", "regressing"}


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


@pytest.fixture(scope="module")
def sample(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> SampleManifest:
    return generate_sample(catalogue, tmp_path_factory.mktemp("sample"), until=DEMO_UNTIL)


@pytest.fixture(scope="module")
def tables(sample: SampleManifest) -> dict[str, tuple[list[list[Any]], list[dict[str, Any]]]]:
    """file name → (rows above the header, data rows as dicts), read without the ingest reader."""
    return {f.path.name: _read(f.path) for f in sample.files}


def _read(path: Path) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    if path.suffix == ".csv":
        text = path.read_bytes().decode("utf-8-sig")
        delimiter = ";" if ("ma_chi_tieu;" in text or "ma_nhiem_vu;" in text) else ","
        records = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    else:
        sheet = openpyxl.load_workbook(path).active
        records = [list(r) for r in sheet.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(records[:30]) if r and r[0] in ("ma_chi_tieu", "ma_nhiem_vu"))
    header = records[at]
    return records[:at], [dict(zip(header, r, strict=True)) for r in records[at + 1 :]]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _indicator_rows(sample: SampleManifest, tables: dict) -> list[tuple[Any, dict[str, Any]]]:
    return [(f, r) for f in sample.files if f.kind == "indicators" for r in tables[f.path.name][1]]


def test_same_seed_and_date_write_identical_bytes(catalogue: Catalogue, tmp_path: Path) -> None:
    generate_sample(catalogue, tmp_path / "a", until=DEMO_UNTIL)
    generate_sample(catalogue, tmp_path / "b", until=DEMO_UNTIL)
    generate_sample(catalogue, tmp_path / "c", until=DEMO_UNTIL, seed=7)
    first, second, other = (_hashes(tmp_path / d) for d in "abc")
    assert len(first) > 40 and "manifest.json" in first
    assert first == second
    # Another seed changes values and arrival times, not the story (same number of files).
    assert len(other) == len(first)
    assert len(set(other.values()) - set(first.values())) > len(first) / 2


def test_files_received_by_an_earlier_date_are_the_same_bytes_later(
    catalogue: Catalogue, sample: SampleManifest, tmp_path: Path
) -> None:
    early = generate_sample(catalogue, tmp_path, until=date(2026, 8, 31))
    later = _hashes(sample.out_dir)
    assert 0 < len(early.files) < len(sample.files)
    for f in early.files:
        assert hashlib.sha256(f.path.read_bytes()).hexdigest() == later[f.path.name]


def test_every_file_carries_the_marker_above_the_header_and_in_every_note(
    sample: SampleManifest, tables: dict
) -> None:
    for f in sample.files:
        above, rows = tables[f.path.name]
        assert SAMPLE_MARKER in str(above[0][0]), f.path.name
        assert rows, f.path.name
        assert all(SAMPLE_MARKER in r["ghi_chu"] for r in rows), f.path.name
    assert (
        json.loads((sample.out_dir / "manifest.json").read_text(encoding="utf-8"))["marker"] == SAMPLE_MARKER
    )


def test_agencies_send_only_indicators_and_tasks_they_lead_in_the_catalogue_unit(
    catalogue: Catalogue, sample: SampleManifest, tables: dict
) -> None:
    for f in sample.files:
        rows = tables[f.path.name][1]
        if f.kind == "indicators":
            owned = {i.code for i in catalogue.indicators_of(f.agency_code)}
            for r in rows:
                assert r["ma_chi_tieu"] in owned, (f.path.name, r["ma_chi_tieu"])
                assert r["don_vi"] == catalogue.indicators[r["ma_chi_tieu"]].unit
        else:
            owned = {t.code for t in catalogue.tasks_of(f.agency_code)}
            assert {r["ma_nhiem_vu"] for r in rows} <= owned, f.path.name
    senders = {f.agency_code for f in sample.files if f.kind == "indicators"}
    assert "TKTP" in senders and len(senders) >= 10


def test_values_periods_and_states_parse_and_no_period_ends_after_until(
    sample: SampleManifest, tables: dict
) -> None:
    for f in sample.files:
        for r in tables[f.path.name][1]:
            if f.kind == "indicators":
                assert parse_vn_number(r["gia_tri"]) is not None
                period = parse_period(r["ky"])
                assert period.end < f.received_at.date() <= sample.until
                assert normalise_status(r["trang_thai"]) is not None
            else:
                assert normalise_task_state(r["tinh_trang"]) is not None
                day = r["ngay"] if isinstance(r["ngay"], datetime) else datetime.fromisoformat(r["ngay"])
                assert day.date() <= f.received_at.date()


def test_formats_mix_xlsx_csv_bom_semicolon_and_vietnamese_periods(sample: SampleManifest) -> None:
    suffixes = {f.path.suffix for f in sample.files}
    assert suffixes == {".xlsx", ".csv"}
    raw = [f.path.read_bytes() for f in sample.files if f.path.suffix == ".csv"]
    assert any(b.startswith(b"\xef\xbb\xbf") and b"ma_chi_tieu;ky;" in b for b in raw)
    text = "\n".join(b.decode("utf-8-sig") for b in raw)
    # Vietnamese periods (SCT) and numbers: "." groups thousands, "," is the decimal mark.
    for written in (
        "9 tháng 2026",
        "Quý III/2026",
        "Năm 2025",
        "6 tháng đầu năm 2026",
        "162.000,0",
        '"46,50"',
    ):
        assert written in text, written


def test_baseline_2025_is_official_for_every_assessable_indicator_but_the_no_data_ones(
    catalogue: Catalogue, sample: SampleManifest, tables: dict
) -> None:
    assessable = {
        code
        for code, i in catalogue.indicators.items()
        if i.is_assessable and (code.startswith(("I.", "II.", "N.")))
    }
    baseline = {
        r["ma_chi_tieu"]
        for _, r in _indicator_rows(sample, tables)
        if parse_period(r["ky"]).code == "2025" and normalise_status(r["trang_thai"]) == "chinh_thuc"
    }
    assert set(INTENDED_STATUS) == assessable
    assert baseline == assessable - set(NO_DATA)
    sent = {r["ma_chi_tieu"] for _, r in _indicator_rows(sample, tables)}
    assert not sent & set(NO_DATA)


def test_economic_indicators_come_quarterly_year_to_date_and_yearly(
    sample: SampleManifest, tables: dict
) -> None:
    periods: dict[str, set[str]] = {}
    for _, r in _indicator_rows(sample, tables):
        period = parse_period(r["ky"])
        if period.year >= 2025:  # the years before the plan: tests/test_sample_history.py
            periods.setdefault(r["ma_chi_tieu"], set()).add(period.code)
    full = {"2025", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-YTD06", "2026-YTD09", "2026"}
    for code in ("II.1", "II.1.a", "II.4", "II.6", "II.6.a", "II.7", "II.8", "II.9", "II.13.a"):
        assert periods[code] == full, code
    assert periods["II.10"] == full - {"2026-Q3", "2026-YTD09"}  # the missing submission
    assert periods["II.22"] == {"2025", "2026"}


def test_manifest_records_the_late_agency_and_the_missing_submission(sample: SampleManifest) -> None:
    assert sample.late and {x.agency_code for x in sample.late} == {LATE_AGENCY}
    assert all(20 <= x.days_late <= 30 for x in sample.late)
    for f in sample.files:
        if f.due_date is not None:
            assert (f.days_late > 0) == (f.agency_code == LATE_AGENCY), f.path.name
    [missing] = sample.missing
    assert (missing.agency_code, missing.period, missing.due_date) == (*MISSING, date(2026, 10, 10))
    assert not [f for f in sample.files if f.agency_code == MISSING[0] and MISSING[1] in f.periods]
    doc = json.loads((sample.out_dir / "manifest.json").read_text(encoding="utf-8"))
    assert doc["missing"][0]["period"] == "2026-Q3" and len(doc["late"]) == len(sample.late)
    assert [x["file"] for x in doc["files"]] == [f.path.name for f in sample.files]


def test_nothing_is_missing_before_its_due_date(catalogue: Catalogue, tmp_path: Path) -> None:
    early = generate_sample(catalogue, tmp_path, until=date(2026, 10, 9))
    assert early.missing == ()
    assert max(f.received_at.date() for f in early.files) <= date(2026, 10, 9)


def test_estimates_are_revised_later_as_preliminary_with_another_value(
    sample: SampleManifest, tables: dict
) -> None:
    order = [f.path.name for f in sample.files]
    assert len(sample.revisions) >= 3
    for rev in sample.revisions:
        assert order.index(rev.old_file) < order.index(rev.new_file)
        assert STATUSES[rev.new_status][0] > STATUSES[rev.old_status][0]
        assert rev.old_value != rev.new_value
        rows = [r for r in tables[rev.new_file][1] if r["ma_chi_tieu"] == rev.indicator_code]
        assert any(parse_period(r["ky"]).code == rev.period for r in rows)
    assert {r.indicator_code for r in sample.revisions if r.period == "2026"} >= {"II.1", "II.7"}


def test_intended_status_covers_every_class_and_leaves_some_without_data() -> None:
    assert set(INTENDED_STATUS.values()) >= CLASSES | {"no_data"}
    assert {c for c, s in INTENDED_STATUS.items() if s == "no_data"} == set(NO_DATA)


def test_current_values_reach_the_intended_status(
    sample: SampleManifest, tables: dict, warehouse: duckdb.DuckDBPyConnection
) -> None:
    # The current value: highest status, then latest received (docs/domain.md, Vintages).
    current: dict[tuple[str, str], tuple[int, datetime, float]] = {}
    for f, r in _indicator_rows(sample, tables):
        key = (r["ma_chi_tieu"], parse_period(r["ky"]).code)
        candidate = (
            STATUSES[normalise_status(r["trang_thai"])][0],
            f.received_at,
            float(parse_vn_number(r["gia_tri"])),
        )
        current[key] = max(current.get(key, candidate), candidate)
    targets = {
        row[0]: row[1:]
        for row in warehouse.sql(
            "select indicator_code, kind, comparator, target_low, target_year, direction, unit "
            "from marts.dim_indicator"
        ).fetchall()
    }
    plan = dict(
        warehouse.sql(
            "select indicator_code, plan_low from marts.fct_plan_trajectory where year = 2026"
        ).fetchall()
    )
    got = {}
    for code, intended in INTENDED_STATUS.items():
        if intended == "no_data":
            continue
        y0, y1 = current[(code, "2025")][2], current[(code, "2026")][2]
        got[code] = _classify(*targets[code], y0=y0, y1=y1, plan_2026=plan.get(code))
    assert got == {c: s for c, s in INTENDED_STATUS.items() if s != "no_data"}


def _classify(
    kind: str,
    comparator: str,
    x: float,
    target_year: int,
    direction: str,
    unit: str,
    *,
    y0: float,
    y1: float,
    plan_2026: float | None,
) -> str:
    """docs/method.md §3 as INTENDED_STATUS reads it (planwatch/sample/) a year after the baseline."""
    higher = direction == "higher"
    if comparator == ">":
        met = y1 > x
    else:
        met = y1 >= x if higher else y1 <= x
    if kind == "avg_growth":
        ratio = y1 / x
    elif kind == "annual":
        if met:
            return "achieved"
        ratio = y1 / x
    elif kind == "cumulative":
        if met:
            return "achieved"
        ratio = y1 / (plan_2026 or x / 5)
    else:
        if met:
            return "achieved"
        years = target_year - 2025
        if unit.startswith("%") or kind == "rank":
            ratio = (y1 - y0) / ((x - y0) / years)
        else:
            ratio = (y1 / y0 - 1) / ((x / y0) ** (1 / years) - 1)
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.60:
        return "moderate"
    return "insufficient" if ratio >= 0 else "regressing"


def test_task_reports_show_a_decision_as_evidence_and_overdue_work_in_progress(
    catalogue: Catalogue, sample: SampleManifest, tables: dict
) -> None:
    task_files = [f for f in sample.files if f.kind == "tasks"]
    assert 3 <= len({f.agency_code for f in task_files}) <= 4
    rows = [r for f in task_files for r in tables[f.path.name][1]]
    done = [r for r in rows if normalise_task_state(r["tinh_trang"]) == "hoan_thanh"]
    assert any("/QĐ-UBND ngày" in r["van_ban"] for r in done)
    overdue = []
    for r in rows:
        if normalise_task_state(r["tinh_trang"]) == "dang_trien_khai":
            due = parse_deadline(catalogue.tasks[r["ma_nhiem_vu"]].deadline_text_vi or "").due
            day = r["ngay"] if isinstance(r["ngay"], datetime) else datetime.fromisoformat(r["ngay"])
            if due is not None and due < day.date():
                overdue.append(r["ma_nhiem_vu"])
    assert len(set(overdue)) >= 2


def test_the_ingest_reader_reads_every_file_as_sample_data(sample: SampleManifest, tables: dict) -> None:
    reader = pytest.importorskip("planwatch.ingest.reader")
    for f in sample.files:
        [table] = reader.read_tables(f.path)
        assert table.kind == f.kind and table.is_sample, f.path.name
        assert len(table.rows) == len(tables[f.path.name][1])
