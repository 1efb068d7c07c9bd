"""Read a submission file (CSV or XLSX) into RawTables: find the header, keep every cell as written.

What is accepted, and how it is decided (never guessed silently):
- CSV-like text (``.csv``, ``.tsv``, ``.txt``): the encoding is taken from a byte-order mark
  (UTF-8, UTF-16 LE/BE — Excel's "Unicode Text" export); else from NUL bytes laid out as UTF-16
  without a mark; else strict UTF-8; else Windows-1258 (the Vietnamese ANSI code page) only if
  the text then holds Vietnamese letters and nothing that is neither ASCII, Vietnamese nor
  punctuation. Anything else is refused, naming the first byte that is not UTF-8. All text is
  NFC-normalised (cp1258 writes tone marks as combining characters, Macs write NFD). The
  delimiter (``,`` ``;`` TAB) is the one under which a header row appears.
- XLSX/XLSM (openpyxl, values cached by Excel): every sheet with a header becomes a table;
  cells keep their Excel types; a number in a percent-formatted cell is scaled to percent
  (0.132 shown as 13,2% becomes 13.2), the shown text kept in ``ReadRow.texts``.
- The header is the first of the first 30 rows holding every required column of one kind
  (ingest/columns.py). A second header row right below it (a bilingual header) is skipped.
  Unknown columns are ignored and listed in ``ReadTable.ignored_columns``.
- Row numbers are those the user sees: spreadsheet row, or the CSV line where the record starts.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest.columns import SAMPLE_MARKER, Column, SubmissionKind, columns_for, fold, match_header
from ingest.errors import IngestError
from ingest.model import RawRow, RawTable
from ingest.ods import ODS_SUFFIXES, read_ods

HEADER_SEARCH_ROWS = 30
KINDS: tuple[SubmissionKind, ...] = ("indicators", "tasks")
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
DELIMITERS = (",", ";", "\t")

_SAMPLE_KEY = fold(SAMPLE_MARKER)
_NOTE_COLUMN = "ghi_chu"
# Magic numbers of files people attach by mistake: zip (xlsx/docx), PDF, OLE2 (xls/doc).
_FOREIGN_MAGIC = {b"PK\x03\x04": "zip (xlsx/docx)", b"%PDF": "PDF", b"\xd0\xcf\x11\xe0": "Excel 97/Word 97"}
_SAVE_AS_HINT = (
    'mở tệp trong Excel, chọn Lưu thành (Save As) "CSV UTF-8 (*.csv)" hoặc "Excel Workbook (*.xlsx)"; '
    'trong LibreOffice Calc, chọn Tệp > Lưu thành (File > Save As) "Bảng tính ODF (.ods)", '
    '"Excel 2007-365 (.xlsx)" hoặc "Văn bản CSV (.csv)" với bộ ký tự "Unicode (UTF-8)"'
)
# Marks a Vietnamese vowel may carry: breve, circumflex, horn, and the five tones.
# A record: its row number as the user sees it, and its cells as (value, shown text if the reader
# changed the value, else None).
_Record = tuple[int, list[tuple[Any, str | None]]]
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_VN_MARKS = frozenset("\u0306\u0302\u031b\u0300\u0301\u0303\u0309\u0323")


class ReadError(IngestError):
    """A file that cannot be read as a submission: its format, encoding or header.

    Keys: unsupported_file, file_not_found, empty_file, unreadable_encoding, missing_columns,
    duplicate_column. ``offset`` is the byte offset of the first undecodable byte;
    ``found``/``missing`` list header columns for missing_columns.
    """

    key = "read_error"
    title_vi = "Không đọc được tệp nộp"

    def __init__(
        self,
        detail: str = "",
        *,
        offset: int | None = None,
        found: Sequence[str] = (),
        missing: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(detail, **kwargs)
        self.offset = offset
        self.found = tuple(found)
        self.missing = tuple(missing)


@dataclass(frozen=True)
class ReadRow(RawRow):
    """A RawRow that also keeps the text a cell showed when the reader changed its value
    (a percent cell 0.132 → value 13.2, text "13,2%")."""

    texts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadTable(RawTable):
    """A RawTable that also lists the header cells the contract does not know (ignored)."""

    ignored_columns: tuple[str, ...] = ()


def read_tables(path: Path) -> list[RawTable]:
    """Read a CSV, XLSX or ODS submission into its tables (one per CSV, one per sheet with a header)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | EXCEL_SUFFIXES | ODS_SUFFIXES:
        raise _unsupported(
            path, f'đuôi tệp "{path.suffix or "(không có)"}" không được nhận (unsupported type)'
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(
            "không tìm thấy tệp (file not found)", key="file_not_found", file=path.name, value=str(path)
        ) from exc
    if not data.strip():
        raise ReadError(
            "tệp rỗng (empty file)",
            key="empty_file",
            file=path.name,
            suggestion="gửi lại tệp có dòng tiêu đề và số liệu",
        )
    if suffix in ODS_SUFFIXES:
        return read_ods(path, data)  # LibreOffice's own format, read as the XLSX it converts to
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path, data)
    return [_read_delimited(path, data)]


