"""The submission reader: every accepted file form, and every file it must refuse, on real files."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from planwatch.ingest.archive import sha256_of
from planwatch.ingest.reader import ReadError, ReadTable, decode_text, read_tables

HEADER_VI = "Mã chỉ tiêu,Kỳ,Giá trị,Đơn vị tính,Trạng thái,Ghi chú"
ROWS_VI = [
    'II.8,Quý III/2026,"7.944,5",tỷ USD,ước tính,Số liệu của Sở',
    'II.4,9 tháng 2026,"13,2",%/năm,sơ bộ,',
]
CSV_VI = "\n".join([HEADER_VI, *ROWS_VI]) + "\n"
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def to_cp1258(text: str) -> bytes:
    """Encode as Vietnamese Windows does: precomposed where cp1258 has the letter, else base + tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


def only(tables: list) -> ReadTable:
    assert len(tables) == 1
    return tables[0]


def assert_vi_rows(table: ReadTable, first_row: int = 2) -> None:
    assert table.kind == "indicators"
    assert [r.row_no for r in table.rows] == [first_row, first_row + 1]
    assert table.rows[0].values == {
        "ma_chi_tieu": "II.8",
        "ky": "Quý III/2026",
        "gia_tri": "7.944,5",
        "don_vi": "tỷ USD",
        "trang_thai": "ước tính",
        "ghi_chu": "Số liệu của Sở",
    }
    assert table.rows[1].values["gia_tri"] == "13,2"
    assert table.rows[1].values["ghi_chu"] is None


# --- accepted CSV forms -----------------------------------------------------------------------


def test_reads_utf8_csv_with_quoted_decimal_commas(tmp_path: Path) -> None:
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", CSV_VI.encode("utf-8"))))
    assert table.encoding == "utf-8"
    assert table.header_row == 1
    assert table.sheet is None
    assert table.headers["gia_tri"] == "Giá trị"
    assert_vi_rows(table)


def test_reads_utf8_csv_with_bom_without_polluting_first_header(tmp_path: Path) -> None:
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", codecs.BOM_UTF8 + CSV_VI.encode("utf-8"))))
    assert table.encoding == "utf-8-sig"
    assert table.headers["ma_chi_tieu"] == "Mã chỉ tiêu"
    assert_vi_rows(table)


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [(codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")],
)
def test_reads_excel_unicode_text_export_utf16_tab_separated(
    tmp_path: Path, bom: bytes, codec: str, expected: str
) -> None:
    # What Excel's "Unicode Text (*.txt)" writes: UTF-16 with BOM, TAB-separated, CRLF.
    text = "\r\n".join(
        [
            "Mã chỉ tiêu\tKỳ\tGiá trị\tĐơn vị tính\tTrạng thái\tGhi chú",
            "II.8\tQuý III/2026\t7.944,5\ttỷ USD\tước tính\tSố liệu của Sở",
            "II.4\t9 tháng 2026\t13,2\t%/năm\tsơ bộ\t",
        ]
    )
    table = only(read_tables(write_bytes(tmp_path, "sct.txt", bom + text.encode(codec))))
    assert table.encoding == expected
    assert_vi_rows(table)


def test_detects_utf16_without_bom_from_its_nul_bytes(tmp_path: Path) -> None:
    data = "ma_chi_tieu\tky\tgia_tri\tdon_vi\ttrang_thai\nII.8\t2026\t7.944,5\ttỷ USD\tsơ bộ\n".encode(
        "utf-16-le"
    )
    table = only(read_tables(write_bytes(tmp_path, "sct.tsv", data)))
    assert table.encoding == "utf-16-le"
    assert table.rows[0].values["don_vi"] == "tỷ USD"
    assert table.rows[0].values["gia_tri"] == "7.944,5"


def test_reads_windows_1258_and_composes_its_tone_marks(tmp_path: Path) -> None:
    data = to_cp1258(CSV_VI)
    assert b"\xde" in data or b"\xd2" in data  # the test really writes combining tone marks
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", data)))
    assert table.encoding == "cp1258"
    assert_vi_rows(table)
    assert table.rows[0].values["trang_thai"] == unicodedata.normalize("NFC", "ước tính")


def test_reads_semicolon_delimiter_with_bare_decimal_commas(tmp_path: Path) -> None:
    text = "ma_chi_tieu;ky;gia_tri;don_vi;trang_thai\nII.8;2026-Q3;7.944,5;tỷ USD;ước tính\n"
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert table.rows[0].values["gia_tri"] == "7.944,5"
    assert table.rows[0].values["ky"] == "2026-Q3"


def test_finds_header_on_row_5_under_title_and_sample_banner(tmp_path: Path) -> None:
    title = ["BÁO CÁO SỐ LIỆU CHỈ TIÊU, QUÝ III/2026", "Sở Công Thương"]
    banner = "DỮ LIỆU MẪU - không dùng cho báo cáo thật"
    text = "\n".join([*title, banner, "", HEADER_VI, *ROWS_VI])
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert table.header_row == 5
    assert table.is_sample
    assert_vi_rows(table, first_row=6)


def test_header_beyond_the_first_30_rows_is_not_found(tmp_path: Path) -> None:
    text = "\n".join(["tiêu đề"] * 30 + [HEADER_VI, *ROWS_VI])
    with pytest.raises(ReadError) as exc:
        read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8")))
    assert exc.value.key == "missing_columns"


def test_reads_english_headers(tmp_path: Path) -> None:
    text = "Indicator_Code,Period,Value,Unit,Status,Note\nII.8,2026-Q3,79445,tỷ USD,official,ok\n"
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert table.headers == {
        "ma_chi_tieu": "Indicator_Code",
        "ky": "Period",
        "gia_tri": "Value",
        "don_vi": "Unit",
        "trang_thai": "Status",
        "ghi_chu": "Note",
    }
    assert table.rows[0].values["trang_thai"] == "official"


def test_reads_accentless_uppercase_headers(tmp_path: Path) -> None:
    text = "MA CHI TIEU,KY BAO CAO,GIA TRI,DVT,TRANG THAI\nII.8,2026-Q3,1,tỷ USD,so bo\n"
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert set(table.headers) == {"ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai"}
    assert table.rows[0].row_no == 2


def test_row_numbers_are_file_lines_across_blank_lines_and_multiline_cells(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu,nguoi_nhap",
            'II.8,2026-Q3,1,tỷ USD,ước tính,"ghi chú',
            'hai dòng",',
            "",
            ",,,,,,Nguyễn Văn A",
            "II.4,2026-Q3,2,%/năm,ước tính,,",
        ]
    )
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert [r.row_no for r in table.rows] == [2, 6]
    assert table.rows[0].values["ghi_chu"] == "ghi chú\nhai dòng"
    assert table.ignored_columns == ("nguoi_nhap",)


