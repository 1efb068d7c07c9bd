"""The quantitative targets stated in the narrative text (section III) match the document."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from planwatch.plan.document import load_lines

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGETS = SEEDS / "plan_narrative_targets.csv"
CATALOGUE = SEEDS / "plan_indicators.csv"

KINDS = {"level", "avg_growth", "annual", "period_avg", "cumulative", "rank", "qualitative"}
COMPARATORS = {">=", ">", "<=", "<", "=", "range"}
DIRECTIONS = {"higher", "lower"}
# A Vietnamese number: "." groups thousands, "," is the decimal mark ("0,035", "11.247").
VN_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def _rows() -> list[dict[str, str]]:
    with TARGETS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _line_of(marker: str) -> int:
    lines = load_lines()
    return next(i + 1 for i, line in enumerate(lines) if line.startswith(marker))


def _section_iii_bounds() -> tuple[int, int]:
    return _line_of("### **III. NHIỆM VỤ CHỦ YẾU**"), _line_of("## **IV. TỔ CHỨC THỰC HIỆN**")


def vn_numbers(text: str) -> set[float]:
    """Every number printed in ``text``, read in Vietnamese form (``05`` → 5, ``43,5`` → 43.5)."""
    return {float(m.replace(".", "").replace(",", ".")) for m in VN_NUMBER.findall(text)}


ROWS = _rows()
IDS = [r["indicator_code"] for r in ROWS]


def test_reads_vietnamese_numbers_in_quotes():
    assert vn_numbers("giảm 43,5%, 05 mô hình, 0,035% và 11.247 USD năm 2030") == {
        43.5,
        5.0,
        0.035,
        11247.0,
        2030.0,
    }


def test_catalogue_has_the_sixteen_targets_found_in_section_iii():
    assert len(ROWS) == 16


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_quote_is_verbatim_on_its_document_line(row):
    lines = load_lines()
    line_no = int(row["doc_line"])
    assert row["quote_vi"], "empty quote"
    assert row["quote_vi"] in lines[line_no - 1]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_quote_comes_from_section_iii(row):
    start, end = _section_iii_bounds()
    assert start < int(row["doc_line"]) < end


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_every_target_number_is_printed_in_its_quote(row):
    printed = vn_numbers(row["quote_vi"])
    for column in ("target_low", "target_high", "stretch_value"):
        if not row[column]:
            continue
        value = float(row[column])
        # "không còn hộ nghèo" (no poor households left) states zero in words.
        if value == 0 and "không còn" in row["quote_vi"]:
            continue
        assert value in printed, f"{column}={value} not in quote {row['quote_vi']!r}"


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_numbers_are_plain_decimals(row):
    for column in ("target_low", "target_high", "stretch_value"):
        if row[column]:
            assert re.fullmatch(r"-?\d+(\.\d+)?", row[column]), row[column]
    assert re.fullmatch(r"20(2[5-9]|30)", row["target_year"]), row["target_year"]


def test_codes_are_unique_and_of_narrative_form():
    assert len(set(IDS)) == len(IDS)
    for code in IDS:
        assert re.fullmatch(r"N\.\d+(\.\d+)+", code), code


def test_codes_do_not_collide_with_the_appendix_catalogue():
    if not CATALOGUE.exists():
        pytest.skip("PHỤ LỤC 1 catalogue not present")
    with CATALOGUE.open(encoding="utf-8", newline="") as f:
        appendix = {r["indicator_code"] for r in csv.DictReader(f)}
    assert not appendix & set(IDS)


def test_code_numbers_follow_section_and_document_order():
    lines = load_lines()
    by_section: dict[str, list[tuple[int, tuple[int, int]]]] = {}
    for row in ROWS:
        section, _, n = row["indicator_code"][2:].rpartition(".")
        assert row["section_ref"] == f"III.{section}", row["indicator_code"]
        line_no = int(row["doc_line"])
        # Position in the document: line, then where the quote starts on that line.
        position = (line_no, lines[line_no - 1].find(row["quote_vi"]))
        by_section.setdefault(section, []).append((int(n), position))
    for section, numbered in by_section.items():
        numbered.sort()
        assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1)), section
        positions = [pos for _, pos in numbered]
        assert positions == sorted(positions), f"III.{section} not numbered in document order"


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_enums_are_valid(row):
    assert row["kind"] in KINDS
    assert row["comparator"] in COMPARATORS
    assert row["direction"] in DIRECTIONS
    assert row["name_vi"] and row["unit"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_bounds_match_the_comparator(row):
    # Same convention as the appendix catalogue: a single bound sits in target_low,
    # target_high is used only by ranges.
    if row["comparator"] == "range":
        assert float(row["target_low"]) < float(row["target_high"])
    else:
        assert row["target_low"] and not row["target_high"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_direction_agrees_with_an_upper_or_lower_bound(row):
    if row["comparator"] in {"<=", "<"}:
        assert row["direction"] == "lower"
    if row["comparator"] in {">=", ">"}:
        assert row["direction"] == "higher"


def test_no_quote_repeats_an_indicator_of_section_ii():
    lines = load_lines()
    ii_start = _line_of("#### ***a) Các chỉ tiêu xây dựng Đảng***")
    ii_end = _section_iii_bounds()[0]
    section_ii = "\n".join(lines[ii_start - 1 : ii_end - 1])
    for row in ROWS:
        assert row["quote_vi"] not in section_ii, row["indicator_code"]


def test_known_targets_carry_the_documented_values():
    by_code = {r["indicator_code"]: r for r in ROWS}
    expected = {
        "N.2.1.1": (">=", 60.0, "2030"),
        "N.2.1.2": ("<=", 40.0, "2030"),
        "N.6.2": ("<=", 0.0, "2028"),
        "N.7.2.1": (">=", 6.4, "2030"),
        "N.7.2.3": (">=", 43.5, "2030"),
        "N.7.2.5": (">=", 0.035, "2030"),
    }
    for code, (comparator, low, year) in expected.items():
        row = by_code[code]
        assert (row["comparator"], float(row["target_low"]), row["target_year"]) == (
            comparator,
            low,
            year,
        )


def test_seed_yaml_types_every_column():
    config = yaml.safe_load((SEEDS / "_plan__narrative_reporting.yml").read_text())
    seed = next(s for s in config["seeds"] if s["name"] == TARGETS.stem)
    types = seed["config"]["column_types"]
    assert list(types) == list(ROWS[0])
    assert {types[c] for c in ("target_low", "target_high", "stretch_value")} == {"double"}