def decode_text(data: bytes, *, file: str) -> tuple[str, str]:
    """Decode CSV bytes as (NFC text, encoding name); raise ReadError `unreadable_encoding`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict_decode(data[len(bom) :], encoding, file, offset_base=len(bom)), encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise _encoding_error(data, data.index(b"\x00"), file, "tệp chứa byte 0x00 (tệp nhị phân?)")
        return _strict_decode(data, encoding, file), encoding
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise _encoding_error(data, bad, file, "không phải UTF-8, cũng không phải Windows-1258") from None
    reason = _not_vietnamese(text)
    if reason:
        raise _encoding_error(data, bad, file, f"không phải UTF-8; đọc theo Windows-1258 thì {reason}")
    return text, "cp1258"


# --- CSV ---------------------------------------------------------------------------------------


def _read_delimited(path: Path, data: bytes) -> RawTable:
    for magic, what in _FOREIGN_MAGIC.items():
        if data.startswith(magic):
            raise _unsupported(path, f"nội dung là tệp {what}, không phải văn bản CSV (not a CSV)")
    text, encoding = decode_text(data, file=path.name)
    if not text.strip():
        raise ReadError("tệp rỗng (empty file)", key="empty_file", file=path.name)
    best: _Candidate | None = None
    for delimiter in DELIMITERS:
        records = _csv_records(text, delimiter)
        head = list(itertools.islice(records, HEADER_SEARCH_ROWS))
        header, candidate = _find_header(head, file=path.name, sheet=None)
        if header is not None:
            return _build_table(path, None, header, head, records, encoding)
        best = _better(best, candidate)
    raise _missing_columns(path.name, None, best)


def _csv_records(text: str, delimiter: str) -> Iterator[_Record]:
    """Each CSV record with the line it starts on; blank cells are None."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for cells in reader:
        yield start, [(_clean(c), None) for c in cells]
        start = reader.line_num + 1


# --- XLSX --------------------------------------------------------------------------------------


def _read_workbook(path: Path, data: bytes) -> list[RawTable]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _unsupported(path, "nội dung không phải tệp Excel .xlsx (not an XLSX workbook)")
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unsupported(path, f"không mở được như tệp Excel .xlsx ({type(exc).__name__})") from exc
    try:
        props = wb.properties
        sample = any(_SAMPLE_KEY in fold(p) for p in (props.title, props.subject, props.keywords) if p)
        tables: list[RawTable] = []
        best: _Candidate | None = None
        any_cells = False
        for ws in wb.worksheets:
            ws.reset_dimensions()  # stored dimensions are often wrong; read what is there
            records = ((n, [_excel_cell(c) for c in row]) for n, row in enumerate(ws.iter_rows(), start=1))
            head = list(itertools.islice(records, HEADER_SEARCH_ROWS))
            any_cells = any_cells or any(v is not None for _, cells in head for v, _ in cells)
            header, candidate = _find_header(head, file=path.name, sheet=ws.title)
            if header is None:
                sample = sample or _has_marker(head)
                best = _better(best, candidate)
                continue
            tables.append(_build_table(path, ws.title, header, head, records, None))
        if not tables:
            if not any_cells:
                raise ReadError(
                    "tệp Excel không có ô nào có dữ liệu (empty workbook)", key="empty_file", file=path.name
                )
            raise _missing_columns(path.name, best.sheet if best else None, best)
        # The marker on any sheet marks the whole file: a submission is one file.
        sample = sample or any(t.is_sample for t in tables)
        return [_with_sample(t, sample) for t in tables]
    finally:
        wb.close()


def _excel_cell(cell: Any) -> tuple[Any, str | None]:
    """(value, shown text if the reader changed the value) for one openpyxl cell."""
    value = cell.value
    if isinstance(value, str):
        return _clean(value), None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _is_percent_format(getattr(cell, "number_format", None)):
            scaled = Decimal(repr(value)) * 100
            shown = format(scaled.normalize(), "f").replace(".", ",") + "%"
            return (int(scaled) if scaled == scaled.to_integral_value() else float(scaled)), shown
    return value, None


