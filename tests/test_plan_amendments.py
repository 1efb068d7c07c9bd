"""Plan amendments in force (docs/method.md, Plan amendments): a build as of a date judges against the plan
in force on that date. An amendment not yet in force changes no mart; once in force, an amended target
changes the assessment. The amendment is a row of the real seed table and the marts come from a real
`dbt build` of everything but the seeds; the as-of dates are pinned by `--vars`."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from planwatch.warehouse.dbt import DbtFailed, as_of_vars, run_dbt

BEFORE = "2027-03-01"  # the amendment is decided, not yet in force
AFTER = "2027-06-01"  # in force since 01/04/2027

# GRDP growth (II.1, target ≥ 13%/năm on average) was 10,2% in 2026, received in February 2027.
LOAD_ID = "20270210T080000-cccc0001"
# The target lowered to 9%/năm: 10,2% now beats it.
AMENDMENT = (
    "DC-TEST-01",
    "indicator_target",
    "II.1",
    "target_low",
    "13",
    "9",
    "Kết luận số 99-KL/TU",
    "2027-03-15",
    "2027-04-01",
    "Điều chỉnh mục tiêu tăng trưởng GRDP (thử nghiệm)",
)
# everything but the seeds, so that the amendment inserted into the seed table stays and every view and mart
# is as of the date built
ALL_BUT_SEEDS = ["--exclude", "resource_type:seed"]


def build_as_of(home: Path, as_of: str, *select: str) -> None:
    run_dbt(["build", *select, *as_of_vars(date.fromisoformat(as_of))], home=home, quiet=True)


def snapshot(home: Path, name: str) -> Path:
    """A copy of the warehouse as it stands, to compare a later build with."""
    copy = home / f"{name}.duckdb"
    shutil.copyfile(home / "warehouse.duckdb", copy)
    return copy


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A warehouse with II.1's 2026 figure, built as of BEFORE and AFTER with no amendment (snapshots),
    then with the amendment inserted into the seed table (the warehouse itself left as of AFTER)."""
    path = tmp_path_factory.mktemp("amendments")
    run_dbt(["seed"], home=path, quiet=True)  # the plan, and (on-run-start) the raw tables
    with duckdb.connect(str(path / "warehouse.duckdb")) as con:
        con.execute(
            "insert into raw.loads values (?, ?, ?, 'archive/test', 'TKTP', ?, 1, 0, false, 'test', null)",
            [LOAD_ID, f"{LOAD_ID}.csv", LOAD_ID, "2027-02-10 08:00:00"],
        )
        con.execute(
            "insert into raw.indicator_values values "
            "(?, 1, '', 'II.1', '2026', 'year', 10.2, '10,2', '%/năm', 'so_bo', null, null, null, null)",
            [LOAD_ID],
        )
    for as_of in (BEFORE, AFTER):
        build_as_of(path, as_of, *ALL_BUT_SEEDS)
        snapshot(path, f"plain_{as_of}")
    with duckdb.connect(str(path / "warehouse.duckdb")) as con:
        con.execute(f"insert into plan.plan_amendments values ({', '.join('?' * len(AMENDMENT))})", AMENDMENT)
    yield path


def mart_differences(con: duckdb.DuckDBPyConnection, other: Path) -> dict[str, int]:
    """Per mart, the rows in one build and not the other (EXCEPT ALL both ways), where any differ."""
    con.execute(f"attach '{other}' as other (read_only)")
    try:
        marts = [
            t
            for (t,) in con.sql(
                "select table_name from information_schema.tables where table_catalog = 'warehouse' "
                "and table_schema = 'marts' and table_name <> 'fct_plan_amendments_in_force' order by 1"
            ).fetchall()
        ]
        assert marts, "no mart to compare"
        differences = {}
        for mart in marts:
            n = con.sql(
                f"select count(*) from ("
                f"(select * from marts.{mart} except all select * from other.marts.{mart}) union all"
                f" (select * from other.marts.{mart} except all select * from marts.{mart}))"
            ).fetchone()[0]
            if n:
                differences[mart] = n
        return differences
    finally:
        con.execute("detach other")


def assessment(con: duckdb.DuckDBPyConnection, catalog: str = "warehouse") -> tuple:
    return con.sql(
        f"select target_value, status from {catalog}.marts.fct_indicator_assessment"
        " where indicator_code = 'II.1'"
    ).fetchone()


def test_an_amendment_not_yet_in_force_changes_no_mart(home: Path) -> None:
    build_as_of(home, BEFORE, *ALL_BUT_SEEDS)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        assert mart_differences(con, home / f"plain_{BEFORE}.duckdb") == {}
        assert con.sql("select count(*) from marts.fct_plan_amendments_in_force").fetchone()[0] == 0
        assert assessment(con)[0] == 13


def test_an_amended_target_changes_the_assessment_from_its_effective_date(home: Path) -> None:
    build_as_of(home, AFTER, *ALL_BUT_SEEDS)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        con.execute(f"attach '{home / f'plain_{AFTER}.duckdb'}' as plain (read_only)")
        amended, plain = assessment(con), assessment(con, "plain")
        assert plain[0] == 13 and amended[0] == 9
        assert amended[1] != plain[1], (plain, amended)
        target = con.sql(
            "select target_low from marts.dim_indicator where indicator_code = 'II.1'"
        ).fetchone()
        basis = con.sql(
            "select statement_vi, plan_basis_vi from marts.fct_plan_amendments_in_force"
        ).fetchall()
        con.execute("detach plain")
    assert target == (9,)
    assert basis == [
        (
            "Chỉ tiêu II.1: điều chỉnh mục tiêu (target_low) từ 13 thành 9, theo Kết luận số 99-KL/TU ngày "
            "15/03/2027, có hiệu lực từ 01/04/2027.",
            "theo Chương trình đã điều chỉnh tại Kết luận số 99-KL/TU ngày 15/03/2027",
        )
    ]


def test_an_amendment_whose_old_value_is_not_the_plans_fails_the_build(home: Path) -> None:
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("update plan.plan_amendments set old_value = '12' where amendment_id = 'DC-TEST-01'")
    try:
        with pytest.raises(DbtFailed):
            build_as_of(home, AFTER, "--select", "assert_plan_amendments_match_the_plan")
        with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
            problem = con.sql(
                "select problem_vi from intermediate.int_plan_amendments_checked where not matches_plan"
            ).fetchall()
        assert problem == [('Điều chỉnh DC-TEST-01: old_value "12" khác giá trị trong Chương trình "13.0"',)]
    finally:
        with duckdb.connect(str(home / "warehouse.duckdb")) as con:
            con.execute("update plan.plan_amendments set old_value = '13' where amendment_id = 'DC-TEST-01'")
