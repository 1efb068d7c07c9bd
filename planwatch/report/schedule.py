"""`planwatch run-due`: render each report whose period has closed and that is not current for the data.

Rules (reports/README.md "Schedule"):
- due: a quarterly, annual, midterm or endterm obligation of marts.fct_reporting_calendar whose period
  ended before today (the report can be prepared from then on; its due date is later);
- a due report never rendered is rendered as of today; the latest closed period of each kind is rendered
  again whenever the data vintage changes (a new load, a changed plan); older periods stay as rendered;
- the manifest $PLANWATCH_HOME/reports/manifest.json records kind, period, as-of, vintage and files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from planwatch import config
from planwatch.report.documents import Rendered, has_document, render_report
from planwatch.warehouse import snapshot
from planwatch.warehouse.vintage import data_vintage

SCHEDULED_KINDS = ("quarterly", "annual", "midterm", "endterm")


@dataclass(frozen=True)
class Due:
    """One report the calendar says can be prepared: kind, period, when it closed, when it is due."""

    kind: str
    period: str
    period_end: date
    due_date: date


@dataclass(frozen=True)
class RunResult:
    """What run-due did: rendered, already current, skipped (no document yet)."""

    rendered: list[Rendered]
    current: list[Due]
    skipped: list[Due]


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
    if not to_render:
        return RunResult(rendered, current, skipped)
    # One warehouse as of the day for the whole run: rebuilt once if the published copy is of another day.
    with snapshot.warehouse_for(today) as as_of_copy:
        for item in to_render:
            result = render_report(item.kind, item.period, formats=formats, as_of=today, warehouse=as_of_copy)
            manifest["reports"][f"{item.kind}/{item.period}"] = {
                "kind": result.kind,
                "period": result.period,
                "as_of": result.as_of.isoformat(),
                "vintage": result.vintage,
                "engine": result.engine,
                "outputs": {fmt: str(path) for fmt, path in result.outputs.items()},
                "seconds": round(result.seconds, 2),
                "rendered_at": datetime.now().isoformat(timespec="seconds"),
            }
            _write_manifest(manifest)  # after each render: an interrupted run keeps what it finished
            rendered.append(result)
    return RunResult(rendered, current, skipped)