def _is_percent_format(number_format: str | None) -> bool:
    """True when Excel shows the cell times 100: an unquoted, unescaped % in the format code."""
    if not number_format:
        return False
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    return "%" in code


# --- header and rows, shared by CSV and XLSX ---------------------------------------------------


@dataclass(frozen=True)
class _Header:
    kind: SubmissionKind
    row_no: int
    positions: dict[str, int]  # canonical column → 0-based cell index
    written: dict[str, str]  # canonical column → header as written
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    """The row that came closest to a header, for the missing_columns message."""

    kind: SubmissionKind
    row_no: int
    sheet: str | None
    found: dict[str, str]
    score: int


def _map_row(cells: Sequence[Any], kind: SubmissionKind) -> tuple[dict[str, list[int]], list[str]]:
    """Which cells name which column of ``kind`` (possibly several), and the unknown header cells."""
    hits: dict[str, list[int]] = {}
    unknown: list[str] = []
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        column = match_header(str(cell), kind)
        if column is None:
            unknown.append(str(cell))
        else:
            hits.setdefault(column.name, []).append(i)
    return hits, unknown


def _required(kind: SubmissionKind) -> list[Column]:
    return [c for c in columns_for(kind) if c.required]


def _find_header(
    head: Sequence[_Record], *, file: str, sheet: str | None
) -> tuple[_Header | None, _Candidate | None]:
    """The header among the first rows, or None with the closest candidate."""
    best: _Candidate | None = None
    for row_no, typed in head:
        cells = [v for v, _ in typed]
        for kind in KINDS:
            hits, unknown = _map_row(cells, kind)
            found = {name: str(cells[idx[0]]) for name, idx in hits.items()}
            if all(c.name in hits for c in _required(kind)):
                for name, idx in hits.items():
                    if len(idx) > 1:
                        raise _duplicate(file, sheet, row_no, name, [(i, str(cells[i])) for i in idx])
                positions = {name: idx[0] for name, idx in hits.items()}
                return _Header(kind, row_no, positions, found, tuple(unknown)), None
            score = sum(1 for c in _required(kind) if c.name in hits)
            best = _better(best, _Candidate(kind, row_no, sheet, found, score))
    return None, best


def _better(a: _Candidate | None, b: _Candidate | None) -> _Candidate | None:
    if a is None:
        return b
    if b is None:
        return a
    return b if b.score > a.score else a


def _build_table(
    path: Path,
    sheet: str | None,
    header: _Header,
    head: Sequence[_Record],
    rest: Iterable[_Record],
    encoding: str | None,
) -> ReadTable:
    """The rows below the header: ``head`` is the first rows, ``rest`` continues after them."""
    is_sample = _has_marker(head)
    rows: list[RawRow] = []
    first = True
    for row_no, typed in itertools.chain(head, rest):
        if row_no <= header.row_no:
            continue
        cells = [v for v, _ in typed]
        if first:
            first = False
            hits, _ = _map_row(cells, header.kind)
            if {k: v[0] for k, v in hits.items()} == header.positions:
                continue  # a bilingual header: the same columns named again right below
        values = {name: _at(cells, i) for name, i in header.positions.items()}
        if all(v is None for v in values.values()):
            continue  # blank, or content only in ignored columns
        note = values.get(_NOTE_COLUMN)
        if isinstance(note, str) and _SAMPLE_KEY in fold(note):
            is_sample = True
        texts = {name: typed[i][1] for name, i in header.positions.items() if i < len(typed) and typed[i][1]}
        rows.append(ReadRow(row_no, values, texts))
    return ReadTable(
        path=path,
        kind=header.kind,
        sheet=sheet,
        header_row=header.row_no,
        headers=header.written,
        rows=tuple(rows),
        encoding=encoding,
        is_sample=is_sample,
        ignored_columns=header.ignored,
    )


def _at(cells: Sequence[Any], i: int) -> Any:
    return cells[i] if i < len(cells) else None


def _has_marker(rows: Iterable[_Record]) -> bool:
    return any(isinstance(v, str) and _SAMPLE_KEY in fold(v) for _, cells in rows for v, _ in cells)


def _clean(text: str) -> str | None:
    """NFC form of a text cell; a blank cell is None. The text is otherwise kept as written."""
    return unicodedata.normalize("NFC", text) if text.strip() else None


def _with_sample(table: RawTable, is_sample: bool) -> RawTable:
    return table if table.is_sample == is_sample else replace(table, is_sample=is_sample)


# --- encodings ---------------------------------------------------------------------------------


