"""The agency catalogue and the resolver of free-text agency cells."""

import csv
import re

import pytest

from planwatch.plan import agencies as ag
from planwatch.plan.document import load_lines, strip_markup

CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@pytest.fixture(scope="module")
def cells():
    return ag.document_agency_cells()


def test_cells_are_collected_from_every_part(cells):
    counts = {}
    for cell in cells:
        counts[(cell.part, cell.column)] = counts.get((cell.part, cell.column), 0) + 1
    # PHỤ LỤC 3: 63 rows, of which 2 (23 and 24) have no lead unit.
    assert counts[("PHỤ LỤC 3", "Đơn vị chủ trì")] == 61
    assert counts[("PHỤ LỤC 1", "Đơn vị chủ trì")] >= 31
    assert counts[("PHỤ LỤC 2", "Cơ quan chủ trì")] >= 206
    assert counts[("PHỤ LỤC 2", "Cơ quan phối hợp")] >= 150
    assert ("IV", "tiêu đề") in counts


def test_every_agency_cell_of_the_document_resolves_fully(cells):
    failures = [
        (c.part, c.line_no, c.column, c.text, r.unmatched)
        for c in cells
        if (r := ag.resolve_agencies(c.text)).unmatched or not r.codes
    ]
    assert failures == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ban Tổ chức Thành uỷ Sở Nội vụ", ["BTCTU", "SNV"]),
        ("- Sở Tài chính; - Thống kê thành phố.", ["STC", "TKTP"]),
        ("Sở Tài chính, UBND cấp xã", ["STC", "UBND_CAP_XA"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["SVHTTDL"]),
        ("Sở Văn hoá Thể thao và Du lịch", ["SVHTTDL"]),
        ("- Ủy ban Kiểm tra Thành uỷ, - Ban Nội chính Thành uỷ", ["UBKTTU", "BNCTU"]),
        ("Các sở, ban, ngành, địa phương liên quan", ["CAC_SO_NGANH_DIA_PHUONG"]),
        ("Sở Xây dựng, Sở Tài chính, UBND cấp xã", ["SXD", "STC", "UBND_CAP_XA"]),
        (
            "Văn phòng Thành uỷ, Sở Khoa học và Công nghệ và các cấp uỷ",
            ["VPTU", "SKHCN", "CAC_CAP_UY"],
        ),
        ("Cơ quan chủ trì: Thành đoàn Hải Phòng", ["TDHP"]),
        (
            "- Các sở: Nông nghiệp và Môi trường, Xây dựng, Công Thương, Khoa học và Công nghệ;",
            ["SNNMT", "SXD", "SCT", "SKHCN"],
        ),
        (
            "Thanh tra, Công an, Viện Kiểm sát, Tòa án, Ban Nội chính Thành ủy.",
            ["TTTP", "CATP", "VKSNDTP", "TANDTP", "BNCTU"],
        ),
        (
            "<ul> <li>- Các sở, ban, ngành, địa phương</li> <li>- Công ty Điện lực Hải Phòng.</li>"
            " <li>- Các đơn vị liên quan.</li> </ul>",
            ["CAC_SO_NGANH_DIA_PHUONG", "EVNHP", "CAC_CO_QUAN_DON_VI"],
        ),
        ("BQLDA ĐTXD theo phân công của UBND thành phố", ["BQLDA"]),
        ("Đảng ủy Công an thành phố", ["DUCATP"]),
        ("Sở Khoa học và Công nghe", ["SKHCN"]),
    ],
)
def test_tricky_cells_resolve_to_expected_codes(text, codes):
    resolution = ag.resolve_agencies(text)
    assert resolution.codes == codes
    assert resolution.unmatched == []


def test_page_break_cell_with_no_separator_resolves_in_document_order():
    text = (
        "- Các sở, ban, ngành có liên quan: Khoa học và Công nghệ Xây dựng, Nông nghiệp và Môi "
        "trường, Công an TP (phòng cháy chữa cháy), Công Thương, Nội vụ, Thuế thành phố, Bảo hiểm "
        "xã hội thành phố - UBND cấp xã - Văn phòng UBND thành phố "
        "(Trung tâm Phục vụ hành chính công TP)"
    )
    assert ag.resolve_agencies(text).codes == [
        "CAC_SO_NGANH",
        "SKHCN",
        "SXD",
        "SNNMT",
        "CATP",
        "SCT",
        "SNV",
        "THUETP",
        "BHXHTP",
        "UBND_CAP_XA",
        "VPUBNDTP",
    ]


