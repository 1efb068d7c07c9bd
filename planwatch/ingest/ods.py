"""Read an OpenDocument spreadsheet (``.ods``, LibreOffice Calc's own format) as a submission.

An ODS is read with the same checks as an XLSX by turning it into one: every sheet's cells, with
the types Calc stored (text, number, percentage, date, boolean), are copied into an in-memory
workbook that the XLSX path of ``planwatch/ingest/reader.py`` then reads — header search, sample marker,
percent cells, blank rows, every later check the reader grows. A percentage cell keeps a percent
number format, so it is treated exactly as Excel's (the reader sees 0.132 shown as 13,2%).

Safety, before anything is parsed: the file must be a zip whose ``mimetype`` says spreadsheet; the
parts may expand only as far as an XLSX may (planwatch/ingest/limits.py); ``content.xml`` is read as a
stream; repeated rows and columns (``table:number-rows-repeated``, how Calc stores the empty
rest of a sheet) are skipped, never expanded, when empty, and a repeated non-empty cell may not
reach past a spreadsheet's last row or column.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from planwatch.ingest.errors import IngestError, ReadError
from planwatch.ingest.limits import current_limits, env_name

ODS_SUFFIXES = frozenset({".ods"})
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
MAX_ROWS = 1_048_576  # the last row of an XLSX (and of Calc)
MAX_COLUMNS = 16_384  # the last column (XFD)

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_TABLE = _q("table", "table")
_ROW = _q("table", "table-row")
_CELL = _q("table", "table-cell")
_COVERED = _q("table", "covered-table-cell")
_P = _q("text", "p")
_SPACE = _q("text", "s")
_TAB = _q("text", "tab")
_BREAK = _q("text", "line-break")
_NOTE = _q("office", "annotation")
_ROWS_REPEATED = _q("table", "number-rows-repeated")
_COLS_REPEATED = _q("table", "number-columns-repeated")
_VALUE_TYPE = _q("office", "value-type")
_VALUE = _q("office", "value")
_DATE_VALUE = _q("office", "date-value")
_BOOLEAN_VALUE = _q("office", "boolean-value")
_NAME = _q("table", "name")

# A sheet: (name, {(row, column): (value, is_percent)}) with 1-based positions.
Sheet = tuple[str, dict[tuple[int, int], tuple[Any, bool]]]


def ods_as_xlsx(path: Path, data: bytes) -> bytes:
    """The bytes of an ``.ods`` submission as an XLSX workbook with the same cells and types, for the
    XLSX path of planwatch/ingest/reader.py to read."""
    sheets, properties = parse_ods(data, file=path.name)
    if not any(cells for _, cells in sheets):
        raise ReadError(
            "tệp .ods không có ô nào có dữ liệu (empty workbook)", key="empty_file", file=path.name
        )
    return _as_xlsx(sheets, properties)


def parse_ods(data: bytes, *, file: str) -> tuple[list[Sheet], dict[str, str]]:
    """The sheets of an ODS (non-empty cells only) and its title/subject/keywords."""
    archive = _open_archive(data, file)
    with archive:
        try:
            with archive.open("content.xml") as content:
                sheets = list(_sheets(content, file))
        except KeyError as exc:
            raise _not_ods(file, "thiếu content.xml") from exc
        except (ParseError, zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ReadError(
                f"tệp .ods bị hỏng, không đọc được nội dung ({type(exc).__name__}: {exc})",
                key="unsupported_file",
                file=file,
                suggestion="mở tệp trong LibreOffice Calc và lưu lại (Tệp > Lưu thành > .ods hoặc .xlsx)",
            ) from exc
        properties = _properties(archive)
    return sheets, properties


def _open_archive(data: bytes, file: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _not_ods(file, "nội dung không phải tệp zip") from exc
    try:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except KeyError:
        mimetype = ""
    if mimetype != ODS_MIMETYPE:
        archive.close()
        what = f'loại "{mimetype}"' if mimetype else "không có mimetype"
        raise _not_ods(file, f"không phải bảng tính OpenDocument ({what})")
    _check_expansion(archive, len(data), file)
    return archive


def _check_expansion(archive: zipfile.ZipFile, size: int, file: str) -> None:
    """Refuse a zip bomb before inflating it: the same ratio and total as for an XLSX."""
    limits = current_limits()
    expanded = sum(info.file_size for info in archive.infolist())
    if expanded > limits.max_xlsx_expanded_bytes or expanded > max(size, 1) * limits.max_xlsx_ratio:
        raise ReadError(
            f"tệp .ods giải nén ra {expanded} byte, quá giới hạn (file too large when expanded): "
            f"tối đa {limits.max_xlsx_ratio} lần kích thước tệp và {limits.max_xlsx_expanded_bytes} byte",
            key="file_too_large",
            file=file,
            suggestion=(
                f"chia nhỏ tệp, hoặc người quản trị nâng {env_name('max_xlsx_ratio')} / "
                f"{env_name('max_xlsx_expanded_bytes')}"
            ),
        )


def _sheets(content: Any, file: str) -> Iterator[Sheet]:
    """Stream content.xml: one (name, cells) per table, cells only where something is written."""
    name = ""
    cells: dict[tuple[int, int], tuple[Any, bool]] = {}
    in_row: list[tuple[int, tuple[Any, bool]]] = []  # (column, value) of the row being read
    row = col = 0  # the last row and column used (1-based)
    tables = depth = 0  # depth: a table inside a cell belongs to that cell's text
    for event, elem in iterparse(content, events=("start", "end")):
        tag = elem.tag
        if event == "start":
            if tag == _TABLE:
                depth += 1
                if depth == 1:
                    tables += 1
                    name, cells, row = elem.get(_NAME) or f"Sheet{tables}", {}, 0
            elif tag == _ROW and depth == 1:
                col, in_row = 0, []
            continue
        if tag == _TABLE:
            depth -= 1
            if depth == 0:
                yield name, cells
            continue
        if depth != 1:
            continue
        if tag in (_CELL, _COVERED):
            repeat = _repeat(elem, _COLS_REPEATED)
            value = _cell_value(elem) if tag == _CELL else None
            if value is not None:
                if col + repeat > MAX_COLUMNS:
                    raise _too_big(file, name, "cột", MAX_COLUMNS)
                in_row.extend((col + k, value) for k in range(1, repeat + 1))
            col += repeat
            elem.clear()
        elif tag == _ROW:
            repeat = _repeat(elem, _ROWS_REPEATED)
            if in_row:
                if row + repeat > MAX_ROWS:
                    raise _too_big(file, name, "dòng", MAX_ROWS)
                for k in range(1, repeat + 1):
                    cells.update(((row + k, c), v) for c, v in in_row)
            row += repeat
            elem.clear()


def _repeat(elem: Any, attribute: str) -> int:
    try:
        return max(1, int(elem.get(attribute, "1")))
    except ValueError:
        return 1


def _cell_value(elem: Any) -> tuple[Any, bool] | None:
    """(value, is a percentage) of a cell as Calc stored it; None when it holds nothing."""
    kind = elem.get(_VALUE_TYPE)
    if kind in ("float", "currency", "percentage"):
        number = _number(elem.get(_VALUE))
        if number is not None:
            return number, kind == "percentage"
    elif kind == "date":
        stamp = elem.get(_DATE_VALUE, "")
        try:
            return datetime.fromisoformat(stamp), False
        except ValueError:
            pass  # an unusual date (a year before 1, a zone): keep the text Calc shows
    elif kind == "boolean":
        return elem.get(_BOOLEAN_VALUE, "").lower() == "true", False
    text = _text(elem)
    return (text, False) if text.strip() else None


def _number(raw: str | None) -> int | float | None:
    if raw is None:
        return None
    try:
        d = Decimal(raw)
    except InvalidOperation:
        return None
    if not d.is_finite():
        return float(d)  # the reader's number checks refuse it, naming the cell
    return int(d) if d == d.to_integral_value() and abs(d) < 10**15 else float(raw)


def _text(elem: Any) -> str:
    """The text a cell shows: its paragraphs joined by newlines, spaces and tabs restored."""
    paragraphs = [_inline(p) for p in elem if p.tag == _P]
    return "\n".join(paragraphs)


def _inline(node: Any) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == _SPACE:
            parts.append(" " * _repeat_count(child))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag != _NOTE:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _repeat_count(node: Any) -> int:
    try:
        return max(1, min(int(node.get(_q("text", "c"), "1")), 10_000))
    except ValueError:
        return 1


def _properties(archive: zipfile.ZipFile) -> dict[str, str]:
    """Title, subject and keywords from meta.xml (where the sample marker may sit)."""
    try:
        meta = archive.read("meta.xml")
    except KeyError:
        return {}
    found: dict[str, list[str]] = {"title": [], "subject": [], "keywords": []}
    tags = {_q("dc", "title"): "title", _q("dc", "subject"): "subject", _q("meta", "keyword"): "keywords"}
    try:
        for _, elem in iterparse(io.BytesIO(meta), events=("end",)):
            key = tags.get(elem.tag)
            if key and elem.text:
                found[key].append(elem.text)
    except ParseError:
        return {}
    return {k: "; ".join(v) for k, v in found.items() if v}


def _as_xlsx(sheets: list[Sheet], properties: dict[str, str]) -> bytes:
    """An XLSX holding the same cells (a percentage keeps a percent format), for the XLSX reader."""
    from openpyxl import Workbook

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    for name, cells in sheets:
        ws = wb.create_sheet(_sheet_title(name, wb.sheetnames))
        for (r, c), (value, is_percent) in sorted(cells.items()):
            cell = ws.cell(r, c, value)
            if is_percent:
                cell.number_format = "0.0##%"
            elif isinstance(value, datetime):
                cell.number_format = "dd/mm/yyyy"
    wb.properties.title = properties.get("title")
    wb.properties.subject = properties.get("subject")
    wb.properties.keywords = properties.get("keywords")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(name: str, taken: list[str]) -> str:
    """An XLSX sheet title for an ODS sheet name (31 characters, none of []:*?/\\)."""
    title = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31] or "Sheet"
    base, n = title, 2
    while title in taken:
        title = f"{base[:28]}~{n}"
        n += 1
    return title


def _not_ods(file: str, why: str) -> IngestError:
    return ReadError(
        f"{why}; không mở được như bảng tính .ods (not an ODS spreadsheet)",
        key="unsupported_file",
        file=file,
        expected="tệp .ods của LibreOffice Calc, .xlsx hoặc .csv (UTF-8)",
        suggestion="mở tệp trong LibreOffice Calc, chọn Tệp > Lưu thành (File > Save As) “Bảng tính ODF”",
    )


def _too_big(file: str, sheet: str | None, what: str, limit: int) -> IngestError:
    return ReadError(
        f'trang "{sheet}" có ô lặp lại quá {limit} {what} (too many repeated cells)',
        key="file_too_large",
        file=file,
        suggestion="xóa các ô thừa ở cuối trang rồi lưu lại",
    )
