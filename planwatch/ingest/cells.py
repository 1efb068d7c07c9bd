"""Reading the cells of a submission: one data row at a time, into typed values or problems.

The number notation of a file, the value, period, status, unit (a plan unit converted exactly),
task state and date cells; each cell that cannot be read becomes a problem naming its row and column."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from planwatch.ingest.columns import columns_for, fold, normalise_status, normalise_task_state
from planwatch.ingest.errors import IngestError, ValidationError, ValueParseError
from planwatch.ingest.model import Problem, RawRow, RawTable
from planwatch.ingest.numbers import format_vn_number, notation_of, parse_vn_number_detail
from planwatch.ingest.periods import ACCEPTED_FORMS, parse_period
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo
from planwatch.ingest.units import is_percent_unit, plan_unit_factor

DATE_FORMS = 'ô ngày của Excel, "17/10/2025" (ngày/tháng/năm), "2025-10-17" hoặc "ngày 17 tháng 10 năm 2025"'


NumberStyle = Literal["auto", "vi", "plain"]


# --- reading the cells ----------------------------------------------------------------------------


@dataclass
class Row:
    """One data row: where it is, the cells as written, and what could be read from them."""

    file: str  # the file name, with the sheet for a workbook: "a.xlsx [Chỉ tiêu]"
    row_no: int
    sheet: str | None
    cells: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # Excel number formats (reader.ReadRow)
    # The texts already asked for: each cell is asked for several times (reading, GX, the stored row).
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def text(self, column: str) -> str | None:
        """The cell as text, None when blank."""
        try:
            return self._texts[column]
        except KeyError:
            pass
        value = self.cells.get(column)
        if value is None:
            text = None
        elif type(value) is str:
            text = value.strip() or None
        else:
            text = (value.isoformat() if isinstance(value, date | datetime) else str(value).strip()) or None
        self._texts[column] = text
        return text

    def problem(self, key: str, message: str, column: str | None, **extra: str | None) -> Problem:
        return Problem(key, message, self.file, self.row_no, column, extra.pop("value", None), **extra)


def file_label(table: RawTable) -> str:
    return _label(table.path, table.sheet)


@functools.lru_cache(maxsize=256)  # asked once per row: one label per sheet
def _label(path: Path, sheet: str | None) -> str:
    return f"{path.name} [{sheet}]" if sheet else path.name


# The cells a department fills in; a row where all of them are blank is "not reported" (the template
# pre-fills code, period and unit and says "để trống nếu chưa có số liệu"), not an error.
_REPORTED_CELLS = {"indicators": ("gia_tri", "trang_thai"), "tasks": ("tinh_trang", "ngay", "van_ban")}


def _blank(value: Any) -> bool:
    return value is None or not str(value).strip()


def data_rows(table: RawTable) -> list[RawRow]:
    """Rows that report something: blank lines and rows left as the template pre-filled them are skipped."""
    filled = _REPORTED_CELLS[table.kind]
    return [r for r in table.rows if not all(_blank(r.values.get(c)) for c in filled)]


def missing_columns(table: RawTable) -> list[Problem]:
    missing = [c for c in columns_for(table.kind) if c.required and c.name not in table.headers]
    return [
        Problem(
            "missing_column",
            f'thiếu cột "{c.name}" ({c.label_vi}) ở dòng tiêu đề',
            file_label(table),
            table.header_row,
            c.name,
            expected=f'một cột tiêu đề "{c.name}" hoặc "{c.label_vi}"',
            suggestion="dùng mẫu của `planwatch template`",
        )
        for c in missing
        if data_rows(table)
    ]


# --- number notation of the file ------------------------------------------------------------------


@dataclass(frozen=True)
class _Notation:
    """How the file's gia_tri column is read: a forced style, or the form its unambiguous cells show."""

    forced: NumberStyle  # auto, or the --number-style the analyst gave
    decided: Literal["vn", "plain"] | None = None
    evidence: tuple[str, int, str] | None = None  # (file label, row, cell) that decided it


_NOTATION_VI = {"vn": "kiểu Việt Nam (dấu chấm phân nhóm nghìn, dấu phẩy thập phân)",
                "plain": "kiểu thường (dấu chấm thập phân)"}  # fmt: skip


