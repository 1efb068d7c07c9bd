"""What the plan allows a submission to say, as the ingest layer looks it up: the indicators, tasks
and agencies from the marts, the units the plan itself prints for each indicator, and the figures
already in the warehouse (for the consistency checks of planwatch/ingest/consistency.py)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import duckdb

from planwatch.ingest.columns import fold
from planwatch.ingest.errors import IngestError


@dataclass(frozen=True)
class IndicatorInfo:
    """What validation and templates need to know about one indicator."""

    code: str
    name_vi: str
    unit: str | None
    kind: str
    lead_agency_codes: tuple[str, ...]
    is_assessable: bool
    reporting_frequency: str | None = None  # quarterly or yearly
    part_year_figure: str | None = None  # estimate_of_year, partial_sum, not_reported


@dataclass(frozen=True)
class TaskInfo:
    """What validation and templates need to know about one PHỤ LỤC 2 task."""

    code: str
    text_vi: str
    lead_agency_codes: tuple[str, ...]
    deadline_text_vi: str | None
    # The deadline as the plan parser read it (planwatch/plan/deadlines.py, via marts.dim_task).
    start_date: date | None = None
    due_date: date | None = None
    already_completed: bool = False


@dataclass(frozen=True)
class AgencyInfo:
    """An agency that may submit: its code, name and whether it is the statistics office."""

    code: str
    name_vi: str
    is_statistics_office: bool


@dataclass(frozen=True)
class KnownFigure:
    """A figure already in the warehouse: the latest received value of one indicator and period."""

    period: str
    period_type: str
    value: float


@dataclass(frozen=True)
class Catalogue:
    """Indicators, tasks and agencies keyed by code; plan units and known figures by indicator."""

    indicators: dict[str, IndicatorInfo]
    tasks: dict[str, TaskInfo]
    agencies: dict[str, AgencyInfo]
    # The units the plan document prints for an indicator (PHỤ LỤC 1 and Phụ lục 4), verbatim.
    plan_units: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The latest received figure of each (indicator, period) in raw.indicator_values.
    known_figures: dict[str, tuple[KnownFigure, ...]] = field(default_factory=dict)
    # SHA-256 of every file already loaded: a file is judged once, when it is first received.
    loaded_files: frozenset[str] = frozenset()

    def indicators_of(self, agency_code: str) -> list[IndicatorInfo]:
        """Indicators the agency may submit: those it leads, or all for the statistics office."""
        agency = self.agencies.get(agency_code)
        if agency is not None and agency.is_statistics_office:
            return [i for i in self.indicators.values() if i.kind not in ("group",)]
        return [i for i in self.indicators.values() if agency_code in i.lead_agency_codes]

    def agency_code_for(self, text: str) -> str | None:
        """The agency code the text means, whatever its case (`sct` → SCT); None when there is none."""
        wanted = text.strip().upper()
        return next((code for code in self.agencies if code.upper() == wanted), None)

    def nearest_agencies(self, text: str, n: int = 3) -> list[str]:
        """The agency codes closest to an unknown one; people also type the name ("Sở Tài chính")."""
        near = difflib.get_close_matches(text.strip().upper(), list(self.agencies), n=n, cutoff=0.4)
        names = {fold(a.name_vi): a.code for a in self.agencies.values()}
        near += [names[m] for m in difflib.get_close_matches(fold(text), list(names), n=2, cutoff=0.6)]
        return list(dict.fromkeys(near))[:n]

    def tasks_of(self, agency_code: str) -> list[TaskInfo]:
        """Tasks the agency leads (a task belongs to its lead agencies)."""
        return [t for t in self.tasks.values() if agency_code in t.lead_agency_codes]


# $PLANWATCH_HOME/warehouse.duckdb, beside the published copy (planwatch/ingest/store.py names it too).
LIVE_WAREHOUSE = "warehouse.duckdb"


class CatalogueMissing(IngestError):
    """The warehouse has no plan catalogue yet (`planwatch build` has not run)."""

    key = "catalogue_missing"
    title_vi = "Chưa có danh mục kế hoạch trong kho dữ liệu"


def load_catalogue_from(con: duckdb.DuckDBPyConnection, *, figures: bool = True) -> Catalogue:
    """Read the catalogue from an open warehouse connection (without the figures and files loaded so far
    when `figures` is false: the caller reads them elsewhere)."""
    try:
        indicators = con.sql(
            "select indicator_code, name_vi, unit, kind, lead_agency_codes, is_assessable, "
            "reporting_frequency, part_year_figure from marts.dim_indicator"
        ).fetchall()
        tasks = con.sql(
            "select task_code, task_text_vi, lead_agency_codes, deadline_text_vi,"
            " start_date, due_date, already_completed from marts.dim_task"
        ).fetchall()
        agencies = con.sql(
            "select agency_code, name_vi, is_statistics_office from marts.dim_agency"
        ).fetchall()
    except duckdb.CatalogException as exc:
        raise CatalogueMissing(
            "kho dữ liệu chưa có các bảng marts (no marts yet)",
            suggestion="chạy `planwatch build` trước khi nhập số liệu",
        ) from exc
    return Catalogue(
        plan_units=_plan_units(con),
        known_figures=_known_figures(con) if figures else {},
        loaded_files=_loaded_files(con) if figures else frozenset(),
        indicators={
            code: IndicatorInfo(code, name, unit, kind, tuple(leads or ()), bool(assessable), freq, part)
            for code, name, unit, kind, leads, assessable, freq, part in indicators
        },
        tasks={
            code: TaskInfo(code, text, tuple(leads or ()), deadline, start, due, bool(done))
            for code, text, leads, deadline, start, due, done in tasks
        },
        agencies={code: AgencyInfo(code, name, bool(stat)) for code, name, stat in agencies},
    )


def _plan_units(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, ...]]:
    rows = con.sql(
        "select indicator_code, unit_verbatim from marts.dim_indicator where unit_verbatim is not null "
        "union select indicator_code, unit_verbatim from marts.fct_plan_trajectory "
        "where unit_verbatim is not null order by 1, 2"
    ).fetchall()
    units: dict[str, tuple[str, ...]] = {}
    for code, unit in rows:
        units[code] = (*units.get(code, ()), unit)
    return units


def _has_raw(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    # No bound parameter here: DuckDB's Python client imports pandas to convert the first one (0,3 s),
    # which a command that only reads the catalogue (`planwatch template`) would pay for nothing.
    tables = con.sql("select table_name from information_schema.tables where table_schema = 'raw'").fetchall()
    return (table,) in tables


def _known_figures(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[KnownFigure, ...]]:
    if not _has_raw(con, "indicator_values"):
        return {}
    rows = con.sql(
        "select v.indicator_code, v.period, v.period_type, v.value from raw.indicator_values v "
        "join raw.loads l using (load_id) "
        "qualify row_number() over (partition by v.indicator_code, v.period "
        "order by l.received_at desc, l.load_id desc) = 1 order by 1, 2"
    ).fetchall()
    known: dict[str, tuple[KnownFigure, ...]] = {}
    for code, period, period_type, value in rows:
        known[code] = (*known.get(code, ()), KnownFigure(period, period_type, value))
    return known


def _loaded_files(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    if not _has_raw(con, "loads"):
        return frozenset()
    return frozenset(sha for (sha,) in con.sql("select file_sha256 from raw.loads").fetchall())


def load_catalogue(warehouse: Path) -> Catalogue:
    """Open the warehouse read-only and read the catalogue."""
    if not warehouse.exists():
        raise CatalogueMissing(
            f"không có kho dữ liệu tại {warehouse} (no warehouse)",
            suggestion="chạy `planwatch build` trước khi nhập số liệu",
        )
    # The published read-only copy is as of the last build; the figures loaded since then are in the
    # warehouse itself. Read them from there when no writer holds it (else the copy's are used), and
    # only from there: the copy's would be read for nothing (start-up, benchmarks/bench_startup.py).
    live = warehouse.with_name(LIVE_WAREHOUSE)
    loaded = None
    if live != warehouse and live.exists():
        try:
            with duckdb.connect(str(live), read_only=True) as con:
                loaded = _known_figures(con), _loaded_files(con)
        except duckdb.Error:
            pass
    with duckdb.connect(str(warehouse), read_only=True) as con:
        catalogue = load_catalogue_from(con, figures=loaded is None)
    if loaded is not None:
        catalogue = replace(catalogue, known_figures=loaded[0], loaded_files=loaded[1])
    return catalogue
