"""The reporting calendar of section IV: who reports what, for which periods, and by when."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from planwatch.plan.document import load_lines, part

OBLIGATIONS = Path(__file__).resolve().parents[1] / "seeds" / "plan_reporting_obligations.csv"

AGENCIES = {"VPTU", "UBNDTP", "TKTP", "CAC_SO_NGANH"}
REPORT_KINDS = {"quarterly", "annual", "midterm", "endterm", "submission"}
CADENCES = {"quarterly", "yearly", "once"}
RULE_SOURCES = {"document", "planwatch_convention"}
PERIOD_FORMAT = {"quarterly": r"20\d\d-Q[1-4]", "yearly": r"20\d\d", "once": r"20\d\d"}


def _rows() -> list[dict[str, str]]:
    with OBLIGATIONS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ROWS = _rows()
IDS = [r["obligation_code"] for r in ROWS]
BY_CODE = {r["obligation_code"]: r for r in ROWS}


def periods(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive (years, or quarters ``YYYY-Qn``)."""
    if "-Q" not in first:
        return [str(y) for y in range(int(first), int(last) + 1)]
    fy, fq = (int(x) for x in first.split("-Q"))
    ly, lq = (int(x) for x in last.split("-Q"))
    return [f"{n // 4}-Q{n % 4 + 1}" for n in range(fy * 4 + fq - 1, ly * 4 + lq)]


def period_end(period: str) -> dt.date:
    """Last day of a year ``YYYY`` or a quarter ``YYYY-Qn``."""
    if "-Q" not in period:
        return dt.date(int(period), 12, 31)
    year, quarter = (int(x) for x in period.split("-Q"))
    first_of_next = dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def due_date(row: dict[str, str], period: str) -> dt.date:
    """When the obligation falls due for ``period``."""
    return period_end(period) + dt.timedelta(days=int(row["due_days_after_period_end"]))


def test_period_helpers_handle_year_boundaries():
    assert periods("2026-Q3", "2027-Q2") == ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
    assert period_end("2026-Q4") == dt.date(2026, 12, 31)
    assert period_end("2027-Q1") == dt.date(2027, 3, 31)


def test_codes_are_unique_and_include_the_required_obligations():
    assert len(set(IDS)) == len(IDS)
    required = {
        "QUARTERLY_PROGRESS",
        "ANNUAL_REPORT",
        "MIDTERM_REVIEW",
        "ENDTERM_REVIEW",
        "DATA_SUBMISSION_QUARTERLY",
        "DATA_SUBMISSION_ANNUAL",
    }
    assert required <= set(IDS)


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_quote_is_verbatim_on_its_line_in_section_iv(row):
    lines = load_lines()
    section_iv = part("IV")
    line_no = int(row["doc_line"])
    assert section_iv.first_line <= line_no < section_iv.first_line + len(section_iv.lines)
    assert row["quote_vi"] and row["quote_vi"] in lines[line_no - 1]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_enums_and_agency_codes_are_valid(row):
    assert row["report_kind"] in REPORT_KINDS
    assert row["cadence"] in CADENCES
    assert row["due_rule_source"] in RULE_SOURCES
    agencies = row["responsible_agency_codes"].split(";")
    assert agencies and set(agencies) <= AGENCIES


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_periods_are_canonical_for_the_cadence(row):
    pattern = PERIOD_FORMAT[row["cadence"]]
    assert re.fullmatch(pattern, row["first_period"])
    assert re.fullmatch(pattern, row["last_period"])
    assert row["first_period"] <= row["last_period"]
    if row["cadence"] == "once":
        assert row["first_period"] == row["last_period"]


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_every_deadline_is_a_convention_that_says_so(row):
    # The document gives no day counts, so every deadline is a convention that must say so.
    assert row["due_rule_source"] == "planwatch_convention"
    assert "quy ước" in row["note_vi"]


def test_quarterly_progress_covers_every_quarter_of_the_term():
    row = BY_CODE["QUARTERLY_PROGRESS"]
    covered = periods(row["first_period"], row["last_period"])
    assert covered[0] == "2026-Q1" and covered[-1] == "2030-Q4"
    assert len(covered) == 20


def test_annual_obligations_cover_2026_to_2030():
    for code in ("ANNUAL_REPORT", "DATA_SUBMISSION_ANNUAL"):
        row = BY_CODE[code]
        expected = [str(year) for year in range(2026, 2031)]
        assert periods(row["first_period"], row["last_period"]) == expected


@pytest.mark.parametrize("cadence", ["quarterly", "yearly"])
def test_submissions_fall_due_before_the_report_they_feed(cadence):
    days = [
        (r["report_kind"] == "submission", int(r["due_days_after_period_end"]))
        for r in ROWS
        if r["cadence"] == cadence
    ]
    submissions = [d for is_submission, d in days if is_submission]
    reports = [d for is_submission, d in days if not is_submission]
    assert submissions and reports
    assert max(submissions) < min(reports)


def test_first_quarterly_report_is_due_in_april_2026():
    assert due_date(BY_CODE["QUARTERLY_PROGRESS"], "2026-Q1") == dt.date(2026, 4, 15)


def test_midterm_review_is_due_in_the_last_quarter_of_2028():
    due = due_date(BY_CODE["MIDTERM_REVIEW"], "2028")
    assert dt.date(2028, 10, 1) <= due <= dt.date(2028, 12, 31)


def test_endterm_review_is_due_within_2030():
    due = due_date(BY_CODE["ENDTERM_REVIEW"], "2030")
    assert due.year == 2030


def test_agency_codes_exist_in_the_agency_register():
    register = OBLIGATIONS.parent / "plan_agencies.csv"
    if not register.exists():
        pytest.skip("agency register not present")
    with register.open(encoding="utf-8", newline="") as f:
        known = {r["agency_code"] for r in csv.DictReader(f)}
    for row in ROWS:
        assert set(row["responsible_agency_codes"].split(";")) <= known, row["obligation_code"]


def test_seed_yaml_types_every_column():
    config = yaml.safe_load((OBLIGATIONS.parent / "_plan__narrative_reporting.yml").read_text())
    seed = next(s for s in config["seeds"] if s["name"] == OBLIGATIONS.stem)
    assert list(seed["config"]["column_types"]) == list(ROWS[0])
    assert seed["config"]["column_types"]["due_days_after_period_end"] == "integer"