def file_notation(rows: Sequence[tuple[RawTable, RawRow]], style: NumberStyle) -> _Notation:
    """Decide the notation of the file's value column from its unambiguous cells (docs/ingest.md).

    The majority of the cells that prove a form decides; a tie goes to the Vietnamese form, as the
    plan and the departments write it. No proving cell: undecided (ambiguous cells then follow the
    Vietnamese rule and are each reported as a warning).
    """
    if style != "auto":
        return _Notation(style)
    seen: dict[str, list[tuple[str, int, str]]] = {"vn": [], "plain": []}
    for table, raw in rows:
        cell = raw.values.get("gia_tri")
        kind = notation_of(cell)
        if kind in seen:
            seen[kind].append((file_label(table), raw.row_no, str(cell).strip()))
    if not seen["vn"] and not seen["plain"]:
        return _Notation("auto")
    decided = "plain" if len(seen["plain"]) > len(seen["vn"]) else "vn"
    return _Notation("auto", decided, seen[decided][0])


def _read_value(row: Row, cell: Any, notation: _Notation) -> Any:
    """Parse the value cell under the file's notation; a contradicting cell becomes a problem (None)."""
    if notation.forced != "auto":
        return parse_vn_number_detail(cell, style="vn" if notation.forced == "vi" else "plain")
    kind = notation_of(cell)
    if notation.decided is not None and kind in ("vn", "plain") and kind != notation.decided:
        file, line, example = notation.evidence or ("", 0, "")
        at = f"dòng {line}" if file == row.file else f"{file} dòng {line}"
        value = parse_vn_number_detail(cell)
        fixed = format_vn_number(value.value) if notation.decided == "vn" else format(value.value, "f")
        row.problems.append(
            row.problem(
                "notation_conflict",
                f"ô viết số {_NOTATION_VI[kind]}, trái với cách viết số của tệp: "
                f"{_NOTATION_VI[notation.decided]}"
                f' (ví dụ {at}: "{example}")',
                "gia_tri",
                value=row.text("gia_tri"),
                expected=f"mọi ô của cột gia_tri viết {_NOTATION_VI[notation.decided]}",
                suggestion=f'viết "{fixed}", hoặc nhập lại với --number-style vi|plain nếu biết cách viết '
                "của tệp",
            )
        )
        return None
    if notation.decided == "plain" and kind == "ambiguous":
        return parse_vn_number_detail(cell, style="plain")
    number = parse_vn_number_detail(cell)
    if notation.decided is None and kind == "ambiguous" and number is not None:
        row.warnings.append(
            row.problem(
                "ambiguous_number",
                f'"{row.text("gia_tri")}" được đọc là {format_vn_number(number.value)} theo quy tắc Việt Nam '
                "(dấu chấm phân nhóm nghìn): không ô nào trong tệp cho biết cách viết số (ambiguous number)",
                "gia_tri",
                value=row.text("gia_tri"),
                suggestion=f"nếu là số thập phân {format_vn_number(number.value / 1000)}, nộp lại với "
                "--number-style plain hoặc viết dấu phẩy thập phân",
            )
        )
    return number


