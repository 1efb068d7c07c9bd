"""`planwatch report KIND --period P`: which document, which warehouse, which engine, where the files go."""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from planwatch import config
from planwatch.ingest.periods import parse_period
from planwatch.report import quarto
from planwatch.report.render import RenderFailed, render_builtin
from planwatch.warehouse import snapshot
from planwatch.warehouse.vintage import data_vintage

REPORTS_DIR = config.REPO_ROOT / "reports"
KINDS = ("quarterly", "annual", "midterm")
PERIOD_TYPES = {"quarterly": "quarter", "annual": "year", "midterm": "year"}
Engine = Literal["auto", "quarto", "builtin"]


@dataclass(frozen=True)
class Rendered:
    """What one render wrote, with the figures the closing note needs."""

    kind: str
    period: str
    as_of: date
    vintage: str
    engine: str
    outputs: dict[str, Path]
    seconds: float


def document_path(kind: str) -> Path:
    """reports/<kind>.qmd."""
    return REPORTS_DIR / f"{kind}.qmd"


def has_document(kind: str) -> bool:
    """Whether the document of this kind has been written yet."""
    return document_path(kind).exists()


def output_dir(kind: str, period: str) -> Path:
    """$PLANWATCH_HOME/reports/<kind>/<period>/."""
    return config.home() / "reports" / kind / period


PLAN_YEARS = range(2026, 2031)
MIDTERM_YEAR = 2028  # sơ kết giữa nhiệm kỳ covers 2026–2028 (section IV; fct_reporting_calendar)


def check_period(kind: str, p, day: date) -> None:
    """Refuse a report for a period outside the programme, not yet started, or not the mid-term year."""
    if p.year not in PLAN_YEARS:
        raise RenderFailed(f"kỳ {p.code} ngoài giai đoạn 2026–2030 của Chương trình (outside the programme)")
    # The mid-term review looks at 2026–2028 against 2030 and may be previewed before 2028.
    if p.start > day and kind != "midterm":
        raise RenderFailed(
            f"kỳ {p.code} chưa bắt đầu tại ngày {day:%d/%m/%Y} (the period starts after the as-of date)"
        )
    if kind == "midterm" and p.year != MIDTERM_YEAR:
        raise RenderFailed(
            f"báo cáo sơ kết giữa nhiệm kỳ là kỳ {MIDTERM_YEAR} (midterm is --period {MIDTERM_YEAR})"
        )


def render_report(
    kind: str,
    period: str,
    *,
    as_of: date,
    formats: Sequence[str] = ("pdf", "html"),
    engine: Engine = "auto",
    warehouse: Path | None = None,
) -> Rendered:
    """Render reports/<kind>.qmd for the period as of a date to PDF and/or HTML.

    `warehouse`: a warehouse already built as of that date (run-due passes one for all its reports);
    by default the published copy, or a temporary copy rebuilt as of the date.
    """
    if kind not in KINDS:
        raise RenderFailed(f"loại báo cáo không có (unknown report kind): {kind}; dùng {', '.join(KINDS)}")
    qmd = document_path(kind)
    if not qmd.exists():
        raise RenderFailed(
            f"chưa có tài liệu {qmd.relative_to(config.REPO_ROOT)} (the {kind} document is not written yet)"
        )
    p = parse_period(period)
    if p.period_type != PERIOD_TYPES[kind]:
        raise RenderFailed(f"kỳ {period} không hợp với báo cáo {kind} (needs a {PERIOD_TYPES[kind]} period)")
    check_period(kind, p, as_of)
    quarto_exe = quarto.find_quarto() if engine in {"auto", "quarto"} else None
    if engine == "quarto" and quarto_exe is None:
        raise RenderFailed("không tìm thấy Quarto >= 1.8 (--engine quarto needs Quarto 1.8 or later on PATH)")
    started = time.perf_counter()
    source = nullcontext(warehouse) if warehouse is not None else snapshot.warehouse_for(as_of)
    with source as warehouse:
        vintage = data_vintage(warehouse, as_of)
        params = {"period": p.code, "as_of": as_of.isoformat(), "warehouse": str(warehouse)}
        stem = f"{kind}-{p.code}-asof-{as_of.isoformat()}"
        target = output_dir(kind, p.code)
        if quarto_exe:
            outputs = quarto.render_quarto(qmd, params, target, stem, formats, executable=quarto_exe)
        else:
            outputs = render_builtin(qmd, params, target, stem, formats)
    return Rendered(
        kind,
        p.code,
        as_of,
        vintage,
        "quarto" if quarto_exe else "builtin",
        outputs,
        time.perf_counter() - started,
    )
