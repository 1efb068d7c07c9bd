"""Read a submission file (CSV or XLSX) into RawTables: find the header, keep every cell as written.

What is accepted, and how it is decided (never guessed silently):
- CSV-like text (``.csv``, ``.tsv``, ``.txt``): the encoding is taken from a byte-order mark
  (UTF-8, UTF-16 LE/BE — Excel's "Unicode Text" export); UTF-32 (with or without a mark) is
  named and refused; else from NUL bytes laid out as UTF-16 without a mark; else strict UTF-8;
  else Windows-1258 (the Vietnamese ANSI code page) only if
  the text then holds Vietnamese letters and nothing that is neither ASCII, Vietnamese nor
  punctuation. Anything else is refused, naming the first byte that is not UTF-8. All text is
  NFC-normalised (cp1258 writes tone marks as combining characters, Macs write NFD). The
  delimiter (``,`` ``;`` TAB) is the one under which a header row appears. A record with more or
  fewer cells than the header (an unquoted decimal comma, a note with commas) is not read: it
  becomes a problem of the table (``RawTable.problems``) that rejects the file.
- XLSX/XLSM (values cached by Excel): the zip directory is checked against the expansion limits
  BEFORE anything is parsed. The cells are read by calamine (planwatch/ingest/xlsx.py: fastexcel,
  number formats from the workbook's XML) exactly as openpyxl reads them; a workbook calamine could
  read otherwise is read by openpyxl. Every sheet with a header becomes a table;
  cells keep their Excel types; a number in a percent-formatted cell is scaled to percent
  (0.132 shown as 13,2% becomes 13.2), the shown text ("13,2%") kept in ``ReadRow.texts`` so the
  validator treats it exactly like a typed "13,2%" (refused on an indicator not counted in %).
  A sheet that looks like a submission sheet (a row naming two required columns, or three by
  their Vietnamese labels) but has no complete header is a rejection naming the sheet, never a skip.
- The header is the first of the first 30 rows holding every required column of one kind
  (planwatch/ingest/columns.py); a header that also names the other kind's code column (both
  ``ma_chi_tieu`` and ``ma_nhiem_vu``) is refused. A second header row right below it (a bilingual
  header) is skipped. Unknown columns are ignored and listed in ``ReadTable.ignored_columns``.
- Content limits (planwatch/ingest/limits.py): rows per table, characters per cell, XLSX expansion.
- Row numbers are those the user sees: spreadsheet row, or the CSV line where the record starts.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planwatch.ingest.columns import SAMPLE_MARKER, Column, SubmissionKind, columns_for, fold, match_header
from planwatch.ingest.errors import IngestError, ReadError
from planwatch.ingest.limits import Limits, current_limits, env_name
from planwatch.ingest.model import FrameRows, Problem, RawRow, RawTable
from planwatch.ingest.ods import ODS_SUFFIXES, ods_as_xlsx

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
# changed the value, else None, the Excel number format of a number cell when it is not General).
_Record = tuple[int, list[tuple[Any, str | None, str | None]]]
# The code column of each kind: a header naming both is a sheet mixing figures and tasks.
_KEY_COLUMN: dict[SubmissionKind, str] = {"indicators": "ma_chi_tieu", "tasks": "ma_nhiem_vu"}
_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32 LE"), (codecs.BOM_UTF32_BE, "UTF-32 BE"))
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_VN_MARKS = frozenset("\u0306\u0302\u031b\u0300\u0301\u0303\u0309\u0323")


@dataclass(frozen=True)
class ReadRow(RawRow):
    """A RawRow that also keeps the text a cell showed when the reader changed its value
    (a percent cell 0.132 → value 13.2, text "13,2%")."""

    texts: dict[str, str] = field(default_factory=dict)
    # The Excel number format of a number cell, when it is not General ("#,##0.0##" of the template):
    # a "%" typed into a cell pre-formatted as a number is lost (Calc stores 13,2% as 0,132).
    formats: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadTable(RawTable):
    """A RawTable that also lists the header cells the contract does not know (ignored)."""

    ignored_columns: tuple[str, ...] = ()


def read_tables(path: Path, data: bytes | None = None, *, limits: Limits | None = None) -> list[RawTable]:
    """Read a CSV, XLSX or ODS submission into its tables (one per CSV, one per sheet with a header).

    ``data`` are the file's bytes when the caller has already read them (the pipeline reads a file
    once, hashes and archives those bytes); ``path`` then only names the file and its type.
    ``limits`` default to ``current_limits()`` (PLANWATCH_MAX_* variables).
    """
    path = Path(path)
    limits = limits or current_limits()
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | EXCEL_SUFFIXES | ODS_SUFFIXES:
        raise _unsupported(
            path, f'đuôi tệp "{path.suffix or "(không có)"}" không được nhận (unsupported type)'
        )
    if data is None:
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
        return _read_ods(path, data)  # LibreOffice's own format, read as the XLSX it converts to
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path, data, limits)
    return [_read_delimited(path, data, limits)]


def _read_ods(path: Path, data: bytes) -> list[RawTable]:
    """Read an ``.ods`` submission as the XLSX workbook planwatch/ingest/ods.py turns it into."""
    with tempfile.TemporaryDirectory(prefix="planwatch-ods-") as tmp:
        twin = Path(tmp) / f"{path.stem}.xlsx"
        twin.write_bytes(ods_as_xlsx(path, data))
        try:
            tables = read_tables(twin)
        except IngestError as exc:
            # The twin is ours: the person must read the name of the file they sent.
            if exc.file in (None, twin.name):
                exc.file = path.name
            for problem in getattr(exc, "problems", ()):
                if problem.file in (None, twin.name):
                    problem.file = path.name
            raise
    return [replace(t, path=path) for t in tables]


def decode_text(data: bytes, *, file: str) -> tuple[str, str]:
    """Decode CSV bytes as (NFC text, encoding name); raise ReadError `unreadable_encoding`."""
    utf32 = _utf32(data)
    if utf32:
        raise ReadError(
            f"tệp được lưu theo bảng mã {utf32} (UTF-32 encoding), không phải UTF-8 hay UTF-16",
            key="unreadable_encoding",
            file=file,
            offset=0,
            value=f"0x{data[:4].hex(' ')}",
            expected="UTF-8 (có hoặc không có BOM), UTF-16 có BOM, hoặc Windows-1258",
            suggestion=_SAVE_AS_HINT,
        )
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


def _read_delimited(path: Path, data: bytes, limits: Limits) -> RawTable:
    for magic, what in _FOREIGN_MAGIC.items():
        if data.startswith(magic):
            raise _unsupported(path, f"nội dung là tệp {what}, không phải văn bản CSV (not a CSV)")
    text, encoding = decode_text(data, file=path.name)
    if not text.strip():
        raise ReadError("tệp rỗng (empty file)", key="empty_file", file=path.name)
    # Python's csv refuses a field over 128 KB with a bare csv.Error; the file size limit bounds
    # the text, so let csv read any field and check cell lengths against our own limit instead.
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)
    best: _Candidate | None = None
    for delimiter in DELIMITERS:
        records = _csv_records(text, delimiter, path.name, limits)
        head = list(itertools.islice(records, HEADER_SEARCH_ROWS))
        header, candidate = _find_header(head, file=path.name, sheet=None)
        if header is not None:
            columns = _csv_columns(path, header, head, text, delimiter, encoding, limits)
            if columns is not None:
                return columns
            return _build_table(path, None, header, head, records, encoding, limits)
        best = _better(best, candidate)
    raise _missing_columns(path.name, None, best)


def _csv_records(text: str, delimiter: str, file: str, limits: Limits) -> Iterator[_Record]:
    """Each CSV record with the line it starts on; blank cells are None."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    nfc = unicodedata.normalize
    start = 1
    try:
        longest = limits.max_cell_chars
        for cells in reader:
            if cells and max(map(len, cells)) > longest:
                i, c = next((i, c) for i, c in enumerate(cells) if len(c) > longest)
                raise _cell_too_long(file, None, start, str(i + 1), len(c), limits)
            # _clean inlined: a call per cell is a fifth of reading a large file.
            yield start, [(nfc("NFC", c) if c.strip() else None, None, None) for c in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ReadError(
            f"không đọc được tệp CSV (malformed CSV): {exc}",
            key="malformed_csv",
            file=file,
            row=start,
            suggestion="mở tệp bằng Excel/Calc và lưu lại dạng CSV UTF-8",
        ) from exc


class CsvRows(FrameRows[ReadRow]):
    """The data rows of a CSV read as columns (`_csv_columns`): a polars frame of ``row_no`` and the
    header's columns; a ReadRow is made only for a row that is asked for (the per-row path asks for
    all of them, the columnar path of planwatch/ingest/columnar.py for none)."""

    def _item(self, fields: dict[str, Any]) -> ReadRow:
        return _read_row(fields)


def _read_row(named: dict[str, Any]) -> ReadRow:
    row_no = named.pop("row_no")
    return ReadRow(row_no, named, {}, {})


def _csv_columns(
    path: Path,
    header: _Header,
    head: Sequence[_Record],
    text: str,
    delimiter: str,
    encoding: str,
    limits: Limits,
) -> ReadTable | None:
    """The table `_build_table` would give, read as columns; None (read it row by row) unless the
    file is the plain case: every record one line, with exactly the header's cells, within the
    limits. A misfit record, a blank line, a long cell or too many rows are `_build_table`'s to
    report, so this never reports anything itself."""
    import polars as pl

    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None
    # As many records as lines: no record spans lines, so record i starts on line i + 1.
    if len(records) != sum(1 for _ in io.StringIO(text, newline="")):
        return None
    header_cells = next(cells for n, cells in head if n == header.row_no)
    width = max(i for i, (v, *_) in enumerate(header_cells) if v is not None) + 1
    rows = records[header.row_no :]
    if not rows or len(header_cells) != width or len(rows) > limits.max_rows:
        return None
    if set(map(len, rows)) != {width}:
        return None
    columns = [pl.Series(column, dtype=pl.String) for column in zip(*rows, strict=True)]
    if any((c.str.len_chars().max() or 0) > limits.max_cell_chars for c in columns):
        return None
    frame = pl.DataFrame(
        {
            "row_no": pl.int_range(header.row_no + 1, header.row_no + 1 + len(rows), eager=True),
            **{name: _cleaned(columns[i]) for name, i in header.positions.items()},
        }
    )
    hits, _ = _map_row([_clean(c) for c in rows[0]], header.kind)
    if {k: v[0] for k, v in hits.items()} == header.positions:
        frame = frame.slice(1)  # a bilingual header: the same columns named again right below
    # A row blank, or with content only in ignored columns, is no row.
    frame = frame.filter(pl.any_horizontal(pl.col(list(header.positions)).is_not_null()))
    is_sample = _has_marker(head)
    if not is_sample and _NOTE_COLUMN in frame.columns:
        notes = frame[_NOTE_COLUMN].drop_nulls().unique().to_list()
        is_sample = any(_SAMPLE_KEY in fold(note) for note in notes)
    return ReadTable(
        path=path,
        kind=header.kind,
        sheet=None,
        header_row=header.row_no,
        headers=header.written,
        rows=CsvRows(frame),  # type: ignore[arg-type]
        encoding=encoding,
        is_sample=is_sample,
        ignored_columns=header.ignored,
    )


def _cleaned(column: Any) -> Any:
    """`_clean` of each distinct cell of a column (NFC text, None when blank), joined back."""
    distinct = column.unique().to_list()
    return column.replace_strict(distinct, [_clean(c) for c in distinct], return_dtype=column.dtype)


# --- XLSX --------------------------------------------------------------------------------------


def _read_workbook(path: Path, data: bytes, limits: Limits) -> list[RawTable]:
    from planwatch.ingest import xlsx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _unsupported(path, "nội dung không phải tệp Excel .xlsx (not an XLSX workbook)")
    check_xlsx_expansion(path.name, data, limits)

    def too_long(sheet: str, row_no: int, column: int, length: int) -> None:
        from openpyxl.utils import get_column_letter

        raise _cell_too_long(path.name, sheet, row_no, get_column_letter(column + 1), length, limits)

    # calamine (planwatch/ingest/xlsx.py) reads the cells; a workbook whose reading by calamine could
    # differ from openpyxl's is read by openpyxl, which also names what is wrong with a broken one.
    try:
        properties, sheets = xlsx.read_sheets(data, too_long, limits.max_cell_chars)
        return _workbook_tables(path, limits, properties, sheets)
    except xlsx.Unrepresentable:
        pass
    return _read_workbook_openpyxl(path, data, limits)


def _read_workbook_openpyxl(path: Path, data: bytes, limits: Limits) -> list[RawTable]:
    """Read the workbook with openpyxl (the reader of every workbook calamine cannot read as it does)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        SyntaxError,
        TypeError,
    ) as exc:
        raise _unsupported(path, f"không mở được như tệp Excel .xlsx ({type(exc).__name__})") from exc
    try:

        def sheets() -> Iterator[tuple[str, Iterator[_Record]]]:
            for ws in wb.worksheets:
                ws.reset_dimensions()  # stored dimensions are often wrong; read what is there
                yield ws.title, _sheet_records(ws, path.name, limits)

        return _workbook_tables(path, limits, wb.properties, sheets())
    finally:
        wb.close()


def _workbook_tables(
    path: Path, limits: Limits, props: Any, sheets: Iterable[tuple[str, Iterator[_Record]]]
) -> list[RawTable]:
    """The tables of a workbook's sheets (title, records), in order; the sample marker of the file."""
    sample = any(_SAMPLE_KEY in fold(p) for p in (props.title, props.subject, props.keywords) if p)
    tables: list[RawTable] = []
    best: _Candidate | None = None
    any_cells = False
    for title, records in sheets:
        head = list(itertools.islice(records, HEADER_SEARCH_ROWS))
        any_cells = any_cells or any(v is not None for _, cells in head for v, *_ in cells)
        header, candidate = _find_header(head, file=path.name, sheet=title)
        if header is None:
            looks = _looks_like_submission(head)
            if looks is not None:
                # A department broke the header of a real submission sheet (deleted a column or
                # the technical header row): skipping the sheet would drop every figure on it.
                raise _missing_columns(path.name, title, _better(looks, candidate), broken=True)
            sample = sample or _has_marker(head)
            best = _better(best, candidate)
            continue
        tables.append(_build_table(path, title, header, head, records, None, limits))
    if not tables:
        if not any_cells:
            raise ReadError(
                "tệp Excel không có ô nào có dữ liệu (empty workbook)", key="empty_file", file=path.name
            )
        raise _missing_columns(path.name, best.sheet if best else None, best)
    # The marker on any sheet marks the whole file: a submission is one file.
    sample = sample or any(t.is_sample for t in tables)
    return [_with_sample(t, sample) for t in tables]


def check_xlsx_expansion(file: str, data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose parts would expand beyond the limits, from the zip directory alone.

    Runs before calamine or openpyxl decompresses anything: a 1 MB file whose sheet expands to 1 GB
    is refused here. Python's zipfile never returns more bytes than a member declares (it fails the
    CRC instead), so the declared sizes bound what parsing can allocate.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(
            f"tệp Excel hỏng, không đọc được danh mục zip ({type(exc).__name__})",
            key="unsupported_file",
            file=file,
            suggestion=_SAVE_AS_HINT,
        ) from exc
    ratio = expanded / max(len(data), 1)
    if expanded > limits.max_xlsx_expanded_bytes:
        limit, name = f"{limits.max_xlsx_expanded_bytes} byte", "max_xlsx_expanded_bytes"
    elif ratio > limits.max_xlsx_ratio:
        limit, name = f"{limits.max_xlsx_ratio} lần kích thước tệp", "max_xlsx_ratio"
    else:
        return
    raise ReadError(
        f"tệp Excel giải nén ra {expanded} byte ({ratio:.0f} lần kích thước tệp), vượt giới hạn {limit} "
        "(xlsx expands beyond the limit)",
        key="xlsx_too_large",
        file=file,
        value=str(expanded),
        expected=f"không quá {limit}",
        suggestion=f"xóa các trang/ô thừa rồi lưu lại; nếu tệp thật sự lớn như vậy, tăng {env_name(name)}",
    )


def _sheet_records(ws: Any, file: str, limits: Limits) -> Iterator[_Record]:
    """The sheet's rows as records; a sheet openpyxl cannot parse (truncated XML) is a ReadError."""
    from openpyxl.utils import get_column_letter

    rows = enumerate(ws.iter_rows(), start=1)
    n = 0
    while True:
        try:
            n, row = next(rows)
        except StopIteration:
            return
        except (SyntaxError, zipfile.BadZipFile, EOFError, KeyError, ValueError, TypeError, OSError) as exc:
            # SyntaxError covers ElementTree's and lxml's XML parse errors (a truncated sheet XML).
            raise ReadError(
                f'trang "{ws.title}" hỏng, không đọc được sau dòng {n} (corrupt sheet: {type(exc).__name__})',
                key="corrupt_sheet",
                file=file,
                suggestion="mở tệp bằng Excel/Calc, kiểm tra trang này và lưu lại dạng .xlsx",
            ) from exc
        cells = [_excel_cell(c) for c in row]
        for i, (value, *_) in enumerate(cells):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise _cell_too_long(file, ws.title, n, get_column_letter(i + 1), len(value), limits)
        yield n, cells


def _excel_cell(cell: Any) -> tuple[Any, str | None, str | None]:
    """(value, shown text if the reader changed the value, number format if not General) of a cell."""
    from planwatch.ingest.xlsx import excel_number

    value = cell.value
    if isinstance(value, str):
        return _clean(value), None, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_number(value, getattr(cell, "number_format", None))
    return value, None, None


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
        cells = [v for v, *_ in typed]
        for kind in KINDS:
            hits, unknown = _map_row(cells, kind)
            found = {name: str(cells[idx[0]]) for name, idx in hits.items()}
            if all(c.name in hits for c in _required(kind)):
                other: SubmissionKind = "tasks" if kind == "indicators" else "indicators"
                other_hits, _ = _map_row(cells, other)
                if _KEY_COLUMN[other] in other_hits:
                    raise _mixed_header(file, sheet, row_no, kind, other)
                for name, idx in hits.items():
                    if len(idx) > 1:
                        raise _duplicate(file, sheet, row_no, name, [(i, str(cells[i])) for i in idx])
                positions = {name: idx[0] for name, idx in hits.items()}
                return _Header(kind, row_no, positions, found, tuple(unknown)), None
            score = sum(1 for c in _required(kind) if c.name in hits)
            best = _better(best, _Candidate(kind, row_no, sheet, found, score))
    return None, best


def _label_match(cell: str, column: Column) -> bool:
    """A header cell that starts with one of the column's names ("Giá trị (số liệu) *"): the
    Vietnamese label row of the template, or a header a person re-typed."""
    folded = fold(cell)
    for name in (column.name, column.english, column.label_vi, *column.aliases):
        n = fold(name)
        if len(n) >= 2 and folded.startswith(n) and (len(folded) == len(n) or not folded[len(n)].isalnum()):
            return True
    return False


def _looks_like_submission(head: Sequence[_Record]) -> _Candidate | None:
    """The row that makes a header-less sheet look like a submission sheet, or None.

    Two required columns named exactly, or three by a label that starts with their name, in one
    row: an instructions sheet lists column names one per row, never side by side.
    """
    for row_no, typed in head:
        cells = [v for v, *_ in typed]
        for kind in KINDS:
            hits, _ = _map_row(cells, kind)
            exact = [c for c in _required(kind) if c.name in hits]
            labelled = [
                c for c in _required(kind) if any(isinstance(v, str) and _label_match(v, c) for v in cells)
            ]
            if len(exact) >= 2 or len(labelled) >= 3:
                found = {name: str(cells[idx[0]]) for name, idx in hits.items()}
                return _Candidate(kind, row_no, None, found, max(len(exact), 1))
    return None


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
    limits: Limits,
) -> ReadTable:
    """The rows below the header: ``head`` is the first rows, ``rest`` continues after them."""
    is_sample = _has_marker(head)
    rows: list[RawRow] = []
    problems: list[Problem] = []
    label = f"{path.name} [{sheet}]" if sheet else path.name
    header_cells = next(cells for n, cells in head if n == header.row_no)
    # The header's width: up to its last non-blank cell (trailing empty cells are not columns), and
    # its cell count as written (Excel pads every record of a CSV to the same count).
    width = max(i for i, (v, *_) in enumerate(header_cells) if v is not None) + 1
    written = len(header_cells)
    first = True
    seen = 0
    positions = tuple(header.positions.items())
    for row_no, typed in itertools.chain(head, rest):
        if row_no <= header.row_no:
            continue
        seen += 1
        if seen > limits.max_rows:
            raise ReadError(
                f"bảng có hơn {limits.max_rows} dòng dưới dòng tiêu đề (too many rows)",
                key="too_many_rows",
                file=label,
                row=row_no,
                expected=f"không quá {limits.max_rows} dòng mỗi bảng",
                suggestion=f"chia tệp thành nhiều tệp nhỏ; nếu cần nhiều hơn, tăng {env_name('max_rows')}",
            )
        cells = [v for v, *_ in typed]
        if encoding is not None and any(v is not None for v in cells):
            misfit = _cell_count_problem(label, row_no, cells, width, written, header)
            if misfit is not None:
                problems.append(misfit)
                first = False
                continue
        if first:
            first = False
            hits, _ = _map_row(cells, header.kind)
            if {k: v[0] for k, v in hits.items()} == header.positions:
                continue  # a bilingual header: the same columns named again right below
        count = len(cells)
        values = {name: cells[i] if i < count else None for name, i in positions}
        if all(v is None for v in values.values()):
            continue  # blank, or content only in ignored columns
        note = values.get(_NOTE_COLUMN)
        if isinstance(note, str) and _SAMPLE_KEY in fold(note):
            is_sample = True
        if encoding is not None:  # a CSV record: its cells have no shown text and no number format
            rows.append(ReadRow(row_no, values, {}, {}))
            continue
        texts = {name: typed[i][1] for name, i in positions if i < count and typed[i][1]}
        formats = {name: typed[i][2] for name, i in positions if i < count and typed[i][2]}
        rows.append(ReadRow(row_no, values, texts, formats))
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
        problems=tuple(problems),
    )