def test_matching_ignores_case_accent_placement_and_unicode_form():
    decomposed = "Ban To\u0302\u0309 chu\u031b\u0301c Tha\u0300nh u\u0309y"  # NFD spelling
    for text in ("BAN TỔ CHỨC THÀNH ỦY", "ban tổ chức thành uỷ", decomposed):
        assert ag.resolve_agencies(text).codes == ["BTCTU"]


def test_codes_are_deduplicated_in_order_of_appearance():
    text = "Sở Tài chính; Sở Nội vụ; Sở Tài chính"
    assert ag.resolve_agencies(text).codes == ["STC", "SNV"]


def test_unknown_text_is_reported_not_guessed():
    resolution = ag.resolve_agencies("Sở Tài chính; Hội Nông dân thành phố, Sở Y tế")
    assert resolution.codes == ["STC", "SYT"]
    assert resolution.unmatched == ["Hội Nông dân thành phố"]


def test_agency_codes_are_unique_uppercase_and_fixed_codes_exist():
    agencies = ag.load_agencies()
    codes = [a.agency_code for a in agencies]
    assert len(codes) == len(set(codes))
    assert all(CODE.match(c) for c in codes)
    fixed = {
        "BTCTU",
        "BTGDVTU",
        "UBKTTU",
        "BNCTU",
        "VPTU",
        "STC",
        "TKTP",
        "SCT",
        "THUETP",
        "SXD",
        "SVHTTDL",
        "SKHCN",
        "SNV",
        "SNNMT",
        "BHXHTP",
        "BCHQSTP",
        "CATP",
        "BQLKKT",
        "SYT",
        "SGDDT",
        "UBNDTP",
    }
    assert fixed <= set(codes)


def test_only_the_statistics_office_may_submit_any_indicator():
    assert [a.agency_code for a in ag.load_agencies() if a.is_statistics_office] == ["TKTP"]


def test_agency_kinds_are_known_and_groups_are_marked():
    kinds = {a.agency_code: a.kind for a in ag.load_agencies()}
    allowed = {
        "party_body",
        "department",
        "state_agency",
        "armed_forces",
        "local_government",
        "group",
        "other",
    }
    assert set(kinds.values()) <= allowed
    assert kinds["UBND_CAP_XA"] == "group" and kinds["CAC_SO_NGANH"] == "group"
    assert kinds["STC"] == "department" and kinds["BTCTU"] == "party_body"


def test_every_alias_maps_to_an_existing_agency_and_is_unique():
    codes = {a.agency_code for a in ag.load_agencies()}
    aliases = ag.load_aliases()
    texts = [a.alias_text for a in aliases]
    assert len(texts) == len(set(texts))
    assert {a.agency_code for a in aliases} <= codes


def test_every_agency_has_at_least_one_alias():
    aliased = {a.agency_code for a in ag.load_aliases()}
    assert [a.agency_code for a in ag.load_agencies() if a.agency_code not in aliased] == []


def test_every_alias_is_printed_in_the_cell_it_cites(cells):
    # first_seen is "<part>, line <n>": the alias must be in that line's agency cell
    # (cells split by a page break are read joined, as the resolver reads them).
    lines = load_lines()
    by_line: dict[int, str] = {}
    for cell in cells:
        by_line[cell.line_no] = by_line.get(cell.line_no, "") + "\n" + strip_markup(cell.text)
    for alias in ag.load_aliases():
        line_no = int(alias.first_seen.rsplit("line ", 1)[1])
        assert alias.alias_text in by_line.get(line_no, lines[line_no - 1]), alias


def test_every_spelling_matched_in_the_document_is_listed_as_alias(cells):
    listed = {a.alias_text for a in ag.load_aliases()}
    seen = {text for c in cells for text, _ in ag.resolve_agencies(c.text).spans}
    assert sorted(seen - listed) == []


@pytest.mark.parametrize("path", [ag.AGENCIES_CSV, ag.ALIASES_CSV])
def test_seed_rows_have_exactly_the_header_columns(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert {len(row) for row in rows} == {len(rows[0])}


def test_cells_flattened_to_one_line_resolve_the_same(cells):
    # Callers may strip markup first (list items joined by spaces): same codes, nothing left.
    for cell in cells:
        flat = ag.resolve_agencies(strip_markup(cell.text))
        assert (flat.codes, flat.unmatched) == (ag.resolve_agencies(cell.text).codes, []), cell
