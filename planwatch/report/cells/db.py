"""The report's connection to the warehouse and `q()`, the one way a document asks the marts a question."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from planwatch import config
from planwatch.ingest.periods import Period, parse_period
from planwatch.warehouse import publish
from planwatch.warehouse.snapshot import as_of_warehouse, built_as_of


class Rows(list):
    """Query result: a list of dicts (one per row) that also knows its column names."""

    def __init__(self, columns: list[str], rows: list[tuple]) -> None:
        super().__init__(dict(zip(columns, row, strict=True)) for row in rows)
        self.columns = columns

    def col(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        return [row[name] for row in self]


@dataclass
class Report:
    """What every cell of a document shares: period, as-of date, warehouse, whether it is sample data."""

    period: Period
    as_of: date
    warehouse: Path
    con: duckdb.DuckDBPyConnection
    sample: bool
    loads: Rows = field(default_factory=lambda: Rows([], []))


_current: Report | None = None
# What this render opened: the connection and, for an as-of copy, its temporary folder. Closed by the next
# setup() or when the process (the kernel under Quarto, the child process under `planwatch report`) ends.
_opened = contextlib.ExitStack()
atexit.register(_opened.close)


def _as_date(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def setup(period: str, as_of: object = None, warehouse: object = None, sample: object = None) -> Report:
    """Open the warehouse for a render; the parameters cell's values go straight in.

    `warehouse` defaults to the published read-only copy. `as_of` defaults to the date its marts were built
    as of; any other date gets a temporary copy rebuilt as of that date (`dbt build --vars {as_of: …}`, as
    `planwatch report --as-of` does), so the header never states a date the figures are not of.
    `sample` None means: sample data if any load up to the as-of date is marked is_sample, or there is none
    (marts.rpt_loads).
    """
    global _current
    _opened.close()
    _current = None
    if warehouse:
        path = Path(str(warehouse))
    elif "PLANWATCH_HOME" in os.environ:
        path = publish.read_only_path()
    else:
        # Under `quarto render` the working directory is reports/, where the default ./data is not.
        path = config.REPO_ROOT / "data" / publish.READ_ONLY_NAME
    if not path.exists():
        raise FileNotFoundError(f"không có kho dữ liệu (no warehouse) tại {path}: chạy `planwatch build`")
    built = built_as_of(path)
    day = _as_date(as_of) if as_of else (built or config.today())
    if built is not None and built != day:
        print(
            f"Kho dữ liệu {path.name} được tính đến ngày {built:%d/%m/%Y}; đang dựng bản sao tính đến ngày "
            f"{day:%d/%m/%Y} (rebuilding a temporary copy as of {day.isoformat()}, dbt build)…",
            file=sys.stderr,
            flush=True,
        )
        path = _opened.enter_context(as_of_warehouse(day, source=path))
        if built_as_of(path) != day:
            raise RuntimeError(
                f"bản sao không được tính đến ngày {day:%d/%m/%Y} (the rebuilt copy is not as of {day}): "
                "dừng để báo cáo không ghi sai ngày"
            )
    con = _opened.enter_context(contextlib.closing(duckdb.connect(str(path), read_only=True)))
    # The loads the figures include: marts.rpt_loads, up to the end of the day the copy is built as of.
    rel = con.execute("select * from marts.rpt_loads order by received_at, load_id")
    loads = Rows([d[0] for d in rel.description], rel.fetchall())
    if sample is None or str(sample).strip().lower() in {"", "none", "auto"}:
        is_sample = not loads or any(row["is_sample"] for row in loads)
    else:
        is_sample = str(sample).strip().lower() in {"true", "1", "yes", "có"}
    _current = Report(parse_period(str(period)), day, path, con, is_sample, loads)
    return _current


def current() -> Report:
    """The report set up by `setup()` in this render."""
    if _current is None:
        raise RuntimeError("gọi setup(period, as_of, warehouse) trước (call setup() in the first cell)")
    return _current


def q(sql: str, params: dict[str, Any] | list[Any] | None = None) -> Rows:
    """Run one read-only query against the marts; `$period`, `$as_of`, `$year`… are bound when used."""
    report = current()
    bound: dict[str, Any] = {
        "period": report.period.code,
        "as_of": report.as_of,
        "year": report.period.year,
        "period_start": report.period.start,
        "period_end": report.period.end,
    }
    if isinstance(params, dict):
        bound.update(params)
    if isinstance(params, list):
        rel = report.con.execute(sql, params)
    else:
        # DuckDB refuses unused named parameters: bind only those the query mentions.
        used = {k: v for k, v in bound.items() if re.search(rf"\${k}\b", sql)}
        rel = report.con.execute(sql, used or None)
    return Rows([d[0] for d in rel.description], rel.fetchall())


def figure_id(text: str) -> str:
    """A short stable name for a figure file, from its content description."""
    return hashlib.sha256(text.encode()).hexdigest()[:10]