_INTEGER = re.compile(r"[-+−]?\d+")
_DIGIT_RUN = re.compile(r"\d+")


def _cell_count_problem(
    file: str, row_no: int, cells: Sequence[Any], width: int, written: int, header: _Header
) -> Problem | None:
    """A CSV record whose cells do not line up with the header, or None.

    More cells than the header record (or a filled cell beyond its last column) are the usual trace
    of an unquoted comma: a Vietnamese decimal comma (``12,5`` read as the two cells ``12`` and
    ``5``, which shifts every later cell, the last one often empty) or a note with commas; fewer
    cells than the header's columns, of a hand-cut line. Either way a cell may sit under the wrong
    column, so the row is not read at all.
    """
    extra = len(cells) > max(written, width) or any(v is not None for v in cells[width:])
    if not extra and len(cells) >= width:
        return None
    if not extra:
        return Problem(
            "row_too_few_cells",
            f"dòng có {len(cells)} ô, dòng tiêu đề có {width} cột (row has fewer cells than the header)",
            file,
            row_no,
            expected=f"{width} ô mỗi dòng, như dòng tiêu đề",
            suggestion="kiểm tra dòng này: thiếu dấu phân cách, hoặc một ô bị cắt",
        )
    value_at = header.positions.get("gia_tri")
    decimal_comma = any(
        isinstance(cells[i], str)
        and _INTEGER.fullmatch(cells[i].strip())
        and isinstance(cells[i + 1], str)
        and _DIGIT_RUN.fullmatch(cells[i + 1].strip())
        for i in ([value_at] if value_at is not None else []) + list(range(width - 1, len(cells) - 1))
        if i + 1 < len(cells)
    )
    if decimal_comma:
        why = (
            "số có dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy: đặt giá trị trong ngoặc kép "
            "hoặc lưu tệp với dấu chấm phẩy"
        )
        fix = 'viết "12,5" (có ngoặc kép), hoặc lưu tệp dạng CSV phân cách bằng dấu chấm phẩy (;)'
    else:
        why = "có ô chứa dấu phẩy mà không đặt trong ngoặc kép (thường là ghi chú)"
        fix = "đặt ô có dấu phẩy trong ngoặc kép, hoặc lưu lại tệp từ Excel/Calc dạng CSV"
    return Problem(
        "row_too_many_cells",
        f"dòng có {len(cells)} ô, dòng tiêu đề có {width} cột (row has more cells than the header): {why}",
        file,
        row_no,
        "gia_tri" if decimal_comma else None,
        value=", ".join(str(v) for v in cells if v is not None),
        expected=f"{width} ô mỗi dòng, như dòng tiêu đề",
        suggestion=fix,
    )


