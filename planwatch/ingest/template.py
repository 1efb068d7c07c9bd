"""The XLSX a department fills in (`planwatch template --agency CODE --period P`), in Excel or Calc.

Three sheets: "Hướng dẫn" (instructions in Vietnamese), "Chỉ tiêu" (the agency's indicators for
the period, value to fill in) and "Nhiệm vụ" (the agency's PHỤ LỤC 2 tasks). The header row
holds the canonical column names (``ma_chi_tieu`` …) so the reader matches them exactly; the
row above it carries the Vietnamese labels, worded so that the reader never takes it for the
header. Extra columns (name, deadline) help the department and are ignored by the reader.

What a person types must reach the ingest as typed, whatever their spreadsheet's locale:
- the cells to fill in are formatted as text ("@"), so neither Excel nor Calc reads "78.120" as
  78,12 in an English locale, drops the "%" of "13,2%", or turns "05/09/2026" into 9 May; the
  ingest's Vietnamese-number and date parsers decide (checked through the real LibreOffice in
  tests/test_template_calc.py);
- the pre-filled cells (code, name, period, unit, task text) are locked (sheet protection
  without a password, so that a department can still lift it), the cells to fill in are open;
- every validation rule shows an input hint and refuses a wrong entry with a Vietnamese
  message, blanks are allowed (a blank row is "not reported"), and the number rule lets through
  everything the ingest may accept (it only refuses what the ingest is sure to refuse);
- the period column is pre-filled, in words ("Quý III/2026", "9 tháng năm 2026") that the ingest
  reads and a person understands, and locked; no open rows follow, because Calc's AutoInput
  completes a typed code or period from the column's other entries ("2026" became "2026-" beside
  "2026-Q3" and "2026-YTD09", and "Quý III/2026" beside that one): every row to fill in is
  pre-filled, and another period has its own template;
- every style names Times New Roman (the form's font; Calc substitutes a metric-compatible,
  Vietnamese-complete face where it is missing), rows are as tall as their wrapped text, and
  each sheet prints landscape on A4, one page wide, with its header rows repeated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.ingest.columns import STATUSES, TASK_STATES
from planwatch.ingest.errors import IngestError
from planwatch.ingest.periods import Period, parse_period
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo, TaskInfo

INSTRUCTIONS_SHEET = "Hướng dẫn"
INDICATOR_SHEET = "Chỉ tiêu"
TASK_SHEET = "Nhiệm vụ"
HEADER_ROW = 5  # rows 1–3: title, agency and period; row 4: Vietnamese labels
TEXT_FORMAT = "@"  # what is typed stays as typed (see the module docstring)
FONT_NAME = "Times New Roman"
FONT_SIZE = 11
LINE_HEIGHT = 14.0  # points per wrapped line of 11-point text
# Column widths are in characters of the default font; Times New Roman fits about this many of its
# own (Vietnamese) characters into one, so a row's height can be estimated from its text.
CHARS_PER_WIDTH = 1.1


@dataclass(frozen=True)
class _Col:
    """A template column: header (canonical name, or an extra column the reader ignores), the
    Vietnamese label shown above it, its width, and whether the department fills it in."""

    header: str
    label: str
    width: int
    fill_in: bool = False


# The labels must not be accepted header spellings (planwatch/ingest/columns.py), or the label row
# would be read as the header.
INDICATOR_LAYOUT = (
    _Col("ma_chi_tieu", "Mã chỉ tiêu (giữ nguyên)", 12),
    _Col("ten_chi_tieu", "Tên chỉ tiêu (để tham khảo)", 52),
    _Col("ky", "Kỳ báo cáo (đã điền sẵn)", 18),
    _Col("gia_tri", "Giá trị (số liệu) *", 15, fill_in=True),
    _Col("don_vi", "Đơn vị tính (theo danh mục)", 14),
    _Col("trang_thai", "Trạng thái số liệu *", 15, fill_in=True),
    _Col("ghi_chu", "Ghi chú (nếu có)", 30, fill_in=True),
)
TASK_LAYOUT = (
    _Col("ma_nhiem_vu", "Mã nhiệm vụ (giữ nguyên)", 12),
    _Col("noi_dung_nhiem_vu", "Nội dung nhiệm vụ (để tham khảo)", 55),
    _Col("thoi_han", "Thời hạn theo Phụ lục 2 (để tham khảo)", 20),
    _Col("tinh_trang", "Tình trạng thực hiện *", 17, fill_in=True),
    _Col("ngay", "Ngày cập nhật * (ngày/ tháng/ năm)", 16, fill_in=True),
    _Col("van_ban", "Văn bản, sản phẩm chứng minh", 26, fill_in=True),
    _Col("ghi_chu", "Ghi chú (nếu có)", 22, fill_in=True),
)

_LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="A6A6A6")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OPEN = Protection(locked=False)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# What the value rule lets through: digits, the separators and signs the ingest reads, "%", and
# the spaces Excel and Word put inside numbers. The ingest decides the rest (a wrong grouping,
# a lone "%"); the rule only stops what the ingest would refuse anyway (letters, units, brackets).
_NUMBER_CHARS = "0123456789.,%-+\u2212 \u00a0\u202f\u2009\u2007"
_DATE_CHARS = "0123456789/.- "
_DIGITS = "0123456789"


def _font(*, bold: bool = False, size: int = FONT_SIZE, color: str | None = None) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, color=color)


def write_template(catalogue: Catalogue, agency_code: str, period: str, path: Path, *, today: date) -> Path:
    """Write the submission workbook of ``agency_code`` for ``period`` to ``path``; return the path."""
    code = _resolve_agency(catalogue, agency_code)
    agency = catalogue.agencies[code]
    p = parse_period(period)
    own = sorted(
        (i for i in catalogue.indicators_of(code) if i.is_assessable or i.kind == "scenario_only"),
        key=lambda i: _code_key(i.code),
    )
    rows = [(ind, period) for ind in own for period in expected_periods(ind, p)]
    tasks = sorted(catalogue.tasks_of(code), key=lambda t: _code_key(t.code))

    wb = Workbook()
    _name_the_font(wb)
    scope = _Scope(
        indicators=len({ind.code for ind, _ in rows}),
        rows=len(rows),
        periods=tuple(dict.fromkeys(period for _, period in rows)),
        later=len(own) - len({ind.code for ind, _ in rows}),
        tasks=len(tasks),
    )
    _write_instructions(wb.active, agency.name_vi, code, p, today, scope)
    _write_indicators(wb.create_sheet(INDICATOR_SHEET), agency.name_vi, code, p, rows)
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


@dataclass(frozen=True)
class _Scope:
    """What the template asks, for the "Phạm vi" line: counted from the rows actually written."""

    indicators: int  # distinct indicators on the "Chỉ tiêu" sheet
    rows: int  # their pre-filled rows (an indicator may be asked for two periods)
    periods: tuple[str, ...]  # the period codes asked, in order
    later: int  # the agency's other indicators, asked in another period's template
    tasks: int


def _name_the_font(wb: Workbook) -> None:
    """Make Times New Roman the workbook's default font (the "Normal" style and every unstyled cell).

    openpyxl starts every workbook with Calibri as font 0; a cell that names no font, and every
    empty cell, falls back to it, and Calc then picks a face that may lack Vietnamese letters.
    """
    base = _font()
    wb._fonts = IndexedList([base])
    normal = next(s for s in wb._named_styles if s.name == "Normal")
    normal.font = copy(base)


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


def _period_words(code: str) -> str:
    """A period as the form writes it (and the ingest reads it): "Quý III/2026", "9 tháng năm 2026"."""
    return parse_period(code).label_vi


def _period_line(codes: Sequence[str]) -> str:
    """ "Quý III/2026 (mã 2026-Q3); 9 tháng năm 2026 (mã 2026-YTD09): lũy kế từ 01/01/2026 đến 30/09/2026"."""
    parts = []
    for c in codes:
        q = parse_period(c)
        text = f"{q.label_vi} (mã {q.code})"
        if q.period_type == "ytd":
            text += f": số lũy kế từ {q.start:%d/%m/%Y} đến {q.end:%d/%m/%Y}"
        parts.append(text)
    return "; ".join(parts)


def _lines(text: object, width: int) -> int:
    """Wrapped lines a text takes in a column of ``width`` (words are not split, hence the slack)."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * CHARS_PER_WIDTH) - 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def _fit_height(
    ws: Worksheet, row: int, cells: Sequence[tuple[object, int]], *, size: int = FONT_SIZE, extra: int = 0
) -> None:
    """Set a row's height to its tallest wrapped cell, so texts never overlap the next row."""
    lines = max((_lines(text, width) for text, width in cells), default=1) + extra
    ws.row_dimensions[row].height = round(lines * LINE_HEIGHT * size / FONT_SIZE + 4, 1)


