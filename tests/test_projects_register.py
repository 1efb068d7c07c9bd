"""PHỤ LỤC 3 → seeds/plan_projects.csv."""

import csv

import pytest

from planwatch.plan import projects as pr
from planwatch.plan.agencies import load_agencies


@pytest.fixture(scope="module")
def projects():
    return pr.extract_projects()


def test_counts_match_the_appendix(projects):
    numbered = [p for p in projects if not p.parent_project_code]
    subitems = [p for p in projects if p.parent_project_code]
    assert len([p for p in numbered if p.group_code == "A"]) == 13
    assert len([p for p in numbered if p.group_code in ("B", "C")]) == 48
    assert len(numbered) == 61
    assert [p.project_code for p in subitems] == ["B.21.1", "B.21.2"]


def test_numbering_restarts_in_group_b_and_continues_into_c(projects):
    numbers = {
        g: [int(p.number_in_document) for p in projects if p.group_code == g and not p.parent_project_code]
        for g in "ABC"
    }
    assert numbers["A"] == list(range(1, 14))
    assert numbers["B"] == list(range(1, 39))
    assert numbers["C"] == list(range(39, 49))


def test_subgroups_of_group_b_cover_their_printed_ranges(projects):
    ranges = {}
    for p in projects:
        if p.group_code == "B" and not p.parent_project_code:
            ranges.setdefault(p.subgroup_code, []).append(int(p.number_in_document))
    assert {k: (min(v), max(v)) for k, v in ranges.items()} == {
        "I": (1, 16),
        "II": (17, 24),
        "III": (25, 27),
        "IV": (28, 38),
    }
    assert all(p.subgroup_code == "" for p in projects if p.group_code != "B")


def test_codes_are_unique_and_sub_items_point_to_their_parent(projects):
    codes = [p.project_code for p in projects]
    assert len(codes) == len(set(codes))
    parents = {p.parent_project_code for p in projects if p.parent_project_code}
    assert parents == {"B.21"} and "B.21" in codes


def test_first_project_row_matches_the_document(projects):
    a1 = projects[0]
    assert a1.project_code == "A.1"
    assert a1.name_vi == (
        "Quy hoạch thành phố Hải Phòng (thay thế Quyết định số 1516/QĐ-TTg và "
        "Quyết định số 1639/QĐ-TTg của Thủ tướng Chính phủ)"
    )
    assert a1.funding_sources_text == "Ngân sách thành phố"
    assert a1.funding_source_codes == "ngan_sach_thanh_pho"
    assert (a1.lead_unit_text, a1.lead_agency_codes, a1.doc_line) == ("Sở Tài chính", "STC", 1058)
    assert a1.group_name_vi == "Các quy hoạch, đề án trọng điểm"


def test_sub_item_row_matches_the_document(projects):
    row = next(p for p in projects if p.project_code == "B.21.2")
    assert (row.number_in_document, row.lead_agency_codes, row.doc_line) == ("21.2", "BQLDA", 1104)
    assert row.subgroup_name_vi == "Các dự án thuộc lĩnh vực hạ tầng kỹ thuật, chỉnh trang đô thị"
    assert row.funding_source_codes == "ngan_sach_thanh_pho;ngan_sach_trung_uong"


def test_two_lead_agency_row_in_group_c_matches_the_document(projects):
    row = next(p for p in projects if p.project_code == "C.39")
    assert row.lead_unit_text == "Sở Xây dựng, Sở Nông nghiệp và Môi trường"
    assert row.lead_agency_codes == "SXD;SNNMT"
    assert row.funding_sources_text == "Ngân sách Trung ương; Ngân sách thành phố; Nguồn vốn khác"
    assert row.funding_source_codes == "ngan_sach_trung_uong;ngan_sach_thanh_pho;von_khac"
    assert row.group_name_vi == "Các dự án, công trình thành phố phối hợp thực hiện"


def test_rows_without_lead_unit_are_kept_empty_and_flagged(projects):
    flagged = {p.project_code: p for p in projects if "missing_lead_unit" in p.parse_flags}
    assert sorted(flagged) == ["B.23", "B.24"]
    assert all(p.lead_unit_text == "" and p.lead_agency_codes == "" for p in flagged.values())


def test_every_funding_cell_and_lead_unit_is_parsed(projects):
    assert not [p.project_code for p in projects if "unparsed" in p.parse_flags]
    assert not [p.project_code for p in projects if "unmatched" in p.parse_flags]
    assert all(p.funding_source_codes for p in projects)
    known = {a.agency_code for a in load_agencies()}
    used = {c for p in projects for c in p.lead_agency_codes.split(";") if c}
    assert used <= known


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        (
            "Ngân sách thành phố, ngân sách Trung ương, Nguồn vốn khác",
            ["ngan_sach_thanh_pho", "ngan_sach_trung_uong", "von_khac"],
            [],
        ),
        (
            "Ngân sách thành phố; Vốn đóng góp; Vốn lồng ghép; Vốn khác",
            ["ngan_sach_thanh_pho", "von_dong_gop", "von_long_ghep", "von_khac"],
            [],
        ),
        ("Nguồn vốn chủ sở hữu và vay thương mại", ["von_chu_so_huu_vay_thuong_mai"], []),
        ("Ngoài ngân sách; Vốn ODA", ["ngoai_ngan_sach"], ["Vốn ODA"]),
    ],
)
def test_funding_phrases_map_to_codes_and_unknown_ones_are_reported(text, codes, unknown):
    assert pr.parse_funding(text) == (codes, unknown)


def test_committed_csv_is_exactly_what_the_extractor_produces(projects):
    committed = pr.PROJECTS_CSV.read_text(encoding="utf-8")
    assert committed == pr.projects_csv_text(projects), (
        "seeds/plan_projects.csv is stale: run `python -m planwatch.plan.projects`"
    )


def test_csv_columns_are_the_documented_ones():
    with pr.PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [
        "project_code",
        "group_code",
        "subgroup_code",
        "group_name_vi",
        "subgroup_name_vi",
        "number_in_document",
        "parent_project_code",
        "name_vi",
        "funding_sources_text",
        "funding_source_codes",
        "lead_unit_text",
        "lead_agency_codes",
        "parse_flags",
        "doc_line",
    ]