def _has_marker(rows: Iterable[_Record]) -> bool:
    return any(isinstance(v, str) and _SAMPLE_KEY in fold(v) for _, cells in rows for v, *_ in cells)


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


def _utf32(data: bytes) -> str | None:
    """ "UTF-32 LE"/"UTF-32 BE" when the bytes are UTF-32 (a mark, or three NULs in every four bytes)."""
    for bom, name in _UTF32_BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 4:
        return None
    # Text of the Basic Multilingual Plane in UTF-32 has two NUL bytes in every four.
    quads = [sample[i : i + 4] for i in range(0, len(sample) - 3, 4)]
    if all(q[2:] == b"\0\0" and q[:2] != b"\0\0" for q in quads):
        return "UTF-32 LE"
    if all(q[:2] == b"\0\0" and q[2:] != b"\0\0" for q in quads):
        return "UTF-32 BE"
    return None


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


def _missing_columns(
    file: str, sheet: str | None, best: _Candidate | None, *, broken: bool = False
) -> ReadError:
    kind: SubmissionKind = best.kind if best else "indicators"
    found = best.found if best else {}
    missing = [c for c in _required(kind) if c.name not in found]
    where = f'trang "{sheet}", ' if sheet else ""
    found_text = ", ".join(f'"{w}" → {n}' for n, w in found.items()) or "không có"
    what = "chỉ tiêu" if kind == "indicators" else "nhiệm vụ"
    lead = (
        f'trang "{sheet}" giống trang nộp số liệu {what} nhưng dòng tiêu đề không đủ cột, trang không '
        f"được bỏ qua (broken header, missing columns); "
        if broken
        else f"không tìm thấy dòng tiêu đề đủ cột trong {HEADER_SEARCH_ROWS} dòng đầu (missing columns); "
        f"{where}"
    )
    return ReadError(
        f"{lead}dòng gần nhất: {best.row_no if best and best.score else '—'}; "
        f"cột đã thấy: {found_text}; còn thiếu: {', '.join(c.name for c in missing)}",
        key="missing_columns",
        file=file,
        row=best.row_no if best and best.score else None,
        found=tuple(found),
        missing=tuple(c.name for c in missing),
        expected="; ".join(_spellings(c) for c in missing),
        suggestion="thêm các cột còn thiếu vào dòng tiêu đề, hoặc dùng biểu mẫu của `planwatch template`",
    )


