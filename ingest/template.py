"""The XLSX a department fills in (`planwatch template --agency CODE --period P`).

Three sheets: "Hướng dẫn" (instructions in Vietnamese), "Chỉ tiêu" (the agency's indicators for
the period, value to fill in) and "Nhiệm vụ" (the agency's PHỤ LỤC 2 tasks). The header row
holds the canonical column names (``ma_chi_tieu`` …) so the reader matches them exactly; the
row above it carries the Vietnamese labels, worded so that the reader never takes it for the
header. Extra columns (name, deadline) help the department and are ignored by the reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ingest.catalogue import Catalogue, IndicatorInfo, TaskInfo
from ingest.columns import STATUSES, TASK_STATES
from ingest.errors import IngestError
from ingest.periods import Period, parse_period

INSTRUCTIONS_SHEET = "Hướng dẫn"
INDICATOR_SHEET = "Chỉ tiêu"
TASK_SHEET = "Nhiệm vụ"
HEADER_ROW = 5  # rows 1–3: title, agency and period; row 4: Vietnamese labels
EXTRA_ROWS = 200  # validated empty rows below the pre-filled ones, for more periods or tasks
VALUE_FORMAT = "#,##0.0##"
DATE_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class _Col:
    """A template column: header (canonical name, or an extra column the reader ignores),
    the Vietnamese label shown above it, and its width."""

    header: str
    label: str
    width: int


# The labels must not be accepted header spellings (ingest/columns.py), or the label row
# would be read as the header.
INDICATOR_LAYOUT = (
    _Col("ma_chi_tieu", "Mã chỉ tiêu (giữ nguyên)", 14),
    _Col("ten_chi_tieu", "Tên chỉ tiêu (để tham khảo)", 60),
    _Col("ky", "Kỳ báo cáo (vd. Quý III/2026)", 18),
    _Col("gia_tri", "Giá trị (số liệu) *", 16),
    _Col("don_vi", "Đơn vị tính (theo danh mục)", 16),
    _Col("trang_thai", "Trạng thái số liệu *", 18),
    _Col("ghi_chu", "Ghi chú (nếu có)", 40),
)
TASK_LAYOUT = (
    _Col("ma_nhiem_vu", "Mã nhiệm vụ (giữ nguyên)", 14),
    _Col("noi_dung_nhiem_vu", "Nội dung nhiệm vụ (để tham khảo)", 60),
    _Col("thoi_han", "Thời hạn theo Phụ lục 2 (để tham khảo)", 28),
    _Col("tinh_trang", "Tình trạng thực hiện *", 20),
    _Col("ngay", "Ngày cập nhật (dd/mm/yyyy) *", 16),
    _Col("van_ban", "Văn bản, sản phẩm chứng minh", 40),
    _Col("ghi_chu", "Ghi chú (nếu có)", 40),
)

_BOLD = Font(bold=True)
_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_template(catalogue: Catalogue, agency_code: str, period: str, path: Path, *, today: date) -> Path:
    """Write the submission workbook of ``agency_code`` for ``period`` to ``path``; return the path."""
    code = _resolve_agency(catalogue, agency_code)
    agency = catalogue.agencies[code]
    p = parse_period(period)
    indicators = sorted(
        (i for i in catalogue.indicators_of(code) if i.is_assessable or i.kind == "scenario_only"),
        key=lambda i: _code_key(i.code),
    )
    tasks = sorted(catalogue.tasks_of(code), key=lambda t: _code_key(t.code))

    wb = Workbook()
    _write_instructions(wb.active, agency.name_vi, code, p, today, len(indicators), len(tasks))
    _write_indicators(wb.create_sheet(INDICATOR_SHEET), agency.name_vi, code, p, indicators)
    _write_tasks(wb.create_sheet(TASK_SHEET), agency.name_vi, code, p, tasks)
    wb.active = 1  # open on the sheet to fill in

    wb.properties.title = f"Biểu nộp số liệu {code} kỳ {p.code}"
    wb.properties.subject = f"{agency.name_vi} — {p.label_vi}"
    wb.properties.keywords = f"planwatch; agency={code}; period={p.code}"
    wb.properties.creator = "planwatch"
    wb.custom_doc_props.append(StringProperty(name="planwatch_agency", value=code))
    wb.custom_doc_props.append(StringProperty(name="planwatch_period", value=p.code))
    wb.custom_doc_props.append(StringProperty(name="planwatch_written", value=today.isoformat()))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _resolve_agency(catalogue: Catalogue, agency_code: str) -> str:
    code = catalogue.agency_code_for(agency_code)
    if code is None:
        return _raise_unknown(agency_code.strip(), catalogue.nearest_agencies(agency_code))
    return code


def _raise_unknown(code: str, nearest: list[str]) -> str:
    raise IngestError(
        "mã đơn vị không có trong danh mục (unknown agency)",
        key="unknown_agency",
        value=code,
        expected="một mã đơn vị của marts.dim_agency, ví dụ SCT, STC, TKTP",
        suggestion=f"có phải: {', '.join(nearest)}?"
        if nearest
        else "xem danh sách mã bằng `planwatch status`",
    )


def _code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort I.2 before I.10 and II before N: numbers by value, the rest as text."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\s]+", code))


def _title(ws: Worksheet, title: str, agency_name: str, code: str, p: Period) -> None:
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Đơn vị: {agency_name} (mã {code})"
    ws["A3"] = f"Kỳ báo cáo: {p.label_vi} (mã kỳ {p.code})"
    for cell in ("A2", "A3"):
        ws[cell].font = _BOLD


def _header(ws: Worksheet, layout: Sequence[_Col]) -> None:
    for j, col in enumerate(layout, start=1):
        label = ws.cell(HEADER_ROW - 1, j, col.label)
        label.font, label.fill = _BOLD, _LABEL_FILL
        label.alignment = Alignment(wrap_text=True, vertical="center")
        head = ws.cell(HEADER_ROW, j, col.header)
        head.font, head.fill = Font(bold=True, color="595959"), _HEADER_FILL
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[HEADER_ROW - 1].height = 32
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)  # header and the code/name columns stay in view


def _letter(layout: Sequence[_Col], header: str) -> str:
    return get_column_letter(next(j for j, c in enumerate(layout, start=1) if c.header == header))


def _column_range(layout: Sequence[_Col], header: str, last_row: int) -> str:
    letter = _letter(layout, header)
    return f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"


def _list_validation(labels: Sequence[str], title: str) -> DataValidation:
    dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    dv.errorTitle, dv.error = title, "Chọn một giá trị trong danh sách: " + ", ".join(labels)
    dv.promptTitle, dv.prompt = title, "Chọn trong danh sách"
    return dv


def _write_indicators(
    ws: Worksheet, agency_name: str, code: str, p: Period, indicators: Sequence[IndicatorInfo]
) -> None:
    _title(ws, "BIỂU NỘP SỐ LIỆU CHỈ TIÊU — Chương trình hành động 2026–2030", agency_name, code, p)
    _header(ws, INDICATOR_LAYOUT)
    expected = [(ind, period) for ind in indicators for period in expected_periods(ind, p)]
    for r, (ind, period) in enumerate(expected, start=HEADER_ROW + 1):
        row = {"ma_chi_tieu": ind.code, "ten_chi_tieu": ind.name_vi, "ky": period, "don_vi": ind.unit}
        for j, col in enumerate(INDICATOR_LAYOUT, start=1):
            cell = ws.cell(r, j, row.get(col.header))
            if col.header == "ten_chi_tieu":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = HEADER_ROW + len(expected) + EXTRA_ROWS
    value_col, status_col = _letter(INDICATOR_LAYOUT, "gia_tri"), _letter(INDICATOR_LAYOUT, "trang_thai")
    for r in range(HEADER_ROW + 1, last + 1):
        ws[f"{value_col}{r}"].number_format = VALUE_FORMAT
        if r <= HEADER_ROW + len(expected):
            ws[f"{value_col}{r}"].fill = ws[f"{status_col}{r}"].fill = _INPUT_FILL

    status = _list_validation([label for _, label in STATUSES.values()], "Trạng thái số liệu")
    status.add(_column_range(INDICATOR_LAYOUT, "trang_thai", last))
    # A warning, not a stop: "7.944,5" typed as text in a non-Vietnamese Excel is still accepted.
    value = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
    value.errorStyle = "warning"
    value.errorTitle, value.error = "Giá trị", "Giá trị phải là một số, ví dụ 7944,5 hoặc 7.944,5"
    value.add(_column_range(INDICATOR_LAYOUT, "gia_tri", last))
    ws.add_data_validation(status)
    ws.add_data_validation(value)


def expected_periods(indicator: IndicatorInfo, p: Period) -> list[str]:
    """The periods an agency is expected to report an indicator for in the template of period ``p``.

    Quarterly indicators: the quarter and the year to date ("9 tháng") it closes (the whole year for Q4);
    yearly indicators: only in a year's template. A year's template asks every indicator for the year.
    """
    if p.period_type == "year":
        return [p.code]
    if indicator.reporting_frequency != "quarterly":
        return []
    if p.period_type != "quarter":
        return [p.code]
    months = p.end.month
    if months == 3:
        return [p.code]
    return [p.code, str(p.year) if months == 12 else f"{p.year}-YTD{months:02d}"]


def _write_tasks(ws: Worksheet, agency_name: str, code: str, p: Period, tasks: Sequence[TaskInfo]) -> None:
    _title(ws, "BIỂU BÁO CÁO TIẾN ĐỘ NHIỆM VỤ (PHỤ LỤC 2)", agency_name, code, p)
    _header(ws, TASK_LAYOUT)
    for r, task in enumerate(tasks, start=HEADER_ROW + 1):
        row = {"ma_nhiem_vu": task.code, "noi_dung_nhiem_vu": task.text_vi, "thoi_han": task.deadline_text_vi}
        for j, col in enumerate(TASK_LAYOUT, start=1):
            cell = ws.cell(r, j, row.get(col.header))
            if col.header in ("noi_dung_nhiem_vu", "thoi_han"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = HEADER_ROW + len(tasks) + EXTRA_ROWS
    date_col = _letter(TASK_LAYOUT, "ngay")
    for r in range(HEADER_ROW + 1, last + 1):
        ws[f"{date_col}{r}"].number_format = DATE_FORMAT

    state = _list_validation(list(TASK_STATES.values()), "Tình trạng thực hiện")
    state.add(_column_range(TASK_LAYOUT, "tinh_trang", last))
    day = DataValidation(
        type="date", operator="between", formula1="DATE(2020,1,1)", formula2="DATE(2035,12,31)"
    )
    day.errorTitle, day.error = "Ngày", "Nhập một ngày (dd/mm/yyyy) từ 2020 đến 2035"
    day.add(_column_range(TASK_LAYOUT, "ngay", last))
    ws.add_data_validation(state)
    ws.add_data_validation(day)


def _write_instructions(
    ws: Worksheet, agency_name: str, code: str, p: Period, today: date, n_indicators: int, n_tasks: int
) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    lines: list[tuple[str, str]] = [
        ("HƯỚNG DẪN ĐIỀN BIỂU NỘP SỐ LIỆU", ""),
        ("Đơn vị", f"{agency_name} (mã {code})"),
        ("Kỳ báo cáo", f"{p.label_vi} (mã kỳ {p.code})"),
        ("Ngày lập biểu", today.strftime("%d/%m/%Y")),
        (
            "Phạm vi",
            f"Trang “{INDICATOR_SHEET}” có {n_indicators} chỉ tiêu do đơn vị chủ trì; trang “{TASK_SHEET}” "
            f"có {n_tasks} nhiệm vụ Phụ lục 2 do đơn vị chủ trì. Đơn vị chỉ được nộp số liệu các chỉ tiêu "
            "mình chủ trì (Thống kê thành phố được nộp mọi chỉ tiêu); bản nộp có chỉ tiêu của đơn vị khác "
            "bị từ chối toàn bộ.",
        ),
        ("", ""),
        ("CÁC CỘT – TRANG CHỈ TIÊU", ""),
        ("ma_chi_tieu", "Mã chỉ tiêu theo Phụ lục 1 (ví dụ II.4.a). Giữ nguyên, không sửa."),
        ("ten_chi_tieu", "Tên chỉ tiêu, để tham khảo; cột này không được đọc khi nhập."),
        (
            "ky",
            "Kỳ của số liệu. Đã điền sẵn mã kỳ; có thể viết: 2026, Năm 2026, Quý III/2026, Q3/2026, "
            "2026-Q3, Tháng 3/2026, 2026-03, 6 tháng đầu năm 2026, 9 tháng 2026 (lũy kế từ tháng 1). "
            "Muốn nộp thêm kỳ khác thì thêm dòng mới bên dưới.",
        ),
        (
            "gia_tri",
            "Số liệu. Viết kiểu Việt Nam (7.944,5 — dấu chấm ngăn hàng nghìn, dấu phẩy thập phân) hoặc "
            "kiểu thường (7944.5), hoặc nhập số trong Excel. Tỷ lệ, tốc độ tăng ghi theo phần trăm: "
            "13,2 nghĩa là 13,2%. Tốc độ tăng (GRDP, IIP) là so với cùng kỳ năm trước, theo giá so sánh. "
            "Để trống nếu chưa có số liệu.",
        ),
        ("don_vi", "Đơn vị tính theo danh mục, đã điền sẵn. Không đổi đơn vị (không quy đổi)."),
        (
            "trang_thai",
            "Trạng thái số liệu: “ước tính” khi kỳ chưa kết thúc hoặc mới có số ước; “sơ bộ” khi đã có "
            "số liệu sơ bộ sau kỳ; “chính thức” khi số liệu đã được công bố chính thức. Số liệu của kỳ "
            "đang diễn ra chỉ được nộp là ước tính. Nộp lại số mới (sơ bộ, chính thức) bằng một tệp mới; "
            "số cũ vẫn được lưu.",
        ),
        ("ghi_chu", "Ghi chú, nguồn số liệu hoặc giải thích (không bắt buộc)."),
        ("", ""),
        ("CÁC CỘT – TRANG NHIỆM VỤ", ""),
        ("ma_nhiem_vu", "Mã nhiệm vụ theo Phụ lục 2. Giữ nguyên, không sửa."),
        ("tinh_trang", "Tình trạng thực hiện: chưa triển khai / đang triển khai / hoàn thành."),
        ("ngay", "Ngày cập nhật tình trạng (hoặc ngày hoàn thành), dạng dd/mm/yyyy."),
        ("van_ban", "Văn bản, sản phẩm chứng minh, ví dụ: Quyết định số 4111/QĐ-UBND."),
        ("", ""),
        (
            "Lưu ý",
            "Không đổi tên các cột ở dòng 5 của mỗi trang, không xóa dòng tiêu đề. Gửi lại tệp .xlsx này "
            "(hoặc CSV UTF-8 có cùng tên cột).",
        ),
    ]
    for r, (a, b) in enumerate(lines, start=1):
        ws.cell(r, 1, a or None).font = _BOLD
        cell = ws.cell(r, 2, b or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
