"""The warehouse a report reads: the published read-only copy, or, for a past as-of date, a rebuilt copy.

A report "as of" a past date must show what was known then. The copy is rebuilt with
`dbt build --vars '{as_of: DATE}'` in a temporary home handed to the dbt child (its PLANWATCH_HOME; this
process's environment is never changed), so the published copy and the warehouse are never touched; the
temporary folder is removed afterwards.
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
        run_dbt(["build", *as_of_vars(as_of)], home=folder, quiet=quiet)
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


def built_as_of(warehouse: Path) -> date | None:
    """The as-of date the warehouse's assessment marts were built for (None if it has none)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        try:
            row = con.sql("select max(as_of_date) from marts.fct_indicator_assessment").fetchone()
        except duckdb.CatalogException:
            return None
    return row[0] if row else None
