"""`planwatch run-due`: render each report whose period has closed and that is not current for the data.

Rules (reports/README.md "Schedule"):
- due: a quarterly, annual, midterm or endterm obligation of marts.fct_reporting_calendar whose period
  ended before today (the report can be prepared from then on; its due date is later);
- a due report never rendered is rendered as of today; the latest closed period of each kind is rendered
  again whenever the data vintage changes (a new load, a changed plan); older periods stay as rendered;
- the reminder letters (`planwatch remind`) of the latest quarter whose data-submission deadline
  (DATA_SUBMISSION_QUARTERLY) has passed are written as of today, again whenever the data vintage changes;
- the manifest $PLANWATCH_HOME/reports/manifest.json records kind, period, as-of, vintage and files
  (the letters under "reminders", by quarter).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from planwatch import config
from planwatch.report.documents import Rendered, has_document, render_report
from planwatch.report.reminders import Reminded, remind
from planwatch.warehouse import snapshot
from planwatch.warehouse.vintage import data_vintage

SCHEDULED_KINDS = ("quarterly", "annual", "midterm", "endterm")
# The reminders follow the quarterly data-submission deadline (fct_reporting_calendar).
REMINDER_OBLIGATION = "DATA_SUBMISSION_QUARTERLY"


@dataclass(frozen=True)
class Due:
    """One report the calendar says can be prepared: kind, period, when it closed, when it is due."""

    kind: str
    period: str
    period_end: date
    due_date: date


@dataclass(frozen=True)
class RunResult:
    """What run-due did: rendered, already current, skipped (no document yet), the reminders written."""

    rendered: list[Rendered]
    current: list[Due]
    skipped: list[Due]
    reminded: list[Reminded] = field(default_factory=list)


def manifest_path() -> Path:
    """$PLANWATCH_HOME/reports/manifest.json."""
    return config.home() / "reports" / "manifest.json"


def read_manifest() -> dict[str, Any]:
    """The manifest, or an empty one."""
    path = manifest_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"reports": {}}


def _write_manifest(manifest: dict[str, Any]) -> None:
    path = manifest_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def _entry(result: Rendered | Reminded) -> dict[str, Any]:
    """What the manifest records of a render: period, as-of, vintage, engine, files, time."""
    return {
        "period": result.period,
        "as_of": result.as_of.isoformat(),
        "vintage": result.vintage,
        "engine": result.engine,
        "outputs": {name: str(path) for name, path in result.outputs.items()},
        "seconds": round(result.seconds, 2),
        "rendered_at": datetime.now().isoformat(timespec="seconds"),
    }


def due_reports(warehouse: Path, today: date) -> list[Due]:
    """Reports of the calendar whose period ended before `today`, oldest first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """
            select report_kind, period, period_end, min(due_date)
            from marts.fct_reporting_calendar
            where report_kind in (select unnest(?::varchar[])) and period_end < ?
            group by report_kind, period, period_end
            order by period_end, report_kind
            """,
            [list(SCHEDULED_KINDS), today],
        ).fetchall()
    return [Due(*row) for row in rows]


def reminder_due(warehouse: Path, today: date) -> str | None:
    """The latest quarter whose data-submission deadline has passed by `today`, else None."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            "select max_by(period, period_end) from marts.fct_reporting_calendar "
            "where obligation_code = ? and due_date < ?",
            [REMINDER_OBLIGATION, today],
        ).fetchone()
    return row[0] if row else None


def _reminders_to_write(warehouse: Path, today: date, vintage: str, manifest: dict[str, Any]) -> str | None:
    period = reminder_due(warehouse, today)
    entry = manifest.get("reminders", {}).get(period) if period else None
    return None if period is None or (entry and entry["vintage"] == vintage) else period


def run_due(today: date, *, formats: tuple[str, ...] = ("pdf", "html")) -> RunResult:
    """Render what is due on `today` and not current (module docstring); safe to run again: it then
    renders nothing."""
    warehouse = snapshot.published()
    vintage = data_vintage(warehouse, today)
    due = due_reports(warehouse, today)
    latest = {d.kind: d.period for d in due}  # due is oldest first: the last one per kind wins
    manifest = read_manifest()
    rendered: list[Rendered] = []
    current: list[Due] = []
    skipped: list[Due] = []
    to_render: list[Due] = []
    for item in due:
        if item.kind not in ("quarterly", "annual", "midterm") or not has_document(item.kind):
            skipped.append(item)
            continue
        entry = manifest["reports"].get(f"{item.kind}/{item.period}")
        # Current: rendered in every format asked for, for this data vintage (older periods: rendered once).
        has_formats = bool(entry) and set(formats) <= set(entry.get("outputs", {}))
        if has_formats and (entry["vintage"] == vintage or latest[item.kind] != item.period):
            current.append(item)
        else:
            to_render.append(item)
    reminders = _reminders_to_write(warehouse, today, vintage, manifest)
    if not to_render and reminders is None:
        return RunResult(rendered, current, skipped)
    # One warehouse as of the day for the whole run: rebuilt once if the published copy is of another day.
    with snapshot.warehouse_for(today) as as_of_copy:
        for item in to_render:
            result = render_report(item.kind, item.period, formats=formats, as_of=today, warehouse=as_of_copy)
            manifest["reports"][f"{item.kind}/{item.period}"] = {"kind": result.kind, **_entry(result)}
            _write_manifest(manifest)  # after each render: an interrupted run keeps what it finished
            rendered.append(result)
        reminded = [remind(reminders, as_of=today, warehouse=as_of_copy)] if reminders else []
        for letters in reminded:
            manifest.setdefault("reminders", {})[letters.period] = _entry(letters)
            _write_manifest(manifest)
    return RunResult(rendered, current, skipped, reminded)
