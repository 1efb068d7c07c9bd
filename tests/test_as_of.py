"""A report built "as of" a past date shows what was known then (docs/domain.md, Vintages): a figure revised
after that date does not reach a build as of before it. The date reaches dbt only as `--vars {as_of: …}`:
`planwatch` reads PLANWATCH_TODAY once and passes it on; dbt itself never reads the environment for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from planwatch import config
from planwatch.warehouse.dbt import as_of_vars, run_dbt

pytestmark = pytest.mark.slow  # a real dbt build or render (make test-fast leaves it out)

# GRDP growth for 6 months of 2026: estimated 9,5% in July, revised to 10,2% (sơ bộ) on 15 October.
LOADS = [
    ("20260720T080000-bbbb0001", "2026-07-20 08:00:00", 9.5, "uoc_tinh"),
    ("20261015T080000-bbbb0002", "2026-10-15 08:00:00", 10.2, "so_bo"),
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A warehouse holding the estimate and its later revision."""
    path = tmp_path_factory.mktemp("as_of")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(path))
        run_dbt(["build", *as_of_vars(date(2026, 12, 1))], quiet=True)
        con = duckdb.connect(str(path / "warehouse.duckdb"))
        try:
            for load_id, received_at, value, status in LOADS:
                con.execute(
                    "insert into raw.loads values"
                    " (?, ?, ?, 'archive/test', 'TKTP', ?, 1, 0, false, 'test', null)",
                    [load_id, f"{load_id}.csv", load_id, received_at],
                )
                con.execute(
                    "insert into raw.indicator_values values "
                    "(?, 1, '', 'II.1', '2026-YTD06', 'ytd', ?, ?, '%', ?, null, null, null, null)",
                    [load_id, value, str(value), status],
                )
        finally:
            con.close()
    yield path


def build_and_read(home: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple:
    """Build with the given dbt arguments; return II.1's current 6-month figure and its assessment."""
    monkeypatch.setenv("PLANWATCH_HOME", str(home))
    # only what depends on the as-of date (int_as_of_dates and all it feeds): the date is baked in when built
    run_dbt(["build", "--select", "int_as_of_dates+", *args], quiet=True)
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        actual = con.execute(
            "select value, status, n_vintages, as_of_date::varchar from marts.fct_actuals "
            "where indicator_code = 'II.1' and period = '2026-YTD06'"
        ).fetchone()
        assessment = con.execute(
            "select latest_value, latest_period, is_provisional, as_of_date::varchar "
            "from marts.fct_indicator_assessment where indicator_code = 'II.1'"
        ).fetchone()
    finally:
        con.close()
    return actual, assessment


def test_as_of_var_before_revision_shows_the_old_figure(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    actual, assessment = build_and_read(home, monkeypatch, "--vars", "{as_of: 2026-10-01}")
    assert actual == (9.5, "uoc_tinh", 1, "2026-10-01")
    assert assessment == (9.5, "2026-YTD06", True, "2026-10-01")


def test_as_of_var_after_revision_shows_the_revised_figure(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actual, assessment = build_and_read(home, monkeypatch, "--vars", "{as_of: 2026-10-15}")
    # received at 08:00 on the as-of day: the end of that day counts
    assert actual == (10.2, "so_bo", 2, "2026-10-15")
    assert assessment[0] == 10.2


def test_planwatch_today_is_read_once_and_passed_to_dbt_as_the_var(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-09-30")
    actual, assessment = build_and_read(home, monkeypatch, *as_of_vars(config.today()))
    assert actual == (9.5, "uoc_tinh", 1, "2026-09-30")
    assert assessment[3] == "2026-09-30"


def test_dbt_does_not_read_planwatch_today_itself(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-09-30")
    actual, _ = build_and_read(home, monkeypatch)  # no var: the machine's date, whatever it is
    assert actual[3] != "2026-09-30"
