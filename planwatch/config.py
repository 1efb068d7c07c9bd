"""Where things live and what day it is: PLANWATCH_HOME and PLANWATCH_TODAY (docs/contracts.md)."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """A setting in the environment is malformed."""


def home() -> Path:
    """The data folder: $PLANWATCH_HOME, default ./data (relative to the current directory)."""
    return Path(os.environ.get("PLANWATCH_HOME", "data")).resolve()


def warehouse_path() -> Path:
    """The DuckDB warehouse file, $PLANWATCH_HOME/warehouse.duckdb."""
    return home() / "warehouse.duckdb"


READ_ONLY_NAME = "warehouse-readonly.duckdb"


def read_only_path() -> Path:
    """The published read-only copy, $PLANWATCH_HOME/warehouse-readonly.duckdb (planwatch/warehouse/publish.py
    writes it; ingest reads the plan from it)."""
    return home() / READ_ONLY_NAME


def today() -> date:
    """Today's date, or PLANWATCH_TODAY=YYYY-MM-DD when set (tests, re-running a past quarter).

    Read by the commands (planwatch/cli.py, planwatch/report/cli.py), which pass the date down as an
    argument and to dbt as the `as_of` var; the layers below never read it themselves."""
    raw = os.environ.get("PLANWATCH_TODAY", "").strip()
    if not raw:
        return date.today()
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigError(
            f"PLANWATCH_TODAY={raw!r} không hợp lệ (invalid): cần dạng YYYY-MM-DD, ví dụ 2026-10-15"
        ) from exc


def now() -> datetime:
    """The current time; on PLANWATCH_TODAY's date (at the current time of day) when that is set."""
    current = datetime.now()
    if os.environ.get("PLANWATCH_TODAY", "").strip():
        return datetime.combine(today(), current.time())
    return current
