"""The assessment history (issue 13, docs/method.md "Assessment history"): fct_indicator_assessment_history
holds the assessment as of every quarter-end since 31/03/2026 and as of the build's date, each computed from
what was known on that date. Its row for a quarter-end is what `planwatch build --as-of` that quarter-end
gives; its rows for the build's date are fct_indicator_assessment; a load received after a quarter-end
leaves that quarter-end's rows as they were; a report's copy rebuilt as of a quarter-end from the history
(planwatch/warehouse/snapshot.py) has the marts of a whole build as of that day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import copy_home, rebuild, sample_home

from planwatch.warehouse import snapshot

pytestmark = pytest.mark.slow  # a real dbt build (make test-fast leaves it out)

BUILD_DATE = date(2026, 12, 1)
QUARTER_END = date(2026, 9, 30)
HISTORY = "marts.fct_indicator_assessment_history"
ASSESSMENT = "marts.fct_indicator_assessment"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample received by 01/12/2026, built as of that day."""
    path, _ = sample_home(tmp_path_factory.mktemp("history"), BUILD_DATE)
    return path


@pytest.fixture(scope="module")
def quarter_end_home(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of `home` rebuilt whole as of the quarter-end, as `planwatch build --as-of` does."""
    past = copy_home(home, tmp_path_factory.mktemp("history") / "as_of_quarter_end")
    rebuild(past, QUARTER_END)
    return past


@pytest.fixture()
def con(home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as connection:
        yield connection


def differences(con: duckdb.DuckDBPyConnection, left: str, right: str) -> tuple[int, int]:
    """Rows of `left` not in `right` and of `right` not in `left` (EXCEPT ALL both ways)."""
    count = "select count(*) from ({} except all {})"
    return (
        con.sql(count.format(left, right)).fetchone()[0],
        con.sql(count.format(right, left)).fetchone()[0],
    )


def rows_as_of(day: date, catalog: str = "") -> str:
    """The history's rows for one as-of date, in fct_indicator_assessment's columns."""
    prefix = f"{catalog}." if catalog else ""
    return f"select * exclude (is_build_as_of) from {prefix}{HISTORY} where as_of_date = '{day.isoformat()}'"


def test_history_holds_every_quarter_end_and_the_build_date(con: duckdb.DuckDBPyConnection) -> None:
    dates = con.sql(f"select distinct as_of_date, is_build_as_of from {HISTORY} order by 1").fetchall()
    assert dates == [
        (date(2026, 3, 31), False),
        (date(2026, 6, 30), False),
        (date(2026, 9, 30), False),
        (BUILD_DATE, True),
    ]


def test_build_date_rows_are_the_assessment(con: duckdb.DuckDBPyConnection) -> None:
    build_rows = f"select * exclude (is_build_as_of) from {HISTORY} where is_build_as_of"
    assert con.sql(f"select count(*) from {ASSESSMENT}").fetchone()[0] > 0
    assert differences(con, build_rows, f"select * from {ASSESSMENT}") == (0, 0)


def test_quarter_end_rows_equal_a_build_as_of_that_quarter_end(home: Path, quarter_end_home: Path) -> None:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        con.execute(f"attach '{quarter_end_home / 'warehouse.duckdb'}' as past (read_only)")
        # the quarter-end differs from the build's date: the comparison is not of two equal tables
        assert differences(con, rows_as_of(QUARTER_END), rows_as_of(BUILD_DATE)) != (0, 0)
        assert differences(con, rows_as_of(QUARTER_END), f"select * from past.{ASSESSMENT}") == (0, 0)


def test_a_load_received_after_a_quarter_end_leaves_its_rows(home: Path, tmp_path: Path) -> None:
    later = copy_home(home, tmp_path / "with_a_later_load")
    with duckdb.connect(str(later / "warehouse.duckdb")) as con:
        # the statistics office revises GRDP growth for 6 and 9 months on 15/10/2026, officially
        load_id = "20261015T080000-hist0001"
        con.execute(
            "insert into raw.loads values"
            " (?, ?, ?, 'archive/test', 'TKTP', '2026-10-15 08:00:00', 2, 0, false, 'test', null)",
            [load_id, f"{load_id}.csv", load_id],
        )
        for row_no, period in enumerate(("2026-YTD06", "2026-YTD09"), start=1):
            con.execute(
                "insert into raw.indicator_values values "
                "(?, ?, '', 'II.1', ?, 'ytd', 9.0, '9,0', '%', 'chinh_thuc', null, null, null, null)",
                [load_id, row_no, period],
            )
    rebuild(later, BUILD_DATE)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        con.execute(f"attach '{later / 'warehouse.duckdb'}' as later (read_only)")
        assert differences(con, rows_as_of(QUARTER_END), rows_as_of(QUARTER_END, "later")) == (0, 0)
        revised = con.sql(
            f"select latest_value from later.{HISTORY} where indicator_code = 'II.1' and is_build_as_of"
        ).fetchone()
        assert revised == (9.0,)


def test_a_report_copy_for_a_quarter_end_has_the_marts_of_a_build_as_of_it(
    home: Path, quarter_end_home: Path
) -> None:
    source = home / "warehouse.duckdb"
    assert snapshot.rebuild_args(source, QUARTER_END)[-2:] == ["--exclude", snapshot.HISTORY_CHAIN]
    with snapshot.as_of_warehouse(QUARTER_END, source=source) as copy, duckdb.connect(str(copy)) as con:
        con.execute(f"attach '{quarter_end_home / 'warehouse.duckdb'}' as whole (read_only)")
        tables = [
            name
            for (name,) in con.sql(
                "select table_name from duckdb_tables() where database_name = 'whole'"
                " and schema_name = 'marts' and table_name <> 'fct_indicator_assessment_history' order by 1"
            ).fetchall()
        ]
        assert "fct_indicator_assessment" in tables and "rpt_status_summary" in tables
        different = [
            name
            for name in tables
            if differences(con, f"select * from marts.{name}", f"select * from whole.marts.{name}") != (0, 0)
        ]
        assert different == []
