"""The PHỤ LỤC 1 and Phụ lục 4 seeds checked against the document itself, number by number.

The tables are parsed here from docs/plan/… with a parser of the test's own (not the one that helped
write the seeds), codes are assigned by the numbering rules of docs/domain.md (Indicator codes), and
every seed value is compared with the cell it came from.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.ingest.numbers import parse_vn_number

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs/plan/chuong-trinh-hanh-dong-2026-2030.txt").read_text(encoding="utf-8").split("\n")


def read_seed(name: str) -> list[dict[str, str]]:
    with (ROOT / "seeds" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_lines(start_marker: str, end_marker: str | None) -> list[tuple[int, list[str]]]:
    """Tab-separated rows between two markers, with 1-based line numbers, page-break headers dropped."""
    start = next(i for i, line in enumerate(DOC) if line.startswith(start_marker))
    end = (
        len(DOC)
        if end_marker is None
        else next(i for i, line in enumerate(DOC) if line.startswith(end_marker))
    )
    rows = []
    for i in range(start, end):
        if "\t" not in DOC[i]:
            continue
        cells = [re.sub(r"</?[bi]>", "", c).strip() for c in DOC[i].split("\t")]
        if cells[0] in ("STT", "TT") or (
            not cells[0] and not cells[1] and not cells[2] and cells[3].startswith(("Đến năm", "Thực hiện"))
        ):
            continue
        rows.append((i + 1, cells))
    return rows


def phu_luc_1_rows() -> dict[str, dict]:
    """PHỤ LỤC 1 as {code: row}, coded by the appendix numbering rules."""
    rows: dict[str, dict] = {}
    section = numbered = None
    letter = 0
    last = None
    for line_no, cells in table_lines("**PHỤ LỤC 1**", "**PHỤ LỤC 2**"):
        cells += [""] * (7 - len(cells))
        stt, name = cells[0], cells[1]
        if stt in ("I.", "II."):
            section = stt.rstrip(".")
            continue
        if name == "Trong đó:":
            continue
        if not stt and not name:  # a cell continued after a page break
            for k in range(2, 7):
                if cells[k]:
                    last[k] = f"{last[k]} {cells[k]}".strip()
            continue
        if re.fullmatch(r"\d+\.?", stt):
            numbered, letter = stt.rstrip("."), 0
            code = f"{section}.{numbered}"
            if name.startswith("- "):  # the first dash sub-row printed on the numbered line (I.6)
                letter = 1
                code = f"{code}.a"
        elif re.fullmatch(r"\d+\.\d+", stt):
            code = f"{section}.{stt}"
        else:
            letter += 1
            code = f"{section}.{numbered}.{'abcdefgh'[letter - 1]}"
        last = cells
        rows[code] = {"line": line_no, "cells": cells}
    return rows


def numbers_in(text: str) -> list[Decimal]:
    """Every number in a cell, read the Vietnamese way; LaTeX `$\\geq 40$` is unwrapped first."""
    text = text.replace("$\\geq", "≥").replace("$", "")
    return [parse_vn_number(m) for m in re.findall(r"\d+(?:[.,]\d+)*", text)]


PL1 = phu_luc_1_rows()
INDICATORS = {row["indicator_code"]: row for row in read_seed("plan_indicators.csv")}


def test_phu_luc_1_has_52_rows_and_the_seed_has_exactly_those_codes():
    assert len(PL1) == 52
    assert set(INDICATORS) == set(PL1)
    numbered = [c for c in PL1 if re.fullmatch(r"(I|II)\.\d+", c)]
    assert len(numbered) == 7 + 24 - 1  # I.6 is printed only through its sub-rows I.6.a, I.6.b


@pytest.mark.parametrize("code", sorted(PL1))
def test_indicator_seed_keeps_every_cell_verbatim(code):
    cells, seed = PL1[code]["cells"], INDICATORS[code]
    assert seed["name_vi_verbatim"] == cells[1]
    assert seed["unit_verbatim"] == cells[2]
    assert seed["target_2030_cell_vi"] == cells[3]
    assert seed["target_avg_cell_vi"] == cells[4]
    assert seed["lead_agency_text_verbatim"] == cells[5]
    assert seed["note_vi"] == cells[6]
    assert int(seed["doc_line"]) == PL1[code]["line"]


@pytest.mark.parametrize("code", sorted(c for c in PL1 if INDICATORS[c]["kind"] != "group"))
def test_indicator_targets_are_the_numbers_printed_in_the_document(code):
    seed = INDICATORS[code]
    cell = f"{seed['target_2030_cell_vi']} {seed['target_avg_cell_vi']}"
    factor = Decimal(seed["unit_factor_from_verbatim"])
    # Years (2027, 2026-2030) and "5 năm" describe the target; the rest are target values.
    printed = [n for n in numbers_in(cell) if not 2000 <= n <= 2100]
    printed = [n for n in printed if not (n == 5 and "5 năm" in cell)]
    targets = [Decimal(seed[k]) / factor for k in ("target_low", "target_high", "stretch_value") if seed[k]]
    assert printed[0] == targets[0], "the first number printed is the target (or its low bound)"
    assert sorted(set(printed)) == sorted(set(targets))


def test_target_year_is_the_one_the_document_names():
    assert INDICATORS["I.3"]["target_year"] == "2027"
    assert "Đến năm 2027" in INDICATORS["I.3"]["target_2030_cell_vi"]
    others = {c: r["target_year"] for c, r in INDICATORS.items() if r["kind"] != "group" and c != "I.3"}
    assert set(others.values()) == {"2030"}


@pytest.mark.parametrize("code", sorted(PL1))
def test_indicator_seed_quotes_its_section_ii_paragraph(code):
    seed = INDICATORS[code]
    line = int(seed["section_ii_line"])
    assert DOC[line - 1].strip() == seed["section_ii_text_vi"]
    number = code.split(".")[1]
    assert seed["section_ii_text_vi"].startswith(f"({number}) ")


def test_range_and_stretch_targets_are_read_as_such():
    assert (
        INDICATORS["II.4"]["comparator"],
        INDICATORS["II.4"]["target_low"],
        INDICATORS["II.4"]["target_high"],
    ) == ("range", "15.5", "16.5")
    assert (INDICATORS["II.1"]["target_low"], INDICATORS["II.1"]["stretch_value"]) == ("13", "14")
    assert {INDICATORS[f"II.14.{i}"]["stretch_value"] for i in range(1, 5)} == {"3"}
    assert INDICATORS["II.7"]["target_low"] == "2400000"  # 2,4 triệu tỷ đồng in tỷ đồng


def phu_luc_4_rows() -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for line_no, cells in table_lines("## Phụ lục 4", None):
        cells += [""] * (10 - len(cells))
        if not cells[0] and all(not c for c in cells[2:]):  # a label split by a page break
            prev_line, prev = rows[-1]
            prev[1] = f"{prev[1]} {cells[1]}"
            continue
        rows.append((line_no, cells))
    return rows


PL4 = phu_luc_4_rows()
TRAJECTORY = read_seed("plan_trajectory.csv")


def test_phu_luc_4_has_15_rows_of_5_years_and_the_seed_has_all_of_them():
    assert len(PL4) == 15
    assert len(TRAJECTORY) == 15 * 5
    assert {int(r["year"]) for r in TRAJECTORY} == set(range(2026, 2031))


@pytest.mark.parametrize("order", range(1, 16))
def test_trajectory_seed_matches_every_scenario_number(order):
    line_no, cells = PL4[order - 1]
    seed_rows = sorted(
        (r for r in TRAJECTORY if int(r["scenario_row_order"]) == order),
        key=lambda r: int(r["year"]),
    )
    assert [r["row_label_vi"] for r in seed_rows] == [cells[1]] * 5
    assert {int(r["doc_line"]) for r in seed_rows} == {line_no}
    for seed, cell in zip(seed_rows, cells[5:10], strict=True):
        assert seed["value_text_vi"] == cell
        bounds = [parse_vn_number(part) for part in cell.split(" - ")]
        assert Decimal(seed["plan_low"]) == bounds[0]
        assert Decimal(seed["plan_high"]) == bounds[-1]


def test_each_scenario_row_is_tied_to_the_indicator_it_plans():
    label_to_code = {r["row_label_vi"]: r["indicator_code"] for r in TRAJECTORY}
    assert label_to_code["Tốc độ tăng GRDP (giá so sánh)"] == "II.1"
    assert label_to_code["GRDP bình quân đầu người (giá hiện hành)"] == "II.2"
    assert label_to_code["Thu ngân sách nhà nước trên địa bàn"] == "II.6"
    assert label_to_code["Trong đó, thu nội địa"] == "II.6.a"
    assert label_to_code["Tổng vốn đầu tư thực hiện trên địa bàn"] == "II.7"
    assert label_to_code["Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP"] == "II.4.a"
    scenario_only = {r["indicator_code"] for r in read_seed("plan_scenario_indicators.csv")}
    assert set(label_to_code.values()) <= set(INDICATORS) | scenario_only
    # Every scenario row's unit agrees with the catalogue unit of its indicator.
    for row in TRAJECTORY:
        code = row["indicator_code"]
        if code in INDICATORS:
            unit = INDICATORS[code]["unit"].replace(" ", "").lower()
            assert row["unit_verbatim"].replace(" ", "").lower() in unit or unit.startswith("%"), code
