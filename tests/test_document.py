"""The document loader: parts, table rows without repeated headers, markup stripping."""

import pytest

from planwatch.plan import document as doc


def test_document_path_points_at_the_plan_in_the_repo():
    assert doc.DOCUMENT_PATH.is_file()
    assert doc.DOCUMENT_PATH.parts[-3:] == ("docs", "plan", "chuong-trinh-hanh-dong-2026-2030.txt")
    # 1167 newlines; the last line has none, so 1168 lines, numbered as grep/sed number them.
    assert len(doc.load_lines()) == 1168
    assert doc.load_lines()[1052 - 1].startswith("**PHỤ LỤC 3**")


@pytest.mark.parametrize(
    ("name", "first_line", "starts_with"),
    [
        ("IV", 394, "## **IV. TỔ CHỨC THỰC HIỆN**"),
        ("PHỤ LỤC 1", 461, "**PHỤ LỤC 1**"),
        ("PHỤ LỤC 2", 544, "**PHỤ LỤC 2**"),
        ("PHỤ LỤC 3", 1052, "**PHỤ LỤC 3**"),
        ("PHỤ LỤC 4", 1142, "## Phụ lục 4"),
    ],
)
def test_part_starts_at_its_marker_line(name, first_line, starts_with):
    part = doc.part(name)
    assert part.first_line == first_line
    assert part.lines[0].startswith(starts_with)


def test_part_ends_where_the_next_part_starts():
    appendix_2 = doc.part("PHỤ LỤC 2")
    assert appendix_2.first_line + len(appendix_2.lines) == doc.part("PHỤ LỤC 3").first_line
    assert doc.part_lines("PHỤ LỤC 4")[-1] == doc.load_lines()[-1]
    # Section IV runs up to the first appendix, not into it.
    assert not any("PHỤ LỤC" in line for line in doc.part_lines("IV"))


def test_unknown_part_name_is_rejected():
    with pytest.raises(doc.UnknownPartError):
        doc.part("PHỤ LỤC 9")


def test_table_rows_drop_repeated_headers_and_their_second_line():
    rows = doc.part_table("PHỤ LỤC 2")
    assert rows, "PHỤ LỤC 2 has a table"
    assert not any(r.cells[0] in ("TT", "STT") for r in rows)
    assert not any(r.cells[3] == "Cơ quan chủ trì" for r in rows)
    appendix_1 = doc.part_table("PHỤ LỤC 1")
    assert not any(r.cells[3] == "Đến năm 2030" for r in appendix_1)
    assert not any(r.cells[0] == "<b>STT</b>" for r in doc.part_table("PHỤ LỤC 3"))


def test_table_rows_keep_document_line_numbers():
    rows = doc.part_table("PHỤ LỤC 3")
    by_line = {r.line_no: r for r in rows}
    assert by_line[1058].cells[0] == "1"
    assert doc.load_lines()[1058 - 1].split("\t") == by_line[1058].cells


def test_plain_table_rows_split_on_tabs_and_skip_headers():
    lines = ["STT\tTên\tNguồn", "1\tA\tB", "not a table line", "STT\tTên\tNguồn", "2\tC\tD"]
    assert doc.table_rows(lines) == [["1", "A", "B"], ["2", "C", "D"]]


def test_row_split_by_a_page_break_is_merged_when_asked():
    raw = {r.line_no: r for r in doc.part_table("PHỤ LỤC 1")}
    assert raw[512].cells[5] == "Sở Khoa học và Công"
    assert raw[516].after_page_break and raw[516].cells[5] == "nghe"
    merged = {r.line_no: r for r in doc.part_table("PHỤ LỤC 1", merge_page_breaks=True)}
    assert merged[512].cells[5] == "Sở Khoa học và Công nghe"
    assert 516 not in merged


def test_strip_markup_removes_tags_emphasis_and_latex():
    assert doc.strip_markup("<b>II.</b>") == "II."
    assert doc.strip_markup("$\\geq 1$") == "≥1"
    assert doc.strip_markup("$\\geq 40$") == "≥40"
    assert doc.strip_markup("**PHỤ LỤC 3****Danh mục**") == "PHỤ LỤC 3Danh mục"
    assert doc.strip_markup("*(giữ nguyên)*") == "(giữ nguyên)"
    assert doc.strip_markup("<p>a</p> <p>b</p>") == "a b"


def test_strip_markup_can_keep_list_breaks():
    cell = "<ul> <li>- Các sở</li> <li>- Công ty Điện lực Hải Phòng.</li> </ul>"
    assert doc.strip_markup(cell, keep_breaks=True) == "- Các sở\n- Công ty Điện lực Hải Phòng."
