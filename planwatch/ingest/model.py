"""What flows through the ingest pipeline: read tables, normalised rows, problems, accepted loads.

read (reader.py) → RawTable → normalise + validate (validate.py) → Submission | problems
→ append (store.py) → Load. Every row keeps the row number the user sees in the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, overload

from planwatch.ingest.columns import SubmissionKind

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """One reason to reject a submission, located and actionable (shown in Vietnamese with its key)."""

    key: str  # stable English key: unknown_indicator, not_owner, unit_mismatch, future_period, …
    message_vi: str
    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    suggestion: str | None = None


@dataclass(frozen=True)
class RawRow:
    """A data row as read: canonical column name → the cell as the file holds it (str, number,
    date or None). `row_no` is the row as the user sees it (spreadsheet row / CSV line, header = its own)."""

    row_no: int
    values: dict[str, Any]


@dataclass(frozen=True)
class RawTable:
    """One table of a submission file: a CSV, or one sheet of a workbook."""

    path: Path
    kind: SubmissionKind
    sheet: str | None
    header_row: int
    headers: dict[str, str]  # canonical column name → the header as written
    rows: tuple[RawRow, ...]
    encoding: str | None = None  # CSV only: the encoding detected
    is_sample: bool = False  # the file carries the "DỮ LIỆU MẪU" marker
    # Rows the reader could not trust (a CSV record with more or fewer cells than the header):
    # they are not in ``rows``, and the validator rejects the file with these problems.
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class IndicatorValue:
    """A normalised figure: indicator, canonical period, value in the catalogue unit, vintage status."""

    row_no: int
    indicator_code: str
    period: str  # canonical code: 2026, 2026-Q3, 2026-03, 2026-YTD09
    period_type: str  # year, quarter, month, ytd
    value: float
    value_text: str  # the cell exactly as submitted, for the audit trail
    unit: str
    status: str  # uoc_tinh, so_bo, chinh_thuc
    note: str | None = None
    sheet: str | None = None
    # The figure in the unit the department wrote, and that unit as written (``value`` is in the
    # catalogue unit: 2,4 "Triệu tỷ đồng" is stored as 2400000 tỷ đồng beside 2.4 "Triệu tỷ đồng").
    submitted_value: float | None = None
    submitted_unit: str | None = None
    # What the analyst was told when accepting this figure (an ambiguous number read by the
    # Vietnamese rule, an unusual figure confirmed with --confirm); None when nothing.
    warning: str | None = None


class FrameRows(Sequence[T]):
    """Rows held as a polars frame, one column per field: an item is made (`_item`, from the row's
    fields by name) only for a row that is asked for. Equal to any sequence of the same items."""

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def _item(self, fields: dict[str, Any]) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return self.frame.height

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...
    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._item(self.frame.row(index % len(self), named=True))

    def __iter__(self) -> Iterator[T]:
        return map(self._item, self.frame.iter_rows(named=True))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} rows)"


class IndicatorRows(FrameRows[IndicatorValue]):
    """Accepted figures held as a polars frame of IndicatorValue's fields (planwatch/ingest/columnar.py):
    appended as the frame; an IndicatorValue is made only for a row that is asked for."""

    def _item(self, fields: dict[str, Any]) -> IndicatorValue:
        return IndicatorValue(**fields)


@dataclass(frozen=True)
class TaskUpdate:
    """A normalised task progress report."""

    row_no: int
    task_code: str
    state: str  # chua_trien_khai, dang_trien_khai, hoan_thanh
    state_date: date
    evidence: str | None = None
    note: str | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Submission:
    """A file that passed validation: ready to append in one transaction."""

    path: Path
    sha256: str
    agency_code: str
    indicator_values: tuple[IndicatorValue, ...] | IndicatorRows = ()
    task_updates: tuple[TaskUpdate, ...] = ()
    is_sample: bool = False
    # Accepted, but the analyst must be told (the acceptance output lists them; Load.warnings).
    warnings: tuple[Problem, ...] = ()
    number_style: str = "auto"  # how its numbers were read; kept with the load so rebuild reads alike


@dataclass(frozen=True)
class Load:
    """What an accepted (or recognised duplicate) submission became in the warehouse."""

    load_id: str
    file_name: str
    sha256: str
    agency_code: str
    received_at: datetime
    indicator_rows: int
    task_rows: int
    archive_path: Path
    duplicate_of: str | None = None  # the earlier load_id when the same file was sent again
    warnings: tuple[Problem, ...] = field(default=())
