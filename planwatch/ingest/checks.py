"""The column rules of the ingest contract: the normalised rows as a frame, the suite's run-time
parameters (catalogue codes, the agency's own codes, today), and the problems its failures become."""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planwatch.ingest.cells import Row
from planwatch.ingest.gx import run_suite
from planwatch.ingest.model import Problem
from planwatch.ingest.periods import Period
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo
from planwatch.ingest.units import accepted_units, canonical_unit, plausibility_class
from planwatch.ingest.wording import indicator_problems, task_problems

# --- the GX checks ---------------------------------------------------------------------------------


# What a row takes from its indicator and its period repeats on many rows: worked out once each.
@functools.lru_cache(maxsize=4096)
def indicator_units(info: IndicatorInfo) -> tuple[str | None, str | None]:
    """An indicator's range class (what its values may be) and its unit as the unit rule spells it."""
    return plausibility_class(info.unit, info.kind, info.name_vi), canonical_unit(info.unit)


@functools.lru_cache(maxsize=4096)
def period_bounds(period: Period) -> tuple[datetime, datetime]:
    """A period's first and last day, as the timestamps the suite compares with today."""
    return datetime.combine(period.start, time()), datetime.combine(period.end, time())


def check_indicators(
    rows: list[Row], agency: str, catalogue: Catalogue, today: date, suite_path: Path
) -> list[Problem]:
    """The problems the indicator suite finds in the normalised rows (none: an empty list)."""
    failures = run_suite(suite_path, indicator_frame(rows), indicator_parameters(agency, catalogue, today))
    return indicator_problems(failures, rows, agency, catalogue, today)


def indicator_parameters(agency: str, catalogue: Catalogue, today: date) -> dict[str, Any]:
    """The run-time parameters of the indicator suite: catalogue codes, the agency's own, today."""
    headings = sorted(c for c, i in catalogue.indicators.items() if i.kind == "group")
    # An unknown agency is reported once (unknown_agency), not as the owner of nothing on every row.
    not_owned: list[str] = []
    if agency in catalogue.agencies:
        may_submit = {i.code for i in catalogue.indicators_of(agency)}
        not_owned = sorted(set(catalogue.indicators) - may_submit - set(headings))
    pairs = sorted(
        {
            (u, canonical_unit(i.unit))
            for i in catalogue.indicators.values()
            if i.unit
            for u in accepted_units(i.unit)
        }
    )
    return {
        "known_indicator_codes": sorted(catalogue.indicators),
        "heading_indicator_codes": headings,
        "indicator_codes_not_owned": not_owned,
        "accepted_unit_pairs": [list(pair) for pair in pairs],
        "today": datetime.combine(today, time()),
    }


def indicator_frame(rows: list[Row]) -> Any:
    """The pandas frame the indicator suite runs on: one record per normalised row."""
    import pandas as pd

    records = []
    for row in rows:
        p = row.parsed
        info: IndicatorInfo | None = p["info"]
        period: Period | None = p["period"]
        firm = period is not None and p["status"] in ("so_bo", "chinh_thuc")
        range_class, catalogue_unit = (None, None) if info is None else indicator_units(info)
        start, end = (None, None) if period is None else period_bounds(period)
        unit_text = row.text("don_vi")
        # A plan unit was converted: the figure is now in the catalogue unit.
        unit = catalogue_unit if p.get("plan_unit") and info else canonical_unit(unit_text)
        records.append(
            {
                "indicator_code": p["code"],
                "value_text": row.text("gia_tri"),
                "value": None if p["value"] is None else float(p["value"]),
                "range_class": range_class,
                "unit_text": unit_text,
                "unit": unit,
                "catalogue_unit": catalogue_unit,
                "period_text": row.text("ky"),
                "period": None if period is None else period.code,
                "period_start": start,
                "firm_period_end": end if firm else None,
                "status": p["status"],
            }
        )
    frame = pd.DataFrame.from_records(records)
    for column in ("period_start", "firm_period_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["value"] = frame["value"].astype("float64")
    return frame


def check_tasks(
    rows: list[Row], agency: str, catalogue: Catalogue, today: date, suite_path: Path
) -> list[Problem]:
    import pandas as pd

    is_stat = agency in catalogue.agencies and catalogue.agencies[agency].is_statistics_office
    known_agency = agency in catalogue.agencies
    own = (
        set(catalogue.tasks) if is_stat or not known_agency else {t.code for t in catalogue.tasks_of(agency)}
    )
    frame = pd.DataFrame.from_records(
        [
            {
                "task_code": row.parsed["code"],
                "state": row.parsed["state"],
                "date_text": row.text("ngay"),
                "state_date": None
                if row.parsed["date"] is None
                else datetime.combine(row.parsed["date"], time()),
            }
            for row in rows
        ]
    )
    frame["state_date"] = pd.to_datetime(frame["state_date"]).astype("datetime64[ns]")
    params = {
        "known_task_codes": sorted(catalogue.tasks),
        "task_codes_not_owned": sorted(set(catalogue.tasks) - own),
        "today": datetime.combine(today, time()),
    }
    failures = run_suite(suite_path, frame, params)
    return task_problems(failures, rows, agency, catalogue, today)