def _title(ws: Worksheet, title: str, agency_name: str, code: str, period_line: str) -> None:
    ws["A1"] = title
    ws["A1"].font = _font(bold=True, size=14)
    ws.row_dimensions[1].height = 22
    ws["A2"] = f"Đơn vị: {agency_name} (mã {code})"
    ws["A3"] = f"Kỳ báo cáo: {period_line}"
    for cell in ("A2", "A3"):
        ws[cell].font = _font(bold=True)


def _header(ws: Worksheet, layout: Sequence[_Col]) -> None:
    for j, col in enumerate(layout, start=1):
        label = ws.cell(HEADER_ROW - 1, j, col.label)
        label.font, label.fill, label.border = _font(bold=True), _LABEL_FILL, _GRID
        label.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        head = ws.cell(HEADER_ROW, j, col.header)
        head.font, head.fill, head.border = _font(bold=True, color="595959", size=9), _HEADER_FILL, _GRID
        head.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(j)].width = col.width
    # Bold, centred labels break earlier than the estimate: one line to spare.
    _fit_height(ws, HEADER_ROW - 1, [(c.label, c.width) for c in layout], extra=1)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)  # header and the code/name columns stay in view


def _body(ws: Worksheet, layout: Sequence[_Col], rows: Sequence[dict[str, object]]) -> int:
    """The pre-filled rows: locked, except the cells to fill in; return the last row.

    No open rows follow: a typed code or period is what Calc's AutoInput completes from the column
    (measured in Calc 7.4: "2026" typed below "Quý III/2026" became "Quý III/2026"), so every row
    a department fills in is pre-filled; another period has its own template.
    """
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        for j, col in enumerate(layout, start=1):
            cell = ws.cell(r, j, values.get(col.header))
            cell.font, cell.number_format = _font(), TEXT_FORMAT
            cell.alignment, cell.border = _WRAP_TOP, _GRID
            if col.fill_in:
                cell.protection, cell.fill = _OPEN, _INPUT_FILL
        _fit_height(ws, r, [(values.get(c.header), c.width) for c in layout])
    return HEADER_ROW + len(rows)


