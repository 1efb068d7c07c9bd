"""The assessment of five indicators, from submissions in raw.* through `planwatch build`, checked against
values computed by hand here (docs/method.md §3). The warehouse is built as of 2028-03-01."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from planwatch.cli import main

pytestmark = pytest.mark.slow  # a real dbt build or render (make test-fast leaves it out)

AS_OF = "2028-03-01"

# (indicator_code, period, period_type, value, status) per load: (load_id, agency, received_at, rows)
LOADS = [
    (
        "20270210T090000-aaaa0001",
        "TKTP",
        "2027-02-10 09:00:00",
        [
            ("II.2", "2025", "year", 7000.0, "chinh_thuc"),
            ("II.2", "2026", "year", 7600.0, "uoc_tinh"),
            ("II.1", "2026", "year", 12.0, "chinh_thuc"),
            ("II.7", "2026", "year", 350000.0, "chinh_thuc"),
            ("II.14.2", "2025", "year", 9.0, "chinh_thuc"),
            ("II.24", "2026", "year", 82.0, "chinh_thuc"),
            ("II.6", "2025", "year", 150000.0, "chinh_thuc"),
        ],
    ),
    (
        "20280115T090000-aaaa0002",
        "TKTP",
        "2028-01-15 09:00:00",
        [
            ("II.2", "2027", "year", 8200.0, "so_bo"),
            # a later estimate does not replace the official 2026 figure (highest status first)
            ("II.1", "2026", "year", 15.0, "uoc_tinh"),
            ("II.1", "2027", "year", 11.5, "uoc_tinh"),
            ("II.7", "2027", "year", 420000.0, "uoc_tinh"),
            ("II.14.2", "2027", "year", 6.0, "chinh_thuc"),
            ("II.24", "2027", "year", 78.0, "chinh_thuc"),
        ],
    ),
]


def insert_loads(warehouse: Path, loads: list) -> None:
    """Append loads and their indicator rows to raw.* directly, as `planwatch ingest` would."""
    con = duckdb.connect(str(warehouse))
    try:
        for load_id, agency, received_at, rows in loads:
            con.execute(
                "insert into raw.loads values (?, ?, ?, 'archive/test', ?, ?, ?, 0, false, 'test', null)",
                [load_id, f"{load_id}.csv", load_id, agency, received_at, len(rows)],
            )
            for row_no, (code, period, period_type, value, status) in enumerate(rows, start=1):
                con.execute(
                    # note, submitted_value, submitted_unit, warning: null
                    "insert into raw.indicator_values values "
                    "(?, ?, '', ?, ?, ?, ?, ?, '', ?, null, null, null, null)",
                    [load_id, row_no, code, period, period_type, value, str(value), status],
                )
    finally:
        con.close()


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse built, given the submissions above, rebuilt as of 2028-03-01; read-only connection."""
    home = tmp_path_factory.mktemp("worked_example")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        mp.setenv("PLANWATCH_TODAY", AS_OF)
        assert main(["build", "--quiet"]) == 0
        insert_loads(home / "warehouse.duckdb", LOADS)
        assert main(["build", "--quiet"]) == 0
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        yield con
    finally:
        con.close()


