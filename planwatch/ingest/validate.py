"""Normalise the rows of a submission and validate them; a file passes whole or is rejected whole.

Two layers, one list of problems:
- Python reads each cell (numbers, periods, statuses, dates, units) and reports what cannot be read,
  with the nearest valid choice where one exists (indicator/task/agency codes by difflib).
- Great Expectations runs the column rules on a pandas frame of the normalised rows: the suites are
  the JSON files in ``expectations/`` (see its README), parameterised at run time with the catalogue
  codes, the agency's own codes and today's date.
Every failure becomes an ``planwatch.ingest.model.Problem``; if there is any, ``SubmissionRejected`` carries
them all (as typed ``IngestError``s), nothing of the file is accepted.

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
import difflib
import functools
import hashlib
import json
import os
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from planwatch.config import REPO_ROOT
from planwatch.ingest.columns import (
    STATUSES,
    TASK_STATES,
    columns_for,
    fold,
    normalise_status,
    normalise_task_state,
)
from planwatch.ingest.errors import (
    IngestError,
    OwnershipError,
    SubmissionRejected,
    ValidationError,
    ValueParseError,
)
from planwatch.ingest.model import IndicatorValue, Problem, RawRow, RawTable, Submission, TaskUpdate
from planwatch.ingest.numbers import format_vn_number, notation_of, parse_vn_number_detail
from planwatch.ingest.periods import ACCEPTED_FORMS, Period, parse_period
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo
from planwatch.ingest.units import (
    accepted_units,
    canonical_unit,
    conversion_factor,
    is_percent_unit,
    plan_unit_factor,
    plausibility_class,
)

EXPECTATIONS_DIR = REPO_ROOT / "expectations"
INDICATOR_SUITE = "indicator_submission.json"
TASK_SUITE = "task_submission.json"

STATUS_CHOICES = ", ".join(label for _, label in STATUSES.values())
STATE_CHOICES = ", ".join(TASK_STATES.values())
DATE_FORMS = 'ô ngày của Excel, "17/10/2025" (ngày/tháng/năm), "2025-10-17" hoặc "ngày 17 tháng 10 năm 2025"'


NumberStyle = Literal["auto", "vi", "plain"]


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
) -> Submission:
    """Normalise and validate every table of one file; raise SubmissionRejected with ALL its problems.

    ``expectations_dir`` is where the GX suite files are read from (default: the repo's expectations/).
    ``options`` default to those of the enclosing ``ingest_options`` block (else auto, no confirm).
    """
    options = options or _OPTIONS.get() or IngestOptions()
    suites = expectations_dir or EXPECTATIONS_DIR
    file_name = tables[0].path.name if tables else ""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    agency = catalogue.agency_code_for(agency_code) or agency_code.strip()
    if agency not in catalogue.agencies:
        problems.append(_unknown_agency(agency, catalogue, file_name))

    indicator_rows = [(t, r) for t in tables if t.kind == "indicators" for r in _data_rows(t)]
    task_rows = [(t, r) for t in tables if t.kind == "tasks" for r in _data_rows(t)]
    unread = [p for t in tables for p in t.problems]
    problems += unread
    for table in tables:
        problems += _missing_columns(table)
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

    notation = _file_notation(indicator_rows, options.number_style)
    indicators = [_read_indicator_row(t, r, catalogue, notation) for t, r in indicator_rows]
    tasks = [_read_task_row(t, r) for t, r in task_rows]
    problems += [p for row in indicators for p in row.problems]
    problems += [p for row in tasks for p in row.problems]
    warnings += [w for row in indicators for w in row.warnings]

    if indicators:
        problems += _check_indicators(indicators, agency, catalogue, today, suites / INDICATOR_SUITE)
        # A file already in the warehouse (a rebuild, the same file sent again) was judged when it
        # was first received; its figures are now part of what it would be compared with.
        if sha256 not in catalogue.loaded_files:
            flagged = _consistency_flags(indicators, catalogue)
            if options.confirm:
                warnings += [_confirmed(row, flag) for row, flag in flagged]
            else:
                problems += [_unconfirmed(flag) for _, flag in flagged]
    if tasks:
        problems += _check_tasks(tasks, agency, catalogue, today, suites / TASK_SUITE)

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


# --- reading the cells ----------------------------------------------------------------------------


@dataclass
class _Row:
    """One data row: where it is, the cells as written, and what could be read from them."""

    file: str  # the file name, with the sheet for a workbook: "a.xlsx [Chỉ tiêu]"
    row_no: int
    sheet: str | None
    cells: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    parsed: dict[str, Any] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # Excel number formats (reader.ReadRow)

    def text(self, column: str) -> str | None:
        """The cell as text, None when blank."""
        value = self.cells.get(column)
        if value is None:
            return None
        text = value.isoformat() if isinstance(value, date | datetime) else str(value).strip()
        return text or None

    def problem(self, key: str, message: str, column: str | None, **extra: str | None) -> Problem:
        return Problem(key, message, self.file, self.row_no, column, extra.pop("value", None), **extra)


def _file_label(table: RawTable) -> str:
    return f"{table.path.name} [{table.sheet}]" if table.sheet else table.path.name


# The cells a department fills in; a row where all of them are blank is "not reported" (the template
# pre-fills code, period and unit and says "để trống nếu chưa có số liệu"), not an error.
_REPORTED_CELLS = {"indicators": ("gia_tri", "trang_thai"), "tasks": ("tinh_trang", "ngay", "van_ban")}


def _blank(value: Any) -> bool:
    return value is None or not str(value).strip()


def _data_rows(table: RawTable) -> list[RawRow]:
    """Rows that report something: blank lines and rows left as the template pre-filled them are skipped."""
    filled = _REPORTED_CELLS[table.kind]
    return [r for r in table.rows if not all(_blank(r.values.get(c)) for c in filled)]


def _missing_columns(table: RawTable) -> list[Problem]:
    missing = [c for c in columns_for(table.kind) if c.required and c.name not in table.headers]
    return [
        Problem(
            "missing_column",
            f'thiếu cột "{c.name}" ({c.label_vi}) ở dòng tiêu đề',
            _file_label(table),
            table.header_row,
            c.name,
            expected=f'một cột tiêu đề "{c.name}" hoặc "{c.label_vi}"',
            suggestion="dùng mẫu của `planwatch template`",
        )
        for c in missing
        if _data_rows(table)
    ]


# --- number notation of the file ------------------------------------------------------------------


@dataclass(frozen=True)
class _Notation:
    """How the file's gia_tri column is read: a forced style, or the form its unambiguous cells show."""

    forced: NumberStyle  # auto, or the --number-style the analyst gave
    decided: Literal["vn", "plain"] | None = None
    evidence: tuple[str, int, str] | None = None  # (file label, row, cell) that decided it


_NOTATION_VI = {"vn": "kiểu Việt Nam (dấu chấm phân nhóm nghìn, dấu phẩy thập phân)",
                "plain": "kiểu thường (dấu chấm thập phân)"}  # fmt: skip


def _file_notation(rows: Sequence[tuple[RawTable, RawRow]], style: NumberStyle) -> _Notation:
    """Decide the notation of the file's value column from its unambiguous cells (docs/ingest.md).

    The majority of the cells that prove a form decides; a tie goes to the Vietnamese form, as the
    plan and the departments write it. No proving cell: undecided (ambiguous cells then follow the
    Vietnamese rule and are each reported as a warning).
    """
    if style != "auto":
        return _Notation(style)
    seen: dict[str, list[tuple[str, int, str]]] = {"vn": [], "plain": []}
    for table, raw in rows:
        cell = raw.values.get("gia_tri")
        kind = notation_of(cell)
        if kind in seen:
            seen[kind].append((_file_label(table), raw.row_no, str(cell).strip()))
    if not seen["vn"] and not seen["plain"]:
        return _Notation("auto")
    decided = "plain" if len(seen["plain"]) > len(seen["vn"]) else "vn"
    return _Notation("auto", decided, seen[decided][0])


def _read_value(row: _Row, cell: Any, notation: _Notation) -> Any:
    """Parse the value cell under the file's notation; a contradicting cell becomes a problem (None)."""
    if notation.forced != "auto":
        return parse_vn_number_detail(cell, style="vn" if notation.forced == "vi" else "plain")
    kind = notation_of(cell)
    if notation.decided is not None and kind in ("vn", "plain") and kind != notation.decided:
        file, line, example = notation.evidence or ("", 0, "")
        at = f"dòng {line}" if file == row.file else f"{file} dòng {line}"
        value = parse_vn_number_detail(cell)
        fixed = format_vn_number(value.value) if notation.decided == "vn" else format(value.value, "f")
        row.problems.append(
            row.problem(
                "notation_conflict",
                f"ô viết số {_NOTATION_VI[kind]}, trái với cách viết số của tệp: "
                f"{_NOTATION_VI[notation.decided]}"
                f' (ví dụ {at}: "{example}")',
                "gia_tri",
                value=row.text("gia_tri"),
                expected=f"mọi ô của cột gia_tri viết {_NOTATION_VI[notation.decided]}",
                suggestion=f'viết "{fixed}", hoặc nhập lại với --number-style vi|plain nếu biết cách viết '
                "của tệp",
            )
        )
        return None
    if notation.decided == "plain" and kind == "ambiguous":
        return parse_vn_number_detail(cell, style="plain")
    number = parse_vn_number_detail(cell)
    if notation.decided is None and kind == "ambiguous" and number is not None:
        row.warnings.append(
            row.problem(
                "ambiguous_number",
                f'"{row.text("gia_tri")}" được đọc là {format_vn_number(number.value)} theo quy tắc Việt Nam '
                "(dấu chấm phân nhóm nghìn): không ô nào trong tệp cho biết cách viết số (ambiguous number)",
                "gia_tri",
                value=row.text("gia_tri"),
                suggestion=f"nếu là số thập phân {format_vn_number(number.value / 1000)}, nộp lại với "
                "--number-style plain hoặc viết dấu phẩy thập phân",
            )
        )
    return number


def _read_indicator_row(table: RawTable, raw: RawRow, catalogue: Catalogue, notation: _Notation) -> _Row:
    row = _Row(_file_label(table), raw.row_no, table.sheet, raw.values, formats=getattr(raw, "formats", {}))
    code = row.text("ma_chi_tieu")
    info = catalogue.indicators.get(code) if code else None
    row.parsed.update(code=code, info=info, value=None, is_percent=False, period=None, status=None)

    cell = raw.values.get("gia_tri")
    # The text Excel showed when the reader changed the cell's value (a percent-formatted cell).
    shown = getattr(raw, "texts", {}).get("gia_tri")
    try:
        number = _read_value(row, cell, notation)
    except ValueParseError as exc:
        row.problems.append(
            row.problem(
                "bad_value",
                f"không đọc được số: {exc.detail}",
                "gia_tri",
                value=row.text("gia_tri"),
                expected=exc.expected,
                suggestion=exc.suggestion,
            )
        )
    else:
        if number is not None:
            percent_format = isinstance(shown, str) and shown.endswith("%")
            row.parsed.update(
                value=number.value,
                submitted_value=number.value,
                value_text=shown or number.text,
                is_percent=number.is_percent or percent_format,
                notation=number.notation,
                percent_format=percent_format,
            )
            if row.parsed["is_percent"] and info is not None and info.unit and not is_percent_unit(info.unit):
                # One rule for both paths: "12,5%" typed, or a cell Excel formats as percent, means a
                # percentage; the cell's format never changes a figure silently.
                how = (
                    f'ô được định dạng phần trăm trong bảng tính (hiển thị "{shown}")'
                    if percent_format
                    else "giá trị ghi dấu %"
                )
                row.problems.append(
                    row.problem(
                        "unit_mismatch",
                        f'{how} nhưng chỉ tiêu {code} tính bằng "{info.unit}"',
                        "gia_tri",
                        value=row.text("gia_tri") if not percent_format else shown,
                        expected=f"một số tính bằng {info.unit}, không có dấu %",
                        suggestion="định dạng ô là Số (Number) hoặc Văn bản (Text), ghi số theo đơn vị "
                        + info.unit
                        if percent_format
                        else f"bỏ dấu %, ghi số theo đơn vị {info.unit}",
                    )
                )
            _convert_plan_unit(row, info, catalogue)

    period_cell = raw.values.get("ky")
    if row.text("ky") is not None:
        try:
            row.parsed["period"] = parse_period(period_cell)
        except IngestError as exc:
            row.problems.append(
                row.problem(
                    "bad_period",
                    f"không đọc được kỳ báo cáo: {exc.detail}",
                    "ky",
                    value=row.text("ky"),
                    expected=ACCEPTED_FORMS,
                    suggestion=exc.suggestion,
                )
            )

    status_text = row.text("trang_thai")
    if status_text is not None:
        # An unknown status keeps its text, so the GX set check names it.
        row.parsed["status"] = normalise_status(status_text) or status_text
    return row


def _convert_plan_unit(row: _Row, info: IndicatorInfo | None, catalogue: Catalogue) -> None:
    """Convert a figure written in a unit the plan prints for the indicator (exactly, in Decimal)."""
    unit_text = row.text("don_vi")
    if info is None or not info.unit or unit_text is None:
        return
    factor = plan_unit_factor(unit_text, info.unit, catalogue.plan_units.get(info.code, ()))
    if factor is None or factor == 1:
        row.parsed["plan_unit"] = factor is not None
        return
    row.parsed.update(value=row.parsed["value"] * factor, plan_unit=True)
    if abs(row.parsed["value"]) >= Decimal(10) ** 15:
        row.problems.append(
            row.problem(
                "bad_value",
                f"số quá lớn sau khi quy đổi từ {unit_text} sang {info.unit}",
                "gia_tri",
                value=row.text("gia_tri"),
            )
        )


def _read_task_row(table: RawTable, raw: RawRow) -> _Row:
    row = _Row(_file_label(table), raw.row_no, table.sheet, raw.values)
    state_text = row.text("tinh_trang")
    row.parsed.update(
        code=row.text("ma_nhiem_vu"),
        state=None if state_text is None else normalise_task_state(state_text) or state_text,
        date=None,
    )
    if row.text("ngay") is not None:
        try:
            row.parsed["date"] = parse_task_date(raw.values["ngay"])
        except ValidationError as exc:
            row.problems.append(
                row.problem(
                    "bad_date",
                    f"không đọc được ngày: {exc.detail}",
                    "ngay",
                    value=row.text("ngay"),
                    expected=DATE_FORMS,
                    suggestion=exc.suggestion,
                )
            )
    return row


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN_DATE = re.compile(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")


def parse_task_date(value: Any) -> date:
    """A task date: an Excel date cell, `17/10/2025` (day first, as Vietnamese write it), `2025-10-17`,
    or `ngày 17 tháng 10 năm 2025`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise ValidationError(
            "ô chứa một số, không phải ngày",
            key="bad_date",
            value=value,
            suggestion="định dạng ô là Ngày (Date) hoặc ghi dạng 17/10/2025",
        )
    text = fold(str(value))
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_VN_DATE, "dmy")):
        m = pattern.fullmatch(text)
        if m:
            a, b, c = (int(g) for g in m.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                return date(year, month, day)
            except ValueError as exc:
                raise ValidationError(
                    f"ngày không có thật ({exc})",
                    key="bad_date",
                    value=value,
                    suggestion="kiểm tra ngày, tháng",
                ) from exc
    raise ValidationError(
        "không nhận ra cách viết ngày",
        key="bad_date",
        value=value,
        suggestion='viết ngày/tháng/năm, ví dụ "17/10/2025"',
    )


# --- the GX checks ---------------------------------------------------------------------------------


def _check_indicators(
    rows: list[_Row], agency: str, catalogue: Catalogue, today: date, suite_path: Path
) -> list[Problem]:
    import pandas as pd

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
    records = []
    for row in rows:
        p = row.parsed
        info: IndicatorInfo | None = p["info"]
        period: Period | None = p["period"]
        firm = period is not None and p["status"] in ("so_bo", "chinh_thuc")
        # A plan unit was converted: the figure is now in the catalogue unit.
        unit = (
            canonical_unit(info.unit) if p.get("plan_unit") and info else canonical_unit(row.text("don_vi"))
        )
        records.append(
            {
                "indicator_code": p["code"],
                "value_text": row.text("gia_tri"),
                "value": None if p["value"] is None else float(p["value"]),
                "range_class": None
                if info is None
                else plausibility_class(info.unit, info.kind, info.name_vi),
                "unit_text": row.text("don_vi"),
                "unit": unit,
                "catalogue_unit": None if info is None else canonical_unit(info.unit),
                "period_text": row.text("ky"),
                "period": None if period is None else period.code,
                "period_start": None if period is None else datetime.combine(period.start, time()),
                "firm_period_end": datetime.combine(period.end, time()) if firm else None,
                "status": p["status"],
            }
        )
    frame = pd.DataFrame.from_records(records)
    for column in ("period_start", "firm_period_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame["value"] = frame["value"].astype("float64")
    params = {
        "known_indicator_codes": sorted(catalogue.indicators),
        "heading_indicator_codes": headings,
        "indicator_codes_not_owned": not_owned,
        "accepted_unit_pairs": [list(pair) for pair in pairs],
        "today": datetime.combine(today, time()),
    }
    failures = run_suite(suite_path, frame, params)
    return _indicator_problems(failures, rows, agency, catalogue, today)


def _check_tasks(
    rows: list[_Row], agency: str, catalogue: Catalogue, today: date, suite_path: Path
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
    return _task_problems(failures, rows, agency, catalogue, today)


@dataclass(frozen=True)
class Failure:
    """One failed expectation of a suite: its problem key, the column shown, its kwargs, the rows."""

    key: str
    column: str
    expectation_type: str
    kwargs: dict[str, Any]
    indexes: tuple[int, ...]


def run_suite(suite_path: Path, frame: Any, parameters: dict[str, Any]) -> list[Failure]:
    """Run the GX suite stored at `suite_path` on a pandas frame: the failed expectations, and their rows."""
    definition = _validation_definition(suite_path.resolve(), suite_path.read_bytes())
    result = definition.run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=parameters,
        result_format="COMPLETE",
    )
    failures = []
    for outcome in result.results:
        config = outcome.expectation_config
        info = outcome.exception_info or {}
        raised = (
            info.get("raised_exception")
            if "raised_exception" in info
            else any(isinstance(v, dict) and v.get("raised_exception") for v in info.values())
        )
        if raised:
            # A suite that cannot run is a defect, never a pass: fail loudly.
            raise RuntimeError(f"GX expectation {config.type} in {suite_path} failed to run: {info}")
        if outcome.success:
            continue
        meta = config.meta or {}
        failures.append(
            Failure(
                meta.get("key", config.type),
                meta.get("column", str(config.kwargs.get("column", ""))),
                config.type,
                dict(config.kwargs),
                tuple(int(i) for i in outcome.result.get("unexpected_index_list") or ()),
            )
        )
    return failures


@functools.cache
def _gx_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


@functools.cache
def _validation_definition(path: Path, content: bytes) -> Any:
    """Load a suite file into the ephemeral context once per (path, content): an edited file reloads."""
    import great_expectations as gx

    context = _gx_context()
    tag = f"{path.stem}-{hashlib.sha256(path.as_posix().encode() + content).hexdigest()[:12]}"
    suite = context.suites.add(gx.ExpectationSuite(**{**json.loads(content), "name": tag}))
    source = context.data_sources.add_pandas(f"source-{tag}")
    batch = source.add_dataframe_asset(f"rows-{tag}").add_batch_definition_whole_dataframe("whole")
    return context.validation_definitions.add(gx.ValidationDefinition(name=tag, data=batch, suite=suite))


def load_suite(path: Path) -> list[dict[str, Any]]:
    """The expectations a suite file lists (type, kwargs, meta), as stored."""
    return json.loads(path.read_text(encoding="utf-8"))["expectations"]


# --- problems from GX failures --------------------------------------------------------------------


def _indicator_problems(
    failures: list[Failure], rows: list[_Row], agency: str, catalogue: Catalogue, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    for failure in failures:
        if failure.key == "duplicate_in_file":
            problems += _duplicates(
                failure, rows, lambda r: (r.parsed["code"], r.parsed["period"].code), "chỉ tiêu"
            )
            continue
        for i in failure.indexes:
            problems.append(_indicator_problem(failure, rows[i], agency, catalogue, today))
    return problems


def _indicator_problem(
    failure: Failure, row: _Row, agency: str, catalogue: Catalogue, today: date
) -> Problem:
    p = row.parsed
    code, info, period = p["code"], p["info"], p["period"]
    shown = row.text(failure.column)
    column = failure.column
    match failure.key:
        case "unknown_indicator":
            if code is None:
                return row.problem(
                    "unknown_indicator", "thiếu mã chỉ tiêu", column, expected="một mã chỉ tiêu của danh mục"
                )
            if foreign_characters(code):
                known = catalogue.indicators
                return _lookalike_problem(
                    row, "unknown_indicator", "mã chỉ tiêu", code, column, known, ", ví dụ II.4.a"
                )
            near = nearest_codes(code, catalogue.indicators)
            return row.problem(
                "unknown_indicator",
                f'mã chỉ tiêu "{code}" không có trong danh mục chỉ tiêu của Chương trình hành động',
                column,
                value=shown,
                expected="một mã chỉ tiêu của danh mục (marts.dim_indicator)",
                suggestion=", ".join(near) or None,
            )
        case "heading_indicator":
            children = [c for c in catalogue.indicators if c.startswith(f"{code}.")]
            return row.problem(
                "heading_indicator",
                f"{code} là tiêu đề nhóm, không phải chỉ tiêu có số liệu",
                column,
                value=shown,
                expected="mã của một chỉ tiêu con",
                suggestion=", ".join(children) or None,
            )
        case "not_owner":
            leads = ", ".join(info.lead_agency_codes) if info and info.lead_agency_codes else None
            who = f"do {leads} chủ trì" if leads else "chưa giao đơn vị chủ trì"
            return row.problem(
                "not_owner",
                f"chỉ tiêu {code} {who}, {agency} không được gửi.",
                column,
                value=shown,
                expected=f"chỉ các chỉ tiêu do {agency} chủ trì (Thống kê thành phố gửi được mọi chỉ tiêu)",
                suggestion=f"bỏ dòng này; số liệu do {leads or 'TKTP'} gửi",
            )
        case "bad_value":
            return row.problem(
                "bad_value", "thiếu giá trị", column, expected="một số (ô không được để trống)"
            )
        case "implausible_value":
            what = {
                "share": "tỷ lệ phần trăm",
                "change": "tốc độ tăng/giảm (%)",
                "nonneg": "số lượng, giá trị",
                "index01": "chỉ số",
                "rank": "thứ hạng trong 63 tỉnh, thành phố",
            }.get(_range_class(info), "giá trị")
            return row.problem(
                "implausible_value",
                f"giá trị {shown} ngoài khoảng hợp lý của {what} (chỉ tiêu {code}, đơn vị "
                f"{info.unit if info else '—'})",
                column,
                value=shown,
                expected=expected_range(failure),
                suggestion={
                    "share": "tỷ lệ ghi theo phần trăm: 13,2 nghĩa là 13,2% — kiểm tra số, không nhân 100",
                    "change": "tốc độ tăng ghi theo phần trăm: 13,2 nghĩa là tăng 13,2%",
                    "rank": "ghi thứ hạng là số nguyên từ 1 đến 63",
                    "index01": "chỉ số ghi dạng 0,8 (từ 0 đến 1)",
                }.get(_range_class(info), "kiểm tra lại số và đơn vị tính"),
            )
        case "missing_unit":
            return row.problem(
                "missing_unit",
                "thiếu đơn vị tính (cột bắt buộc)",
                column,
                expected=f"đơn vị của chỉ tiêu {code}: {info.unit}" if info and info.unit else "đơn vị tính",
                suggestion=info.unit if info else None,
            )
        case "unit_mismatch":
            plan = [
                u
                for u in catalogue.plan_units.get(code, ())
                if canonical_unit(u) != canonical_unit(info.unit)
            ]
            factor = conversion_factor(shown, info.unit)
            if factor is not None and p["value"] is not None:
                converted = format_vn_number(p["value"] * factor)
                advice = (
                    f'ghi {converted} (đơn vị "{info.unit}") — số đã quy đổi từ {row.text("gia_tri")} {shown}'
                )
            else:
                advice = f'ghi số liệu theo "{info.unit}" (quy đổi tại đơn vị nếu cần)'
            return row.problem(
                "unit_mismatch",
                f'đơn vị "{shown}" khác đơn vị của chỉ tiêu {code} ("{info.unit}"'
                + (f", hoặc đơn vị Kế hoạch in: {', '.join(repr(u) for u in plan)}" if plan else "")
                + "); không tự quy đổi số liệu",
                column,
                value=shown,
                expected=" hoặc ".join(dict.fromkeys([info.unit, *plan])),
                suggestion=advice,
            )
        case "bad_period":
            if period is None:
                return row.problem("bad_period", "thiếu kỳ báo cáo", column, expected=ACCEPTED_FORMS)
            return row.problem(
                "bad_period",
                f"mã kỳ {period.code} không đúng dạng chuẩn",
                column,
                value=shown,
                expected=ACCEPTED_FORMS,
            )
        case "future_period":
            return row.problem(
                "future_period",
                f"kỳ {period.label_vi} bắt đầu ngày {period.start:%d/%m/%Y}, sau hôm nay ({today:%d/%m/%Y})",
                column,
                value=shown,
                expected=f"một kỳ đã bắt đầu, không sau {today:%d/%m/%Y}",
                suggestion="kiểm tra năm, quý, tháng của kỳ",
            )
        case "running_period_not_estimate":
            return row.problem(
                "running_period_not_estimate",
                f"kỳ {period.label_vi} chưa kết thúc (đến hết {period.end:%d/%m/%Y}): "
                f'chỉ được gửi số ước tính, không phải "{STATUSES[p["status"]][1]}"',
                column,
                value=row.text("trang_thai"),
                expected="ước tính",
                suggestion="ước tính",
            )
        case "bad_status":
            if shown is None:
                return row.problem("bad_status", "thiếu trạng thái số liệu", column, expected=STATUS_CHOICES)
            labels = [label for _, label in STATUSES.values()]
            near = difflib.get_close_matches(fold(shown), [fold(x) for x in labels], n=1, cutoff=0.5)
            return row.problem(
                "bad_status",
                f'trạng thái số liệu "{shown}" không hợp lệ',
                column,
                value=shown,
                expected=STATUS_CHOICES,
                suggestion=labels[[fold(x) for x in labels].index(near[0])] if near else None,
            )
    return row.problem(failure.key, f"không đạt kiểm tra {failure.expectation_type}", column, value=shown)


def _task_problems(
    failures: list[Failure], rows: list[_Row], agency: str, catalogue: Catalogue, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    for failure in failures:
        if failure.key == "duplicate_in_file":
            problems += _duplicates(failure, rows, lambda r: r.parsed["code"], "nhiệm vụ")
            continue
        for i in failure.indexes:
            problems.append(_task_problem(failure, rows[i], agency, catalogue, today))
    return problems


def _task_problem(failure: Failure, row: _Row, agency: str, catalogue: Catalogue, today: date) -> Problem:
    code = row.parsed["code"]
    shown = row.text(failure.column)
    column = failure.column
    match failure.key:
        case "unknown_task":
            if code is None:
                return row.problem(
                    "unknown_task", "thiếu mã nhiệm vụ", column, expected="một mã nhiệm vụ của PHỤ LỤC 2"
                )
            if foreign_characters(code):
                known = catalogue.tasks
                return _lookalike_problem(row, "unknown_task", "mã nhiệm vụ", code, column, known, "")
            return row.problem(
                "unknown_task",
                f'mã nhiệm vụ "{code}" không có trong PHỤ LỤC 2',
                column,
                value=shown,
                expected="một mã nhiệm vụ của PHỤ LỤC 2 (marts.dim_task)",
                suggestion=", ".join(nearest_codes(code, catalogue.tasks)) or None,
            )
        case "not_owner":
            leads = ", ".join(catalogue.tasks[code].lead_agency_codes) or "chưa giao"
            return row.problem(
                "not_owner",
                f"nhiệm vụ {code} do {leads} chủ trì, {agency} không được báo cáo.",
                column,
                value=shown,
                expected=f"chỉ các nhiệm vụ do {agency} chủ trì",
                suggestion=f"bỏ dòng này; tiến độ do {leads} báo cáo",
            )
        case "bad_state":
            if shown is None:
                return row.problem("bad_state", "thiếu tình trạng thực hiện", column, expected=STATE_CHOICES)
            labels = list(TASK_STATES.values())
            near = difflib.get_close_matches(fold(shown), [fold(x) for x in labels], n=1, cutoff=0.5)
            return row.problem(
                "bad_state",
                f'tình trạng "{shown}" không hợp lệ',
                column,
                value=shown,
                expected=STATE_CHOICES,
                suggestion=labels[[fold(x) for x in labels].index(near[0])] if near else None,
            )
        case "bad_date":
            return row.problem("bad_date", "thiếu ngày", column, expected=DATE_FORMS)
        case "future_date":
            return row.problem(
                "future_date",
                f"ngày {row.parsed['date']:%d/%m/%Y} sau ngày hôm nay ({today:%d/%m/%Y})",
                column,
                value=shown,
                expected=f"một ngày không sau {today:%d/%m/%Y}",
                suggestion="kiểm tra ngày (viết ngày trước tháng: 17/10/2025)",
            )
    return row.problem(failure.key, f"không đạt kiểm tra {failure.expectation_type}", column, value=shown)


def _lookalike_problem(
    row: _Row, key: str, what: str, code: str, column: str | None, known: Any, example: str
) -> Problem:
    """A code holding a hidden or non-Latin look-alike character: name each one and its position, and
    suggest the Latin code when that is a known one (indicator and task codes alike)."""
    cleaned = strip_lookalikes(code)
    return row.problem(
        key,
        f'{what} "{code}" có {"; ".join(foreign_characters(code))} (hidden or look-alike character)',
        column,
        value=code.encode("unicode_escape").decode("ascii"),
        expected=f"{what} chỉ gồm chữ Latin, chữ số và dấu chấm{example}",
        suggestion=f'gõ lại mã: "{cleaned}"' if cleaned in known else "gõ lại mã",
    )


def _duplicates(failure: Failure, rows: list[_Row], key_of: Any, what: str) -> list[Problem]:
    """One problem per repeated row, naming every row of its group (the first one is kept as reference)."""
    groups: dict[Any, list[_Row]] = defaultdict(list)
    for i in failure.indexes:
        groups[key_of(rows[i])].append(rows[i])
    problems = []
    for key, group in groups.items():
        group.sort(key=lambda r: (r.file, r.row_no))
        where = ", ".join(
            str(r.row_no) if r.file == group[0].file else f"{r.row_no} ({r.file})" for r in group
        )
        label = f"{what} {key[0]}, kỳ {key[1]}" if isinstance(key, tuple) else f"{what} {key}"
        for row in group[1:]:
            problems.append(
                row.problem(
                    "duplicate_in_file",
                    f"{label} xuất hiện nhiều lần trong tệp: dòng {where}",
                    failure.column,
                    value=row.text(failure.column),
                    expected="mỗi chỉ tiêu và kỳ một dòng"
                    if isinstance(key, tuple)
                    else "mỗi nhiệm vụ một dòng",
                    suggestion=f"giữ một dòng (trùng với dòng {group[0].row_no})",
                )
            )
    return problems


def _range_class(info: IndicatorInfo | None) -> str | None:
    return None if info is None else plausibility_class(info.unit, info.kind, info.name_vi)


def expected_range(failure: Failure) -> str:
    """The range an implausible value missed, read from the expectation's own kwargs (the suite file)."""
    kw = failure.kwargs
    values = kw.get("value_set")
    if isinstance(values, list) and values:
        return f"một số nguyên từ {min(values):g} đến {max(values):g}"
    low, high = kw.get("min_value"), kw.get("max_value")
    if low is not None and high is not None:
        return f"từ {low:g} đến {high:g}"
    return f"không nhỏ hơn {low:g}" if low is not None else f"không lớn hơn {high:g}"


# --- consistency checks -----------------------------------------------------------------------------

# A figure this many times larger or smaller than what is known of it is read as a misreading: Calc in
# an English locale turns "78.120" into 78,12 (÷1000). Real figures of the plan never move 300-fold.
FACTOR_FLAG = 300


def _consistency_flags(rows: list[_Row], catalogue: Catalogue) -> list[tuple[_Row, Problem]]:
    """Figures a spreadsheet may have changed before planwatch saw them; each names its evidence."""
    good = [
        r
        for r in rows
        if not r.problems and r.parsed["value"] is not None and r.parsed["period"] and r.parsed["info"]
    ]
    flags: list[tuple[_Row, Problem]] = []
    flags += _lost_percent_flags(good)
    flags += _part_above_whole_flags(good)
    flags += _factor_flags(good, catalogue)
    return flags


def _lost_percent_flags(rows: list[_Row]) -> list[tuple[_Row, Problem]]:
    """An Excel number between 0 and 1 on a percent indicator, in a cell pre-formatted as a number (the
    template's "#,##0.0##"): "13,2%" typed there is stored as 0,132 (the % is lost), 100 times too
    small. In a General cell Excel and Calc apply a percent format instead, which the reader sees."""
    flags = []
    for row in rows:
        p, info = row.parsed, row.parsed["info"]
        if p["notation"] != "excel" or p["percent_format"] or not is_percent_unit(info.unit):
            continue
        if not row.formats.get("gia_tri"):
            continue
        if 0 < abs(p["value"]) < 1:
            shown, percent = format_vn_number(p["value"]), format_vn_number((p["value"] * 100).normalize())
            flags.append(
                (
                    row,
                    row.problem(
                        "percent_as_fraction",
                        f"ô số {shown} cho chỉ tiêu {info.code} tính bằng {info.unit}: nếu đã gõ "
                        f'"{percent}%" vào ô định dạng số, bảng tính đã lưu {shown} '
                        "(mất dấu %, nhỏ đi 100 lần)",
                        "gia_tri",
                        value=row.text("gia_tri"),
                        expected=f"số phần trăm: {percent} nghĩa là {percent}%",
                        suggestion=f"ghi {percent} (không có dấu %); nếu đúng là {shown}%, nộp lại với "
                        "`planwatch ingest --confirm`",
                    ),
                )
            )
    return flags


def _part_above_whole_flags(rows: list[_Row]) -> list[tuple[_Row, Problem]]:
    """A year-to-date (or year) flow below a quarter or month it contains, in the same file."""
    flags = []
    by_code: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        info = row.parsed["info"]
        if info.part_year_figure == "partial_sum" and _range_class(info) == "nonneg":
            by_code[info.code].append(row)
    for code, group in by_code.items():
        for whole in group:
            w: Period = whole.parsed["period"]
            for part in group:
                q: Period = part.parsed["period"]
                inside = w.start <= q.start and q.end <= w.end and (q.start, q.end) != (w.start, w.end)
                if not inside or whole.parsed["value"] >= part.parsed["value"]:
                    continue
                at = f"dòng {part.row_no}" if part.file == whole.file else f"{part.file} dòng {part.row_no}"
                big, small = format_vn_number(whole.parsed["value"]), format_vn_number(part.parsed["value"])
                flags.append(
                    (
                        whole,
                        whole.problem(
                            "ytd_below_part",
                            f"chỉ tiêu {code} kỳ {w.label_vi} = {big} nhỏ hơn kỳ {q.label_vi} = {small} "
                            f"({at}) mà nó bao gồm: số lũy kế không thể nhỏ hơn một phần của nó "
                            "(a year-to-date flow below its own part)",
                            "gia_tri",
                            value=whole.text("gia_tri"),
                            expected=f"không nhỏ hơn {small}",
                            suggestion="kiểm tra hai số (bảng tính có thể đã đọc sai dấu chấm/phẩy); nếu "
                            "đúng, nộp lại với `planwatch ingest --confirm`",
                        ),
                    )
                )
                break
    return flags


def _factor_flags(rows: list[_Row], catalogue: Catalogue) -> list[tuple[_Row, Problem]]:
    """A money or count figure ~1000 times off the indicator's previous vintage of the same period, or
    else off its neighbouring periods (the warehouse's and this file's figures of the same period type)."""
    flags = []
    for row in rows:
        info, period = row.parsed["info"], row.parsed["period"]
        value = float(row.parsed["value"])
        if _range_class(info) != "nonneg" or value <= 0:
            continue
        known = catalogue.known_figures.get(info.code, ())
        previous = [k.value for k in known if k.period == period.code and k.value > 0]
        if previous:
            reference, what = previous[0], f"số đã nộp trước cho cùng kỳ {period.code}"
        else:
            neighbours = [k.value for k in known if k.period_type == period.period_type and k.value > 0]
            neighbours += [
                float(r.parsed["value"])
                for r in rows
                if r is not row
                and r.parsed["info"].code == info.code
                and r.parsed["period"].period_type == period.period_type
                and r.parsed["period"].code != period.code
                and r.parsed["value"] > 0
            ]
            if not neighbours:
                continue
            reference, what = statistics.median(neighbours), "các kỳ lân cận (trung vị)"
        ratio = value / reference
        if 1 / FACTOR_FLAG < ratio < FACTOR_FLAG:
            continue
        times = (
            f"{format_vn_number(round(ratio))} lần"
            if ratio > 1
            else f"1/{format_vn_number(round(1 / ratio))}"
        )
        near = format_vn_number(Decimal(repr(reference)))
        flags.append(
            (
                row,
                row.problem(
                    "off_by_thousand",
                    f"giá trị {format_vn_number(row.parsed['value'])} ({info.unit}) bằng khoảng {times} "
                    f"{what} của chỉ tiêu {info.code} ({near}): có thể bảng tính đã đọc sai dấu chấm "
                    "phân nhóm nghìn (a figure ~1000× off its known values)",
                    "gia_tri",
                    value=row.text("gia_tri"),
                    expected=f"gần {near} {info.unit}",
                    suggestion="kiểm tra số và cách bảng tính hiểu dấu chấm/phẩy; nếu đúng, nộp lại với "
                    "`planwatch ingest --confirm`",
                ),
            )
        )
    return flags


def _unconfirmed(flag: Problem) -> Problem:
    return flag


def _confirmed(row: _Row, flag: Problem) -> Problem:
    """A flagged figure the analyst confirmed: accepted, the reason kept on the row and in the load."""
    message = f"đã xác nhận (--confirm): {flag.message_vi}"
    previous = row.parsed.get("warning")
    noted = f"[confirmed_{flag.key}] {message}"
    row.parsed["warning"] = f"{previous}; {noted}" if previous else noted
    return Problem(
        f"confirmed_{flag.key}", message, flag.file, flag.row, flag.column, flag.value, flag.expected
    )


# --- hidden and look-alike characters ----------------------------------------------------------------

# Letters of other scripts that look like the Latin letters of a code (I, V, X, a, b, c, d …).
_LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "С": "C", "Е": "E", "І": "I", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "Т": "T", "Х": "X", "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "і": "i",
        "о": "o", "р": "p", "х": "x", "Ι": "I", "Α": "A", "Β": "B", "Ε": "E", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "ι": "i", "α": "a", "ο": "o",
        "Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅹ": "X",
    }
)  # fmt: skip


