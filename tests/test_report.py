"""The rejection report (planwatch/ingest/report.py): terminal text, Markdown and JSON for the analyst."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planwatch.ingest.errors import SubmissionRejected
from planwatch.ingest.model import Problem, RawRow, RawTable
from planwatch.ingest.plan_lookup import load_catalogue
from planwatch.ingest.report import format_problem, format_rejection, write_rejection_report
from planwatch.ingest.validate import problem_to_error, validate

NOT_OWNER = Problem(
    "not_owner",
    "chỉ tiêu II.8 do SCT chủ trì, STC không được gửi.",
    "stc_2025.csv",
    7,
    "ma_chi_tieu",
    "II.8",
    "chỉ các chỉ tiêu do STC chủ trì (Thống kê thành phố gửi được mọi chỉ tiêu)",
    "bỏ dòng này; số liệu do SCT gửi",
)
UNKNOWN = Problem(
    "unknown_indicator",
    'mã chỉ tiêu "II4a" không có trong danh mục chỉ tiêu của Chương trình hành động',
    "stc_2025.csv",
    9,
    "ma_chi_tieu",
    "II4a",
    "một mã chỉ tiêu của danh mục (marts.dim_indicator)",
    "II.4.a",
)
EMPTY = Problem("empty_submission", "tệp không có dòng số liệu nào", "stc_2025.csv")


def test_formats_one_line_per_problem_with_key_row_column_and_advice() -> None:
    text = format_rejection([NOT_OWNER, UNKNOWN], file="stc_2025.csv")
    lines = text.splitlines()
    assert "stc_2025.csv" in lines[0] and "2 lỗi" in lines[0]
    assert lines[1].strip() == (
        '[not_owner] dòng 7, cột "ma_chi_tieu": chỉ tiêu II.8 do SCT chủ trì, STC không được gửi. '
        '(giá trị: "II.8") '
        "(expected: chỉ các chỉ tiêu do STC chủ trì (Thống kê thành phố gửi được mọi chỉ tiêu)) "
        "(gợi ý: bỏ dòng này; số liệu do SCT gửi)"
    )
    assert lines[2].strip().startswith('[unknown_indicator] dòng 9, cột "ma_chi_tieu": ')
    assert lines[2].endswith("(gợi ý: II.4.a)")
    assert len(lines) == 4  # headline, two problems, closing advice


def test_names_the_file_only_when_a_problem_is_in_another_file_or_sheet() -> None:
    in_sheet = Problem("bad_value", "thiếu giá trị", "b.xlsx [Chỉ tiêu]", 4, "gia_tri")
    assert format_problem(in_sheet, file="b.xlsx").startswith('[bad_value] tệp "b.xlsx [Chỉ tiêu]", dòng 4, ')
    assert format_problem(EMPTY, file="stc_2025.csv") == "[empty_submission] tệp không có dòng số liệu nào"


def test_formats_typed_errors_like_problems() -> None:
    errors = [problem_to_error(NOT_OWNER)]
    assert format_rejection(errors, file="stc_2025.csv") == format_rejection([NOT_OWNER], file="stc_2025.csv")


def test_writes_markdown_and_json_reports(tmp_path: Path) -> None:
    tricky = Problem("bad_value", "có ký tự | lạ", "stc_2025.csv", 11, "gia_tri", "1|2")
    md_path, json_path = write_rejection_report(
        [NOT_OWNER, UNKNOWN, tricky], tmp_path / "rejections" / "stc_2025"
    )
    assert (md_path.name, json_path.name) == ("stc_2025.md", "stc_2025.json")

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["file"] == "stc_2025.csv" and data["problem_count"] == 3
    assert data["counts_by_key"] == {"bad_value": 1, "not_owner": 1, "unknown_indicator": 1}
    assert data["problems"][1] == {
        "key": "unknown_indicator",
        "message_vi": UNKNOWN.message_vi,
        "file": "stc_2025.csv",
        "row": 9,
        "column": "ma_chi_tieu",
        "value": "II4a",
        "expected": UNKNOWN.expected,
        "suggestion": "II.4.a",
    }

    markdown = md_path.read_text(encoding="utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith("| stc_2025.csv |")]
    assert len(rows) == 3
    assert rows[0].startswith("| stc_2025.csv | 7 | ma_chi_tieu | `not_owner` | II.8 |")
    # A pipe inside a cell is escaped, so the row keeps its 8 cells.
    assert "1\\|2" in rows[2] and rows[2].replace("\\|", "").count("|") == 9


@pytest.mark.parametrize("suffix", ["", ".txt"])
def test_report_paths_replace_any_suffix(tmp_path: Path, suffix: str) -> None:
    md_path, json_path = write_rejection_report([EMPTY], tmp_path / f"r{suffix}", file="x.csv")
    assert md_path.exists() and json_path.exists()
    assert json.loads(json_path.read_text(encoding="utf-8"))["file"] == "x.csv"


def test_reports_a_real_rejection_from_the_validator(built_home: Path, tmp_path: Path) -> None:
    catalogue = load_catalogue(built_home / "warehouse.duckdb")
    headers = {c: c for c in ("ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai")}
    rows = (
        RawRow(
            7,
            {"ma_chi_tieu": "II.8", "ky": "2025", "gia_tri": "21", "don_vi": "tỷ USD", "trang_thai": "sơ bộ"},
        ),
        RawRow(
            8,
            {"ma_chi_tieu": "II.6", "ky": "2025", "gia_tri": "x", "don_vi": "tỷ đồng", "trang_thai": "sơ bộ"},
        ),
    )
    table = RawTable(Path("stc_2025.csv"), "indicators", None, 1, headers, rows)
    with pytest.raises(SubmissionRejected) as info:
        validate([table], agency_code="STC", catalogue=catalogue, today=date(2026, 11, 26), sha256="0" * 64)
    text = format_rejection(info.value.problems, file="stc_2025.csv")
    assert '[not_owner] dòng 7, cột "ma_chi_tieu": chỉ tiêu II.8 do SCT chủ trì, STC không được gửi.' in text
    assert '[bad_value] dòng 8, cột "gia_tri": ' in text
    _, json_path = write_rejection_report(info.value.problems, tmp_path / "stc_2025")
    assert [p["key"] for p in json.loads(json_path.read_text(encoding="utf-8"))["problems"]] == [
        "not_owner",
        "bad_value",
    ]