def test_skips_a_second_bilingual_header_row(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "Mã chỉ tiêu,Kỳ,Giá trị,Đơn vị,Trạng thái",
            "code,period,value,unit,status",
            "II.8,2026,1,tỷ USD,sơ bộ",
        ]
    )
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert table.header_row == 1
    assert [r.row_no for r in table.rows] == [3]


def test_reads_a_task_progress_csv(tmp_path: Path) -> None:
    text = "ma_nhiem_vu,tinh_trang,ngay,van_ban\nII.2.2.7,hoàn thành,15/06/2026,Quyết định số 4111/QĐ-UBND\n"
    table = only(read_tables(write_bytes(tmp_path, "sct.csv", text.encode("utf-8"))))
    assert table.kind == "tasks"
    assert table.rows[0].values["van_ban"] == "Quyết định số 4111/QĐ-UBND"
    assert table.rows[0].values.get("ghi_chu") is None


def test_sample_flag_follows_the_marker(tmp_path: Path) -> None:
    plain = only(read_tables(write_bytes(tmp_path, "a.csv", CSV_VI.encode("utf-8"))))
    in_note = CSV_VI.replace("Số liệu của Sở", "Dữ liệu mẫu (sinh tự động)")
    marked = only(read_tables(write_bytes(tmp_path, "b.csv", in_note.encode("utf-8"))))
    assert not plain.is_sample
    assert marked.is_sample


def test_submission_identity_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, "a.csv", CSV_VI.encode("utf-8"))
    assert sha256_of(path) == hashlib.sha256(CSV_VI.encode("utf-8")).hexdigest()


# --- accepted XLSX forms ----------------------------------------------------------------------


def indicator_sheet(ws, rows: list[list], title_rows: int = 0) -> None:
    for i in range(title_rows):
        ws.append([f"Tiêu đề {i + 1}"])
    ws.append(["ma_chi_tieu", "ten_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"])
    for row in rows:
        ws.append(row)


