"""Reading LibreOffice's own format (.ods) with the same checks as an XLSX (planwatch/ingest/ods.py).

The files are written here by hand, as Calc writes them (typed cells, repeated empty rows and
columns, a percentage cell); tests/test_template_calc.py reads the ones the real Calc saves.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from planwatch.ingest.ods import ODS_MIMETYPE, parse_ods
from planwatch.ingest.reader import ReadError, read_tables

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def text(s: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>'


def number(v: str, kind: str = "float") -> str:
    cell = f'<table:table-cell office:value-type="{kind}" office:value="{v}">'
    return f"{cell}<text:p>{v}</text:p></table:table-cell>"


EMPTY = "<table:table-cell/>"
HEADER = "".join(text(h) for h in ("ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai"))


def row(*cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


def ods(*sheets: tuple[str, list[str]], title: str = "", mimetype: str = ODS_MIMETYPE) -> bytes:
    tables = "".join(
        f'<table:table table:name="{name}">{"".join(rows)}</table:table>' for name, rows in sheets
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body>'
        f"<office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta>'
        f"<dc:title>{title}</dc:title></office:meta></office:document-meta>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("meta.xml", meta)
    return out.getvalue()


def write(tmp_path: Path, data: bytes, name: str = "nop.ods") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_ods_sheet_reads_like_the_xlsx_one_with_calcs_cell_types(tmp_path: Path) -> None:
    sheet = [
        row(text("BIỂU NỘP SỐ LIỆU")),
        row(EMPTY, repeat=3),  # Calc writes empty rows as one repeated row
        row(HEADER, '<table:table-cell table:number-columns-repeated="1019"/>'),
        row(text("II.4"), text("Quý III/2026"), number("0.132", "percentage"), text("%/năm"), text("sơ bộ")),
        row(text("II.8"), text("9 tháng năm 2026"), text("78.120"), text("tỷ USD"), text("ước tính")),
        row(text("II.8"), text("Quý III/2026"), number("12.5"), text("tỷ USD"), text("ước tính")),
        row(EMPTY, repeat=1048570),  # the empty rest of the sheet: skipped, never expanded
    ]
    (table,) = read_tables(write(tmp_path, ods(("Chỉ tiêu", sheet))))
    assert (table.sheet, table.kind, table.header_row, table.path.name) == (
        "Chỉ tiêu",
        "indicators",
        5,
        "nop.ods",
    )
    by_row = {r.row_no: r.values for r in table.rows}
    assert sorted(by_row) == [6, 7, 8]
    assert by_row[6]["gia_tri"] == pytest.approx(13.2)  # a percentage cell, as an Excel one: shown 13,2%
    assert by_row[7]["gia_tri"] == "78.120" and by_row[7]["ky"] == "9 tháng năm 2026"
    assert by_row[8]["gia_tri"] == 12.5


def test_ods_keeps_text_spaces_dates_and_the_sample_marker(tmp_path: Path) -> None:
    tasks = [
        row(*(text(h) for h in ("ma_nhiem_vu", "tinh_trang", "ngay", "van_ban"))),
        row(
            text("II.1.1"),
            text("hoàn thành"),
            '<table:table-cell office:value-type="date" office:date-value="2026-09-30">'
            "<text:p>30/09/26</text:p></table:table-cell>",
            '<table:table-cell office:value-type="string"><text:p>Quyết định<text:s text:c="2"/>số 1</text:p>'
            "<text:p>dòng hai</text:p></table:table-cell>",
        ),
    ]
    (table,) = read_tables(write(tmp_path, ods(("Nhiệm vụ", tasks), title="DỮ LIỆU MẪU")))
    values = table.rows[0].values
    assert values["ngay"] == datetime(2026, 9, 30)
    assert values["van_ban"] == "Quyết định  số 1\ndòng hai"
    assert table.is_sample


def test_a_file_named_ods_that_is_not_a_spreadsheet_is_refused_with_calc_hints(tmp_path: Path) -> None:
    for data in (
        b"ma_chi_tieu,ky\n",
        ods(("S", [row(HEADER)]), mimetype="application/vnd.oasis.opendocument.text"),
    ):
        with pytest.raises(ReadError) as exc:
            read_tables(write(tmp_path, data))
        assert exc.value.key == "unsupported_file" and exc.value.file == "nop.ods"
        assert "LibreOffice Calc" in exc.value.suggestion


def test_an_ods_without_a_header_names_the_file_sent_not_the_converted_one(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as exc:
        read_tables(write(tmp_path, ods(("S", [row(text("ma_chi_tieu"), text("ky"))]))))
    assert exc.value.key == "missing_columns" and exc.value.file == "nop.ods"


def test_an_empty_ods_is_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as exc:
        read_tables(write(tmp_path, ods(("S", [row(EMPTY, repeat=1048576)]))))
    assert exc.value.key == "empty_file"


def test_an_ods_that_expands_too_far_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_XLSX_RATIO", "2")
    big = [row(HEADER)] + [row(text("x" * 200)) for _ in range(200)]
    with pytest.raises(ReadError) as exc:
        parse_ods(ods(("S", big)), file="nop.ods")
    assert exc.value.key == "file_too_large"


def test_a_repeated_non_empty_row_may_not_run_past_the_last_row(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as exc:
        parse_ods(ods(("S", [row(HEADER), row(text("II.4"), repeat=2_000_000)])), file="nop.ods")
    assert exc.value.key == "file_too_large"
