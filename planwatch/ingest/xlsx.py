"""Read the sheets of an XLSX workbook as records: values by calamine (fastexcel), formats from the XML.

openpyxl parses every cell in Python (a 100 000-row workbook: seconds); calamine parses the sheet in
Rust. What calamine does not give, read from the workbook's own XML:
- the workbook's parts, sheet order and names, properties and styles by openpyxl's own (small, fast)
  parsers, so that a number format is the very string openpyxl names (``cell.number_format``);
- the cells that need more than a value: a number format that is not General (percent, dates,
  custom), booleans and errors, and the numbers of a column calamine turned into text (a column
  mixing text and numbers). A regex over the sheet's ``<c r=".." s=".." t="..">`` tags finds only
  those cells, and they are read from their XML exactly as openpyxl reads them.
Every other cell is a string, a General number or empty, which calamine reads as openpyxl does
(a number written without a decimal point or exponent is an int).

When calamine's reading could differ from openpyxl's and this module cannot repair it (a workbook
calamine or openpyxl cannot open or parse, ISO-dated cells, cell tags without their reference first,
``_x000D_``-style escapes, text parts whose edge spaces are not marked preserved, a text calamine
dropped from a numeric column, such as "N/A"), it raises ``Unrepresentable`` and the reader reads the
file with openpyxl, as before: the same values and the same errors, only slower.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

# A record as reader._sheet_records yields it: the row number, and per cell (value, the text shown
# when the reader changed the value, the number format of a number cell when it is not General).
Cell = tuple[Any, str | None, str | None]
Record = tuple[int, list[Cell]]
Sheet = tuple[str, Iterator[Record]]

_BLANK: Cell = (None, None, None)
_BUILTIN_MAX = 164  # openpyxl's BUILTIN_FORMATS_MAX_SIZE: custom number formats are numbered from here
# fastexcel's rendering of a number cell in a text column (excel_float_to_string: up to nine decimals).
_NUMBER_TEXT = r"^-?([0-9]+(\.[0-9]+)?|inf)$|^NaN$"
_ROW_TAG = re.compile(rb'<row r="(\d+)"')
_UNREFERENCED = re.compile(rb'<c(?:>| (?!r="))')
_PLAIN = (b"", b' t="n"')  # the attributes of a General number cell besides its reference
_STYLE = re.compile(rb' s="(\d+)"')
_TYPE = re.compile(rb' t="(\w+)"')
_STRING_TYPES = (b"s", b"str", b"inlineStr")
# calamine turns "_x000D_" in a text into a carriage return, as Excel shows it; openpyxl keeps the
# letters (it only drops "x005F_"). Such a text is read by openpyxl, so that it reads as before.
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
# calamine trims the spaces around a text part written without xml:space="preserve"; openpyxl keeps
# them (Excel, Calc and openpyxl write the attribute, but openpyxl not on a text of spaces only).
_LOOSE_START = re.compile(rb"<t>\s")
_LOOSE_END = re.compile(rb"</t>(?<=\s</t>)")


class Unrepresentable(Exception):
    """calamine's reading of this workbook could differ from openpyxl's: read it with openpyxl."""


def read_sheets(
    data: bytes, on_long_cell: Callable[[str, int, int, int], None], max_cell_chars: int
) -> tuple[Any, Iterator[Sheet]]:
    """The workbook's document properties and its worksheets in order, as (title, records).

    ``on_long_cell(sheet, row, column index, length)`` is called (and must raise) for the first text
    cell over ``max_cell_chars`` characters, when the records reach its row. Raises Unrepresentable
    (also while the records are read) when the workbook must be read with openpyxl.
    """
    import fastexcel
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        # What openpyxl's load_workbook reads, but the shared strings (calamine reads those).
        reader.read_manifest()
        reader.read_workbook()
        reader.read_properties()
        reader.read_custom()
        apply_stylesheet(reader.archive, reader.wb)
        worksheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
        strings = reader.package.find(SHARED_STRINGS)
        if strings is not None:
            _check_texts(reader.archive.read(strings.PartName[1:]))
        styles = _Styles(reader.wb)
        book = fastexcel.read_excel(data)
        names = set(book.sheet_names)
    except Unrepresentable:
        raise
    except Exception as exc:  # anything openpyxl or calamine refuses: openpyxl names it, as before
        raise Unrepresentable(f"{type(exc).__name__}: {exc}") from exc
    if any(name not in names for name, _ in worksheets):
        raise Unrepresentable("calamine does not list every worksheet")
    properties = reader.wb.properties

    def sheets() -> Iterator[Sheet]:
        for name, target in worksheets:
            too_long = functools.partial(on_long_cell, name)
            yield name, _records(book, reader.archive, name, target, styles, max_cell_chars, too_long)

    return properties, sheets()


class _Styles:
    """The cell styles of a workbook as openpyxl reads them: number format, date and timedelta styles."""

    def __init__(self, wb: Any) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS

        self.epoch = wb.epoch
        self.dates: frozenset[int] = frozenset(getattr(wb, "_date_formats", ()))
        self.timedeltas: frozenset[int] = frozenset(getattr(wb, "_timedelta_formats", ()))
        self.formats: list[str] = []
        for style in wb._cell_styles:
            fid = style.numFmtId
            # openpyxl's ReadOnlyCell.number_format, once per style instead of once per cell.
            if fid < _BUILTIN_MAX:
                self.formats.append(BUILTIN_FORMATS.get(fid, "General"))
            else:
                self.formats.append(wb._number_formats[fid - _BUILTIN_MAX])
        self.special = frozenset(i for i, f in enumerate(self.formats) if f != "General") | self.dates
        if 0 in self.special:
            # Cells without an s attribute have style 0: every one would need the XML.
            raise Unrepresentable("the default cell style is not General")


def _records(
    book: Any,
    archive: Any,
    name: str,
    target: str,
    styles: _Styles,
    max_chars: int,
    too_long: Callable[[int, int, int], None],
) -> Iterator[Record]:
    """The rows of one worksheet, numbered from 1 as in the sheet, up to its last row element
    (openpyxl's read-only rows; a row's cells may stop before its last column: the rest are blank)."""
    import fastexcel

    try:
        xml = archive.read(target)
        try:
            sheet = book.load_sheet(name, header_row=None, skip_rows=0, schema_sample_rows=None)
        except (fastexcel.UnsupportedColumnTypeCombinationError, fastexcel.CalamineCellError):
            # A column fastexcel cannot type (dates beside durations, an error it does not know):
            # every column as text, whose numbers, dates and errors the XML scan below reads.
            sheet = book.load_sheet(
                name, header_row=None, skip_rows=0, schema_sample_rows=None, dtypes="string"
            )
        columns = sheet.selected_columns
        frame = sheet.to_polars()
    except Exception as exc:  # a truncated or corrupt sheet: openpyxl names the row it stops at
        raise Unrepresentable(f"{type(exc).__name__}: {exc}") from exc
    if b' t="d"' in xml:
        raise Unrepresentable("an ISO 8601 date cell")
    if b"<is>" in xml:
        _check_texts(xml)
    last = xml.rfind(b"<row ")
    last_row = 0
    if last >= 0:
        tag = _ROW_TAG.match(xml, last)
        if tag is None:
            raise Unrepresentable("the last row has no reference")
        last_row = int(tag.group(1))
    height = frame.height
    rows = max(height, last_row)

    import polars as pl

    text_names = [c.name for c in columns if c.dtype == "string"]
    # One pass of polars over the text columns: which may hold numbers rendered as text, which
    # hold a text long enough to pass the limit (NFC makes a text at most three times longer).
    stats = (
        frame.select(
            *(pl.col(c).str.contains(_NUMBER_TEXT).any().alias(f"number {c}") for c in text_names),
            *((pl.col(c).str.len_chars() > max_chars // 3).any().alias(f"long {c}") for c in text_names),
        ).row(0, named=True)
        if text_names
        else {}
    )
    nulls = frame.null_count().row(0, named=True) if columns else {}

    cells: dict[int, list[Cell]] = {}
    text_columns: set[int] = set()
    numbers_as_text: list[int] = []  # text columns holding what may be numbers rendered as text
    long_candidates: list[tuple[int, Any]] = []
    texts = 0  # non-empty cells of text columns
    typed_with_gaps = False  # a column typed as numbers, dates or booleans, with empty cells
    padding = [_BLANK] * (rows - height)
    for info, series in zip(columns, frame.get_columns(), strict=True):
        at = info.absolute_index
        values = series.to_list()
        if info.dtype == "string":
            text_columns.add(at)
            texts += height - nulls[info.name]
            if stats[f"number {info.name}"]:
                numbers_as_text.append(at)
            if stats[f"long {info.name}"]:
                long_candidates.append((at, series))
            # Texts repeat (units, statuses, codes): clean each distinct one once.
            clean = {v: _text_cell(v) for v in set(values) if v is not None}
            clean[None] = _BLANK
            cells[at] = list(map(clean.__getitem__, values)) + padding
            continue
        typed_with_gaps = typed_with_gaps or (info.dtype != "null" and nulls[info.name] > 0)
        if info.dtype == "float":
            cells[at] = [_BLANK if v is None else (_general_number(v), None, None) for v in values] + padding
        else:  # int, boolean, null; datetimes and durations have a date style: replaced below
            cells[at] = [_BLANK if v is None else (v, None, None) for v in values] + padding

    class _Columns(dict):
        # The column of a cell's letters; a column calamine had no value in is blank so far.
        def __missing__(self, letters: bytes) -> list[Cell]:
            at = _column_index(letters)
            column = self[letters] = cells.setdefault(at, [_BLANK] * rows)
            return column

    by_letters = _Columns()
    rendered = 0  # cells of text columns that calamine rendered as text but are not texts
    try:
        for letters, row_text, attributes, text in _special_cells(xml, styles, numbers_as_text):
            column = by_letters[letters]
            if attributes in _PLAIN:  # a General number: most cells of a text column holding numbers
                if text:
                    # _cast_number, inlined: this runs for every number of a column with a header.
                    column[int(row_text) - 1] = (
                        (float(text) if b"." in text or b"E" in text or b"e" in text else int(text)),
                        None,
                        None,
                    )
                    rendered += 1
                continue
            row, col = int(row_text), _column_index(letters)
            kind_match = _TYPE.search(attributes)
            kind = kind_match.group(1) if kind_match else b"n"
            if kind in _STRING_TYPES:
                continue  # calamine read the text
            style_match = _STYLE.search(attributes)
            style = int(style_match.group(1)) if style_match else 0
            if style >= len(styles.formats):
                raise Unrepresentable(f"cell style {style} is not in the stylesheet")
            if col in text_columns and column[row - 1] is not _BLANK:
                rendered += 1
            column[row - 1] = _xml_cell(kind, text, style, styles)
    except IndexError as exc:  # a cell below the last row element: rows out of order
        raise Unrepresentable("a cell below the last row") from exc

    if typed_with_gaps:
        # calamine's type inference counts "N/A", "NULL" and the like as empty: in a column typed as
        # numbers such a text is dropped. Every text cell of the XML must be in a text column.
        written = sum(xml.count(b' t="%s"' % kind) for kind in _STRING_TYPES)
        if written != texts - rendered:
            raise Unrepresentable(f"{written} text cells in the XML, {texts - rendered} read")

    width = max(cells, default=-1) + 1
    padded = [cells.get(i) or [_BLANK] * rows for i in range(width)]
    long_cells = _long_cells(long_candidates, cells, max_chars)
    if not long_cells:  # the rows as built, without a Python step per row
        yield from zip(itertools.count(1), map(list, zip(*padded, strict=True)))
    for n, row in enumerate(zip(*padded, strict=True) if long_cells else (), start=1):
        if n in long_cells:
            too_long(n, *long_cells[n])  # raises, when the reader reaches the row, as openpyxl's did
        yield n, list(row)
    if not padded:
        for n in range(1, rows + 1):
            yield n, []


def _long_cells(
    candidates: list[tuple[int, Any]], cells: dict[int, list[Cell]], max_chars: int
) -> dict[int, tuple[int, int]]:
    """{row: (column, length)} of the first text cell over ``max_chars`` characters of each row."""
    found: dict[int, tuple[int, int]] = {}
    # Right to left, so that the leftmost long cell of a row is the one kept.
    for at, series in sorted(candidates, key=lambda pair: -pair[0]):
        column = cells[at]
        for i in (series.str.len_chars() > max_chars // 3).arg_true().to_list():
            value = column[i][0]
            if isinstance(value, str) and len(value) > max_chars:
                found[i + 1] = (at, len(value))
    return found


def _special_cells(
    xml: bytes, styles: _Styles, text_columns: list[int]
) -> list[tuple[bytes, bytes, bytes, bytes]]:
    """(column letters, row, other attributes, value text) of the cells whose value needs the XML:
    a style that is not General, a boolean or an error, and every cell of ``text_columns`` but texts."""
    wanted = []
    if styles.special:
        wanted.append(b's="(?:%s)"' % b"|".join(str(i).encode() for i in sorted(styles.special)))
    if b' t="b"' in xml or b' t="e"' in xml:
        wanted.append(b't="[be]"')
    alternatives = []
    if wanted:
        alternatives.append(rb'[A-Z]{1,3}\d+"[^>]*? (?:%s)' % b"|".join(wanted))
    if text_columns:
        letters = b"|".join(_letters(c).encode() for c in text_columns)
        alternatives.append(rb'(?:%s)\d+"(?![^>]* t="(?:s|str|inlineStr)")' % letters)
    if not alternatives:
        return []
    # The pattern reads tags as Excel, LibreOffice and openpyxl write them; a cell tag without its
    # reference first, or with a namespace prefix, goes to openpyxl.
    if _UNREFERENCED.search(xml) or b"<sheetData" not in xml:
        raise Unrepresentable("a cell tag without its reference first")
    pattern = re.compile(
        rb'<c r="(?=%s)([A-Z]{1,3})(\d+)"([^>]*?)' % b"|".join(alternatives)
        # the cell's end, or its formula (data_only: the cached value is what is read) and value
        + rb"(?:/>|>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?(?:<v>([^<]*)</v>)?)"
    )
    return pattern.findall(xml)


def _check_texts(xml: bytes) -> None:
    """Refuse (to openpyxl) texts calamine reads otherwise: escapes, spaces it would trim."""
    if _ESCAPE.search(xml):
        raise Unrepresentable("an _xHHHH_ escape in a text")
    for match in _LOOSE_START.finditer(xml):
        _refuse_loose(xml, match.start(), xml.find(b"</t>", match.start()))
    for match in _LOOSE_END.finditer(xml):
        start = xml.rfind(b"<t", 0, match.start())
        if xml[start : start + 3] == b"<t>":  # not <t xml:space="preserve">
            _refuse_loose(xml, start, match.start())


def _refuse_loose(xml: bytes, start: int, end: int) -> None:
    # A cell of spaces alone reads alike, trimmed or not: empty.
    whole = xml[start - 4 : start] in (b"<si>", b"<is>") and xml[end + 4 : end + 9] in (b"</si>", b"</is>")
    if not whole or xml[start + 3 : end].strip():
        raise Unrepresentable("a text with unpreserved spaces around it")


def _cast_number(text: bytes) -> int | float:
    # openpyxl's worksheet reader: a number with a point or an exponent is a float, else an int.
    return float(text) if b"." in text or b"E" in text or b"e" in text else int(text)


def _xml_cell(kind: bytes, text: bytes | None, style: int, styles: _Styles) -> Cell:
    """A cell read from its XML as openpyxl's worksheet reader and reader._excel_cell read it."""
    if not text or kind in _STRING_TYPES:
        return _BLANK
    if kind == b"b":
        return bool(int(text)), None, None
    if kind == b"e":
        return _text_cell(text.decode())
    value: Any = _cast_number(text)
    if style in styles.dates:
        from openpyxl.utils.datetime import from_excel

        try:
            value = from_excel(value, styles.epoch, timedelta=style in styles.timedeltas)
        except (OverflowError, ValueError):
            return _text_cell("#VALUE!")  # what openpyxl makes of a serial outside the dates
        return value, None, None
    return excel_number(value, styles.formats[style])