def assessment(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    """The fct_indicator_assessment row of one indicator, as a dict."""
    cursor = con.execute("select * from marts.fct_indicator_assessment where indicator_code = ?", [code])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def test_level_target_grdp_per_capita_by_hand(assessed: duckdb.DuckDBPyConnection) -> None:
    row = assessment(assessed, "II.2")
    # y0 = 7.000 (2025), yt = 8.200 (2027, sơ bộ), X = 11.247 in T = 2030.
    actual = (8200 / 7000) ** (1 / 2) - 1  # 1,171429^(1/2) − 1 = 8,23%
    required = (11247 / 7000) ** (1 / 5) - 1  # 1,606714^(1/5) − 1 = 9,95%
    remaining = (11247 / 8200) ** (1 / 3) - 1  # 1,371585^(1/3) − 1 = 11,11%
    projected = 8200 * (1 + actual) ** 3  # 8.200 × 1,0823^3 = 10.396,5
    assert row["baseline_value"] == 7000 and row["latest_value"] == 8200 and row["latest_period"] == "2027"
    assert row["actual_rate"] == pytest.approx(100 * actual)
    assert row["required_rate"] == pytest.approx(100 * required)
    assert row["progress_ratio"] == pytest.approx(actual / required)  # 0,828
    assert row["required_rate_remaining"] == pytest.approx(100 * remaining)
    assert row["projected_value"] == pytest.approx(projected)
    assert row["status"] == "moderate" and row["status_vi"] == "Cần đẩy nhanh"  # 0,60 ≤ 0,828 < 0,95
    assert row["required_rate_unit"] == "%/năm"
    assert "11,1%/năm trong 2028–2030" in row["explanation_vi"]
    # Phụ lục 4 plans 8.676 for 2027: 8.200 − 8.676 = −476
    assert row["plan_year"] == 2027 and row["deviation_from_plan"] == pytest.approx(-476)


def test_average_growth_target_grdp_by_hand(assessed: duckdb.DuckDBPyConnection) -> None:
    row = assessment(assessed, "II.1")
    # 2026: 12,0 (chính thức beats the later ước tính 15,0); 2027: 11,5. n = 5, k = 2, X = 13.
    product = 1.12 * 1.115  # Π(1 + gᵢ) = 1,2488
    realised = math.sqrt(product) - 1  # 1,2488^(1/2) − 1 = 11,75%
    remaining = (1.13**5 / product) ** (1 / 3) - 1  # (1,842435 / 1,2488)^(1/3) − 1 = 13,84%
    assert row["actual_rate"] == pytest.approx(100 * realised)
    assert row["progress_ratio"] == pytest.approx(100 * realised / 13)  # 0,904
    assert row["required_rate_remaining"] == pytest.approx(100 * remaining)
    assert row["status"] == "moderate"
    # stretch 14%: 11,75 / 14 = 0,839 → moderate too
    assert row["stretch_status"] == "moderate"
    assert row["explanation_vi"] == "Cần tăng bình quân 13,8%/năm trong 2028–2030 để đạt 13%/năm cả giai đoạn"
    vintages = assessed.execute(
        "select value, status, n_vintages from marts.fct_actuals "
        "where indicator_code = 'II.1' and period = '2026'"
    ).fetchone()
    assert vintages == (12.0, "chinh_thuc", 2)


def test_cumulative_target_investment_by_hand(assessed: duckdb.DuckDBPyConnection) -> None:
    row = assessment(assessed, "II.7")
    total = 350000 + 420000  # S = 770.000
    planned = 361944 + 410424  # Phụ lục 4, 2026 + 2027 = 772.368
    assert row["sum_to_date"] == total and row["plan_to_date"] == planned
    assert row["plan_source"] == "phu_luc_4"
    assert row["progress_ratio"] == pytest.approx(total / planned)  # 0,9969 ≥ 0,95
    assert row["status"] == "on_track"
    assert row["required_rate_remaining"] == pytest.approx((2_400_000 - total) / 3)  # 543.333,3 a year
    assert row["projected_value"] == pytest.approx(total + total / 2 * 3)  # 1.925.000
    assert row["required_rate_unit"] == "tỷ đồng/năm"
    assert row["deviation_from_plan"] == pytest.approx(420000 - 410424)  # +9.576 in 2027


def test_rank_target_pci_by_hand(assessed: duckdb.DuckDBPyConnection) -> None:
    row = assessment(assessed, "II.14.2")
    actual = (6 - 9) / 2  # −1,5 places a year
    required = (5 - 9) / 5  # −0,8 places a year to reach top 5
    assert row["progress_ratio"] == pytest.approx(actual / required)  # 1,875
    assert row["status"] == "on_track"
    assert row["required_rate_remaining"] == pytest.approx((5 - 6) / 3)  # −0,33: one place in 3 years
    assert row["projected_value"] == pytest.approx(6 + actual * 3)  # 1,5
    # top 3: (3 − 9)/5 = −1,2; −1,5 / −1,2 = 1,25
    assert row["stretch_status"] == "on_track"


def test_annual_target_crime_clearance_by_hand(assessed: duckdb.DuckDBPyConnection) -> None:
    row = assessment(assessed, "II.24")
    # ≥ 80% every year: 2026 82 (met), 2027 78 (missed) → 1 of 2 years met; the latest year judged:
    # RR = 78 / 80 = 0,975 ≥ 0,95 → on_track (close to the bar, not achieved)
    assert (row["years_met"], row["years_observed"]) == (1, 2)
    assert row["progress_ratio"] == pytest.approx(78 / 80)
    assert row["status"] == "on_track" and row["status_vi"] == "Đúng tiến độ"
    assert row["explanation_vi"] == "Đạt 1/2 năm; năm 2027: 78% (mục tiêu 80% mỗi năm)"


def test_single_point_and_missing_indicators(assessed: duckdb.DuckDBPyConnection) -> None:
    # II.6 has only its 2025 value: no rate can be computed
    assert assessment(assessed, "II.6")["status"] == "not_assessable"
    counts = dict(
        assessed.execute(
            "select status, count(*) from marts.fct_indicator_assessment group by status"
        ).fetchall()
    )
    n_indicators = assessed.execute("select count(*) from marts.dim_indicator").fetchone()[0]
    assert sum(counts.values()) == n_indicators
    # on_track: II.7, II.14.2, II.24; moderate: II.1, II.2
    assert counts["on_track"] == 3 and counts["moderate"] == 2 and "regressing" not in counts
    assert assessment(assessed, "II.8")["status"] == "no_data"
    assert assessment(assessed, "II.14")["status"] == "not_assessable"  # a heading row
