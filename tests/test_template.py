"""The department's submission template: written from the real catalogue, read back by the reader."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from planwatch.ingest.errors import IngestError, PeriodParseError
from planwatch.ingest.periods import parse_period
from planwatch.ingest.plan_lookup import AgencyInfo, Catalogue, IndicatorInfo, TaskInfo, load_catalogue
from planwatch.ingest.reader import read_tables
from planwatch.ingest.template import (
    FONT_NAME,
    HEADER_ROW,
    date_rule_formula,
    number_rule_formula,
    write_template,
)

TODAY = date(2026, 10, 5)


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


@pytest.fixture(scope="module")
def sct_template(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "SCT_2026-Q3.xlsx"
    return write_template(catalogue, "SCT", "2026-Q3", path, today=TODAY)


def column(ws, header: str) -> list:
    """The values under a header of the template's header row, down to the last pre-filled row."""
    headers = [c.value for c in ws[HEADER_ROW]]
    j = headers.index(header) + 1
    return [ws.cell(r, j).value for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value]


def small_catalogue() -> Catalogue:
    def ind(code: str, kind: str, assessable: bool) -> IndicatorInfo:
        return IndicatorInfo(code, f"Chỉ tiêu {code}", "%", kind, ("SCT",), assessable, "quarterly")

    return Catalogue(
        indicators={
            i.code: i
            for i in (
                ind("II.10", "level", True),
                ind("II.2", "avg_growth", True),
                ind("II.3", "qualitative", False),
                ind("P4.1", "scenario_only", False),
            )
        },
        tasks={"II.1.1": TaskInfo("II.1.1", "Nhiệm vụ một", ("SCT",), "Quý II/2026")},
        agencies={
            "SCT": AgencyInfo("SCT", "Sở Công Thương", False),
            "TKTP": AgencyInfo("TKTP", "Thống kê", True),
        },
    )


