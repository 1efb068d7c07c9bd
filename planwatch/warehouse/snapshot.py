"""The warehouse a report reads: the published read-only copy, or, for a past as-of date, a rebuilt copy.

A report "as of" a past date must show what was known then. The copy is rebuilt with
`dbt build --vars '{as_of: DATE}'` in a temporary home handed to the dbt child (its PLANWATCH_HOME; this
process's environment is never changed), so the published copy and the warehouse are never touched; the
temporary folder is removed afterwards. For a quarter-end the copy's assessment history already holds
(docs/method.md, Assessment history), the assessment chain is not recomputed: everything else is rebuilt
as of that date, and fct_indicator_assessment reads the history's rows for it. Any other date is rebuilt
whole, for that date only.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from planwatch.warehouse import publish
from planwatch.warehouse.dbt import as_of_vars, run_dbt

# The assessment chain: every model from int_as_of_dates to fct_indicator_assessment_history (dbt's
# intersection of "downstream of" and "upstream of"); it computes every date of the history at once.
HISTORY_CHAIN = "int_as_of_dates+,+fct_indicator_assessment_history"


class NoWarehouse(Exception):
    """There is no published read-only copy to report from."""


def published() -> Path:
    """The published read-only copy; NoWarehouse when `planwatch build` has not run."""
    path = publish.read_only_path()
    if not path.exists():
        raise NoWarehouse(f"chưa có bản chỉ đọc (no read-only copy) tại {path}: chạy `planwatch build`")
    return path


@contextmanager
def as_of_warehouse(as_of: date, *, source: Path | None = None, quiet: bool = True) -> Iterator[Path]:
    """A temporary copy of the warehouse (default: the published one) rebuilt as of `as_of`; removed when
    the block ends."""
    source = source or published()
    folder = Path(tempfile.mkdtemp(prefix=f"planwatch-asof-{as_of.isoformat()}-"))
    try:
        copy = folder / "warehouse.duckdb"
        shutil.copyfile(source, copy)  # copyfile: the copy is writable, unlike the 0444 published file
        run_dbt(rebuild_args(copy, as_of), home=folder, quiet=quiet)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def warehouse_for(as_of: date) -> Iterator[Path]:
    """The published copy when its marts were built as of the requested day, else a temporary copy
    rebuilt as of that day — so a report never shows one date's figures under another's."""
    path = published()
    if built_as_of(path) == as_of:
        yield path
        return
    with as_of_warehouse(as_of) as rebuilt:
        yield rebuilt


def rebuild_args(warehouse: Path, as_of: date) -> list[str]:
    """The dbt arguments that rebuild a copy of the warehouse as of `as_of`: leaving out the assessment
    chain when its history already holds that date, else everything, for that date only."""
    if as_of in history_dates(warehouse):
        return ["build", *as_of_vars(as_of), "--exclude", HISTORY_CHAIN]
    return ["build", *as_of_vars(as_of, history=False)]


def history_dates(warehouse: Path) -> set[date]:
    """The as-of dates of the warehouse's assessment history (empty if it has none)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        try:
            rows = con.sql("select distinct as_of_date from marts.fct_indicator_assessment_history")
            days = {day for (day,) in rows.fetchall()}
        except duckdb.CatalogException:
            return set()
    return days


def built_as_of(warehouse: Path) -> date | None:
    """The as-of date the warehouse's assessment marts were built for (None if it has none)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        try:
            row = con.sql("select max(as_of_date) from marts.fct_indicator_assessment").fetchone()
        except duckdb.CatalogException:
            return None
    return row[0] if row else None
