"""PHỤ LỤC 3 → the project register (``seeds/plan_projects.csv``).

Project codes: ``<group>.<number as printed>``. Group A is numbered 1–13; numbering
restarts at 1 in group B and runs on into group C (39–48), so B and C numbers never
collide: ``A.1``, ``B.1`` … ``B.38``, ``C.39`` … ``C.48``; a sub-item keeps its printed
number under its parent's group (``B.21.1``). The subgroup (B.I…B.IV) is a column, not
part of the code, so a code stays the number an official reads in the appendix.

Run ``python -m planwatch.plan.projects`` to regenerate the CSV.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from planwatch.plan.agencies import resolve_agencies
from planwatch.plan.document import TableRow, part_table, strip_markup

PROJECTS_CSV: Path = Path(__file__).resolve().parents[2] / "seeds" / "plan_projects.csv"

# Funding phrases as the document writes them (matched case-insensitively) → codes.
FUNDING_SOURCES: dict[str, str] = {
    "ngân sách thành phố": "ngan_sach_thanh_pho",
    "ngân sách trung ương": "ngan_sach_trung_uong",
    "ngân sách nhà nước": "ngan_sach_nha_nuoc",
    # "Nguồn ngân sách" does not say which level: the state budget as a whole.
    "nguồn ngân sách": "ngan_sach_nha_nuoc",
    "ngoài ngân sách": "ngoai_ngan_sach",
    "nguồn vốn khác": "von_khac",
    "vốn khác": "von_khac",
    "vốn đóng góp": "von_dong_gop",
    "vốn lồng ghép": "von_long_ghep",
    "nguồn vốn chủ sở hữu và vay thương mại": "von_chu_so_huu_vay_thuong_mai",
}

_GROUP = re.compile(r"^[ABC]$")
_SUBGROUP = re.compile(r"^(I|II|III|IV)$")
_NUMBER = re.compile(r"^(\d+)(?:\.(\d+))?$")


@dataclass(frozen=True)
class Project:
    """One row of the project register; verbatim text sits beside every parsed value."""

    project_code: str
    group_code: str
    subgroup_code: str
    group_name_vi: str
    subgroup_name_vi: str
    number_in_document: str
    parent_project_code: str
    name_vi: str
    funding_sources_text: str
    funding_source_codes: str
    lead_unit_text: str
    lead_agency_codes: str
    parse_flags: str
    doc_line: int


class ProjectRegisterError(ValueError):
    """Raised when PHỤ LỤC 3 holds a row the extractor cannot place."""


def parse_funding(text: str) -> tuple[list[str], list[str]]:
    """Split a "Nguồn vốn" cell on ``;`` and ``,`` and map each phrase to a code.

    Returns (codes in order, deduplicated; phrases that match no known source).
    """
    codes: list[str] = []
    unknown: list[str] = []
    for phrase in re.split(r"[;,]", strip_markup(text)):
        phrase = phrase.strip().rstrip(".")
        if not phrase:
            continue
        code = FUNDING_SOURCES.get(phrase.lower())
        if code is None:
            unknown.append(phrase)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def extract_projects(rows: list[TableRow] | None = None) -> list[Project]:
    """Read every numbered project and sub-item of PHỤ LỤC 3, in document order."""
    rows = part_table("PHỤ LỤC 3") if rows is None else rows
    projects: list[Project] = []
    group = subgroup = group_name = subgroup_name = ""
    for row in rows:
        cells = [c for c in row.cells] + [""] * (4 - len(row.cells))
        stt = strip_markup(cells[0])
        title = strip_markup(cells[1])
        if _GROUP.match(stt):
            group, group_name, subgroup, subgroup_name = stt, title, "", ""
            continue
        if _SUBGROUP.match(stt):
            subgroup, subgroup_name = stt, title
            continue
        number = _NUMBER.match(stt)
        if not number or not group:
            raise ProjectRegisterError(
                f"PHỤ LỤC 3, line {row.line_no}: unexpected STT {cells[0]!r} "
                "(expected a group letter A/B/C, a roman subgroup or a project number)"
            )
        projects.append(_project(row, cells, stt, number, group, group_name, subgroup, subgroup_name))
    return projects


def _project(
    row: TableRow,
    cells: list[str],
    stt: str,
    number: re.Match[str],
    group: str,
    group_name: str,
    subgroup: str,
    subgroup_name: str,
) -> Project:
    parent = f"{group}.{number.group(1)}" if number.group(2) else ""
    funding_text = strip_markup(cells[2])
    lead_text = strip_markup(cells[3])
    funding_codes, unknown = parse_funding(funding_text)
    flags: list[str] = []
    if unknown:
        flags.append("funding_unparsed:" + "|".join(unknown))
    if not funding_text:
        flags.append("missing_funding")
    if re.search(r"(?i)nguồn ngân sách", funding_text):
        # mapped to ngan_sach_nha_nuoc, but the document does not say which level
        flags.append("funding_budget_level_unspecified")
    lead_codes: list[str] = []
    if lead_text:
        resolution = resolve_agencies(lead_text)
        lead_codes = resolution.codes
        if resolution.unmatched:
            flags.append("lead_unit_unmatched:" + "|".join(resolution.unmatched))
    else:
        flags.append("missing_lead_unit")
    return Project(
        project_code=f"{group}.{stt}",
        group_code=group,
        subgroup_code=subgroup,
        group_name_vi=group_name,
        subgroup_name_vi=subgroup_name,
        number_in_document=stt,
        parent_project_code=parent,
        name_vi=strip_markup(cells[1]),
        funding_sources_text=funding_text,
        funding_source_codes=";".join(funding_codes),
        lead_unit_text=lead_text,
        lead_agency_codes=";".join(lead_codes),
        parse_flags=";".join(flags),
        doc_line=row.line_no,
    )


def projects_csv_text(projects: list[Project]) -> str:
    """Render the register as CSV text (UTF-8, ``\\n`` line ends, header first)."""
    buffer = io.StringIO()
    names = [f.name for f in fields(Project)]
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for project in projects:
        writer.writerow(asdict(project))
    return buffer.getvalue()


def write_projects_csv(path: Path = PROJECTS_CSV) -> list[Project]:
    """Extract PHỤ LỤC 3 and write the seed file; returns the projects written."""
    projects = extract_projects()
    path.write_text(projects_csv_text(projects), encoding="utf-8")
    return projects


def main() -> int:
    """CLI entry: regenerate ``seeds/plan_projects.csv`` and print a one-line summary."""
    projects = write_projects_csv()
    flagged = [p.project_code for p in projects if p.parse_flags]
    print(f"wrote {len(projects)} projects to {PROJECTS_CSV}; flagged: {', '.join(flagged)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
