"""Normalising and validating submissions (planwatch/ingest/validate.py) against the real plan catalogue.

Tables are built directly as RawTable objects (the reader is tested elsewhere); the catalogue is the
one `planwatch build` puts in the warehouse; the GX suites are the JSON files in expectations/.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from planwatch.ingest.errors import OwnershipError, SubmissionRejected
from planwatch.ingest.model import Problem, RawRow, RawTable, Submission
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.ingest.report import problems_of
from planwatch.ingest.units import accepted_units, canonical_unit, plausibility_class, unit_matches
from planwatch.ingest.validate import (
    EXPECTATIONS_DIR,
    INDICATOR_SUITE,
    TASK_SUITE,
    code_repairs,
    load_suite,
    parse_task_date,
    validate,
)

TODAY = date(2026, 11, 26)
INDICATOR_HEADERS = {c: c for c in ("ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu")}
TASK_HEADERS = {c: c for c in ("ma_nhiem_vu", "tinh_trang", "ngay", "van_ban", "ghi_chu")}


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


def figure(
    row_no: int, code: Any, period: Any, value: Any, unit: Any, status: Any = "chính thức", **extra: Any
) -> RawRow:
    return RawRow(
        row_no,
        {"ma_chi_tieu": code, "ky": period, "gia_tri": value, "don_vi": unit, "trang_thai": status, **extra},
    )


def task(row_no: int, code: Any, state: Any, when: Any, evidence: Any = None) -> RawRow:
    return RawRow(row_no, {"ma_nhiem_vu": code, "tinh_trang": state, "ngay": when, "van_ban": evidence})


def figures(*rows: RawRow, name: str = "bao_cao.csv", sheet: str | None = None) -> RawTable:
    return RawTable(Path(name), "indicators", sheet, 1, dict(INDICATOR_HEADERS), tuple(rows))


def tasks(*rows: RawRow, name: str = "nhiem_vu.csv") -> RawTable:
    return RawTable(Path(name), "tasks", None, 1, dict(TASK_HEADERS), tuple(rows))


def run(catalogue: Catalogue, agency: str, *tables: RawTable, **kwargs: Any) -> Submission:
    return validate(
        list(tables), agency_code=agency, catalogue=catalogue, today=TODAY, sha256="0" * 64, **kwargs
    )


def rejected(catalogue: Catalogue, agency: str, *tables: RawTable, **kwargs: Any) -> list[Problem]:
    with pytest.raises(SubmissionRejected) as info:
        run(catalogue, agency, *tables, **kwargs)
    return problems_of(info.value)


def only(problems: list[Problem], key: str) -> Problem:
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, problems
    return found[0]


# --- accepted files --------------------------------------------------------------------------------


def test_accepts_valid_indicator_file_and_normalises_every_field(catalogue: Catalogue) -> None:
    submission = run(
        catalogue,
        "SCT",
        figures(
            figure(2, "II.8", "Năm 2025", "21,5", "tỷ USD", "Chính thức", ghi_chu="số Hải quan"),
            figure(3, " II.4 ", "Quý III/2026", "13,2%", "%", "sơ bộ"),
            figure(4, "II.4.a", "9 tháng 2026", 47.25, "%", "uoc_tinh"),
        ),
    )
    assert [(v.row_no, v.indicator_code, v.period, v.period_type) for v in submission.indicator_values] == [
        (2, "II.8", "2025", "year"),
        (3, "II.4", "2026-Q3", "quarter"),
        (4, "II.4.a", "2026-YTD09", "ytd"),
    ]
    first, second, third = submission.indicator_values
    assert (first.value, first.value_text, first.unit, first.status, first.note) == (
        21.5,
        "21,5",
        "tỷ USD",
        "chinh_thuc",
        "số Hải quan",
    )
    # "%" is accepted for a growth rate in "%/năm", and the stored unit is the catalogue's.
    assert (second.value, second.value_text, second.unit, second.status) == (13.2, "13,2%", "%/năm", "so_bo")
    assert (third.value, third.status) == (47.25, "uoc_tinh")
    assert submission.agency_code == "SCT" and submission.sha256 == "0" * 64 and not submission.task_updates


def test_statistics_office_may_submit_any_indicator(catalogue: Catalogue) -> None:
    submission = run(
        catalogue,
        "TKTP",
        figures(figure(2, "II.8", "2025", "21,5", "tỷ USD"), figure(3, "N.6.2", "2025", "0,8", "%")),
    )
    assert [v.indicator_code for v in submission.indicator_values] == ["II.8", "N.6.2"]


def test_accepts_scenario_only_indicator(catalogue: Catalogue) -> None:
    submission = run(catalogue, "STC", figures(figure(2, "II.1.a.1", "2025", "11,2", "%/năm")))
    assert submission.indicator_values[0].indicator_code == "II.1.a.1"


def test_skips_blank_rows_and_marks_sample_files(catalogue: Catalogue) -> None:
    table = RawTable(
        Path("mau.xlsx"),
        "indicators",
        "Chỉ tiêu",
        3,
        dict(INDICATOR_HEADERS),
        (figure(4, "II.8", "2025", "21,5", "tỷ USD"), figure(5, None, " ", None, None, None)),
        is_sample=True,
    )
    submission = run(catalogue, "SCT", table)
    assert [v.row_no for v in submission.indicator_values] == [4]
    assert submission.is_sample and submission.indicator_values[0].sheet == "Chỉ tiêu"


# --- agency ----------------------------------------------------------------------------------------


def test_rejects_unknown_agency_with_nearest_codes(catalogue: Catalogue) -> None:
    problems = rejected(catalogue, "STCC", figures(figure(2, "II.6", "2025", "100.000", "tỷ đồng")))
    problem = only(problems, "unknown_agency")
    assert (
        problem.value == "STCC" and problem.suggestion is not None and "STC" in problem.suggestion.split(", ")
    )
    # An unknown agency is one problem, not a not_owner on every row.
    assert [p.key for p in problems] == ["unknown_agency"]


def test_suggests_agency_code_from_its_name(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "So Tai chinh", figures(figure(2, "II.6", "2025", "1", "tỷ đồng"))),
        "unknown_agency",
    )
    assert "STC" in (problem.suggestion or "")


# --- indicator codes and ownership ------------------------------------------------------------------


def test_rejects_unknown_indicator_suggesting_the_code_with_dots(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "SCT",
        figures(figure(2, "II.8", "2025", "21", "tỷ USD"), figure(3, "II4a", "2025", "40", "%")),
    )
    problem = only(problems, "unknown_indicator")
    assert (problem.row, problem.column, problem.value) == (3, "ma_chi_tieu", "II4a")
    assert problem.suggestion is not None and problem.suggestion.split(", ")[0] == "II.4.a"


def test_suggests_nearest_indicator_code_by_similarity(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(2, "II.88", "2025", "21", "tỷ USD"))), "unknown_indicator"
    )
    assert "II.8" in (problem.suggestion or "").split(", ")


def test_code_repairs_fix_missing_dots_case_and_arabic_section_numbers() -> None:
    assert code_repairs("II4a") == ["II.4.a"]
    assert code_repairs("ii.4.A") == ["II.4.a"]
    assert code_repairs("2.8") == ["II.8"]
    assert code_repairs("II 14 1") == ["II.14.1"]


def test_rejects_group_heading_naming_its_children(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SKHCN", figures(figure(5, "II.14", "2025", "3", "thứ hạng"))),
        "heading_indicator",
    )
    assert problem.row == 5 and "II.14.1" in (problem.suggestion or "")


def test_rejects_indicator_of_another_agency_naming_its_lead(catalogue: Catalogue) -> None:
    with pytest.raises(SubmissionRejected) as info:
        run(
            catalogue,
            "STC",
            figures(
                figure(2, "II.6", "2025", "100.000", "tỷ đồng"), figure(7, "II.8", "2025", "21", "tỷ USD")
            ),
        )
    problem = only(problems_of(info.value), "not_owner")
    assert (problem.row, problem.column, problem.value) == (7, "ma_chi_tieu", "II.8")
    assert problem.message_vi == "chỉ tiêu II.8 do SCT chủ trì, STC không được gửi."
    assert any(isinstance(e, OwnershipError) for e in info.value.problems)


def test_rejects_indicator_without_lead_from_a_department(catalogue: Catalogue) -> None:
    problem = only(rejected(catalogue, "SNV", figures(figure(2, "N.6.2", "2025", "0,8", "%"))), "not_owner")
    assert "chưa giao đơn vị chủ trì" in problem.message_vi and "TKTP" in (problem.suggestion or "")


# --- values ------------------------------------------------------------------------------------------


def test_rejects_unreadable_value_with_the_parsers_expected_form(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "SCT",
        figures(figure(4, "II.8", "2025", "21,5 tỷ", "tỷ USD"), figure(5, "II.8", "2024", None, "tỷ USD")),
    )
    bad = [p for p in problems if p.key == "bad_value"]
    assert [(p.row, p.column) for p in bad] == [(4, "gia_tri"), (5, "gia_tri")]
    assert bad[0].value == "21,5 tỷ" and "7.944,5" in (bad[0].expected or "")
    assert "thiếu" in bad[1].message_vi


@pytest.mark.parametrize(
    ("agency", "code", "value", "unit"),
    [
        ("SCT", "II.4.a", "100", "%"),  # share upper bound
        ("SCT", "II.4", "-50", "%/năm"),  # growth lower bound
        ("SCT", "II.8", "0", "tỷ USD"),  # money may be zero
        ("STC", "II.14.2", "63", "thứ hạng"),  # last rank
        ("TKTP", "II.18", "0,75", "chỉ số"),  # HDI
    ],
)
def test_accepts_values_at_the_edge_of_the_plausible_range(
    catalogue: Catalogue, agency: str, code: str, value: str, unit: str
) -> None:
    assert (
        run(catalogue, agency, figures(figure(2, code, "2025", value, unit)))
        .indicator_values[0]
        .indicator_code
        == code
    )


@pytest.mark.parametrize(
    ("agency", "code", "value", "unit", "expected"),
    [
        ("SCT", "II.4.a", "150", "%", "từ 0 đến 100"),
        ("SCT", "II.4", "-60", "%/năm", "từ -50 đến 100"),
        ("SCT", "II.8", "-1", "tỷ USD", "không nhỏ hơn 0"),
        ("STC", "II.14.2", "0", "thứ hạng", "một số nguyên từ 1 đến 63"),
        ("STC", "II.14.2", "2,5", "thứ hạng", "một số nguyên từ 1 đến 63"),
        ("TKTP", "II.18", "75", "chỉ số", "từ 0 đến 1"),
    ],
)
def test_rejects_implausible_values_for_the_unit(
    catalogue: Catalogue, agency: str, code: str, value: str, unit: str, expected: str
) -> None:
    problem = only(
        rejected(catalogue, agency, figures(figure(6, code, "2025", value, unit))), "implausible_value"
    )
    assert (problem.row, problem.column, problem.value, problem.expected) == (6, "gia_tri", value, expected)


# --- units -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("submitted", "catalogue_unit"),
    [
        ("tỷ đồng", "tỷ đồng"),
        ("ty dong", "tỷ đồng"),
        ("tỷ VNĐ", "tỷ đồng"),
        ("USD/ng", "USD/người"),
        ("%", "%/năm"),
        ("% / năm", "%/năm"),
        ("(%)", "% GRDP"),
        ("DN", "doanh nghiệp/năm"),
    ],
)
def test_unit_synonyms_match_the_catalogue_unit(submitted: str, catalogue_unit: str) -> None:
    assert unit_matches(submitted, catalogue_unit)


@pytest.mark.parametrize(
    ("submitted", "catalogue_unit"),
    [("triệu USD", "tỷ USD"), ("triệu đồng", "tỷ đồng"), ("%/năm", "%"), ("", "%"), (None, "tỷ đồng")],
)
def test_different_units_never_match(submitted: str | None, catalogue_unit: str) -> None:
    assert not unit_matches(submitted, catalogue_unit)


def test_unit_folding_and_plausibility_classes() -> None:
    assert canonical_unit("Tỷ  VND") == "tỷ đồng" and canonical_unit(" ") is None
    assert accepted_units("% giảm/năm") >= {"%", "%/năm"}
    assert plausibility_class("%/năm", "avg_growth") == "change"
    assert plausibility_class("%/năm", "annual") == "share"
    assert (
        plausibility_class("%/năm", "scenario_only", "Tốc độ tăng giá trị tăng thêm ngành xây dựng")
        == "change"
    )
    assert plausibility_class("thứ hạng", "rank") == "rank"
    assert plausibility_class("chỉ số", "level") == "index01"
    assert plausibility_class("tỷ đồng", "level") == "nonneg"


def test_accepts_unit_synonyms_in_a_file(catalogue: Catalogue) -> None:
    submission = run(
        catalogue,
        "STC",
        figures(figure(2, "II.6", "2025", "95.000", "ty dong"), figure(3, "II.2", "2025", "8.500", "USD/ng")),
    )
    assert [v.unit for v in submission.indicator_values] == ["tỷ đồng", "USD/người"]


def test_rejects_million_for_billion_usd_without_converting(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(3, "II.8", "2025", "21.500", "triệu USD"))), "unit_mismatch"
    )
    assert (problem.row, problem.column, problem.value, problem.expected) == (
        3,
        "don_vi",
        "triệu USD",
        "tỷ USD",
    )
    assert "không tự quy đổi" in problem.message_vi


def test_rejects_blank_unit_instead_of_assuming_the_catalogue_unit(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(4, "II.8", "2025", "21,5", " "))), "missing_unit"
    )
    assert (problem.row, problem.column, problem.suggestion) == (4, "don_vi", "tỷ USD")


def test_rejects_percent_sign_on_a_money_figure(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(2, "II.8", "2025", "21,5%", "tỷ USD"))), "unit_mismatch"
    )
    assert (problem.row, problem.column) == (2, "gia_tri")


# --- periods and statuses ---------------------------------------------------------------------------


def test_rejects_unreadable_period(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(8, "II.8", "Quý V/2025", "21", "tỷ USD"))), "bad_period"
    )
    assert (problem.row, problem.column, problem.value) == (8, "ky", "Quý V/2025")
    assert "Quý III/2026" in (problem.expected or "")


def test_rejects_period_starting_after_today(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(2, "II.8", "Quý I/2027", "21", "tỷ USD", "ước tính"))),
        "future_period",
    )
    assert (problem.row, problem.column, problem.value) == (2, "ky", "Quý I/2027")
    assert "01/01/2027" in problem.message_vi


def test_running_period_is_accepted_only_as_an_estimate(catalogue: Catalogue) -> None:
    # On 26/11/2026 the fourth quarter and the year 2026 are still running; the third quarter is over.
    accepted = run(
        catalogue,
        "SCT",
        figures(
            figure(2, "II.8", "Quý IV/2026", "5", "tỷ USD", "ước tính"),
            figure(3, "II.8", "Quý III/2026", "5", "tỷ USD", "chính thức"),
        ),
    )
    assert len(accepted.indicator_values) == 2
    problems = rejected(
        catalogue,
        "SCT",
        figures(
            figure(2, "II.8", "Quý IV/2026", "5", "tỷ USD", "chính thức"),
            figure(3, "II.8", "Năm 2026", "20", "tỷ USD", "sơ bộ"),
        ),
    )
    assert [(p.key, p.row, p.column, p.suggestion) for p in problems] == [
        ("running_period_not_estimate", 2, "trang_thai", "ước tính"),
        ("running_period_not_estimate", 3, "trang_thai", "ước tính"),
    ]


def test_rejects_unknown_status(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "SCT",
        figures(
            figure(2, "II.8", "2025", "21", "tỷ USD", "chinh thuc tam"),
            figure(3, "II.8", "2024", "20", "tỷ USD", None),
        ),
    )
    bad = [p for p in problems if p.key == "bad_status"]
    assert [(p.row, p.column) for p in bad] == [(2, "trang_thai"), (3, "trang_thai")]
    assert bad[0].suggestion == "chính thức"


def test_rejects_same_indicator_and_period_twice_naming_both_rows(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "SCT",
        figures(
            figure(4, "II.4", "9 tháng 2026", "15,5", "%", "sơ bộ"),
            figure(5, "II.4", "Quý III/2026", "15,0", "%", "sơ bộ"),
            figure(6, "II.4", "2026-YTD09", "15,6", "%", "sơ bộ"),
        ),
    )
    problem = only(problems, "duplicate_in_file")
    assert problem.row == 6 and "dòng 4, 6" in problem.message_vi and "4" in (problem.suggestion or "")


def test_rejects_empty_submission(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "SCT", figures(figure(2, None, None, None, None, None))), "empty_submission"
    )
    assert problem.file == "bao_cao.csv"


def test_rejects_table_missing_a_required_column(catalogue: Catalogue) -> None:
    headers = {k: v for k, v in INDICATOR_HEADERS.items() if k != "don_vi"}
    table = RawTable(
        Path("x.csv"),
        "indicators",
        None,
        3,
        headers,
        (RawRow(4, {"ma_chi_tieu": "II.8", "ky": "2025", "gia_tri": "1", "trang_thai": "sơ bộ"}),),
    )
    problem = only(rejected(catalogue, "SCT", table), "missing_column")
    assert (problem.row, problem.column) == (3, "don_vi")


# --- every problem at once ---------------------------------------------------------------------------


def test_reports_every_problem_of_the_file_not_just_the_first(catalogue: Catalogue) -> None:
    with pytest.raises(SubmissionRejected) as info:
        run(
            catalogue,
            "SCT",
            figures(
                figure(2, "II.8", "2025", "21,5", "tỷ USD"),
                figure(3, "II4a", "2025", "40", "%"),
                figure(4, "II.6", "2025", "100", "tỷ đồng"),
                figure(5, "II.8", "2024", "abc", "tỷ USD"),
                figure(6, "II.8", "2028", "20", "triệu USD", "không rõ"),
                figure(7, "II.4.a", "2024", "140", "%"),
                name="sct_2025.xlsx",
                sheet="Chỉ tiêu",
            ),
        )
    problems = problems_of(info.value)
    assert [(p.row, p.key) for p in problems] == [
        (3, "unknown_indicator"),
        (4, "not_owner"),
        (5, "bad_value"),
        (6, "future_period"),
        (6, "unit_mismatch"),
        (6, "bad_status"),
        (7, "implausible_value"),
    ]
    assert {p.file for p in problems} == {"sct_2025.xlsx [Chỉ tiêu]"}
    assert info.value.file == "sct_2025.xlsx" and str(info.value).count("\n") == len(problems)


@pytest.mark.parametrize("kind", ["indicators", "tasks"])
def test_whole_suite_and_its_parts_find_the_same_problems(
    catalogue: Catalogue, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small file runs the whole suite at once, a large one each part on its distinct values
    # (gx.WHOLE_SUITE_ROWS): both ways must name the same problems on the same rows.
    from planwatch.ingest import gx

    if kind == "indicators":
        rows = [
            figure(2, "II.8", "2025", "21,5", "tỷ USD"),
            figure(3, "II4a", "2025", "40", "%"),
            figure(4, "II.6", "2025", "100", "tỷ đồng"),
            figure(5, "II.8", "2028", "20", "triệu USD", "không rõ"),
            figure(6, "II.4.a", "2024", "140", "%"),
            figure(7, "II4a", "2024", "41", "%"),
            figure(8, "II.8", "2025", "21,5", "tỷ USD"),
        ]
        table, agency = figures(*rows), "SCT"
    else:
        rows = [
            task(2, "NV.999", "hoàn thành", "2026-01-05"),
            task(3, "NV.999", "đang làm", "2030-01-05"),
            task(4, None, "xong rồi", "32/13/2026"),
        ]
        table, agency = tasks(*rows), "SCT"
    found = {}
    for name, limit in (("whole", 10**9), ("parts", 0)):
        monkeypatch.setattr(gx, "WHOLE_SUITE_ROWS", limit)
        found[name] = [(p.row, p.column, p.key, p.message_vi) for p in rejected(catalogue, agency, table)]
    assert len({key for _, _, key, _ in found["whole"]}) >= 3
    assert found["whole"] == found["parts"]


def test_finds_duplicates_across_sheets_of_one_workbook(catalogue: Catalogue) -> None:
    one = figures(figure(2, "II.8", "2025", "21", "tỷ USD"), name="b.xlsx", sheet="A")
    two = figures(figure(2, "II.8", "Năm 2025", "21", "tỷ USD"), name="b.xlsx", sheet="B")
    problem = only(rejected(catalogue, "SCT", one, two), "duplicate_in_file")
    assert problem.file == "b.xlsx [B]" and "(b.xlsx [B])" in problem.message_vi


# --- tasks -------------------------------------------------------------------------------------------


def test_accepts_task_progress_with_day_first_and_excel_dates(catalogue: Catalogue) -> None:
    submission = run(
        catalogue,
        "STC",
        tasks(
            task(2, "II.2.1.1", "Hoàn thành", "17/10/2025", "Quyết định số 4111/QĐ-UBND"),
            task(3, "II.2.1.2", "đang triển khai", datetime(2026, 3, 1)),
            task(4, "II.2.1.3", "chua_trien_khai", "2026-02-01"),
        ),
    )
    assert [(u.row_no, u.task_code, u.state, u.state_date) for u in submission.task_updates] == [
        (2, "II.2.1.1", "hoan_thanh", date(2025, 10, 17)),
        (3, "II.2.1.2", "dang_trien_khai", date(2026, 3, 1)),
        (4, "II.2.1.3", "chua_trien_khai", date(2026, 2, 1)),
    ]
    assert submission.task_updates[0].evidence == "Quyết định số 4111/QĐ-UBND"


def test_parses_task_dates_day_first() -> None:
    assert parse_task_date("1/2/2026") == date(2026, 2, 1)
    assert parse_task_date("17.10.2025") == date(2025, 10, 17)
    assert parse_task_date("ngày 17 tháng 10 năm 2025") == date(2025, 10, 17)


def test_rejects_unknown_task_with_nearest_code(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "STC", tasks(task(2, "II.2.1.13", "hoàn thành", "1/10/2026"))), "unknown_task"
    )
    assert (problem.row, problem.column) == (2, "ma_nhiem_vu") and "II.2.1.3" in (problem.suggestion or "")


def test_names_a_hidden_character_in_a_task_code(catalogue: Catalogue) -> None:
    hidden = tasks(task(2, "II.2.1.\u200b3", "hoàn thành", "1/10/2026"))
    problem = only(rejected(catalogue, "STC", hidden), "unknown_task")
    assert "ký tự ẩn U+200B" in problem.message_vi and "vị trí 8" in problem.message_vi
    assert problem.suggestion == 'gõ lại mã: "II.2.1.3"'


def test_rejects_task_of_another_agency_but_statistics_office_may_report_it(catalogue: Catalogue) -> None:
    problem = only(rejected(catalogue, "STC", tasks(task(5, "I.1", "hoàn thành", "1/10/2026"))), "not_owner")
    assert problem.row == 5 and "SNV" in problem.message_vi
    assert (
        run(catalogue, "TKTP", tasks(task(5, "I.1", "hoàn thành", "1/10/2026"))).task_updates[0].task_code
        == "I.1"
    )


def test_rejects_unknown_task_state_with_nearest(catalogue: Catalogue) -> None:
    problem = only(
        rejected(catalogue, "STC", tasks(task(2, "II.2.1.1", "hoàn thàn", "1/10/2026"))), "bad_state"
    )
    assert (problem.row, problem.column, problem.suggestion) == (2, "tinh_trang", "hoàn thành")


def test_rejects_unreadable_and_future_task_dates(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "STC",
        tasks(
            task(2, "II.2.1.1", "hoàn thành", "31/02/2026"), task(3, "II.2.1.2", "hoàn thành", "27/11/2026")
        ),
    )
    assert [(p.key, p.row, p.column) for p in problems] == [
        ("bad_date", 2, "ngay"),
        ("future_date", 3, "ngay"),
    ]


def test_rejects_same_task_twice(catalogue: Catalogue) -> None:
    problems = rejected(
        catalogue,
        "STC",
        tasks(
            task(2, "II.2.1.1", "đang triển khai", "1/3/2026"), task(9, "II.2.1.1", "hoàn thành", "1/10/2026")
        ),
    )
    problem = only(problems, "duplicate_in_file")
    assert problem.row == 9 and "dòng 2, 9" in problem.message_vi


# --- the GX suites are the files in expectations/ ----------------------------------------------------


def test_suite_files_list_an_expectation_for_every_column_rule() -> None:
    keys = {e["meta"]["key"] for e in load_suite(EXPECTATIONS_DIR / INDICATOR_SUITE)}
    assert keys == {
        "unknown_indicator",
        "heading_indicator",
        "not_owner",
        "bad_value",
        "implausible_value",
        "missing_unit",
        "unit_mismatch",
        "bad_period",
        "future_period",
        "running_period_not_estimate",
        "bad_status",
        "duplicate_in_file",
    }
    task_keys = {e["meta"]["key"] for e in load_suite(EXPECTATIONS_DIR / TASK_SUITE)}
    assert task_keys == {
        "unknown_task",
        "not_owner",
        "bad_state",
        "bad_date",
        "future_date",
        "duplicate_in_file",
    }


def _copy_suites(tmp_path: Path) -> Path:
    target = tmp_path / "expectations"
    target.mkdir()
    for name in (INDICATOR_SUITE, TASK_SUITE):
        shutil.copy(EXPECTATIONS_DIR / name, target / name)
    return target


def test_editing_the_suite_file_changes_the_plausible_range(catalogue: Catalogue, tmp_path: Path) -> None:
    suites = _copy_suites(tmp_path)
    table = figures(figure(2, "II.4.a", "2025", "95", "%"))
    assert run(catalogue, "SCT", table, expectations_dir=suites).indicator_values[0].value == 95
    path = suites / INDICATOR_SUITE
    suite = json.loads(path.read_text(encoding="utf-8"))
    share = next(
        e
        for e in suite["expectations"]
        if (e["kwargs"].get("row_condition") or {}).get("parameter") == "share"
    )
    share["kwargs"]["max_value"] = 90
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    problem = only(rejected(catalogue, "SCT", table, expectations_dir=suites), "implausible_value")
    assert problem.expected == "từ 0 đến 90"


def test_removing_an_expectation_from_the_suite_file_removes_its_check(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    suites = _copy_suites(tmp_path)
    table = tasks(
        task(2, "II.2.1.1", "hoàn thành", "1/10/2026"), task(3, "II.2.1.1", "hoàn thành", "2/10/2026")
    )
    assert only(rejected(catalogue, "STC", table, expectations_dir=suites), "duplicate_in_file").row == 3
    path = suites / TASK_SUITE
    suite = json.loads(path.read_text(encoding="utf-8"))
    suite["expectations"] = [e for e in suite["expectations"] if e["meta"]["key"] != "duplicate_in_file"]
    path.write_text(json.dumps(suite, ensure_ascii=False), encoding="utf-8")
    assert len(run(catalogue, "STC", table, expectations_dir=suites).task_updates) == 2
