"""Shared fixtures: a real warehouse built by a real `dbt build` in a temporary PLANWATCH_HOME."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

if TYPE_CHECKING:
    from planwatch.sample import SampleManifest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# A test that needs a real `dbt build` (every fixture built on `built_home`) is `slow`: `make test-fast`
# (pytest -m "not slow") leaves it out; modules that build or render without these fixtures say
# `pytestmark = pytest.mark.slow` themselves.
WAREHOUSE_FIXTURES = frozenset({"built_home"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if WAREHOUSE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A PLANWATCH_HOME whose warehouse has been through `planwatch build` (seeds, models, tests)."""
    from planwatch.cli import main

    home = tmp_path_factory.mktemp("planwatch_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        assert main(["build", "--quiet"]) == 0
        yield home


@pytest.fixture(scope="session")
def built_as_of(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """Makes a copy of the built warehouse whose marts are as of a date: `built_as_of(name, "2026-10-15")`."""
    import shutil

    from planwatch.cli import main

    def copy(name: str, as_of: str) -> Path:
        home = tmp_path_factory.mktemp(name)
        shutil.copyfile(built_home / "warehouse.duckdb", home / "warehouse.duckdb")
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PLANWATCH_HOME", str(home))
            assert main(["build", "--quiet", "--as-of", as_of]) == 0
        return home

    return copy


@pytest.fixture(scope="session")
def built_home_mid_october(built_as_of: Callable[[str, str], Path]) -> Path:
    """A copy of the built warehouse whose marts are as of 15/10/2026 (what reports on that day read)."""
    return built_as_of("planwatch_home_2026_10_15", "2026-10-15")


@pytest.fixture()
def warehouse(built_home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the built warehouse, as an analyst would open it."""
    con = duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True)
    try:
        yield con
    finally:
        con.close()


@pytest.fixture()
def fresh_home(built_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the built warehouse (and its read-only copy) that a test may write to."""
    import shutil

    home = tmp_path / "home"
    home.mkdir()
    for name in ("warehouse.duckdb", "warehouse-readonly.duckdb"):
        shutil.copyfile(built_home / name, home / name)
    monkeypatch.setenv("PLANWATCH_HOME", str(home))
    return home


def sample_home(root: Path, until: date) -> tuple[Path, SampleManifest]:
    """Build the plan, ingest the sample received by `until` (each file at its received time), rebuild as of
    `until`; returns the PLANWATCH_HOME and the sample's manifest."""
    from planwatch.ingest.pipeline import ingest_file
    from planwatch.ingest.plan_lookup import load_catalogue
    from planwatch.sample import generate_sample
    from planwatch.warehouse.build import build

    home = root / f"home-{until:%Y%m%d}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        mp.setenv("PLANWATCH_TODAY", until.isoformat())
        build(as_of=until, quiet=True)
        catalogue = load_catalogue(home / "warehouse.duckdb")
        manifest = generate_sample(catalogue, root / f"sample-{until:%Y%m%d}", until=until)
        for item in manifest.files:
            outcome = ingest_file(
                item.path, agency_code=item.agency_code, received_at=item.received_at, catalogue=catalogue
            )
            assert not outcome.problems, item.path.name
        build(as_of=until, quiet=True)
    return home, manifest


def copy_home(home: Path, to: Path) -> Path:
    """A new PLANWATCH_HOME `to` holding a copy of `home`'s warehouse."""
    to.mkdir()
    shutil.copyfile(home / "warehouse.duckdb", to / "warehouse.duckdb")
    return to


def rebuild(home: Path, as_of: date, *, today: date | None = None, full_refresh: bool = False) -> None:
    """`planwatch build --as-of` on `home` (`--full-refresh` if asked; PLANWATCH_TODAY pinned to `today`)."""
    from planwatch.warehouse.build import build

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        if today is not None:
            mp.setenv("PLANWATCH_TODAY", today.isoformat())
        build(as_of=as_of, quiet=True, full_refresh=full_refresh)


def raw_counts(home: Path) -> dict[str, int]:
    """Row counts of every raw table (0 when the raw schema does not exist yet)."""
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        tables = [
            t
            for (t,) in con.sql(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        ]
        return {t: con.sql(f"select count(*) from raw.{t}").fetchone()[0] for t in sorted(tables)}


# --- XLSX: every workbook a test reads, read by calamine (planwatch/ingest/xlsx.py) as openpyxl reads it


class _LongCell(Exception):
    pass


def _too_long(*_: object) -> None:
    raise _LongCell


def reference_records(data: bytes) -> list[tuple[str, list[tuple[int, list]]]]:
    """The workbook's worksheets as openpyxl reads them (read-only, cached values), each cell as
    (value, shown text, number format), the way the reader read every workbook before calamine:
    a percent cell scaled ×100 and shown "12,5%", another number format than General kept."""
    import io
    import re
    import unicodedata
    from decimal import Decimal

    import openpyxl

    def cell(c: object) -> tuple:
        value, fmt = c.value, getattr(c, "number_format", None)
        if isinstance(value, str):
            return (unicodedata.normalize("NFC", value) if value.strip() else None), None, None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if "%" in re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt or ""):
                scaled = Decimal(repr(value)) * 100
                shown = format(scaled.normalize(), "f").replace(".", ",") + "%"
                return (int(scaled) if scaled == scaled.to_integral_value() else float(scaled)), shown, None
            return value, None, (fmt if fmt and fmt != "General" else None)
        return value, None, None

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()
            rows = [(n, _trimmed([cell(c) for c in row])) for n, row in enumerate(ws.iter_rows(), start=1)]
            sheets.append((ws.title, rows))
        props = wb.properties
        return [("", [(0, [props.title, props.subject, props.keywords])]), *sheets]
    finally:
        wb.close()


def calamine_records(data: bytes, max_cell_chars: int = 10**9) -> list[tuple[str, list[tuple[int, list]]]]:
    """The same, read by planwatch/ingest/xlsx.py; raises xlsx.Unrepresentable when it hands the
    workbook to openpyxl, and _LongCell at a text over ``max_cell_chars``."""
    from planwatch.ingest import xlsx

    read_sheets = getattr(xlsx.read_sheets, "__wrapped__", xlsx.read_sheets)  # not the check below
    props, sheets = read_sheets(data, _too_long, max_cell_chars)
    read = [(title, [(n, _trimmed(cells)) for n, cells in records]) for title, records in sheets]
    return [("", [(0, [props.title, props.subject, props.keywords])]), *read]


def _trimmed(cells: list) -> list:
    # openpyxl's rows end at the row's last cell tag, calamine's at the sheet's last column: the
    # blank cells after a row's last value are no cells of the record. Each cell is compared with
    # the type of its value (3 == 3.0 == True in Python; an int must not become a float or a bool).
    cells = [(type(value).__name__, value, *rest) for value, *rest in cells]
    while cells and cells[-1] == ("NoneType", None, None, None):
        cells.pop()
    return cells


@pytest.fixture(autouse=True)
def _xlsx_read_by_calamine_as_by_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every workbook any test reads: calamine's records are openpyxl's, or the reader hands the
    workbook to openpyxl (xlsx.Unrepresentable)."""
    from planwatch.ingest import xlsx

    read_sheets = xlsx.read_sheets

    def checked(data: bytes, on_long_cell, max_cell_chars: int):  # noqa: ANN001, ANN202
        try:
            fast = calamine_records(data, max_cell_chars)
        except (xlsx.Unrepresentable, _LongCell):
            pass
        else:
            assert fast == reference_records(data), "calamine's reading differs from openpyxl's"
        return read_sheets(data, on_long_cell, max_cell_chars)

    checked.__wrapped__ = read_sheets  # type: ignore[attr-defined]
    monkeypatch.setattr(xlsx, "read_sheets", checked)