def read_indicator_row(table: RawTable, raw: RawRow, catalogue: Catalogue, notation: _Notation) -> Row:
    row = Row(file_label(table), raw.row_no, table.sheet, raw.values, formats=getattr(raw, "formats", {}))
    code = row.text("ma_chi_tieu")
    info = catalogue.indicators.get(code) if code else None
    row.parsed.update(code=code, info=info, value=None, is_percent=False, period=None, status=None)

    cell = raw.values.get("gia_tri")
    # The text Excel showed when the reader changed the cell's value (a percent-formatted cell).
    shown = getattr(raw, "texts", {}).get("gia_tri")
    try:
        number = _read_value(row, cell, notation)
    except ValueParseError as exc:
        row.problems.append(
            row.problem(
                "bad_value",
                f"không đọc được số: {exc.detail}",
                "gia_tri",
                value=row.text("gia_tri"),
                expected=exc.expected,
                suggestion=exc.suggestion,
            )
        )
    else:
        if number is not None:
            percent_format = isinstance(shown, str) and shown.endswith("%")
            row.parsed.update(
                value=number.value,
                submitted_value=number.value,
                value_text=shown or number.text,
                is_percent=number.is_percent or percent_format,
                notation=number.notation,
                percent_format=percent_format,
            )
            if row.parsed["is_percent"] and info is not None and info.unit and not is_percent_unit(info.unit):
                # One rule for both paths: "12,5%" typed, or a cell Excel formats as percent, means a
                # percentage; the cell's format never changes a figure silently.
                how = (
                    f'ô được định dạng phần trăm trong bảng tính (hiển thị "{shown}")'
                    if percent_format
                    else "giá trị ghi dấu %"
                )
                row.problems.append(
                    row.problem(
                        "unit_mismatch",
                        f'{how} nhưng chỉ tiêu {code} tính bằng "{info.unit}"',
                        "gia_tri",
                        value=row.text("gia_tri") if not percent_format else shown,
                        expected=f"một số tính bằng {info.unit}, không có dấu %",
                        suggestion="định dạng ô là Số (Number) hoặc Văn bản (Text), ghi số theo đơn vị "
                        + info.unit
                        if percent_format
                        else f"bỏ dấu %, ghi số theo đơn vị {info.unit}",
                    )
                )
            _convert_plan_unit(row, info, catalogue)

    period_cell = raw.values.get("ky")
    if row.text("ky") is not None:
        try:
            row.parsed["period"] = parse_period(period_cell)
        except IngestError as exc:
            row.problems.append(
                row.problem(
                    "bad_period",
                    f"không đọc được kỳ báo cáo: {exc.detail}",
                    "ky",
                    value=row.text("ky"),
                    expected=ACCEPTED_FORMS,
                    suggestion=exc.suggestion,
                )
            )

    status_text = row.text("trang_thai")
    if status_text is not None:
        # An unknown status keeps its text, so the GX set check names it.
        row.parsed["status"] = normalise_status(status_text) or status_text
    return row


def _convert_plan_unit(row: Row, info: IndicatorInfo | None, catalogue: Catalogue) -> None:
    """Convert a figure written in a unit the plan prints for the indicator (exactly, in Decimal)."""
    unit_text = row.text("don_vi")
    if info is None or not info.unit or unit_text is None:
        return
    factor = plan_unit_factor(unit_text, info.unit, catalogue.plan_units.get(info.code, ()))
    if factor is None or factor == 1:
        row.parsed["plan_unit"] = factor is not None
        return
    row.parsed.update(value=row.parsed["value"] * factor, plan_unit=True)
    if abs(row.parsed["value"]) >= Decimal(10) ** 15:
        row.problems.append(
            row.problem(
                "bad_value",
                f"số quá lớn sau khi quy đổi từ {unit_text} sang {info.unit}",
                "gia_tri",
                value=row.text("gia_tri"),
            )
        )


def read_task_row(table: RawTable, raw: RawRow) -> Row:
    row = Row(file_label(table), raw.row_no, table.sheet, raw.values)
    state_text = row.text("tinh_trang")
    row.parsed.update(
        code=row.text("ma_nhiem_vu"),
        state=None if state_text is None else normalise_task_state(state_text) or state_text,
        date=None,
    )
    if row.text("ngay") is not None:
        try:
            row.parsed["date"] = parse_task_date(raw.values["ngay"])
        except ValidationError as exc:
            row.problems.append(
                row.problem(
                    "bad_date",
                    f"không đọc được ngày: {exc.detail}",
                    "ngay",
                    value=row.text("ngay"),
                    expected=DATE_FORMS,
                    suggestion=exc.suggestion,
                )
            )
    return row


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")


def parse_task_date(value: Any) -> date:
    """A task date: an Excel date cell, `17/10/2025` (day first, as Vietnamese write it), `2025-10-17`,
    or `ngày 17 tháng 10 năm 2025`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise ValidationError(
            "ô chứa một số, không phải ngày",
            key="bad_date",
            value=value,
            suggestion="định dạng ô là Ngày (Date) hoặc ghi dạng 17/10/2025",
        )
    text = fold(str(value))
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_VN_DATE, "dmy")):
        m = pattern.fullmatch(text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError as exc:
                raise ValidationError(
                    f"ngày không có thật ({exc})",
                    key="bad_date",
                    value=value,
                    suggestion="kiểm tra ngày, tháng",
                ) from exc
    raise ValidationError(
        "không nhận ra cách viết ngày",
        key="bad_date",
        value=value,
        suggestion='viết ngày/tháng/năm, ví dụ "17/10/2025"',
    )