def foreign_characters(code: str) -> list[str]:
    """Each hidden or non-Latin character of a code, named with its position (1-based)."""
    found = []
    for i, ch in enumerate(code, start=1):
        if ch.isascii() and ch.isprintable():
            continue
        name = unicodedata.name(ch, "")
        category = unicodedata.category(ch)
        if category[0] in "CZ" or not name:
            what = "ký tự ẩn"
        elif name.startswith("CYRILLIC"):
            what = "chữ Kirin (Cyrillic)"
        elif name.startswith("GREEK"):
            what = "chữ Hy Lạp (Greek)"
        else:
            what = "ký tự không phải chữ Latin"
        found.append(f"{what} U+{ord(ch):04X}{f' ({name})' if name else ''} ở vị trí {i}")
    return found


def strip_lookalikes(code: str) -> str:
    """The code with hidden characters removed and look-alike letters replaced by their Latin twins."""
    mapped = unicodedata.normalize("NFKC", code.translate(_LOOKALIKES))
    return "".join(ch for ch in mapped if ch.isascii() and ch.isprintable()).strip()


# --- suggestions ------------------------------------------------------------------------------------

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def code_repairs(code: str) -> list[str]:
    """Plausible intended forms of a mistyped code: missing dots (`II4a` → `II.4.a`), case, Arabic for
    Roman section numbers (`2.4` → `II.4`)."""
    tokens = re.findall(r"[A-Za-z]+|\d+", code)
    if not tokens:
        return []
    head, rest = tokens[0], tokens[1:]
    heads = []
    if head.isdigit() and 1 <= int(head) <= len(_ROMAN):
        heads.append(_ROMAN[int(head) - 1])
    elif head.upper() in _ROMAN or head.upper() == "N":
        heads.append(head.upper())
    else:
        # A Roman head glued to a letter suffix ("IIa") cannot be split without guessing.
        heads.append(head)
    tail = [t.lower() if t.isalpha() else str(int(t)) for t in rest]
    return [".".join([h, *tail]) for h in heads]


def nearest_codes(code: str, known: Sequence[str] | dict[str, Any], n: int = 3) -> list[str]:
    """The closest catalogue codes to `code`: repaired forms first, then difflib's nearest."""
    codes = list(known)
    found = [c for c in code_repairs(code) if c in codes]
    for candidate in difflib.get_close_matches(code, codes, n=n, cutoff=0.6):
        if candidate not in found:
            found.append(candidate)
    return found[:n]


def _unknown_agency(agency: str, catalogue: Catalogue, file: str) -> Problem:
    near = catalogue.nearest_agencies(agency)
    return Problem(
        "unknown_agency",
        f'mã đơn vị "{agency}" không có trong danh mục đơn vị',
        file,
        column="--agency",
        value=agency,
        expected="một mã đơn vị của marts.dim_agency, ví dụ STC, SCT, TKTP",
        suggestion=", ".join(near) or None,
    )


# --- accepted rows ----------------------------------------------------------------------------------


def _indicator_value(row: _Row) -> IndicatorValue:
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


def _task_update(row: _Row) -> TaskUpdate:
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
