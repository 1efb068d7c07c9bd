"""The incremental build (docs/architecture.md, Incremental build): after more submissions, or a build as of
another date, `planwatch build` folds in only what changed, and its marts are exactly those of
`planwatch build --full-refresh` on the same warehouse (EXCEPT ALL both ways, every mart and report table)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from conftest import copy_home, rebuild, sample_home

pytestmark = pytest.mark.slow  # real dbt builds (make test-fast leaves them out)

BUILD_DATE = date(2026, 12, 1)
# the incremental models, compared too: a row folded wrong there may not reach a mart in these builds
INCREMENTAL = ["int_actuals_selected", "int_submission_figures_first"]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample received by 01/12/2026, built (incrementally, on the plan-only build) as of that day."""
    path, _ = sample_home(tmp_path_factory.mktemp("incremental"), BUILD_DATE)
    return path


def submit(home: Path, name: str, period: str, received_at: datetime, value: str) -> None:
    """Three figures of the statistics office (TKTP) for `period`, received at `received_at`."""
    from planwatch.ingest.pipeline import ingest_file
    from planwatch.ingest.plan_lookup import load_catalogue

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        mp.setenv("PLANWATCH_TODAY", BUILD_DATE.isoformat())
        catalogue = load_catalogue(home / "warehouse.duckdb")
        indicators = [i for i in catalogue.indicators.values() if i.kind != "group" and i.unit][:3]
        path = home / name
        lines = ["ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu"]
        lines += [
            f'{i.code},{period},"{"3" if i.kind == "rank" else value}",{i.unit},chính thức,incremental test'
            for i in indicators
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        outcome = ingest_file(path, agency_code="TKTP", received_at=received_at, catalogue=catalogue)
        assert outcome.load is not None, outcome.problems[:3]


def differences(left: Path, right: Path) -> dict[str, tuple[int, int]]:
    """Per table of the marts schema and incremental intermediate model: rows only in `left`, rows only in
    `right` (EXCEPT ALL); the tables with a difference."""
    with duckdb.connect() as con:
        con.execute(f"attach '{left / 'warehouse.duckdb'}' as l (read_only)")
        con.execute(f"attach '{right / 'warehouse.duckdb'}' as r (read_only)")
        tables = [
            f"{schema}.{t}"
            for (schema, t) in con.sql(
                "select schema_name, table_name from duckdb_tables() where database_name = 'l'"
                " and (schema_name = 'marts' or list_contains($incremental, table_name)) order by all",
                params={"incremental": INCREMENTAL},
            ).fetchall()
        ]
        assert len(tables) > 40 + len(INCREMENTAL), tables
        found = {}
        for t in tables:
            only_left = con.sql(f"select count(*) from (from l.{t} except all from r.{t})").fetchone()[0]
            only_right = con.sql(f"select count(*) from (from r.{t} except all from l.{t})").fetchone()[0]
            if only_left or only_right:
                found[t] = (only_left, only_right)
        return found


def test_incremental_build_after_submissions_equals_full_refresh(home: Path, tmp_path: Path) -> None:
    incremental = copy_home(home, tmp_path / "incremental")
    # one received on the build's day, one backdated before the last quarter-end (it changes 30/09's rows)
    submit(incremental, "today.csv", "2026-Q3", datetime(2026, 12, 1, 10), "0,7")
    submit(incremental, "backdated.csv", "2026-Q2", datetime(2026, 8, 1, 9), "0,4")
    rebuild(incremental, BUILD_DATE, today=BUILD_DATE)
    # the same figures again an hour later: int_submission_figures_first folds them into its rows and keeps
    # the first load
    submit(incremental, "again.csv", "2026-Q3", datetime(2026, 12, 1, 11), "0,8")
    rebuild(incremental, BUILD_DATE, today=BUILD_DATE)
    full = copy_home(incremental, tmp_path / "full")
    rebuild(full, BUILD_DATE, today=BUILD_DATE, full_refresh=True)
    with duckdb.connect(str(incremental / "warehouse.duckdb"), read_only=True) as con:
        folded = con.sql(
            "select count(*) from marts.fct_actuals where note = 'incremental test' and period = '2026-Q3'"
        ).fetchone()[0]
        first = con.sql(
            "select distinct received_at from intermediate.int_submission_figures_first"
            " where sender_code = 'TKTP' and covered_period = '2026-Q3' and received_at > '2026-12-01'"
        ).fetchall()
    assert folded == 3
    assert first == [(datetime(2026, 12, 1, 10),)]
    assert differences(incremental, full) == {}


def test_incremental_builds_as_of_other_dates_equal_full_refresh(home: Path, tmp_path: Path) -> None:
    # as of a quarter-end (its rows become the build's date), then a later day (a new date, 30/09 no longer
    # the build's): each incremental build's marts are a full refresh's
    incremental = copy_home(home, tmp_path / "incremental")
    for as_of in (date(2026, 9, 30), date(2026, 12, 10)):
        rebuild(incremental, as_of, today=BUILD_DATE)
        full = copy_home(incremental, tmp_path / f"full-{as_of:%m%d}")
        rebuild(full, as_of, today=BUILD_DATE, full_refresh=True)
        assert differences(incremental, full) == {}, as_of
