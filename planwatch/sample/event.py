"""One submission between the calendar that makes it and the writer that writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from planwatch.ingest.columns import SubmissionKind


@dataclass
class Event:
    """One submission before it is written."""

    agency: str
    kind: SubmissionKind
    received_at: datetime
    due: date | None
    days_late: int
    label: str
    description: str
    obligation_period: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    file: str = ""

    @property
    def periods(self) -> tuple[str, ...]:
        if self.kind == "tasks":
            return (self.obligation_period,)
        return tuple(dict.fromkeys(r["ky"].code for r in self.rows))
