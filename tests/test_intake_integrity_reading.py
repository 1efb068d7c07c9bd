"""Issue 8, the reading side: no figure enters the warehouse wrong, or disappears from a file, without
the analyst being told. One test (or a few) per defect class, on real files, through the real reader,
validator and — where the warehouse matters — the real `planwatch ingest` into a real DuckDB file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import raw_counts

from planwatch.cli import main
from planwatch.ingest.errors import SubmissionRejected
from planwatch.ingest.limits import Limits
from planwatch.ingest.model import Problem, Submission
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.ingest.reader import ReadError, read_tables
from planwatch.ingest.report import problems_of
from planwatch.ingest.template import HEADER_ROW, INDICATOR_SHEET, TASK_SHEET, write_template
from planwatch.ingest.validate import IngestOptions, validate

TODAY = date(2026, 11, 26)
HEADER = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"]

# A number-formatted value cell, as templates before text input cells had and as a department's own
# workbook may have: Calc keeps this format when "13,2%" is typed into it.
VALUE_FORMAT = "#,##0.0##"


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


@pytest.fixture()
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("PLANWATCH_TODAY", TODAY.isoformat())
    return TODAY


def csv_text(rows: list[list[str]], header: list[str] = HEADER) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path.write_text(csv_text(rows, header), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list], formats: dict[str, str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def check(catalogue: Catalogue, path: Path, agency: str = "TKTP", **options) -> Submission:
    return validate(
        read_tables(path),
        agency_code=agency,
        catalogue=catalogue,
        today=TODAY,
        sha256="f" * 64,
        options=IngestOptions(**options),
    )


def refused(catalogue: Catalogue, path: Path, agency: str = "TKTP", **options) -> list[Problem]:
    with pytest.raises(SubmissionRejected) as info:
        check(catalogue, path, agency, **options)
    return problems_of(info.value)


def one(problems: list[Problem], key: str) -> Problem:
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, problems
    return found[0]


def raw_rows(home: Path, columns: str = "indicator_code, period, value, value_text") -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.sql(f"select {columns} from raw.indicator_values order by all").fetchall()


# --- 1. a row with more or fewer cells than the header -------------------------------------------------


def test_unquoted_decimal_comma_row_is_rejected_naming_row_and_fix(fresh_home, tmp_path, today, capsys):
    path = tmp_path / "sct.csv"
    # "12,5" unquoted: csv reads the cells "12" and "5"; it used to be stored as 12.
    path.write_text(
        "ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu\n"
        "II.4,2026-Q3,15,%/năm,ước tính,\n"
        "II.8,2026-Q3,12,5,tỷ USD,sơ bộ,\n",
        encoding="utf-8",
    )
    before = raw_counts(fresh_home)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if "[row_too_many_cells]" in x)
    assert "dòng 3" in line
    assert "số có dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy" in line
    assert "đặt giá trị trong ngoặc kép hoặc lưu tệp với dấu chấm phẩy" in line
    assert raw_counts(fresh_home) == before


def test_note_with_unquoted_commas_and_a_short_row_are_rejected(catalogue, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu\n"
        'II.8,2026-Q3,"12,5",tỷ USD,ước tính,số của Sở, đã rà soát, chưa chốt\n'
        "II.8,2026-Q2,11\n",
        encoding="utf-8",
    )
    problems = refused(catalogue, path)
    extra = one(problems, "row_too_many_cells")
    assert extra.row == 2 and "ghi chú" in extra.message_vi and "8 ô" in extra.message_vi
    assert one(problems, "row_too_few_cells").row == 3


# --- 2 and 10. a cell's number format never changes a figure silently ----------------------------------


def test_percent_formatted_cell_on_a_money_indicator_is_refused_like_a_typed_percent(catalogue, tmp_path):
    path = write_xlsx(
        tmp_path / "sct.xlsx",
        [["II.8", "2026-Q3", 0.125, "tỷ USD", "ước tính", None]],
        {"C2": "0.0%"},
    )
    problem = one(refused(catalogue, path), "unit_mismatch")
    assert "định dạng phần trăm" in problem.message_vi and "12,5%" in problem.message_vi
    typed = write_csv(tmp_path / "typed.csv", [["II.8", "2026-Q3", "12,5%", "tỷ USD", "ước tính", ""]])
    assert one(refused(catalogue, typed), "unit_mismatch").column == "gia_tri"


def test_typed_and_formatted_percent_store_the_same_figure(catalogue, tmp_path):
    path = write_xlsx(
        tmp_path / "pct.xlsx",
        [
            ["II.4", "2026-Q2", 0.132, "%/năm", "ước tính", None],
            ["II.4", "2026-Q3", "13,2%", "%/năm", "ước tính", None],
            ["II.4", "2026-Q1", "13,2", "%/năm", "ước tính", None],
        ],
        {"C2": "0.0%"},
    )
    values = check(catalogue, path).indicator_values
    assert [(v.period, v.value, v.value_text) for v in values] == [
        ("2026-Q2", 13.2, "13,2%"),
        ("2026-Q3", 13.2, "13,2%"),
        ("2026-Q1", 13.2, "13,2"),
    ]


def test_percent_typed_into_a_number_cell_is_refused_unless_confirmed(catalogue, tmp_path):
    # Calc keeps the template's number format when "13,2%" is typed: the cell holds 0,132.
    path = write_xlsx(
        tmp_path / "calc.xlsx", [["II.4", "2026-Q3", 0.132, "%/năm", "ước tính", None]], {"C2": VALUE_FORMAT}
    )
    problem = one(refused(catalogue, path), "percent_as_fraction")
    assert "13,2" in problem.suggestion and "--confirm" in problem.suggestion
    confirmed = check(catalogue, path, confirm=True)
    assert confirmed.indicator_values[0].value == 0.132
    assert [w.key for w in confirmed.warnings] == ["confirmed_percent_as_fraction"]
    assert "confirmed_percent_as_fraction" in confirmed.indicator_values[0].warning
    # In a General cell a typed "%" makes the spreadsheet apply a percent format: 0,5 there is 0,5%.
    general = write_xlsx(tmp_path / "gen.xlsx", [["II.4", "2026-Q3", 0.5, "%/năm", "ước tính", None]])
    assert check(catalogue, general).indicator_values[0].value == 0.5


# --- 3. non-finite and overflowing numbers -----------------------------------------------------------


@pytest.mark.parametrize("cell", ["1" * 400, "inf", "nan", "1.000.000.000.000.000.000"])
def test_overflowing_and_non_finite_numbers_are_refused(cell, fresh_home, tmp_path, today, capsys):
    path = write_csv(tmp_path / "big.csv", [["II.6", "2025", cell, "tỷ đồng", "chính thức", ""]])
    before = raw_counts(fresh_home)
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 1
    assert "[bad_value]" in capsys.readouterr().err
    assert raw_counts(fresh_home) == before


def test_an_excel_cell_holding_infinity_is_refused(catalogue, tmp_path):
    path = write_xlsx(tmp_path / "inf.xlsx", [["II.6", "2025", 1.0, "tỷ đồng", "chính thức", None]])
    # openpyxl will not write inf; patch the stored XML the way a hostile file would.
    patched = tmp_path / "inf-patched.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>1</v>", b"<v>1e400</v>")
            dst.writestr(item, data)
    assert "hữu hạn" in one(refused(catalogue, patched), "bad_value").message_vi


# --- 4. number notation decided per file ------------------------------------------------------------------


def test_plain_notation_file_reads_ambiguous_cells_as_decimals(catalogue, tmp_path):
    path = write_csv(
        tmp_path / "plain.csv",
        [
            ["II.8", "2026-Q3", "8.15", "tỷ USD", "ước tính", ""],
            ["II.9", "2026-Q3", "12.345", "triệu tấn", "ước tính", ""],
        ],
    )
    submission = check(catalogue, path)
    assert [v.value for v in submission.indicator_values] == [8.15, 12.345]
    assert submission.warnings == ()


def test_a_cell_contradicting_the_files_notation_is_rejected(catalogue, tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""],
            ["II.9", "2026-Q3", "31,2", "triệu tấn", "ước tính", ""],
            ["II.10", "2026-Q3", "8.15", "triệu lượt", "ước tính", ""],
        ],
    )
    problem = one(refused(catalogue, path), "notation_conflict")
    assert problem.row == 4 and '"8,15"' in problem.suggestion and "dòng 2" in problem.message_vi


def test_undecided_ambiguous_cells_follow_the_vietnamese_rule_with_warnings(
    fresh_home, tmp_path, today, capsys
):
    path = write_csv(
        tmp_path / "dn.csv", [["II.13.a", "2025", "1.250", "doanh nghiệp/năm", "chính thức", ""]]
    )
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 0
    out = capsys.readouterr().out
    assert "[ambiguous_number]" in out and "1.250" in out and "dòng 2" in out
    ((value, warning),) = raw_rows(fresh_home, "value, warning")
    assert value == 1250 and "[ambiguous_number]" in warning


def test_number_style_flag_forces_the_notation(fresh_home, tmp_path, today, capsys):
    path = write_csv(tmp_path / "dn.csv", [["II.9", "2025", "1.250", "triệu tấn", "chính thức", ""]])
    assert main(["ingest", str(path), "--agency", "TKTP", "--number-style", "plain"]) == 0
    assert raw_rows(fresh_home, "value, warning") == [(1.25, None)]
    other = write_csv(tmp_path / "pl.csv", [["II.10", "2025", "8.15", "triệu lượt", "chính thức", ""]])
    assert main(["ingest", str(other), "--agency", "TKTP", "--number-style", "vi"]) == 1
    assert "[bad_value]" in capsys.readouterr().err


def test_rebuild_reads_a_file_with_the_number_style_it_was_ingested_with(fresh_home, tmp_path, today):
    # "1.250" is 1,25 under --number-style plain and 1250 by the Vietnamese rule: replaying the
    # archived file under the default would rebuild another figure from the same bytes.
    path = write_csv(tmp_path / "dn.csv", [["II.9", "2025", "1.250", "triệu tấn", "chính thức", ""]])
    assert main(["ingest", str(path), "--agency", "TKTP", "--number-style", "plain"]) == 0
    target = tmp_path / "rebuilt.duckdb"
    assert main(["rebuild", "--target", str(target)]) == 0
    with duckdb.connect(str(target), read_only=True) as con:
        rebuilt = con.execute("select value from raw.indicator_values").fetchall()
        style = con.execute("select number_style from raw.loads").fetchall()
    assert rebuilt == raw_rows(fresh_home, "value") == [(1.25,)]
    assert style == [("plain",)]


# --- 5. a header naming both indicator and task columns ----------------------------------------------------


def test_header_with_indicator_and_task_columns_is_refused_saying_why(fresh_home, tmp_path, today, capsys):
    header = [*HEADER[:5], "ma_nhiem_vu", "tinh_trang", "ngay"]
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", "", "", ""],
            ["", "", "", "", "", "II.2.1.1", "hoàn thành", "01/10/2026"],
        ],
        header,
    )
    with pytest.raises(ReadError) as info:
        read_tables(path)
    assert info.value.key == "mixed_header" and info.value.row == 1
    before = raw_counts(fresh_home)
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 1
    err = capsys.readouterr().err
    assert "[mixed_header]" in err and "ma_nhiem_vu" in err and "trang riêng" in err
    assert raw_counts(fresh_home) == before


# --- 8. the plan's own units -------------------------------------------------------------------------------


def test_plan_unit_is_converted_exactly_and_kept_beside_the_canonical_value(fresh_home, tmp_path, today):
    # PHỤ LỤC 1 prints II.7 in "Triệu tỷ đồng"; the catalogue keeps Phụ lục 4's "tỷ đồng".
    path = write_csv(tmp_path / "vdt.csv", [["II.7", "2025", "0,4", "Triệu tỷ đồng", "chính thức", ""]])
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 0
    assert raw_rows(
        fresh_home, "indicator_code, value, unit, value_text, submitted_value, submitted_unit"
    ) == [("II.7", 400000.0, "tỷ đồng", "0,4", 0.4, "Triệu tỷ đồng")]


def test_other_units_are_refused_with_the_converted_figure_as_suggestion(catalogue, tmp_path):
    path = write_csv(tmp_path / "xk.csv", [["II.8", "2025", "21.500", "triệu USD", "chính thức", ""]])
    problem = one(refused(catalogue, path), "unit_mismatch")
    assert "ghi 21,5" in problem.suggestion and "tỷ USD" in problem.suggestion
    billions = write_csv(tmp_path / "vdt.csv", [["II.7", "2025", "400", "nghìn tỷ đồng", "chính thức", ""]])
    problem = one(refused(catalogue, billions), "unit_mismatch")
    assert "ghi 400.000" in problem.suggestion and "Triệu tỷ đồng" in problem.message_vi


def test_raw_schema_migration_adds_the_new_columns_to_an_old_warehouse(tmp_path):
    from planwatch.ingest.store import ensure_raw_schema

    with duckdb.connect(str(tmp_path / "old.duckdb")) as con:
        con.execute(
            "create schema raw; create table raw.indicator_values (load_id varchar, row_no integer, "
            "sheet varchar, indicator_code varchar, period varchar, period_type varchar, value double, "
            "value_text varchar, unit varchar, status varchar, note varchar)"
        )
        con.execute(
            "insert into raw.indicator_values values "
            "('L', 2, '', 'II.8', '2025', 'year', 1, '1', 'u', 's', null)"
        )
        ensure_raw_schema(con)
        ensure_raw_schema(con)  # twice: the migration is idempotent
        assert con.sql(
            "select submitted_value, submitted_unit, warning from raw.indicator_values"
        ).fetchall() == [(None, None, None)]


# --- 9. a submission sheet whose header is broken -----------------------------------------------------------


def _template_with(catalogue: Catalogue, tmp_path: Path, edit) -> Path:
    path = write_template(catalogue, "SCT", "2026-Q3", tmp_path / "mau.xlsx", today=TODAY)
    book = openpyxl.load_workbook(path)
    indicators = book[INDICATOR_SHEET]
    indicators.cell(HEADER_ROW + 1, 4, "12,5")
    indicators.cell(HEADER_ROW + 1, 6, "ước tính")
    tasks = book[TASK_SHEET]
    tasks.cell(HEADER_ROW + 1, 4, "đang triển khai")
    tasks.cell(HEADER_ROW + 1, 5, "01/10/2026")
    edit(indicators)
    book.save(path)
    return path


def test_untouched_template_is_read_with_both_sheets(catalogue, tmp_path):
    tables = read_tables(_template_with(catalogue, tmp_path, lambda sheet: None))
    assert sorted(t.kind for t in tables) == ["indicators", "tasks"]


def test_xlsx_sheet_with_a_deleted_column_is_rejected_naming_sheet_and_column(
    catalogue, fresh_home, tmp_path, today, capsys
):
    path = _template_with(catalogue, tmp_path, lambda sheet: sheet.delete_cols(5))  # don_vi
    with pytest.raises(ReadError) as info:
        read_tables(path)
    assert info.value.key == "missing_columns" and info.value.missing == ("don_vi",)
    assert f'trang "{INDICATOR_SHEET}"' in info.value.detail
    before = raw_counts(fresh_home)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 1
    err = capsys.readouterr().err
    assert "[missing_columns]" in err and "don_vi" in err and "accepted" not in err
    assert raw_counts(fresh_home) == before


def test_xlsx_sheet_without_its_technical_header_row_is_rejected(catalogue, tmp_path):
    path = _template_with(catalogue, tmp_path, lambda sheet: sheet.delete_rows(HEADER_ROW))
    with pytest.raises(ReadError) as info:
        read_tables(path)
    assert info.value.key == "missing_columns" and INDICATOR_SHEET in info.value.detail
    assert "ma_chi_tieu" in info.value.missing


# --- 11. consistency checks ---------------------------------------------------------------------------------


def test_year_to_date_below_its_own_quarter_is_refused_unless_confirmed(catalogue, tmp_path):
    path = write_csv(
        tmp_path / "xk.csv",
        [
            ["II.8", "2026-Q3", "11,9", "tỷ USD", "ước tính", ""],
            ["II.8", "9 tháng 2026", "3,12", "tỷ USD", "ước tính", ""],
        ],
    )
    problem = one(refused(catalogue, path), "ytd_below_part")
    assert problem.row == 3 and "dòng 2" in problem.message_vi and "--confirm" in problem.suggestion
    submission = check(catalogue, path, confirm=True)
    assert [w.key for w in submission.warnings] == ["confirmed_ytd_below_part"]


def test_figure_a_thousand_times_off_its_previous_vintage_needs_confirmation(
    fresh_home, tmp_path, today, capsys
):
    first = write_csv(tmp_path / "q.csv", [["II.6", "2025", "78.120,5", "tỷ đồng", "ước tính", ""]])
    assert main(["ingest", str(first), "--agency", "TKTP"]) == 0
    # An en-US Calc read "78.120" as 78,12.
    second = write_csv(tmp_path / "q-sua.csv", [["II.6", "2025", "78,12", "tỷ đồng", "sơ bộ", ""]])
    before = raw_counts(fresh_home)
    assert main(["ingest", str(second), "--agency", "TKTP"]) == 1
    err = capsys.readouterr().err
    assert "[off_by_thousand]" in err and "78.120,5" in err and "--confirm" in err
    assert raw_counts(fresh_home) == before
    assert main(["ingest", str(second), "--agency", "TKTP", "--confirm"]) == 0
    assert "[confirmed_off_by_thousand]" in capsys.readouterr().out
    rows = raw_rows(fresh_home, "value, warning")
    assert rows[0][0] == 78.12 and "[confirmed_off_by_thousand]" in rows[0][1]


def test_figure_a_thousand_times_off_its_neighbouring_periods_in_the_file(catalogue, tmp_path):
    # New enterprises, quarter by quarter: the third is written a thousand times too small.
    quarters = {"2026-Q1": "2.310,5", "2026-Q2": "2.405,5", "2026-Q3": "2,51"}
    rows = [["II.13.a", q, value, "doanh nghiệp/năm", "ước tính", ""] for q, value in quarters.items()]
    path = write_csv(tmp_path / "dn.csv", rows)
    assert one(refused(catalogue, path), "off_by_thousand").row == 4


# --- 12. content limits, checked before parsing -------------------------------------------------------------


def test_rows_per_table_are_limited(fresh_home, tmp_path, today, capsys, monkeypatch):
    monkeypatch.setenv("PLANWATCH_MAX_ROWS", "3")
    rows = [["II.8", f"2026-0{m}", "1", "tỷ USD", "ước tính", ""] for m in range(1, 6)]
    path = write_csv(tmp_path / "many.csv", rows)
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 1
    err = capsys.readouterr().err
    assert "[too_many_rows]" in err and "PLANWATCH_MAX_ROWS" in err


def test_cell_length_is_limited_in_csv_and_xlsx(tmp_path):
    limits = Limits(max_cell_chars=100)
    path = write_csv(tmp_path / "long.csv", [["II.8", "2026-Q3", "1", "tỷ USD", "ước tính", "x" * 101]])
    with pytest.raises(ReadError) as info:
        read_tables(path, limits=limits)
    assert (info.value.key, info.value.row, info.value.column) == ("cell_too_long", 2, "6")
    book = write_xlsx(tmp_path / "long.xlsx", [["II.8", "2026-Q3", 1, "tỷ USD", "ước tính", "x" * 101]])
    with pytest.raises(ReadError) as info:
        read_tables(book, limits=limits)
    assert (info.value.key, info.value.row, info.value.column) == ("cell_too_long", 2, "F")


def test_xlsx_expansion_is_checked_from_the_zip_directory_before_parsing(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "ok.xlsx", [["II.8", "2026-Q3", 1, "tỷ USD", "ước tính", None]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))

    def must_not_parse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to parse a workbook over the limits")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)
    with pytest.raises(ReadError) as info:
        read_tables(bomb)
    assert info.value.key == "xlsx_too_large" and "PLANWATCH_MAX_XLSX_RATIO" in info.value.suggestion
    with pytest.raises(ReadError) as info:
        read_tables(bomb, limits=Limits(max_xlsx_ratio=10_000, max_xlsx_expanded_bytes=1024 * 1024))
    assert info.value.key == "xlsx_too_large" and "MAX_XLSX_EXPANDED_BYTES" in info.value.suggestion


# --- 13. content that used to end in a traceback ------------------------------------------------------------


def test_a_csv_cell_over_128_kb_is_a_clear_rejection_not_a_traceback(fresh_home, tmp_path, today, capsys):
    path = write_csv(tmp_path / "note.csv", [["II.8", "2026-Q3", "1", "tỷ USD", "ước tính", "x" * 140_000]])
    assert main(["ingest", str(path), "--agency", "TKTP"]) == 1
    err = capsys.readouterr().err
    assert "[cell_too_long]" in err and "dòng 2" in err and "field larger" not in err
    # With a higher limit the same cell is read whole (Python's csv limit is not in the way).
    table = read_tables(path, limits=Limits(max_cell_chars=200_000))[0]
    assert len(table.rows[0].values["ghi_chu"]) == 140_000


@pytest.mark.parametrize(
    ("member", "key"),
    [("xl/worksheets/sheet1.xml", "corrupt_sheet"), ("xl/workbook.xml", "unsupported_file")],
)
def test_a_truncated_xml_part_is_a_clear_rejection(tmp_path, member, key):
    path = write_xlsx(
        tmp_path / "ok.xlsx", [["II.8", f"2026-0{m}", m, "tỷ USD", "ước tính", "x" * 50] for m in range(1, 9)]
    )
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(cut, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == member else data)
    with pytest.raises(ReadError) as info:
        read_tables(cut)
    assert info.value.key == key and info.value.file == "cut.xlsx"
    if key == "corrupt_sheet":
        assert 'trang "Sheet"' in info.value.detail


@pytest.mark.parametrize(("encoding", "name"), [("utf-32", "UTF-32 LE"), ("utf-32-be", "UTF-32 BE")])
def test_a_utf32_file_is_refused_naming_its_encoding(tmp_path, encoding, name):
    path = tmp_path / "u32.csv"
    path.write_bytes(csv_text([["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]]).encode(encoding))
    with pytest.raises(ReadError) as info:
        read_tables(path)
    assert info.value.key == "unreadable_encoding" and name in info.value.detail


def test_read_tables_parses_the_bytes_it_is_given(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["II.8", "2026-Q3", "12,5", "tỷ USD", "ước tính", ""]])
    data = path.read_bytes()
    path.write_text("replaced while being read", encoding="utf-8")
    assert read_tables(path, data)[0].rows[0].values["gia_tri"] == "12,5"


# --- 19. hidden and look-alike characters in codes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("II.\u200b4", "ký tự ẩn U+200B (ZERO WIDTH SPACE) ở vị trí 4"),
        ("\u0406I.4", "chữ Kirin (Cyrillic) U+0406"),
        ("II.4.\u03b1", "chữ Hy Lạp (Greek) U+03B1"),
    ],
)
def test_hidden_or_foreign_characters_in_a_code_are_named_with_their_position(
    catalogue, tmp_path, code, named
):
    path = write_csv(tmp_path / "c.csv", [[code, "2026-Q3", "12,5", "%/năm", "ước tính", ""]])
    problem = one(refused(catalogue, path), "unknown_indicator")
    assert named in problem.message_vi
    assert problem.suggestion.startswith('gõ lại mã: "II.4')


# --- 2, 10 and 11 with LibreOffice Calc itself ------------------------------------------------------------

CALC_CSV = (
    "ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu\n"
    'II.4,2026-Q3,"13,2%",%/năm,ước tính,\n'
    "II.6,2025,78.120,tỷ đồng,sơ bộ,\n"
)


def calc_xlsx(tmp_path: Path, locale: int) -> Path:
    """The CSV opened by Calc in a locale (1066 vi-VN, 1033 en-US) and saved by its own xlsx filter."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = tmp_path / f"calc-{locale}.csv"
    source.write_text(CALC_CSV, encoding="utf-8")
    out = tmp_path / f"out-{locale}"
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         f"--infilter=CSV:44,34,76,1,,{locale}", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"calc-{locale}.xlsx"


def test_a_percent_typed_in_vietnamese_calc_is_stored_as_typed(catalogue, tmp_path):
    # vi-VN Calc turns "13,2%" into 0,132 in a percent-formatted cell, and "78.120" into 78120.
    values = check(catalogue, calc_xlsx(tmp_path, 1066)).indicator_values
    assert [(v.indicator_code, v.value) for v in values] == [("II.4", 13.2), ("II.6", 78120)]


def test_a_thousands_dot_lost_by_english_calc_is_caught_against_the_warehouse(
    fresh_home, tmp_path, today, capsys
):
    earlier = write_csv(tmp_path / "ut.csv", [["II.6", "2025", "78.120", "tỷ đồng", "ước tính", ""]])
    assert main(["ingest", str(earlier), "--agency", "TKTP"]) == 0
    # en-US Calc keeps "13,2%" as text (read as 13,2%) but reads "78.120" as 78,12.
    book = calc_xlsx(tmp_path, 1033)
    before = raw_counts(fresh_home)
    assert main(["ingest", str(book), "--agency", "TKTP"]) == 1
    err = capsys.readouterr().err
    assert "[off_by_thousand]" in err and "78,12" in err
    assert raw_counts(fresh_home) == before