def _protect(ws: Worksheet) -> None:
    """Lock the sheet without a password: pre-filled cells cannot be typed over by mistake, and a
    department that must change one can lift the protection (Excel: Review > Unprotect Sheet;
    Calc: Tools > Protect Sheet)."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column or a row stays allowed
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _print_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
    """A4, one page wide (as many pages down as needed), header rows on every page, page numbers."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.6, right=0.4, top=0.55, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT_NAME


def _letter(layout: Sequence[_Col], header: str) -> str:
    return get_column_letter(next(j for j, c in enumerate(layout, start=1) if c.header == header))


def _column_range(layout: Sequence[_Col], header: str, last_row: int) -> str:
    """The column's cells below the header (at least one, so a sheet without rows keeps valid rules)."""
    letter = _letter(layout, header)
    return f"{letter}{HEADER_ROW + 1}:{letter}{max(last_row, HEADER_ROW + 1)}"


def _validation(kind: str, formula: str, title: str, prompt: str, error: str) -> DataValidation:
    """A rule that shows its hint when the cell is selected and refuses a wrong entry with a message.

    Excel cuts titles at 32 characters and messages at 255: the texts are written to fit.
    """
    assert len(title) <= 32 and len(prompt) <= 255 and len(error) <= 255, (title, prompt, error)
    dv = DataValidation(
        type=kind,
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
    )
    dv.promptTitle, dv.prompt = title, prompt
    dv.errorTitle, dv.error = title, error
    return dv


def _list_rule(labels: Sequence[str], title: str, prompt: str, error: str) -> DataValidation:
    return _validation("list", '"' + ",".join(labels) + '"', title, prompt, error)


def _without(ref: str, chars: str) -> str:
    """A formula for the text of ``ref`` with every character of ``chars`` removed."""
    expr = ref
    for ch in chars:
        expr = f'SUBSTITUTE({expr},"{ch}","")'
    return expr