def _mixed_header(
    file: str, sheet: str | None, row_no: int, kind: SubmissionKind, other: SubmissionKind
) -> ReadError:
    on = f' của trang "{sheet}"' if sheet else ""
    return ReadError(
        f"dòng tiêu đề{on} có cả cột của số liệu chỉ tiêu ({_KEY_COLUMN['indicators']}) và cột của tiến độ "
        f"nhiệm vụ ({_KEY_COLUMN['tasks']}) (header mixes indicator and task columns): không đọc một loại "
        "mà bỏ loại kia",
        key="mixed_header",
        file=file,
        row=row_no,
        column=_KEY_COLUMN[other],
        expected="mỗi trang (hoặc tệp CSV) một loại: số liệu chỉ tiêu, hoặc tiến độ nhiệm vụ",
        suggestion='tách nhiệm vụ sang trang riêng (như trang "Nhiệm vụ" của biểu mẫu) hoặc tệp CSV riêng',
    )


def _cell_too_long(
    file: str, sheet: str | None, row_no: int, column: str, length: int, limits: Limits
) -> ReadError:
    on = f'trang "{sheet}", ' if sheet else ""
    return ReadError(
        f"{on}ô ở cột {column} dài {length} ký tự, vượt giới hạn {limits.max_cell_chars} (cell too long)",
        key="cell_too_long",
        file=file,
        row=row_no,
        column=column,
        expected=f"mỗi ô không quá {limits.max_cell_chars} ký tự",
        suggestion="rút gọn ô này (ghi chú dài để ở văn bản kèm theo); hoặc tăng "
        + env_name("max_cell_chars"),
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
