"""XLSX read by calamine (planwatch/ingest/xlsx.py): the same records as openpyxl's reading, the
cell number formats (percent cells) read right, and the workbooks calamine cannot read exactly
handed to openpyxl. Workbooks as openpyxl writes them (inline texts) and as Excel and Calc write them
(shared strings, styles, cached formula values, errors), written here part by part."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from conftest import calamine_records, reference_records
from openpyxl.styles import Alignment, Font

from planwatch.ingest import xlsx
from planwatch.ingest.errors import ReadError
from planwatch.ingest.limits import Limits
from planwatch.ingest.reader import _read_workbook_openpyxl, read_tables

HEADER = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"]


def saved(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def same_as_openpyxl(data: bytes) -> list:
    """calamine's records, asserted equal to openpyxl's (and read without handing over to openpyxl)."""
    fast = calamine_records(data)
    assert fast == reference_records(data)
    return fast


def cells_of(records: list, sheet: str) -> dict[tuple[int, int], tuple]:
    rows = dict(records)[sheet]
    return {(n, i): c[1:] for n, cells in rows for i, c in enumerate(cells) if c[1:] != (None, None, None)}


# --- workbooks as openpyxl writes them ---------------------------------------------------------------


def test_percent_date_text_custom_and_general_cells_read_as_openpyxl_reads_them() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(HEADER)
    values = [
        (0.132, "0.0%"),
        (0.125, "0.00%"),
        (1, "0%"),
        (0.5, '0.0"%"'),  # a quoted %: not a percent format
        (7944.5, "#,##0.0##"),
        (12, "@"),
        (datetime(2026, 9, 30), "dd/mm/yyyy"),
        (date(2026, 1, 2), "mm-dd-yy"),
        (time(12, 30), "h:mm"),
        (timedelta(hours=30), "[h]:mm:ss"),
        (3, "General"),
        (2.5, "General"),
        (0.30000000000000004, "General"),
        (123456789012345, "General"),
        (1e20, "General"),
        (-4, "0.0"),
    ]
    for i, (value, number_format) in enumerate(values, start=2):
        ws.append(["II.6", "2025", value, "%", "chính thức", "ghi chú" if i % 2 else None])
        ws.cell(i, 3).number_format = number_format
    got = cells_of(same_as_openpyxl(saved(wb)), "Chỉ tiêu")
    assert got[(2, 2)] == (13.2, "13,2%", None)
    assert got[(3, 2)] == (12.5, "12,5%", None)
    assert got[(4, 2)] == (100, "100%", None)
    assert got[(5, 2)] == (0.5, None, '0.0"%"')
    assert got[(6, 2)] == (7944.5, None, "#,##0.0##")
    assert got[(8, 2)][0] == datetime(2026, 9, 30)
    assert got[(11, 2)][0] == timedelta(hours=30)
    assert got[(12, 2)] == (3, None, None) and isinstance(got[(12, 2)][0], int)


def test_blank_rows_merged_cells_offsets_and_several_sheets_read_as_openpyxl_reads_them() -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Hướng dẫn"
    notes["B2"] = "Điền số liệu vào trang Chỉ tiêu"
    notes.merge_cells("B2:F2")
    notes["B2"].alignment = Alignment(wrap_text=True)
    data = wb.create_sheet("Chỉ tiêu")
    data["C4"] = "BIỂU MẪU"
    data["C4"].font = Font(bold=True)
    for j, name in enumerate(HEADER, start=3):
        data.cell(6, j, name)
    data.append([])
    data.cell(8, 3, "II.6")
    data.cell(8, 5, 12.5)
    data.cell(8, 8, "  ")  # blank text
    data.cell(10, 4, "2025")
    data.cell(10, 5, "16,1")  # a typed text beside numbers in the same column
    data.cell(11, 5, True)
    data.cell(30, 2).number_format = "0%"  # a styled empty cell far below: a last row without values
    hidden = wb.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden["A1"] = 3
    wb.create_sheet("Trống")
    records = same_as_openpyxl(saved(wb))
    assert [title for title, _ in records[1:]] == ["Hướng dẫn", "Chỉ tiêu", "Ẩn", "Trống"]
    got = cells_of(records, "Chỉ tiêu")
    assert got[(8, 4)] == (12.5, None, None) and got[(10, 4)] == ("16,1", None, None)
    assert got[(11, 4)] == (True, None, None)
    assert max(n for n, _ in dict(records)["Chỉ tiêu"]) == 30


def test_the_template_filled_in_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    from test_template import TODAY, small_catalogue

    from planwatch.ingest.template import write_template

    path = write_template(small_catalogue(), "SCT", "9 tháng 2026", tmp_path / "t.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb["Chỉ tiêu"]
    ws["D6"], ws["F6"] = "16,1", "ước tính"
    ws["D7"], ws["F7"] = 0.132, "sơ bộ"
    ws["D7"].number_format = "0.0%"  # Calc stores a typed "13,2%" so
    ws["D8"] = 7944.5
    wb["Nhiệm vụ"]["E6"] = datetime(2026, 9, 30)
    got = cells_of(same_as_openpyxl(saved(wb)), "Chỉ tiêu")
    assert got[(7, 3)] == (13.2, "13,2%", None)
    assert got[(8, 3)][0] == 7944.5


def test_a_large_workbook_reads_row_for_row_as_openpyxl_reads_it() -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Chỉ tiêu")
    ws.append(HEADER)
    for i in range(3000):
        value = [0.5, 12, "12,5", None, 1e-7][i % 5]
        ws.append(
            [f"II.{i % 40}", f"{1900 + i // 12}-{i % 12 + 1:02d}", value, "tỷ đồng", "chính thức", f"n{i}"]
        )
    records = same_as_openpyxl(saved(wb))
    assert len(dict(records)["Chỉ tiêu"]) == 3001


# --- workbooks as Excel and Calc write them: shared strings, styles, cached values ----------------------


STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="#,##0.0##"/><numFmt numFmtId="165" formatCode="0.0%"/>\
<numFmt numFmtId="166" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
# The styles above: 1 "#,##0.0##", 2 "0.0%", 3 "dd/mm/yyyy", 4 builtin 9 "0%", 5 text "@", 6 builtin 14.
NUMBER, PERCENT, DATE, PERCENT0, TEXT, DATE14 = 1, 2, 3, 4, 5, 6
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def excel_workbook(
    sheets: dict[str, str],
    strings: list[str],
    *,
    title: str | None = None,
    date1904: bool = False,
    styles: str = STYLES,
) -> bytes:
    """An XLSX of the parts Excel writes: ``sheets`` maps a name to its sheetData rows (XML),
    ``strings`` are the shared strings (XML content of each <si>)."""
    names = list(sheets)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(names) + 1)
        )
        + '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/></Relationships>',
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        + (f"<dc:title>{escape(title)}</dc:title>" if title else "")
        + "</cp:coreProperties>",
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} {RNS}>'
        + ('<workbookPr date1904="1"/>' if date1904 else "")
        + "<sheets>"
        + "".join(
            f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)
        )
        + f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{len(names) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">' + "".join(f"<si>{s}</si>" for s in strings) + "</sst>",
    }
    for i, n in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS} {RNS}><sheetData>{sheets[n]}</sheetData>'
            '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>'
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


STRINGS = [
    "<t>ma_chi_tieu</t>",
    "<t>ky</t>",
    "<t>gia_tri</t>",
    "<t>don_vi</t>",
    "<t>II.6</t>",
    "<t>2025</t>",
    '<r><t xml:space="preserve">tỷ </t></r><r><rPr><b/></rPr><t>đồng</t></r>',  # rich text
    '<t xml:space="preserve">  </t>',
    "<t>N/A</t>",
    "<t>Biểu số liệu</t>",
    "<t>Tăng trưởng</t>",
    "<t>12</t>",
    "<t>trang_thai</t>",
]


def row(n: int, *cells: str) -> str:
    return f'<row r="{n}" spans="1:6">{"".join(cells)}</row>'


def s(ref: str, index: int, style: int | None = None) -> str:
    return f'<c r="{ref}"{f" s={chr(34)}{style}{chr(34)}" if style else ""} t="s"><v>{index}</v></c>'


def n(ref: str, text: str, style: int | None = None) -> str:
    return f'<c r="{ref}"{f" s={chr(34)}{style}{chr(34)}" if style else ""}><v>{text}</v></c>'


EXCEL_SHEET = "".join(
    [
        row(1, s("A1", 9)),  # a merged title
        row(3, s("A3", 0), s("B3", 1), s("C3", 2), s("D3", 3), s("E3", 12)),
        row(4, s("A4", 4), s("B4", 5), n("C4", "0.132", PERCENT), s("D4", 6)),
        row(5, s("A5", 4), s("B5", 5), n("C5", "0.5", PERCENT0), s("D5", 7)),
        row(6, s("A6", 4), s("B6", 5), n("C6", "7944.5", NUMBER), f'<c r="D6" s="{NUMBER}"/>'),
        row(7, s("A7", 4), s("B7", 5), n("C7", "46295", DATE), n("D7", "46000", DATE14)),
        row(8, s("A8", 4), s("B8", 5), '<c r="C8" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
        row(9, s("A9", 4), s("B9", 5), '<c r="C9" t="b"><v>1</v></c>', s("D9", 8)),
        row(10, s("A10", 4), '<c r="B10" t="str"><f>TEXT(2025,"0")</f><v>2025</v></c>', n("C10", "12")),
        row(
            11,
            s("A11", 4),
            s("B11", 5),
            '<c r="C11"><f t="shared" ref="C11:C12" si="0">C4*2</f><v>0.264</v></c>',
        ),
        row(12, s("A12", 4), s("B12", 5), '<c r="C12"><f t="shared" si="0"/><v>1</v></c>'),
        row(
            13,
            s("A13", 4),
            '<c r="B13" t="inlineStr"><is><t>2024</t></is></c>',
            n("C13", "1E-3"),
            n("D13", "0.30000000000000004"),  # fastexcel renders it "0.3" in a text column
        ),
        row(14, s("A14", 11, TEXT), n("B14", "2025", TEXT), n("C14", "-2.5E+3", NUMBER), n("D14", "1e400")),
        '<row r="15" spans="1:6"/>',
        row(16, '<c r="A16" s="1"/>', '<c r="B16"><f>A1</f><v></v></c>'),
    ]
)


def test_an_excel_workbook_reads_as_openpyxl_reads_it() -> None:
    data = excel_workbook({"Chỉ tiêu": EXCEL_SHEET, "Ghi chú": row(2, s("B2", 10), n("C2", "3"))}, STRINGS)
    got = cells_of(same_as_openpyxl(data), "Chỉ tiêu")
    assert got[(4, 2)] == (13.2, "13,2%", None) and got[(5, 2)] == (50, "50%", None)
    assert got[(6, 2)] == (7944.5, None, "#,##0.0##")
    assert got[(7, 2)] == (datetime(2026, 9, 30), None, None)
    assert got[(8, 2)] == ("#DIV/0!", None, None) and got[(9, 2)] == (True, None, None)
    assert got[(4, 3)] == ("tỷ đồng", None, None)
    assert got[(10, 1)] == ("2025", None, None) and got[(10, 2)] == (12, None, None)
    assert got[(11, 2)] == (0.264, None, None) and got[(12, 2)] == (1, None, None)
    assert got[(14, 1)] == (2025, None, "@")
    assert got[(13, 3)] == (0.30000000000000004, None, None)


def test_a_1904_workbook_reads_its_dates_as_openpyxl_does() -> None:
    data = excel_workbook({"Chỉ tiêu": EXCEL_SHEET}, STRINGS, date1904=True)
    got = cells_of(same_as_openpyxl(data), "Chỉ tiêu")
    assert got[(7, 2)] == (datetime(2030, 10, 1), None, None)


def test_the_sample_marker_in_the_properties_is_read() -> None:
    data = excel_workbook({"Chỉ tiêu": EXCEL_SHEET}, STRINGS, title="DỮ LIỆU MẪU")
    assert same_as_openpyxl(data)[0] == ("", [(0, ["DỮ LIỆU MẪU", None, None])])


# --- what calamine cannot read as openpyxl does goes to openpyxl --------------------------------------


def outcome(read: Callable[[], object]) -> object:
    try:
        return read()
    except ReadError as exc:
        return exc.key, str(exc)


def handed_to_openpyxl(data: bytes, tmp_path: Path) -> None:
    """calamine hands the workbook over, and the reader reads it as openpyxl does (or refuses it alike)."""
    with pytest.raises(xlsx.Unrepresentable):
        calamine_records(data)
    path = tmp_path / "sct.xlsx"
    path.write_bytes(data)
    limits = Limits()
    assert outcome(lambda: read_tables(path, limits=limits)) == outcome(
        lambda: _read_workbook_openpyxl(path, data, limits)
    )


def test_a_text_calamine_drops_from_a_numeric_column_goes_to_openpyxl(tmp_path: Path) -> None:
    # No header above: calamine types the column as numbers and drops "N/A" as empty.
    sheet = row(1, n("A1", "1"), n("B1", "2")) + row(2, s("A2", 8), n("B2", "3"))
    sheet += row(3, n("B3", "4"))
    handed_to_openpyxl(excel_workbook({"S": sheet}, STRINGS), tmp_path)


def test_escaped_characters_go_to_openpyxl(tmp_path: Path) -> None:
    strings = [*STRINGS, "<t>a_x000D_b</t>"]
    handed_to_openpyxl(excel_workbook({"S": row(1, s("A1", len(strings) - 1))}, strings), tmp_path)


def test_an_iso_dated_cell_goes_to_openpyxl(tmp_path: Path) -> None:
    sheet = row(1, s("A1", 0), '<c r="B1" t="d"><v>2026-09-30T00:00:00</v></c>')
    handed_to_openpyxl(excel_workbook({"S": sheet}, STRINGS), tmp_path)


def test_cells_without_their_reference_go_to_openpyxl(tmp_path: Path) -> None:
    sheet = '<row r="1"><c t="s"><v>0</v></c><c s="2"><v>0.5</v></c></row>'
    handed_to_openpyxl(excel_workbook({"S": sheet}, STRINGS), tmp_path)


def test_spaces_calamine_would_trim_go_to_openpyxl(tmp_path: Path) -> None:
    strings = [*STRINGS, "<r><t>tỷ </t></r><r><t>đồng</t></r>"]
    handed_to_openpyxl(excel_workbook({"S": row(1, s("A1", len(strings) - 1))}, strings), tmp_path)


def test_a_workbook_whose_default_style_is_a_percent_goes_to_openpyxl(tmp_path: Path) -> None:
    # Every cell without an s attribute would be a percent cell: openpyxl reads them so.
    styles = STYLES.replace('<cellXfs count="7"><xf numFmtId="0"', '<cellXfs count="7"><xf numFmtId="10"')
    sheet = row(1, s("A1", 0), n("B1", "0.5"))
    handed_to_openpyxl(excel_workbook({"S": sheet}, STRINGS, styles=styles), tmp_path)


@pytest.mark.parametrize("part", ["xl/worksheets/sheet2.xml", "xl/sharedStrings.xml", "xl/styles.xml"])
def test_a_truncated_part_is_refused_as_openpyxl_refuses_it(tmp_path: Path, part: str) -> None:
    good = excel_workbook({"Chỉ tiêu": EXCEL_SHEET, "Ghi chú": EXCEL_SHEET}, STRINGS)
    cut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(cut, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    handed_to_openpyxl(cut.getvalue(), tmp_path)


# --- the reader's errors, as before ---------------------------------------------------------------------


def test_a_too_long_cell_is_refused_at_its_row_and_column(tmp_path: Path) -> None:
    sheet = EXCEL_SHEET.replace(s("D5", 7), s("D5", len(STRINGS)))
    data = excel_workbook({"Chỉ tiêu": sheet}, [*STRINGS, f"<t>{'x' * 60}</t>"])
    path = tmp_path / "long.xlsx"
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        read_tables(path, limits=Limits(max_cell_chars=50))
    assert (caught.value.key, caught.value.row, caught.value.column) == ("cell_too_long", 5, "D")


def test_an_empty_workbook_and_a_workbook_expanding_beyond_the_limit_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(excel_workbook({"S": ""}, []))
    with pytest.raises(ReadError) as caught:
        read_tables(empty)
    assert caught.value.key == "empty_file"
    big = tmp_path / "big.xlsx"
    big.write_bytes(excel_workbook({"S": EXCEL_SHEET * 20}, STRINGS))
    with pytest.raises(ReadError) as caught:
        read_tables(big, limits=Limits(max_xlsx_ratio=2))
    assert caught.value.key == "xlsx_too_large"


def test_the_excel_workbook_reads_into_the_same_tables_by_both_readers(tmp_path: Path) -> None:
    path = tmp_path / "sct.xlsx"
    path.write_bytes(excel_workbook({"Chỉ tiêu": EXCEL_SHEET}, STRINGS))
    limits = Limits()
    assert read_tables(path, limits=limits) == _read_workbook_openpyxl(path, path.read_bytes(), limits)