def number_rule_formula(ref: str) -> str:
    """The custom rule of a value cell: a number cell, or text made only of what numbers are written
    with (``_NUMBER_CHARS``) and holding at least one digit. Same in Excel and Calc (no locale)."""
    return (
        f"OR(ISNUMBER({ref}),AND(LEN({_without(ref, _NUMBER_CHARS)})=0,"
        f"LEN({_without(ref, _DIGITS)})<LEN({ref})))"
    )


def date_rule_formula(ref: str) -> str:
    """The custom rule of a date cell: a date cell, "30/09/2026"-like text, or "ngày … tháng … năm …"."""
    return (
        f"OR(ISNUMBER({ref}),AND(LEN({_without(ref, _DATE_CHARS)})=0,LEN({ref})>=6),"
        f'ISNUMBER(SEARCH("tháng",{ref})))'
    )


def _write_indicators(
    ws: Worksheet, agency_name: str, code: str, p: Period, expected: Sequence[tuple[IndicatorInfo, str]]
) -> None:
    periods = list(dict.fromkeys(period for _, period in expected)) or [p.code]
    _title(
        ws,
        "BIỂU NỘP SỐ LIỆU CHỈ TIÊU — Chương trình hành động 2026–2030",
        agency_name,
        code,
        _period_line(periods),
    )
    _header(ws, INDICATOR_LAYOUT)
    rows = [
        {
            "ma_chi_tieu": ind.code,
            "ten_chi_tieu": ind.name_vi,
            "ky": _period_words(period),
            "don_vi": ind.unit,
        }
        for ind, period in expected
    ]
    last = _body(ws, INDICATOR_LAYOUT, rows)
    first_value = f"{_letter(INDICATOR_LAYOUT, 'gia_tri')}{HEADER_ROW + 1}"

    status = _list_rule(
        [label for _, label in STATUSES.values()],
        "Trạng thái số liệu",
        "Chọn bằng mũi tên bên phải ô: ước tính, sơ bộ hoặc chính thức. "
        "Để trống nếu dòng này chưa có số liệu.",
        "Trạng thái vừa gõ không có trong danh sách. Chỉ nhận: ước tính, sơ bộ, chính thức "
        "(không nhận “tạm tính”, “dự kiến”…). Chọn lại bằng mũi tên bên phải ô.",
    )
    status.add(_column_range(INDICATOR_LAYOUT, "trang_thai", last))
    value = _validation(
        "custom",
        number_rule_formula(first_value),
        "Giá trị (số liệu)",
        "Ghi số kiểu Việt Nam: 7.944,5 (dấu chấm ngăn nghìn, dấu phẩy thập phân) hoặc 7944.5. "
        "Tỷ lệ, tốc độ tăng: 13,2 hoặc 13,2%. Không ghi đơn vị. Để trống nếu chưa có số. "
        "Calc: xem lại ô sau khi gõ (Tự động nhập có thể thêm chữ số).",
        "Giá trị vừa gõ có chữ hoặc ký hiệu không phải số. Ô này chỉ nhận chữ số, dấu chấm, dấu phẩy, "
        "dấu trừ và dấu %, ví dụ 7.944,5 hoặc 13,2%. Đơn vị ghi ở cột don_vi, giải thích ở cột ghi_chu.",
    )
    value.add(_column_range(INDICATOR_LAYOUT, "gia_tri", last))
    ws.add_data_validation(status)
    ws.add_data_validation(value)
    _protect(ws)
    _print_setup(ws, landscape=True, title_rows=f"{HEADER_ROW - 1}:{HEADER_ROW}")


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
    _title(ws, "BIỂU BÁO CÁO TIẾN ĐỘ NHIỆM VỤ (PHỤ LỤC 2)", agency_name, code, f"{p.label_vi} (mã {p.code})")
    _header(ws, TASK_LAYOUT)
    rows = [
        {"ma_nhiem_vu": t.code, "noi_dung_nhiem_vu": t.text_vi, "thoi_han": t.deadline_text_vi} for t in tasks
    ]
    last = _body(ws, TASK_LAYOUT, rows)
    first_date = f"{_letter(TASK_LAYOUT, 'ngay')}{HEADER_ROW + 1}"

    state = _list_rule(
        list(TASK_STATES.values()),
        "Tình trạng thực hiện",
        "Chọn bằng mũi tên bên phải ô: chưa triển khai, đang triển khai hoặc hoàn thành. "
        "Để trống nếu chưa cập nhật nhiệm vụ này.",
        "Tình trạng vừa gõ không có trong danh sách. Chỉ nhận: chưa triển khai, đang triển khai, "
        "hoàn thành. Chọn lại bằng mũi tên bên phải ô.",
    )
    state.add(_column_range(TASK_LAYOUT, "tinh_trang", last))
    day = _validation(
        "custom",
        date_rule_formula(first_date),
        "Ngày cập nhật",
        "Ghi ngày/tháng/năm, ngày trước tháng sau, ví dụ 30/09/2026. Ô giữ nguyên chữ đã gõ, "
        "không bị đổi theo ngôn ngữ của máy.",
        "Ngày vừa gõ không có dạng ngày/tháng/năm. Ghi ví dụ 30/09/2026 (ngày 30 tháng 9 năm 2026).",
    )
    day.add(_column_range(TASK_LAYOUT, "ngay", last))
    ws.add_data_validation(state)
    ws.add_data_validation(day)
    _protect(ws)
    _print_setup(ws, landscape=True, title_rows=f"{HEADER_ROW - 1}:{HEADER_ROW}")


