"""Normalise the rows of a submission and validate them; a file passes whole or is rejected whole.

Two layers, one list of problems:
- Python reads each cell (numbers, periods, statuses, dates, units) and reports what cannot be read,
  with the nearest valid choice where one exists (indicator/task/agency codes by difflib).
- Great Expectations runs the column rules on a pandas frame of the normalised rows: the suites are
  the JSON files in ``expectations/`` (see its README), parameterised at run time with the catalogue
  codes, the agency's own codes and today's date.
Every failure becomes an ``planwatch.ingest.model.Problem``; if there is any, ``SubmissionRejected`` carries
them all (as typed ``IngestError``s), nothing of the file is accepted.

This module is the flow and the options; each job has its own module beside it:
``cells`` (reading the cells, the file's number notation), ``checks`` (the rows as a frame and the
suites' run-time parameters), ``gx`` (the Great Expectations runner), ``wording`` (the problem a failed
expectation becomes), ``suggestions`` (nearest codes, look-alike characters) and ``consistency`` (the
checks ``--confirm`` answers).

Beyond the cell rules (docs/ingest.md has the full list):
- the number notation of the ``gia_tri`` column is decided per file from its unambiguous cells
  (``--number-style auto``); a cell contradicting it is refused; undecided ambiguous cells are read
  by the Vietnamese rule and listed as warnings;
- a unit the plan itself prints for the indicator is converted exactly (``Triệu tỷ đồng``);
- consistency checks flag figures a spreadsheet may have changed (a year-to-date flow below its own
  quarter, a figure ~1000× off the warehouse's figures, a percent typed into a number cell); they
  refuse the file unless the analyst confirms (``--confirm``), and a confirmation is recorded as a
  warning on the row. A file already loaded (rebuild) is not judged again by these checks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from planwatch.config import REPO_ROOT
from planwatch.ingest.cells import (
    NumberStyle,
    Row,
    data_rows,
    file_notation,
    missing_columns,
    parse_task_date,
    read_indicator_row,
    read_task_row,
)
from planwatch.ingest.checks import check_indicators, check_tasks
from planwatch.ingest.columnar import columnar_submission
from planwatch.ingest.columns import columns_for
from planwatch.ingest.consistency import confirmed, consistency_flags
from planwatch.ingest.errors import IngestError, OwnershipError, SubmissionRejected, ValidationError
from planwatch.ingest.gx import load_suite
from planwatch.ingest.model import IndicatorValue, Problem, RawTable, Submission, TaskUpdate
from planwatch.ingest.periods import Period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.ingest.suggestions import code_repairs
from planwatch.ingest.wording import unknown_agency

# Names other modules and the tests import from here (their homes are cells, gx and suggestions).
__all__ = [
    "EXPECTATIONS_DIR",
    "INDICATOR_SUITE",
    "TASK_SUITE",
    "IngestOptions",
    "code_repairs",
    "ingest_options",
    "load_suite",
    "parse_task_date",
    "problem_to_error",
    "validate",
]

EXPECTATIONS_DIR = REPO_ROOT / "expectations"
INDICATOR_SUITE = "indicator_submission.json"
TASK_SUITE = "task_submission.json"


@dataclass(frozen=True)
class IngestOptions:
    """How the analyst asked a file to be read: ``planwatch ingest --number-style … --confirm``."""

    number_style: NumberStyle = "auto"  # vi: Vietnamese form only; plain: machine form only
    confirm: bool = False  # accept figures the consistency checks flag (recorded as warnings)


_OPTIONS: ContextVar[IngestOptions | None] = ContextVar("planwatch_ingest_options", default=None)


@contextlib.contextmanager
def ingest_options(options: IngestOptions) -> Iterator[IngestOptions]:
    """Validate every file inside the block with these options (the CLI wraps the pipeline in it)."""
    token = _OPTIONS.set(options)
    try:
        yield options
    finally:
        _OPTIONS.reset(token)


def validate(
    tables: Sequence[RawTable],
    *,
    agency_code: str,
    catalogue: Catalogue,
    today: date,
    sha256: str,
    expectations_dir: Path | None = None,
    options: IngestOptions | None = None,
    columnar: bool = True,
) -> Submission:
    """Normalise and validate every table of one file; raise SubmissionRejected with ALL its problems.

    ``expectations_dir`` is where the GX suite files are read from (default: the repo's expectations/).
    ``options`` default to those of the enclosing ``ingest_options`` block (else auto, no confirm).
    ``columnar=False`` reads every file row by row (planwatch/ingest/columnar.py is then not tried; the
    tests compare the two).
    """
    options = options or _OPTIONS.get() or IngestOptions()
    suites = expectations_dir or EXPECTATIONS_DIR
    file_name = tables[0].path.name if tables else ""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    agency = catalogue.agency_code_for(agency_code) or agency_code.strip()
    if agency not in catalogue.agencies:
        problems.append(unknown_agency(agency, catalogue, file_name))

    if columnar and len(tables) == 1 and tables[0].kind == "indicators" and options.number_style == "auto":
        # The common case, read column by column; the per-row path below when it declines the file.
        accepted = columnar_submission(
            tables[0],
            agency=agency,
            catalogue=catalogue,
            today=today,
            suite_path=suites / INDICATOR_SUITE,
            judge_consistency=sha256 not in catalogue.loaded_files,
        )
        if accepted is not None:
            return Submission(
                path=tables[0].path,
                sha256=sha256,
                agency_code=agency,
                indicator_values=accepted,
                is_sample=tables[0].is_sample,
                number_style=options.number_style,
            )

    indicator_rows = [(t, r) for t in tables if t.kind == "indicators" for r in data_rows(t)]
    task_rows = [(t, r) for t in tables if t.kind == "tasks" for r in data_rows(t)]
    unread = [p for t in tables for p in t.problems]
    problems += unread
    for table in tables:
        problems += missing_columns(table)
    if not indicator_rows and not task_rows and not unread:
        problems.append(
            Problem(
                "empty_submission",
                "tệp không có dòng số liệu nào (sau dòng tiêu đề)",
                file_name,
                expected="ít nhất một dòng số liệu hoặc tiến độ nhiệm vụ",
                suggestion="điền số liệu vào mẫu rồi nộp lại",
            )
        )

    notation = file_notation(indicator_rows, options.number_style)
    indicators = [read_indicator_row(t, r, catalogue, notation) for t, r in indicator_rows]
    tasks = [read_task_row(t, r) for t, r in task_rows]
    problems += [p for row in indicators for p in row.problems]
    problems += [p for row in tasks for p in row.problems]
    warnings += [w for row in indicators for w in row.warnings]

    if indicators:
        problems += check_indicators(indicators, agency, catalogue, today, suites / INDICATOR_SUITE)
        # A file already in the warehouse (a rebuild, the same file sent again) was judged when it
        # was first received; its figures are now part of what it would be compared with.
        if sha256 not in catalogue.loaded_files:
            flagged = consistency_flags(indicators, catalogue)
            if options.confirm:
                warnings += [confirmed(row, flag) for row, flag in flagged]
            else:
                problems += [flag for _, flag in flagged]
    if tasks:
        problems += check_tasks(tasks, agency, catalogue, today, suites / TASK_SUITE)

    if problems:
        problems.sort(key=_problem_order)
        raise SubmissionRejected([problem_to_error(p) for p in problems], file=file_name)
    warnings.sort(key=_problem_order)
    return Submission(
        path=tables[0].path,
        sha256=sha256,
        agency_code=agency,
        indicator_values=tuple(_indicator_value(row) for row in indicators),
        task_updates=tuple(_task_update(row) for row in tasks),
        is_sample=any(t.is_sample for t in tables),
        warnings=tuple(warnings),
        number_style=options.number_style,
    )


# --- Problem <-> IngestError --------------------------------------------------------------------


def problem_to_error(problem: Problem) -> IngestError:
    """The typed error a Problem becomes inside SubmissionRejected (ownership has its own class)."""
    cls = OwnershipError if problem.key == "not_owner" else ValidationError
    return cls(
        problem.message_vi,
        key=problem.key,
        file=problem.file,
        row=problem.row,
        column=problem.column,
        value=problem.value,
        expected=problem.expected,
        suggestion=problem.suggestion,
    )


# --- accepted rows ----------------------------------------------------------------------------------


def _indicator_value(row: Row) -> IndicatorValue:
    p = row.parsed
    period: Period = p["period"]
    note = row.text("ghi_chu")
    warning = "; ".join(
        [f"[{w.key}] {w.message_vi}" for w in row.warnings] + ([p["warning"]] if p.get("warning") else [])
    )
    return IndicatorValue(
        row_no=row.row_no,
        indicator_code=p["code"],
        period=period.code,
        period_type=period.period_type,
        value=float(p["value"]),
        value_text=p["value_text"],
        unit=p["info"].unit,
        status=p["status"],
        note=note,
        sheet=row.sheet,
        submitted_value=float(p["submitted_value"]),
        submitted_unit=row.text("don_vi"),
        warning=warning or None,
    )


def _task_update(row: Row) -> TaskUpdate:
    return TaskUpdate(
        row_no=row.row_no,
        task_code=row.parsed["code"],
        state=row.parsed["state"],
        state_date=row.parsed["date"],
        evidence=row.text("van_ban"),
        note=row.text("ghi_chu"),
        sheet=row.sheet,
    )


_COLUMN_ORDER = {c.name: i for i, c in enumerate((*columns_for("indicators"), *columns_for("tasks")))}


def _problem_order(p: Problem) -> tuple[Any, ...]:
    return (p.file, p.row if p.row is not None else -1, _COLUMN_ORDER.get(p.column or "", -1), p.key)
