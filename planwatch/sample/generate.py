"""`generate_sample`: the submissions received by a date written to a folder, with `manifest.json` listing
them in the order to ingest and the cases tests and reports check (late, missing, revised figures)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from planwatch.ingest.columns import SAMPLE_MARKER, STATUSES, SubmissionKind
from planwatch.ingest.periods import quarter_period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.sample import calendar
from planwatch.sample.design import DEMO_UNTIL, DUE_DAYS, MISSING, NO_DATA, QUARTERLY_OBLIGATION, check_design
from planwatch.sample.event import Event
from planwatch.sample.files import BANNER, STYLES, Style, write_submission
from planwatch.sample.oracle import INTENDED_STATUS


@dataclass(frozen=True)
class SampleFile:
    """One generated submission, in ingest order."""

    path: Path
    agency_code: str
    received_at: datetime
    description: str
    kind: SubmissionKind
    periods: tuple[str, ...]
    due_date: date | None  # None: not a calendar obligation (baseline, ad hoc revision)
    days_late: int


@dataclass(frozen=True)
class LateSubmission:
    """A submission received after its due date."""

    agency_code: str
    file: str
    period: str
    due_date: date
    received_at: datetime
    days_late: int


@dataclass(frozen=True)
class MissingSubmission:
    """A submission that was due by `until` and never sent."""

    agency_code: str
    obligation_code: str
    period: str
    due_date: date


@dataclass(frozen=True)
class Revision:
    """A figure sent again with a higher status and a different value."""

    indicator_code: str
    period: str
    old_status: str
    old_value: float
    old_file: str
    new_status: str
    new_value: float
    new_file: str


@dataclass(frozen=True)
class SampleManifest:
    """What `generate_sample` wrote: the files in ingest order and the cases tests and reports check."""

    seed: int
    until: date
    out_dir: Path
    files: tuple[SampleFile, ...]
    late: tuple[LateSubmission, ...]
    missing: tuple[MissingSubmission, ...]
    revisions: tuple[Revision, ...]
    no_data: tuple[str, ...] = NO_DATA

    def to_json(self) -> str:
        """The manifest as JSON, file names relative to out_dir (the same bytes wherever it is written)."""
        doc = {
            "marker": SAMPLE_MARKER,
            "note_vi": BANNER,
            "seed": self.seed,
            "until": self.until.isoformat(),
            "intended_status_as_of": DEMO_UNTIL.isoformat(),
            "files": [
                {
                    "file": f.path.name,
                    "agency_code": f.agency_code,
                    "received_at": f.received_at.isoformat(),
                    "kind": f.kind,
                    "description": f.description,
                    "periods": list(f.periods),
                    "due_date": f.due_date.isoformat() if f.due_date else None,
                    "days_late": f.days_late,
                }
                for f in self.files
            ],
            "late": [
                {
                    **_plain(vars(x)),
                    "received_at": x.received_at.isoformat(),
                    "due_date": x.due_date.isoformat(),
                }
                for x in self.late
            ],
            "missing": [{**_plain(vars(x)), "due_date": x.due_date.isoformat()} for x in self.missing],
            "revisions": [_plain(vars(x)) for x in self.revisions],
            "no_data": list(self.no_data),
            "intended_status": INTENDED_STATUS,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not isinstance(v, date | datetime)}


def generate_sample(catalogue: Catalogue, out_dir: Path, *, until: date, seed: int = 2026) -> SampleManifest:
    """Write the sample submissions received by `until` and `manifest.json` into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    check_design(catalogue)
    events = sorted(calendar.events(catalogue, seed), key=lambda e: (e.received_at, e.agency, e.kind))
    kept = [e for e in events if e.received_at.date() <= until]
    files: list[SampleFile] = []
    for seq, event in enumerate(kept, start=1):
        style = STYLES.get(event.agency, Style("xlsx"))
        name = f"{seq:03d}_{event.received_at:%Y%m%d}_{event.agency}_{event.label}.{style.fmt}"
        event.file = name
        path = out_dir / name
        write_submission(event, path, style, catalogue.agencies[event.agency].name_vi)
        files.append(
            SampleFile(
                path,
                event.agency,
                event.received_at,
                event.description,
                event.kind,
                event.periods,
                event.due,
                event.days_late,
            )
        )
    late = tuple(
        LateSubmission(e.agency, e.file, e.obligation_period, e.due, e.received_at, e.days_late)
        for e in kept
        if e.due is not None and e.days_late > 0
    )
    missing_due = quarter_period(int(MISSING[1][:4]), int(MISSING[1][-1])).end + timedelta(days=DUE_DAYS)
    missing = (
        (MissingSubmission(MISSING[0], QUARTERLY_OBLIGATION, MISSING[1], missing_due),)
        if missing_due <= until
        else ()
    )
    manifest = SampleManifest(seed, until, out_dir, tuple(files), late, missing, _revisions(kept))
    (out_dir / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def _revisions(events: list[Event]) -> tuple[Revision, ...]:
    """Pair every sơ bộ row with the latest earlier row of the same indicator and period."""
    seen: dict[tuple[str, str], tuple[str, float, str]] = {}
    out = []
    for event in events:
        if event.kind != "indicators":
            continue
        for r in event.rows:
            key = (r["ma_chi_tieu"], r["ky"].code)
            earlier = seen.get(key)
            if (
                earlier
                and STATUSES[r["trang_thai"]][0] > STATUSES[earlier[0]][0]
                and earlier[1] != r["gia_tri"]
            ):
                out.append(
                    Revision(
                        *key, earlier[0], earlier[1], earlier[2], r["trang_thai"], r["gia_tri"], event.file
                    )
                )
            seen[key] = (r["trang_thai"], r["gia_tri"], event.file)
    return tuple(out)