def _strict_decode(data: bytes, encoding: str, file: str, *, offset_base: int = 0) -> str:
    try:
        return unicodedata.normalize("NFC", data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise _encoding_error(
            data, exc.start, file, f"không giải mã được theo {encoding}", offset_base=offset_base
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE if the NULs sit in every other byte as ASCII-heavy UTF-16 text puts them."""
    sample = data[: 4096 - 4096 % 2] if len(data) % 2 == 0 else b""
    if not sample:
        return None
    pairs = len(sample) // 2
    nul_even, nul_odd = sample[0::2].count(0), sample[1::2].count(0)
    if nul_odd >= pairs * 0.3 and nul_even == 0:
        return "utf-16-le"
    if nul_even >= pairs * 0.3 and nul_odd == 0:
        return "utf-16-be"
    return None


def _is_vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ":
        return True
    base, *marks = unicodedata.normalize("NFD", ch)
    return bool(marks) and base.lower() in "aeiouy" and all(m in _VN_MARKS for m in marks)


def _not_vietnamese(text: str) -> str | None:
    """Why a cp1258 decoding is not Vietnamese text, or None if it is."""
    vietnamese = 0
    for ch in text:
        if ch.isascii():
            if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n":
                return f"có ký tự điều khiển U+{ord(ch):04X}"
            continue
        if _is_vietnamese_letter(ch):
            vietnamese += 1
        elif unicodedata.category(ch)[0] in "LMC":
            return f'có ký tự "{ch}" (U+{ord(ch):04X}) không phải chữ tiếng Việt'
    return None if vietnamese else "không có chữ tiếng Việt nào"


def _encoding_error(data: bytes, offset: int, file: str, why: str, *, offset_base: int = 0) -> ReadError:
    at = offset + offset_base
    line = data[:offset].count(b"\n") + 1
    bad = data[offset : offset + 4].hex(" ")
    return ReadError(
        f"không xác định được bảng mã (unreadable encoding): {why}; byte đầu tiên không đọc được ở "
        f"vị trí {at} (byte offset {at}), dòng {line}",
        key="unreadable_encoding",
        file=file,
        offset=at,
        value=f"0x{bad}",
        expected="UTF-8 (có hoặc không có BOM), UTF-16 có BOM, hoặc Windows-1258",
        suggestion=_SAVE_AS_HINT,
    )


# --- errors ------------------------------------------------------------------------------------


def _unsupported(path: Path, detail: str) -> ReadError:
    return ReadError(
        detail,
        key="unsupported_file",
        file=path.name,
        expected="tệp .xlsx, .ods hoặc .csv (UTF-8)",
        suggestion=_SAVE_AS_HINT,
    )


def _spellings(column: Column) -> str:
    names = dict.fromkeys((column.name, column.english, column.label_vi, *column.aliases))
    return f"{column.name}: " + " / ".join(f'"{n}"' for n in names)


def _missing_columns(file: str, sheet: str | None, best: _Candidate | None) -> ReadError:
    kind: SubmissionKind = best.kind if best else "indicators"
    found = best.found if best else {}
    missing = [c for c in _required(kind) if c.name not in found]
    where = f'trang "{sheet}", ' if sheet else ""
    found_text = ", ".join(f'"{w}" → {n}' for n, w in found.items()) or "không có"
    return ReadError(
        f"không tìm thấy dòng tiêu đề đủ cột trong {HEADER_SEARCH_ROWS} dòng đầu (missing columns); "
        f"{where}dòng gần nhất: {best.row_no if best and best.score else '—'}; "
        f"cột đã thấy: {found_text}; còn thiếu: {', '.join(c.name for c in missing)}",
        key="missing_columns",
        file=file,
        row=best.row_no if best and best.score else None,
        found=tuple(found),
        missing=tuple(c.name for c in missing),
        expected="; ".join(_spellings(c) for c in missing),
        suggestion="thêm các cột còn thiếu vào dòng tiêu đề, hoặc dùng biểu mẫu của `planwatch template`",
    )


def _duplicate(
    file: str, sheet: str | None, row_no: int, name: str, cells: list[tuple[int, str]]
) -> ReadError:
    from openpyxl.utils import get_column_letter

    where = " và ".join(f'"{text}" (cột {get_column_letter(i + 1)})' for i, text in cells)
    return ReadError(
        f'cột "{name}" có hai lần trong dòng tiêu đề{f" của trang {sheet!r}" if sheet else ""}: {where} '
        "(duplicate column)",
        key="duplicate_column",
        file=file,
        row=row_no,
        column=name,
        suggestion="xóa hoặc đổi tên một trong hai cột",
    )