def test_reads_xlsx_keeping_excel_types_and_row_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    indicator_sheet(
        wb.active,
        [
            ["II.8", "Kim ngạch xuất khẩu", "2026-Q3", 7944.5, "tỷ USD", "ước tính", None],
            [None] * 7,
            ["II.10", "Doanh nghiệp", 2026, 9200, "doanh nghiệp", "sơ bộ", None],
            ["II.4", "IIP", datetime(2026, 3, 1), "13,2", "%/năm", "chính thức", "ghi chú"],
        ],
        title_rows=2,
    )
    path = tmp_path / "sct.xlsx"
    wb.save(path)
    table = only(read_tables(path))
    assert table.sheet == "Sheet"
    assert table.header_row == 3
    assert table.encoding is None
    assert table.ignored_columns == ("ten_chi_tieu",)
    assert [r.row_no for r in table.rows] == [4, 6, 7]
    first, second, third = (r.values for r in table.rows)
    assert first["gia_tri"] == 7944.5 and isinstance(first["gia_tri"], float)
    assert second["ky"] == 2026 and second["gia_tri"] == 9200 and isinstance(second["gia_tri"], int)
    assert third["ky"] == datetime(2026, 3, 1)
    assert third["gia_tri"] == "13,2"


def test_scales_percent_formatted_cells_to_percent(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    indicator_sheet(
        ws,
        [
            ["II.4", "IIP", "2026", 0.132, "%/năm", "sơ bộ", None],
            ["II.4.a", "CBCT", "2026", 1, "%", "sơ bộ", None],
            ["II.4.b", "CNC", "2026", 13.2, "%", "sơ bộ", None],
        ],
    )
    ws["D2"].number_format = "0.0%"
    ws["D3"].number_format = "0%"
    ws["D4"].number_format = '0.0"%"'  # a literal % sign: Excel shows the number as it is
    path = tmp_path / "sct.xlsx"
    wb.save(path)
    rows = only(read_tables(path)).rows
    assert rows[0].values["gia_tri"] == 13.2
    assert rows[0].texts == {"gia_tri": "13,2%"}
    assert rows[1].values["gia_tri"] == 100
    assert rows[2].values["gia_tri"] == 13.2
    assert rows[2].texts == {}


def test_reads_indicator_and_task_sheets_and_skips_instructions(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    for line in ["Hướng dẫn điền biểu", "ma_chi_tieu: mã chỉ tiêu", "gia_tri: số liệu"]:
        guide.append([line])
    indicator_sheet(wb.create_sheet("Chỉ tiêu"), [["II.8", "", "2026", 75, "tỷ USD", "ước tính", None]])
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["Mã nhiệm vụ", "Tình trạng", "Ngày", "Văn bản", "Ghi chú"])
    tasks.append(["II.2.2.7", "hoàn thành", datetime(2026, 6, 15), "Quyết định số 4111/QĐ-UBND", None])
    path = tmp_path / "sct.xlsx"
    wb.save(path)
    indicators, task_table = read_tables(path)
    assert (indicators.sheet, indicators.kind) == ("Chỉ tiêu", "indicators")
    assert (task_table.sheet, task_table.kind) == ("Nhiệm vụ", "tasks")
    assert task_table.rows[0].row_no == 2
    assert task_table.rows[0].values["ngay"] == datetime(2026, 6, 15)


def test_workbook_title_marks_the_file_as_sample(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    indicator_sheet(wb.active, [["II.8", "", "2026", 75, "tỷ USD", "ước tính", None]])
    wb.properties.title = "Dữ liệu mẫu – Sở Công Thương"
    path = tmp_path / "sample.xlsx"
    wb.save(path)
    assert only(read_tables(path)).is_sample


def test_sample_banner_on_another_sheet_marks_every_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["DỮ LIỆU MẪU"])
    indicator_sheet(wb.create_sheet("Chỉ tiêu"), [["II.8", "", "2026", 75, "tỷ USD", "ước tính", None]])
    path = tmp_path / "sample.xlsx"
    wb.save(path)
    assert only(read_tables(path)).is_sample


def test_sample_note_on_the_indicator_sheet_marks_the_task_sheet_too(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    indicator_sheet(wb.active, [["II.8", "", "2026", 75, "tỷ USD", "ước tính", "DỮ LIỆU MẪU"]])
    tasks = wb.create_sheet("Nhiệm vụ")
    tasks.append(["ma_nhiem_vu", "tinh_trang", "ngay"])
    tasks.append(["II.2.2.7", "hoàn thành", datetime(2026, 6, 15)])
    path = tmp_path / "sample.xlsx"
    wb.save(path)
    assert [t.is_sample for t in read_tables(path)] == [True, True]


# --- rejections -------------------------------------------------------------------------------


def read_error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as exc:
        read_tables(path)
    return exc.value


def test_rejects_bytes_that_are_neither_utf8_nor_cp1258_naming_the_offset(tmp_path: Path) -> None:
    data = (HEADER_VI + "\nII.8,2026,1,tỷ USD,ước tính,").encode("utf-8") + b"\x81\x8d\n"
    error = read_error(write_bytes(tmp_path, "bad.csv", data))
    assert error.key == "unreadable_encoding"
    assert error.offset == data.index(b"\x81")
    assert error.file == "bad.csv"
    assert f"{error.offset}" in str(error)
    assert "dòng 2" in str(error)


def test_rejects_western_ansi_text_rather_than_reading_it_as_vietnamese(tmp_path: Path) -> None:
    data = "ma_chi_tieu,ky,gia_tri,don_vi,trang_thai\nII.8,2026,1,Größe,ok\n".encode("cp1252")
    error = read_error(write_bytes(tmp_path, "latin.csv", data))
    assert error.key == "unreadable_encoding"
    assert error.offset == data.index("ö".encode("cp1252"))


def test_rejects_binary_bytes_in_a_csv(tmp_path: Path) -> None:
    error = read_error(write_bytes(tmp_path, "bin.csv", b"ma_chi_tieu\x00\x00\x01,ky\n\x00"))
    assert error.key == "unreadable_encoding"
    assert error.offset == 11


def test_decode_text_refuses_a_truncated_utf16_file() -> None:
    with pytest.raises(ReadError) as exc:
        decode_text(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00", file="t.txt")
    assert exc.value.key == "unreadable_encoding"
    assert exc.value.offset == 6


def test_rejects_missing_required_columns_listing_found_and_missing(tmp_path: Path) -> None:
    text = "Mã chỉ tiêu,Kỳ,Số liệu,Ghi chú\nII.8,2026,1,\n"
    error = read_error(write_bytes(tmp_path, "short.csv", text.encode("utf-8")))
    assert error.key == "missing_columns"
    assert error.row == 1
    assert set(error.found) == {"ma_chi_tieu", "ky", "gia_tri", "ghi_chu"}
    assert error.missing == ("don_vi", "trang_thai")
    assert '"đvt"' in error.expected and '"status"' in error.expected


def test_rejects_a_workbook_without_any_header_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["ma_nhiem_vu", "tinh_trang"])
    path = tmp_path / "tasks.xlsx"
    wb.save(path)
    error = read_error(path)
    assert error.key == "missing_columns"
    assert error.missing == ("ngay",)


def test_rejects_a_column_named_twice(tmp_path: Path) -> None:
    text = "Mã chỉ tiêu,Kỳ,Giá trị,Đơn vị tính,Trạng thái,value\nII.8,2026,1,tỷ USD,sơ bộ,2\n"
    error = read_error(write_bytes(tmp_path, "dup.csv", text.encode("utf-8")))
    assert error.key == "duplicate_column"
    assert error.column == "gia_tri"
    assert error.row == 1
    assert "cột C" in str(error) and "cột F" in str(error)


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_rejects_an_empty_csv(tmp_path: Path, data: bytes) -> None:
    assert read_error(write_bytes(tmp_path, "empty.csv", data)).key == "empty_file"


def test_rejects_an_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert read_error(path).key == "empty_file"


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.xls", "report"])
def test_rejects_files_that_are_not_csv_or_xlsx_by_name(tmp_path: Path, name: str) -> None:
    error = read_error(write_bytes(tmp_path, name, b"%PDF-1.7 whatever"))
    assert error.key == "unsupported_file"
    assert error.file == name


def test_rejects_a_pdf_renamed_to_csv(tmp_path: Path) -> None:
    assert read_error(write_bytes(tmp_path, "report.csv", b"%PDF-1.7\n%\xe2\xe3")).key == "unsupported_file"


def test_rejects_a_word_document_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    assert read_error(path).key == "unsupported_file"


def test_rejects_a_csv_renamed_to_xlsx(tmp_path: Path) -> None:
    assert read_error(write_bytes(tmp_path, "a.xlsx", CSV_VI.encode("utf-8"))).key == "unsupported_file"


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    assert read_error(tmp_path / "none.csv").key == "file_not_found"