def test_template_has_instructions_indicator_and_task_sheets(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    assert wb.sheetnames == ["Hướng dẫn", "Chỉ tiêu", "Nhiệm vụ"]
    text = "\n".join(str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value)
    for needed in ("Sở Công Thương", "7.944,5", "7944.5", "ước tính", "sơ bộ", "chính thức", "Quý III/2026"):
        assert needed in text
    assert "chủ trì" in text


def test_template_prefills_the_agencys_indicators_for_the_period(
    sct_template: Path, catalogue: Catalogue
) -> None:
    ws = openpyxl.load_workbook(sct_template)["Chỉ tiêu"]
    # A quarter's template asks the quarterly indicators for the quarter and the year to date (9 tháng);
    # SCT's yearly indicators (II.4.a, II.4.b) wait for the year's template.
    own = [i for i in catalogue.indicators_of("SCT") if i.reporting_frequency == "quarterly"]
    assert {i.code for i in own} == {"II.4", "II.8"}
    # Periods are written in words the ingest reads ("9 tháng năm 2026" is 2026-YTD09), so that Calc's
    # AutoInput has no "2026-…" code to complete a typed "2026" with.
    periods = column(ws, "ky")
    assert set(periods) == {"Quý III/2026", "9 tháng năm 2026"}
    assert not any(p.startswith("2026") for p in periods)
    assert sorted(
        zip(column(ws, "ma_chi_tieu"), [parse_period(p).code for p in periods], strict=True)
    ) == sorted((i.code, period) for i in own for period in ("2026-Q3", "2026-YTD09"))
    units = dict(zip(column(ws, "ma_chi_tieu"), column(ws, "don_vi"), strict=True))
    assert units == {i.code: i.unit for i in own}
    assert all(v is None for v in column(ws, "gia_tri"))
    assert [c.value for c in ws[HEADER_ROW]][:4] == ["ma_chi_tieu", "ten_chi_tieu", "ky", "gia_tri"]
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"


def test_template_prefills_the_agencys_tasks(sct_template: Path, catalogue: Catalogue) -> None:
    ws = openpyxl.load_workbook(sct_template)["Nhiệm vụ"]
    assert sorted(column(ws, "ma_nhiem_vu")) == sorted(t.code for t in catalogue.tasks_of("SCT"))
    assert all(text for text in column(ws, "noi_dung_nhiem_vu"))


def _rules(ws) -> dict:
    return {(dv.type, str(dv.sqref).split(":")[0][0]): dv for dv in ws.data_validations.dataValidation}


def test_template_rules_show_their_messages_allow_blanks_and_stop_wrong_entries(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    indicators, tasks = _rules(wb["Chỉ tiêu"]), _rules(wb["Nhiệm vụ"])
    assert indicators[("list", "F")].formula1 == '"ước tính,sơ bộ,chính thức"'
    assert indicators[("custom", "D")].formula1 == number_rule_formula("D6")
    assert tasks[("list", "D")].formula1 == '"chưa triển khai,đang triển khai,hoàn thành"'
    assert tasks[("custom", "E")].formula1 == date_rule_formula("E6")
    for dv in [*indicators.values(), *tasks.values()]:
        assert dv.showErrorMessage and dv.showInputMessage and dv.allow_blank
        assert dv.errorStyle == "stop"
        assert dv.errorTitle and dv.promptTitle and len(dv.errorTitle) <= 32
        assert dv.error and dv.prompt and max(len(dv.error), len(dv.prompt)) <= 255
    assert "tạm tính" in indicators[("list", "F")].error


def test_template_cells_to_fill_in_are_text_open_and_the_prefilled_ones_locked(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    ws = wb["Chỉ tiêu"]
    assert ws.protection.sheet and not ws.protection.password
    assert {c: ws[f"{c}6"].protection.locked for c in "ABCDEFG"} == dict(
        A=True, B=True, C=True, D=False, E=True, F=False, G=False
    )
    assert all(ws[f"{c}6"].number_format == "@" for c in "DFG")
    # No open rows below the pre-filled ones: a typed code or period is what Calc's AutoInput completes.
    last = max(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value)
    assert ws.cell(last + 1, 1).protection.locked and ws.cell(last + 1, 3).protection.locked
    tasks = wb["Nhiệm vụ"]
    assert tasks.protection.sheet
    assert tasks["E6"].number_format == "@" and not tasks["E6"].protection.locked
    assert tasks["B6"].protection.locked


def test_every_style_of_the_template_names_times_new_roman(sct_template: Path) -> None:
    import zipfile
    from xml.etree import ElementTree

    styles = ElementTree.fromstring(zipfile.ZipFile(sct_template).read("xl/styles.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    names = [f.find("m:name", ns) for f in styles.find("m:fonts", ns)]
    assert names and all(n is not None and n.get("val") == FONT_NAME for n in names)
    wb = openpyxl.load_workbook(sct_template)
    assert {c.font.name for ws in wb for row in ws.iter_rows(max_row=12) for c in row} == {FONT_NAME}


def test_template_prints_landscape_one_page_wide_with_header_rows_repeated(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    for name in ("Chỉ tiêu", "Nhiệm vụ"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$4:$5"
        assert ws.freeze_panes == "C6"
    assert wb["Hướng dẫn"].sheet_properties.pageSetUpPr.fitToPage


def test_wrapped_rows_are_as_tall_as_their_text(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    ws = wb["Nhiệm vụ"]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        text = ws.cell(r, 2).value
        if text:
            width = ws.column_dimensions["B"].width
            assert ws.row_dimensions[r].height >= 14 * (len(text) // (width * 1.1) + 1) - 1, (r, text)
    guide = wb["Hướng dẫn"]
    assert all(guide.row_dimensions[r].height for r in range(2, 12) if guide.cell(r, 2).value)


def test_scope_counts_what_the_sheet_asks_and_explains_the_year_to_date(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    for agency in ("SCT", "TKTP"):
        path = write_template(catalogue, agency, "2026-Q3", tmp_path / f"{agency}.xlsx", today=TODAY)
        wb = openpyxl.load_workbook(path)
        codes = column(wb["Chỉ tiêu"], "ma_chi_tieu")
        guide = {r[0]: r[1] for r in wb["Hướng dẫn"].iter_rows(values_only=True) if r[0]}
        assert f"có {len(set(codes))} chỉ tiêu do đơn vị chủ trì, {len(codes)} dòng" in guide["Phạm vi"]
        assert "9 tháng năm 2026 (mã 2026-YTD09): số lũy kế từ 01/01/2026 đến 30/09/2026" in guide["Phạm vi"]
        assert "cùng tệp này" in guide["Một tệp, hai trang"]
        if agency == "SCT":  # II.4 and II.8 are quarterly; II.4.a and II.4.b wait for the year's template
            assert "có 2 chỉ tiêu do đơn vị chủ trì, 4 dòng" in guide["Phạm vi"]
            assert "2 chỉ tiêu khác do đơn vị chủ trì báo cáo theo năm" in guide["Phạm vi"]


def test_template_records_agency_and_period_in_workbook_properties(sct_template: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    custom = {p.name: p.value for p in wb.custom_doc_props.props}
    assert custom["planwatch_agency"] == "SCT"
    assert custom["planwatch_period"] == "2026-Q3"
    assert "SCT" in wb.properties.title and "2026-Q3" in wb.properties.title


def test_filled_template_reads_back_with_row_numbers_and_values(sct_template: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(sct_template)
    ws = wb["Chỉ tiêu"]
    ws["D6"], ws["F6"] = "16,1", "ước tính"
    ws["D8"], ws["F8"], ws["G8"] = "7.944,5", "sơ bộ", "số của Cục Hải quan"
    tasks = wb["Nhiệm vụ"]
    tasks["D6"], tasks["E6"] = "hoàn thành", datetime(2026, 9, 30)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)

    indicators, task_table = read_tables(filled)
    assert (indicators.sheet, indicators.kind, indicators.header_row) == (
        "Chỉ tiêu",
        "indicators",
        HEADER_ROW,
    )
    assert not indicators.is_sample
    by_row = {r.row_no: r.values for r in indicators.rows}
    assert by_row[6]["gia_tri"] == "16,1" and by_row[6]["trang_thai"] == "ước tính"
    assert by_row[6]["ma_chi_tieu"] == ws["A6"].value and by_row[6]["ky"] == "Quý III/2026"
    assert by_row[8]["gia_tri"] == "7.944,5" and by_row[8]["ghi_chu"] == "số của Cục Hải quan"
    assert by_row[7]["gia_tri"] is None  # pre-filled but not filled in: the validator skips it
    assert task_table.rows[0].row_no == 6
    assert task_table.rows[0].values["tinh_trang"] == "hoàn thành"
    assert task_table.rows[0].values["ngay"] == datetime(2026, 9, 30)


def test_template_keeps_assessable_and_scenario_rows_sorted_by_code(tmp_path: Path) -> None:
    path = write_template(small_catalogue(), "SCT", "9 tháng 2026", tmp_path / "t.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(path)["Chỉ tiêu"]
    assert column(ws, "ma_chi_tieu") == ["II.2", "II.10", "P4.1"]
    assert set(column(ws, "ky")) == {"9 tháng năm 2026"}


def test_statistics_office_template_has_scenario_rows_and_no_headings(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path = write_template(catalogue, "TKTP", "2026", tmp_path / "tktp.xlsx", today=TODAY)
    codes = set(column(openpyxl.load_workbook(path)["Chỉ tiêu"], "ma_chi_tieu"))
    kinds = {catalogue.indicators[c].kind for c in codes}
    assert "scenario_only" in kinds
    assert "group" not in kinds
    assert codes == {
        i.code for i in catalogue.indicators_of("TKTP") if i.is_assessable or i.kind == "scenario_only"
    }


def test_unknown_agency_is_refused_with_the_nearest_codes(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as exc:
        write_template(small_catalogue(), "SCTT", "2026", tmp_path / "x.xlsx", today=TODAY)
    assert exc.value.key == "unknown_agency"
    assert "SCT" in exc.value.suggestion
    assert not (tmp_path / "x.xlsx").exists()


def test_agency_code_is_matched_without_regard_to_case(tmp_path: Path) -> None:
    path = write_template(small_catalogue(), "sct", "2026", tmp_path / "x.xlsx", today=TODAY)
    assert openpyxl.load_workbook(path).custom_doc_props["planwatch_agency"].value == "SCT"


def test_unreadable_period_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PeriodParseError):
        write_template(small_catalogue(), "SCT", "6 tháng cuối năm 2026", tmp_path / "x.xlsx", today=TODAY)
