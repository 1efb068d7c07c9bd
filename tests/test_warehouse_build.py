"""A real `dbt build` of the plan into a DuckDB file, and what the public marts then hold."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def seed_rows(name: str) -> int:
    with (ROOT / "seeds" / name).open(encoding="utf-8") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_build_creates_the_warehouse_under_planwatch_home(built_home):
    assert (built_home / "warehouse.duckdb").is_file()


def test_dim_indicator_holds_every_plan_target(warehouse):
    counts = dict(
        warehouse.sql("select source, count(*) from marts.dim_indicator group by source").fetchall()
    )
    assert counts == {
        "phu_luc_1": 52,
        "narrative": seed_rows("plan_narrative_targets.csv"),
        "phu_luc_4": 2,
    }
    grdp = warehouse.sql(
        "select kind, comparator, target_low, stretch_value, lead_agency_codes, target_text_vi "
        "from marts.dim_indicator where indicator_code = 'II.1'"
    ).fetchone()
    assert grdp[:5] == ("avg_growth", ">=", 13.0, 14.0, ["STC", "TKTP"])
    assert "≥13, phấn đấu đạt 14%/năm" in grdp[5]


def test_every_lead_agency_of_an_indicator_is_a_known_agency(warehouse):
    unknown = warehouse.sql(
        """
        select i.indicator_code, code
        from marts.dim_indicator as i, unnest(i.lead_agency_codes) as t(code)
        where code not in (select agency_code from marts.dim_agency)
        """
    ).fetchall()
    assert unknown == []


def test_trajectory_keeps_ranges_as_low_and_high(warehouse):
    assert warehouse.sql("select count(*) from marts.fct_plan_trajectory").fetchone() == (75,)
    iip_2026 = warehouse.sql(
        "select plan_low, plan_high, is_range, value_text_vi from marts.fct_plan_trajectory "
        "where indicator_code = 'II.4' and year = 2026"
    ).fetchone()
    assert iip_2026 == (15.5, 16.0, True, "15,5 - 16")


def test_consistency_check_lists_the_plan_contradictions(warehouse):
    rows = {
        check_id: (severity, text)
        for check_id, severity, text in warehouse.sql(
            "select check_id, severity, explanation_vi from marts.fct_plan_consistency"
        ).fetchall()
    }
    # Budget revenue: the 2030 scenario (288.865,6) overshoots the 2030 target (245.500) by 17,7%.
    severity, text = rows["II.6/level_final_year"]
    assert severity == "divergence"
    assert "288.865,6" in text and "245.500" in text and "17,7%" in text
    # Manufacturing share: the scenario reaches 49,9% against a 47–48% target.
    severity, text = rows["II.4.a/level_final_year"]
    assert severity == "contradiction" and "49,9" in text
    # GRDP: the scenario averages 13,0% a year (geometric), meeting ≥13% but not the 14% aim.
    assert rows["II.1/avg_growth_geometric"][0] == "consistent"
    assert rows["II.1/avg_growth_geometric_vs_stretch"][0] == "note"
    # Investment: the yearly plan sums to 2.400.038 tỷ đồng against 2,4 triệu tỷ đồng.
    assert (
        rows["II.7/cumulative_sum"]
        == (
            "consistent",
            rows["II.7/cumulative_sum"][1],
        )
        and "2.400.038" in rows["II.7/cumulative_sum"][1]
    )


def test_scenario_average_growth_is_geometric(warehouse):
    (avg,) = warehouse.sql(
        "select scenario_low from marts.fct_plan_consistency where check_id = 'II.1/avg_growth_geometric'"
    ).fetchone()
    growth = [13.0, 13.0, 12.91, 13.02, 13.20]
    product = 1.0
    for g in growth:
        product *= 1 + g / 100
    assert avg == pytest.approx(round((product ** (1 / 5) - 1) * 100, 1))


def test_reporting_calendar_has_a_quarterly_report_for_every_quarter(warehouse):
    periods = warehouse.sql(
        "select period, due_date from marts.fct_reporting_calendar "
        "where obligation_code = 'QUARTERLY_PROGRESS' order by period_start"
    ).fetchall()
    assert len(periods) == 20
    assert periods[0][0] == "2026-Q1" and periods[-1][0] == "2030-Q4"
    assert dict(periods)["2026-Q3"] == date(2026, 10, 15)
    kinds = {
        k
        for (k,) in warehouse.sql("select distinct report_kind from marts.fct_reporting_calendar").fetchall()
    }
    assert {"quarterly", "annual", "midterm", "endterm"} <= kinds


def test_agency_dimension_lists_every_spelling(warehouse):
    (spellings,) = warehouse.sql(
        "select spellings_vi from marts.dim_agency where agency_code = 'SKHCN'"
    ).fetchone()
    assert "Sở Khoa học và Công nghe" in spellings  # the document's typo is a spelling too