def excel_number(value: int | float, number_format: str | None) -> Cell:
    """(value, shown text, number format) of a number cell: a percent cell is scaled to percent and
    keeps the text Excel shows ("12,5%"); another format than General is passed on."""
    if is_percent_format(number_format):
        scaled = Decimal(repr(value)) * 100
        shown = format(scaled.normalize(), "f").replace(".", ",") + "%"
        return (int(scaled) if scaled == scaled.to_integral_value() else float(scaled)), shown, None
    if number_format and number_format != "General":
        return value, None, number_format
    return value, None, None


@functools.lru_cache(maxsize=256)  # asked for every number cell; a workbook has a few formats
def is_percent_format(number_format: str | None) -> bool:
    """True when Excel shows the cell times 100: an unquoted, unescaped % in the format code."""
    if not number_format:
        return False
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format)
    return "%" in code


def _text_cell(text: str) -> Cell:
    # NFC, blank is empty: reader._clean, on calamine's text.
    return (unicodedata.normalize("NFC", text), None, None) if text.strip() else _BLANK


def _general_number(value: float) -> int | float:
    # openpyxl reads "12" as int and "12.5"/"1e+20" as float; calamine gives floats. Excel, Calc and
    # openpyxl write an integral number below 2**53 without a point or an exponent.
    return int(value) if value.is_integer() and -(2**53) < value < 2**53 else value


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1
