"""`planwatch ingest` from the command line on real files into a real warehouse: every accepted form
lands, every rejection leaves every raw table exactly as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import raw_counts
from test_reader import to_cp1258

from planwatch.cli import main

HEADER = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"]


def write_csv(path: Path, rows: list[list[str]], *, encoding="utf-8", delimiter=",", header=HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    # Windows-1258 writes tone marks as combining characters, as Vietnamese Windows does.
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def ingest_changing_nothing(
    home: Path, capsys: pytest.CaptureFixture[str], *args: str | Path, exit_code: int
) -> tuple[str, str]:
    """`planwatch ingest ARGS…`, which must exit with `exit_code` and leave every raw table as it was;
    returns what it printed (stdout, stderr)."""
    before = raw_counts(home)
    assert main(["ingest", *map(str, args)]) == exit_code
    printed = capsys.readouterr()
    assert raw_counts(home) == before
    return printed.out, printed.err


def values(home: Path) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.sql(
            "select indicator_code, period, value, value_text, status from raw.indicator_values "
            "order by indicator_code, period, value"
        ).fetchall()


ACCEPTED_FORMS = {
    "utf8_vietnamese_numbers": (
        dict(encoding="utf-8"),
        [["II.8", "Quý III/2026", "12,5", "tỷ USD", "ước tính", ""]],
        ("II.8", "2026-Q3", 12.5, "12,5", "uoc_tinh"),
    ),
    "utf8_bom_semicolon": (
        dict(encoding="utf-8-sig", delimiter=";"),
        [["II.8", "9 tháng 2026", "31.204,7", "tỷ USD", "Ước tính", "ghi chú; có dấu chấm phẩy"]],
        ("II.8", "2026-YTD09", 31204.7, "31.204,7", "uoc_tinh"),
    ),
    "utf16_tab_export": (
        dict(encoding="utf-16", delimiter="\t"),
        [["II.4.a", "Năm 2025", "41,2", "%", "chính thức", ""]],
        ("II.4.a", "2025", 41.2, "41,2", "chinh_thuc"),
    ),
    "windows_1258": (
        dict(encoding="cp1258"),
        [["II.8", "6 tháng đầu năm 2026", "20,1", "tỷ USD", "ước tính", "Sở Công Thương"]],
        ("II.8", "2026-YTD06", 20.1, "20,1", "uoc_tinh"),
    ),
    "english_headers_plain_numbers": (
        dict(header=["indicator_code", "period", "value", "unit", "status", "note"]),
        [["II.4", "2026-Q2", "15.7", "%/năm", "so_bo", ""]],
        ("II.4", "2026-Q2", 15.7, "15.7", "so_bo"),
    ),
}


@pytest.mark.parametrize("form", sorted(ACCEPTED_FORMS))
def test_accepts_each_csv_form_and_stores_the_canonical_values(form, fresh_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    options, rows, expected = ACCEPTED_FORMS[form]
    path = write_csv(tmp_path / f"{form}.csv", rows, **options)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    assert values(fresh_home) == [expected]


def test_accepts_an_xlsx_with_excel_numbers_and_a_title_above_the_header(fresh_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["BÁO CÁO SỐ LIỆU — Sở Công Thương"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["II.8", "2026-Q3", 11.9, "tỷ USD", "ước tính", None])
    path = tmp_path / "sct.xlsx"
    book.save(path)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    assert values(fresh_home) == [("II.8", "2026-Q3", 11.9, "11.9", "uoc_tinh")]


def test_the_same_file_twice_is_recognised_and_not_loaded_again(fresh_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    path = write_csv(tmp_path / "a.csv", [["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]])
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    out, _ = ingest_changing_nothing(fresh_home, capsys, path, "--agency", "SCT", exit_code=0)
    assert "already loaded" in out


def test_a_corrected_figure_is_a_new_vintage_kept_beside_the_old_one(fresh_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    first = write_csv(tmp_path / "q3.csv", [["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]])
    second = write_csv(tmp_path / "q3-sua.csv", [["II.8", "2026-Q3", "12,8", "tỷ USD", "sơ bộ", "sửa số"]])
    assert main(["ingest", str(first), "--agency", "SCT"]) == 0
    assert main(["ingest", str(second), "--agency", "SCT"]) == 0
    assert [(v[2], v[4]) for v in values(fresh_home)] == [(12.5, "uoc_tinh"), (12.8, "so_bo")]


def test_dry_run_validates_and_writes_nothing(fresh_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    path = write_csv(tmp_path / "a.csv", [["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]])
    out, _ = ingest_changing_nothing(fresh_home, capsys, path, "--agency", "SCT", "--dry-run", exit_code=0)
    assert "dry run" in out
    assert not (fresh_home / "archive").exists() or not any((fresh_home / "archive").iterdir())


GOOD = ["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]
REJECTIONS = {
    "unknown_indicator": ([["II.88", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]], "SCT", "II.8"),
    "not_owner": ([["II.6", "2026-Q3", "50.000", "tỷ đồng", "ước tính", ""]], "SCT", "STC"),
    "unit_mismatch": ([["II.8", "2026-Q3", "12.500", "triệu USD", "ước tính", ""]], "SCT", "tỷ USD"),
    "bad_value": ([["II.8", "2026-Q3", "mười hai", "tỷ USD", "ước tính", ""]], "SCT", None),
    "implausible_value": ([["II.4.a", "2026-Q3", "140", "%", "ước tính", ""]], "SCT", None),
    "bad_period": ([["II.8", "Quý V/2026", "12,5", "tỷ USD", "ước tính", ""]], "SCT", None),
    "future_period": ([["II.8", "2027-Q1", "12,5", "tỷ USD", "ước tính", ""]], "SCT", None),
    "running_period_not_estimate": ([["II.8", "2026-Q4", "12,5", "tỷ USD", "chính thức", ""]], "SCT", None),
    "bad_status": ([["II.8", "2026-Q3", "12,5", "tỷ USD", "tạm tính", ""]], "SCT", None),
    "duplicate_in_file": ([GOOD, GOOD], "SCT", None),
    "unknown_agency": ([GOOD], "SCTT", "SCT"),
}


@pytest.mark.parametrize("key", sorted(REJECTIONS))
def test_rejected_file_leaves_every_raw_table_unchanged(key, fresh_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    rows, agency, suggestion = REJECTIONS[key]
    # A good row first: a rejection is of the whole file, never of the bad rows only.
    path = write_csv(tmp_path / f"{key}.csv", [GOOD_OTHER, *rows])
    _, err = ingest_changing_nothing(fresh_home, capsys, path, "--agency", agency, exit_code=1)
    assert f"[{key}]" in err
    assert f"{key}.csv" in err
    if suggestion:
        assert suggestion in err
    reports = list((fresh_home / "rejections").glob(f"*-{key}.md"))
    assert reports and f"{key}" in reports[0].read_text(encoding="utf-8")


GOOD_OTHER = ["II.4", "2026-Q3", "15,9", "%/năm", "ước tính", ""]


def test_rejection_names_file_row_and_column(fresh_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    path = write_csv(tmp_path / "bad.csv", [GOOD_OTHER, ["II.8", "2026-Q3", "abc", "tỷ USD", "ước tính", ""]])
    assert main(["ingest", str(path), "--agency", "SCT"]) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if "[bad_value]" in x)
    assert "dòng 3" in line and 'cột "gia_tri"' in line and "abc" in line


def test_unreadable_file_is_rejected_with_its_name(fresh_home, tmp_path, monkeypatch, capsys):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 not a submission")
    _, err = ingest_changing_nothing(fresh_home, capsys, path, "--agency", "SCT", exit_code=1)
    assert "report.pdf" in err


def test_statistics_office_may_submit_any_indicator(fresh_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    path = write_csv(tmp_path / "tk.csv", [["II.6", "2026-Q3", "50.000", "tỷ đồng", "ước tính", ""], GOOD])
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 0


def test_rebuild_from_the_archive_alone_gives_the_same_raw_tables(fresh_home, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    for i, value in enumerate(["12,5", "12,8"]):
        status = "ước tính" if i == 0 else "sơ bộ"
        path = write_csv(tmp_path / f"f{i}.csv", [["II.8", "2026-Q3", value, "tỷ USD", status, ""]])
        assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    target = tmp_path / "rebuilt.duckdb"
    assert main(["rebuild", "--target", str(target)]) == 0
    with duckdb.connect(str(target), read_only=True) as con:
        con.execute(f"attach '{fresh_home / 'warehouse.duckdb'}' as original (read_only)")
        for table in ("loads", "indicator_values", "task_updates"):
            rebuilt, original = f"raw.{table}", f"original.raw.{table}"
            for a, b in ((rebuilt, original), (original, rebuilt)):
                difference = f"select count(*) from (select * from {a} except all select * from {b})"
                assert con.sql(difference).fetchone() == (0,)


def test_template_command_writes_the_agency_workbook(fresh_home, tmp_path, capsys):
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--agency", "SCT", "--period", "Quý III/2026", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) == 3
    assert str(out) in capsys.readouterr().out


def test_a_partly_filled_template_is_accepted_and_blank_rows_are_not_reported(
    fresh_home, tmp_path, monkeypatch
):
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    out = tmp_path / "mau.xlsx"
    assert main(["template", "--agency", "SCT", "--period", "2026-Q3", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Chỉ tiêu"]
    header = [c.value for c in sheet[5]]
    code_col, period_col = header.index("ma_chi_tieu"), header.index("ky")
    value_col, status_col = header.index("gia_tri"), header.index("trang_thai")
    rows = [r for r in sheet.iter_rows(min_row=6) if r[code_col].value]
    # Quarterly indicators are asked for the quarter and the year to date (written in words, e.g.
    # "9 tháng năm 2026"); yearly ones not at all.
    from planwatch.ingest.periods import parse_period

    period_of = {r[period_col].value: parse_period(r[period_col].value).code for r in rows}
    assert {(r[code_col].value, period_of[r[period_col].value]) for r in rows} == {
        ("II.4", "2026-Q3"),
        ("II.4", "2026-YTD09"),
        ("II.8", "2026-Q3"),
        ("II.8", "2026-YTD09"),
    }
    wanted = ("II.8", "2026-YTD09")
    filled = next(r for r in rows if (r[code_col].value, period_of[r[period_col].value]) == wanted)
    filled[value_col].value, filled[status_col].value = 31.2, "ước tính"
    book.save(out)
    assert main(["ingest", str(out), "--agency", "sct"]) == 0  # lower-case agency code accepted too
    assert values(fresh_home) == [("II.8", "2026-YTD09", 31.2, "31.2", "uoc_tinh")]
