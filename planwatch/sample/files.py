"""Writing the submissions as each agency writes its files: CSV or XLSX, its encoding, delimiter and way
of writing periods, every file opened by the "DỮ LIỆU MẪU" banner; an XLSX's bytes depend only on its
content (no wall-clock stamps)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook

from planwatch.ingest.columns import INDICATOR_COLUMNS, SAMPLE_MARKER, STATUSES, TASK_COLUMNS, TASK_STATES
from planwatch.ingest.numbers import format_vn_number
from planwatch.ingest.periods import Period
from planwatch.sample.event import Event

BANNER = (
    f"{SAMPLE_MARKER} — số liệu giả lập cho bản trình diễn planwatch, không phải số liệu thật "
    "(synthetic sample data, not real figures)"
)

PeriodStyle = Literal["code", "vn"]


@dataclass(frozen=True)
class Style:
    """How an agency writes its files."""

    fmt: Literal["xlsx", "csv"]
    encoding: str = "utf-8"
    delimiter: str = ","
    periods: PeriodStyle = "code"


STYLES: dict[str, Style] = {
    "TKTP": Style("xlsx"),
    "SCT": Style("csv", periods="vn"),  # "Quý III/2026", "9 tháng 2026", "Năm 2025"
    "STC": Style("csv", encoding="utf-8-sig", delimiter=";"),
    "THUETP": Style("xlsx"),
    "SXD": Style("csv"),
    "SVHTTDL": Style("xlsx", periods="vn"),
    "SNV": Style("csv"),
    "SNNMT": Style("xlsx"),
    "SKHCN": Style("xlsx"),
    "BHXHTP": Style("csv"),
    "BCHQSTP": Style("xlsx"),
    "CATP": Style("csv"),
    "BTCTU": Style("xlsx", periods="vn"),
    "BTGDVTU": Style("xlsx"),
    "UBKTTU": Style("csv"),
}


_VN_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def vn_label(period: Period) -> str:
    """A period in words: "Năm 2025", "Quý III/2026", "6 tháng đầu năm 2026", "9 tháng 2026"."""
    if period.period_type == "year":
        return f"Năm {period.year}"
    if period.period_type == "quarter":
        return f"Quý {_VN_ROMAN[int(period.code[-1])]}/{period.year}"
    if period.months == 6:
        return f"6 tháng đầu năm {period.year}"
    return f"{period.months} tháng {period.year}"


def _cells(event: Event, style: Style, for_excel: bool) -> tuple[list[str], list[list[Any]]]:
    """Header and data rows as the agency writes them (Excel numbers and dates, or Vietnamese text)."""
    columns = INDICATOR_COLUMNS if event.kind == "indicators" else TASK_COLUMNS
    header = [c.name for c in columns]
    rows = []
    for r in event.rows:
        if event.kind == "indicators":
            period: Period = r["ky"]
            if style.periods == "vn":
                ky: Any = vn_label(period)
            elif for_excel and period.period_type == "year":
                ky = period.year  # a year typed into Excel is a number
            else:
                ky = period.code
            d = r["decimals"]
            value: Any = (
                (int(r["gia_tri"]) if d == 0 else r["gia_tri"])
                if for_excel
                else format_vn_number(r["gia_tri"], d)
            )
            rows.append(
                [r["ma_chi_tieu"], ky, value, r["don_vi"], STATUSES[r["trang_thai"]][1], r["ghi_chu"]]
            )
        else:
            day = r["ngay"] if for_excel else r["ngay"].isoformat()
            rows.append([r["ma_nhiem_vu"], TASK_STATES[r["tinh_trang"]], day, r["van_ban"], r["ghi_chu"]])
    return header, rows


def write_submission(event: Event, path: Path, style: Style, agency_name: str) -> None:
    """Write one submission as the agency would: the banner, who sent it, the header, the rows."""
    sent_on = f"{event.received_at:%d/%m/%Y}"
    info = f"Đơn vị gửi: {agency_name} ({event.agency}). {event.description}. Ngày gửi {sent_on}"
    header, rows = _cells(event, style, style.fmt == "xlsx")
    if style.fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=style.delimiter, lineterminator="\n")
        width = len(header)
        writer.writerow([BANNER] + [""] * (width - 1))
        writer.writerow([info] + [""] * (width - 1))
        writer.writerow(header)
        writer.writerows(rows)
        path.write_bytes(buf.getvalue().encode(style.encoding))
        return
    wb = Workbook()
    ws = wb.active
    ws.title = "So lieu" if event.kind == "indicators" else "Nhiem vu"
    ws.append([BANNER])
    ws.append([info])
    ws.append(header)
    for row in rows:
        ws.append(row)
        if event.kind == "tasks":
            ws.cell(ws.max_row, 3).number_format = "DD/MM/YYYY"
    wb.properties.title = f"{SAMPLE_MARKER} — planwatch"
    wb.properties.keywords = SAMPLE_MARKER
    wb.properties.creator = "planwatch (dữ liệu mẫu)"
    wb.properties.created = event.received_at
    _save_deterministic(wb, path, event.received_at)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _save_deterministic(wb: Workbook, path: Path, stamp: datetime) -> None:
    """Save an XLSX whose bytes depend only on its content: openpyxl stamps the wall clock into
    docProps/core.xml and into every zip entry; both are replaced by the file's received time."""
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    path.write_bytes(out.getvalue())