def _write_instructions(
    ws: Worksheet, agency_name: str, code: str, p: Period, today: date, scope: _Scope
) -> None:
    ws.title = INSTRUCTIONS_SHEET
    widths = (20, 95)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = widths
    asked = _period_line(scope.periods) if scope.periods else "không có chỉ tiêu nào báo cáo kỳ này"
    later = (
        f" {scope.later} chỉ tiêu khác do đơn vị chủ trì báo cáo theo năm, có trong biểu của năm {p.year}."
        if scope.later and p.period_type != "year"
        else ""
    )
    lines: list[tuple[str, str]] = [
        ("HƯỚNG DẪN ĐIỀN BIỂU NỘP SỐ LIỆU", ""),
        ("Đơn vị", f"{agency_name} (mã {code})"),
        ("Kỳ báo cáo", f"{p.label_vi} (mã kỳ {p.code})"),
        ("Ngày lập biểu", today.strftime("%d/%m/%Y")),
        (
            "Phạm vi",
            f"Trang “{INDICATOR_SHEET}” có {scope.indicators} chỉ tiêu do đơn vị chủ trì, {scope.rows} dòng "
            f"cần điền, cho các kỳ: {asked}.{later} Trang “{TASK_SHEET}” có {scope.tasks} nhiệm vụ "
            "Phụ lục 2 do đơn vị chủ trì. Đơn vị chỉ được nộp số liệu các chỉ tiêu mình chủ trì (Thống kê "
            "thành phố được nộp mọi chỉ tiêu); bản nộp có chỉ tiêu của đơn vị khác bị từ chối toàn bộ.",
        ),
        (
            "Một tệp, hai trang",
            f"Số liệu chỉ tiêu (trang “{INDICATOR_SHEET}”) và tiến độ nhiệm vụ (trang “{TASK_SHEET}”) điền "
            "và gửi trong cùng tệp này; không cần tệp riêng. Có thể gửi khi mới điền một trang: dòng để "
            "trống không được đọc (coi là chưa báo cáo).",
        ),
        ("", ""),
        ("CÁC CỘT – TRANG CHỈ TIÊU", ""),
        ("ma_chi_tieu", "Mã chỉ tiêu theo Phụ lục 1 (ví dụ II.4.a). Đã điền sẵn và khóa, không sửa."),
        ("ten_chi_tieu", "Tên chỉ tiêu, để tham khảo; cột này không được đọc khi nhập."),
        (
            "ky",
            "Kỳ của số liệu, đã điền sẵn bằng chữ: “Quý III/2026” là quý III; “9 tháng năm 2026” (mã "
            "2026-YTD09) là số lũy kế 9 tháng, từ 01/01 đến 30/09. Đã khóa, không sửa. Muốn nộp số liệu "
            "kỳ khác (hoặc sửa số kỳ trước), đề nghị cơ quan tổng hợp gửi biểu của kỳ đó.",
        ),
        (
            "gia_tri",
            "Số liệu. Viết kiểu Việt Nam (7.944,5 — dấu chấm ngăn hàng nghìn, dấu phẩy thập phân) hoặc "
            "kiểu thường (7944.5). Tỷ lệ, tốc độ tăng ghi theo phần trăm: 13,2 hoặc 13,2% đều là 13,2%. "
            "Tốc độ tăng (GRDP, IIP) là so với cùng kỳ năm trước, theo giá so sánh. Để trống nếu chưa có "
            "số liệu.",
        ),
        ("don_vi", "Đơn vị tính theo danh mục, đã điền sẵn. Không đổi đơn vị (không quy đổi)."),
        (
            "trang_thai",
            "Trạng thái số liệu, chọn trong danh sách: “ước tính” khi kỳ chưa kết thúc hoặc mới có số ước; "
            "“sơ bộ” khi đã có số liệu sơ bộ sau kỳ; “chính thức” khi số liệu đã được công bố chính thức. "
            "Số liệu của kỳ đang diễn ra chỉ được nộp là ước tính. Nộp lại số mới (sơ bộ, chính thức) bằng "
            "một tệp mới; số cũ vẫn được lưu.",
        ),
        ("ghi_chu", "Ghi chú, nguồn số liệu hoặc giải thích (không bắt buộc)."),
        ("", ""),
        ("CÁC CỘT – TRANG NHIỆM VỤ", ""),
        ("ma_nhiem_vu", "Mã nhiệm vụ theo Phụ lục 2. Đã điền sẵn và khóa, không sửa."),
        (
            "tinh_trang",
            "Tình trạng thực hiện, chọn trong danh sách: chưa triển khai / đang triển khai / hoàn thành.",
        ),
        ("ngay", "Ngày cập nhật tình trạng (hoặc ngày hoàn thành), ghi ngày/tháng/năm, ví dụ 30/09/2026."),
        ("van_ban", "Văn bản, sản phẩm chứng minh, ví dụ: Quyết định số 4111/QĐ-UBND."),
        ("", ""),
        ("CÁCH GÕ VÀ LƯU", ""),
        (
            "Ô cần điền",
            "Chỉ các ô nền vàng để mở; các ô điền sẵn bị khóa để khỏi sửa nhầm "
            "(trang được bảo vệ, không có mật khẩu). Ô cần điền có định dạng Văn bản (Text): chữ số được "
            "giữ đúng như đã gõ, Excel hay LibreOffice Calc không đổi theo ngôn ngữ của máy (78.120 vẫn là "
            "78.120, 13,2% vẫn là 13,2%, 05/09/2026 vẫn là ngày 5 tháng 9). Đừng đổi định dạng các ô này.",
        ),
        (
            "LibreOffice Calc",
            "Nên tắt Công cụ > Tự động nhập (Tools > AutoInput) trước khi điền: khi bật, Calc gợi ý hoàn "
            "thành ô bằng một giá trị đã có trong cột, và bấm Enter thì nhận luôn gợi ý (gõ 13 có thể "
            "thành 13,2). Kiểm tra lại ô sau khi gõ.",
        ),
        (
            "Lưu và gửi",
            "Gửi lại tệp này: Excel — Tệp > Lưu (.xlsx); LibreOffice Calc — Tệp > Lưu thành "
            "(File > Save As), chọn “Excel 2007-365 (.xlsx)” hoặc “Bảng tính ODF (.ods)”, cả hai "
            "đều được nhận. Nếu lưu CSV: một tệp CSV chỉ chứa trang đang mở, vậy lưu mỗi trang thành "
            "một tệp CSV (Excel: “CSV UTF-8”; Calc: “Văn bản CSV (.csv)”, bộ ký tự Unicode (UTF-8)) "
            "và gửi cả hai tệp.",
        ),
        (
            "Lưu ý",
            "Không đổi tên các cột ở dòng 5 của mỗi trang, không xóa dòng tiêu đề, không đổi tên trang.",
        ),
    ]
    for r, (a, b) in enumerate(lines, start=1):
        head = ws.cell(r, 1, a or None)
        head.font = _font(bold=True)
        # A heading alone on its row spills over the empty cell beside it; wrapped, it would overlap.
        head.alignment = _WRAP_TOP if b else Alignment(vertical="top")
        cell = ws.cell(r, 2, b or None)
        cell.font = _font()
        cell.alignment = _WRAP_TOP
        if b:
            _fit_height(ws, r, [(a, widths[0]), (b, widths[1])])
    ws["A1"].font = _font(bold=True, size=14)
    ws.row_dimensions[1].height = 22
    _protect(ws)
    _print_setup(ws, landscape=False, title_rows=None)
