"""Deterministic SYNTHETIC submissions for the built-in demo: every file says "DỮ LIỆU MẪU".

`generate_sample(catalogue, out_dir, until=…, seed=…)` writes the files departments would have sent
up to `until` and a `manifest.json` listing them in the order to ingest. Nothing here is real data:
the baselines are plausible for Hải Phòng 2025 but invented, and every file and row says so.

The story the files tell (DESIGN.md §2–§3):
- January 2026: a 2025 baseline (chính thức) for every assessable PHỤ LỤC 1 indicator and every
  narrative target except `NO_DATA`, from Thống kê thành phố (TKTP) or the lead agency.
- Every quarter, ~10 days after it ends (DATA_SUBMISSION_QUARTERLY): the economic indicators
  (`_DESIGN[...].quarterly`) for the quarter, 6 and 9 months, and the year in the Q4 file, as
  estimates (ước tính); the next file revises the previous quarter as sơ bộ with a different value.
  TKTP revises its year GRDP figures as sơ bộ late in February.
- After a year closes, yearly figures (ước tính) for everything else, from the lead agencies.
- Task progress (PHỤ LỤC 2) from four agencies each quarter: some done with a decision as
  evidence, some overdue and still "đang triển khai".
- Sở Xây dựng (`LATE_AGENCY`) sends everything 20–30 days late; Sở Văn hóa, Thể thao và Du lịch
  never sends its 2026-Q3 figures (`MISSING`).

Every value is a function of (seed, indicator, period) only, so the files received by an earlier
`until` are byte-identical whatever later date is chosen: a report "as of" a past date is the same.
`INTENDED_STATUS` is the §3 class each indicator is designed to reach as of `DEMO_UNTIL`.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook

from ingest.catalogue import Catalogue
from ingest.columns import (
    INDICATOR_COLUMNS,
    SAMPLE_MARKER,
    STATUSES,
    TASK_COLUMNS,
    TASK_STATES,
    SubmissionKind,
)
from ingest.numbers import format_vn_number
from ingest.periods import Period, quarter_period, year_period, ytd_period
from ingest.sample_history import history_events  # pre-plan history (docs/method.md §7)
from planwatch.plan.deadlines import parse_deadline

BASELINE_YEAR = 2025
FIRST_YEAR = 2026
LAST_YEAR = 2030
# The as-of date INTENDED_STATUS describes: the 2026 year figures are in (Sở Xây dựng's late ones
# too) and TKTP's sơ bộ revision of 25/02/2027 has arrived.
DEMO_UNTIL = date(2027, 2, 28)
DUE_DAYS = 10  # seeds/plan_reporting_obligations.csv: DATA_SUBMISSION_QUARTERLY / _ANNUAL
QUARTERLY_OBLIGATION = "DATA_SUBMISSION_QUARTERLY"
LATE_AGENCY = "SXD"
LATE_DAYS = (20, 30)
MISSING = ("SVHTTDL", "2026-Q3")  # (agency, quarter whose submission never arrives)
TASK_AGENCIES = ("SCT", "STC", "SKHCN", "SXD")
BANNER = (
    f"{SAMPLE_MARKER} — số liệu giả lập cho bản trình diễn planwatch, không phải số liệu thật "
    "(synthetic sample data, not real figures)"
)

Shape = Literal["rate", "flow", "level", "share", "linear", "rank", "flat"]


@dataclass(frozen=True)
class _Design:
    """How one indicator's synthetic figures are made.

    shape: `rate` a growth rate reported as such (flat over years, quarters vary around it);
    `flow` a yearly total split over quarters (compound growth over years); `level` compound;
    `share` percentage points a year, kept in 0–100; `linear` units a year, ≥ 0; `rank` places a
    year, ≥ 1; `flat` the same value every year (annual targets).
    """

    sender: str
    shape: Shape
    decimals: int
    baseline: float
    value_2026: float
    quarterly: bool = False
    seasonal: tuple[float, float, float, float] = (0.23, 0.25, 0.25, 0.27)


_D = _Design
# fmt: off
_DESIGN: dict[str, _Design] = {
    # Party building: the Party committees send their own figures, yearly.
    "I.1": _D("BTCTU", "flat", 1, 3.2, 3.4),
    "I.2": _D("BTCTU", "level", 0, 38, 30),
    "I.3": _D("BTGDVTU", "share", 1, 72.0, 84.0),
    "I.4": _D("BTGDVTU", "flat", 1, 100.0, 100.0),
    "I.5": _D("BTGDVTU", "flat", 1, 85.0, 96.0),
    "I.6.a": _D("UBKTTU", "share", 1, 90.0, 93.0),
    "I.6.b": _D("UBKTTU", "share", 1, 40.0, 41.0),
    "I.7": _D("UBKTTU", "flat", 1, 100.0, 100.0),
    # GRDP growth and its sectors (TKTP, quarterly; growth over the same period a year earlier).
    "II.1": _D("TKTP", "rate", 1, 11.8, 12.6, quarterly=True),
    "II.1.a": _D("TKTP", "rate", 1, 14.1, 12.5, quarterly=True),
    "II.1.b": _D("TKTP", "rate", 1, 10.2, 10.8, quarterly=True),
    "II.1.c": _D("TKTP", "rate", 1, 2.4, 0.9, quarterly=True),
    "II.1.d": _D("TKTP", "rate", 1, 6.5, -2.1, quarterly=True),
    "II.2": _D("TKTP", "level", 0, 7280, 7980),
    "II.3": _D("TKTP", "share", 1, 22.0, 23.0),
    "II.4": _D("SCT", "rate", 1, 13.9, 12.0, quarterly=True),
    "II.4.a": _D("SCT", "share", 1, 44.0, 45.0),
    "II.4.b": _D("SCT", "share", 1, 61.5, 62.5),
    "II.5": _D("TKTP", "share", 1, 40.0, 41.5),
    "II.5.a": _D("TKTP", "share", 1, 12.0, 11.0),
    "II.6": _D("STC", "flow", 1, 150_000, 162_000, quarterly=True),
    "II.6.a": _D("THUETP", "flow", 1, 80_000, 79_000, quarterly=True),
    "II.7": _D("TKTP", "flow", 1, 290_000, 335_000, quarterly=True),
    "II.8": _D("SCT", "flow", 2, 40.0, 46.5, quarterly=True),
    "II.9": _D("SXD", "flow", 1, 200.0, 212.0, quarterly=True),
    "II.10": _D("SVHTTDL", "flow", 2, 14.0, 16.5, quarterly=True, seasonal=(0.20, 0.34, 0.29, 0.17)),
    "II.11": _D("TKTP", "share", 1, 45.0, 48.0),
    "II.12": _D("TKTP", "rate", 1, 8.2, 7.5),
    "II.13": _D("STC", "level", 0, 62_000, 63_500),
    "II.13.a": _D("STC", "flow", 0, 8_100, 9_450, quarterly=True, seasonal=(0.24, 0.26, 0.24, 0.26)),
    "II.14.1": _D("SKHCN", "rank", 0, 4, 3),
    "II.14.2": _D("STC", "rank", 0, 9, 7),
    "II.14.3": _D("SNV", "rank", 0, 12, 14),
    "II.14.4": _D("SNNMT", "rank", 0, 20, 19),
    "II.15.1": _D("SNNMT", "share", 1, 55.0, 61.0),
    "II.15.2": _D("SNNMT", "share", 1, 20.0, 23.0),
    "II.16": _D("SNV", "share", 1, 42.0, 44.0),
    "II.17": _D("BHXHTP", "share", 1, 45.0, 47.5),
    "II.18": _D("TKTP", "level", 3, 0.775, 0.781),
    "II.19": _D("SXD", "level", 0, 4_500, 7_100),
    "II.20": _D("SNNMT", "share", 1, 95.0, 97.0),
    "II.20.a": _D("SNNMT", "linear", 0, 0, 1),
    "II.21": _D("SXD", "share", 1, 22.0, 23.0),
    "II.22": _D("SXD", "share", 1, 48.5, 49.5),
    "II.23": _D("BCHQSTP", "flat", 0, 3, 6),
    "II.24": _D("CATP", "flat", 1, 82.0, 84.0),
    "II.24.a": _D("CATP", "flat", 1, 96.0, 96.5),
    "II.24.b": _D("CATP", "flat", 1, 7.5, -4.0),
    "II.24.c": _D("CATP", "flat", 1, 5.0, 3.0),
    "II.24.d": _D("CATP", "flat", 1, 8.0, 7.0),
    # Narrative targets have no lead agency: only the statistics office may send them.
    "N.2.1.1": _D("TKTP", "share", 1, 48.0, 51.0),
    "N.2.1.2": _D("TKTP", "share", 1, 52.0, 51.0),
    "N.2.2.1": _D("TKTP", "share", 1, 68.0, 72.0),
    "N.3.1": _D("TKTP", "flat", 1, 1.6, 1.7),
    "N.4.1": _D("TKTP", "share", 1, 78.0, 80.0),
    "N.6.1": _D("TKTP", "flat", 1, 0.8, 0.5),
    "N.6.2": _D("TKTP", "share", 1, 1.2, 0.7),
    "N.7.2.1": _D("TKTP", "flat", 1, 6.3, 6.5),
    "N.7.2.2": _D("TKTP", "share", 1, 30.0, 29.0),
    "N.7.2.4": _D("TKTP", "share", 1, 90.0, 92.0),
    "N.8.1": _D("TKTP", "share", 1, 60.0, 70.0),
    "N.12.5.1": _D("TKTP", "share", 1, 38.0, 40.0),
}
# fmt: on

# No figure at all, ever (the statistic is not produced yearly): these stay no_data.
NO_DATA: tuple[str, ...] = ("N.7.2.3", "N.7.2.5", "N.10.1", "N.12.5.2")

# TKTP's January year figures for these are estimates; its February file revises them (sơ bộ).
REVISED_YEAR_BY_TKTP: tuple[str, ...] = ("II.1", "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.2", "II.7")

# Agencies sending their own baseline; TKTP sends the rest.
_OWN_BASELINE = ("BTCTU", "BTGDVTU", "UBKTTU", "SCT")

# The class each indicator is designed to reach as of DEMO_UNTIL (2025 baseline y₀, 2026 value y₁,
# t − t₀ = 1; T − t₀ = 5 unless the target year differs), by these readings of DESIGN.md §3:
# - level / period_avg / rank: achieved if y₁ meets the target; else RR = a / r, with a = y₁/y₀ − 1
#   and r = (X/y₀)^(1/(T−t₀)) − 1, or in units a year (a = y₁ − y₀, r = (X − y₀)/(T − t₀)) when the
#   unit is a percentage or a rank; a range is judged against its nearer bound, "=" as "≥"
#   (direction higher) or "≤" (lower);
# - avg_growth: RR = realised geometric average growth / target rate (never "achieved" before T);
# - annual: achieved if the latest year meets the target; else RR = y₁ / X;
# - cumulative: RR = sum to date / planned sum to date (Phụ lục 4 plan, else an even split of the
#   lower bound); achieved once the sum reaches the target.
# Classes: on_track RR ≥ 0.95 · moderate 0.60–0.95 · insufficient 0–0.60 · regressing RR < 0.
INTENDED_STATUS: dict[str, str] = {
    "I.1": "achieved",  # annual ≥3: 3.4 ≥ 3
    "I.2": "moderate",  # cumulative 200–220: 30 / (200 × 1/5 = 40) = 0.75
    "I.3": "moderate",  # level ≥100 by 2027, pp: a = 84 − 72 = 12; r = (100 − 72)/2 = 14; RR = 0.857
    "I.4": "achieved",  # annual ≥100: 100
    "I.5": "on_track",  # annual ≥100: 96 / 100 = 0.96
    "I.6.a": "on_track",  # pp: a = 3; r = (100 − 90)/5 = 2; RR = 1.5
    "I.6.b": "insufficient",  # pp: a = 1; r = (50 − 40)/5 = 2; RR = 0.5
    "I.7": "achieved",  # annual ≥100: 100
    "II.1": "on_track",  # avg_growth ≥13: 12.6 / 13 = 0.969 (stretch 14 not reached)
    "II.1.a": "moderate",  # 12.5 / 15.2 = 0.822
    "II.1.b": "on_track",  # 10.8 / 10.9 = 0.991
    "II.1.c": "insufficient",  # 0.9 / 2.0 = 0.45
    "II.1.d": "regressing",  # -2.1 / 8.0 < 0
    # II.2 level ≥11 247 USD: a = 7980/7280 − 1 = 9.62%; r = (11247/7280)^(1/5) − 1 = 9.09%; RR = 1.06
    "II.2": "on_track",
    "II.3": "insufficient",  # pp: a = 1; r = (35 − 22)/5 = 2.6; RR = 0.385
    "II.4": "moderate",  # avg_growth 15.5–16.5, nearer bound 15.5: 12.0 / 15.5 = 0.774
    "II.4.a": "on_track",  # range 47–48, pp: a = 1; r = (47 − 44)/5 = 0.6; RR = 1.67
    "II.4.b": "achieved",  # >60: 62.5
    "II.5": "on_track",  # period_avg 43, pp: a = 1.5; r = 0.6; RR = 2.5 (mean so far 41.5/43 = 0.965)
    "II.5.a": "achieved",  # =10 (higher): 11.0 ≥ 10
    # II.6 level ≥245 500: a = 162000/150000 − 1 = 8.0%; r = (245500/150000)^(1/5) − 1 = 10.36%; RR = 0.772
    "II.6": "moderate",
    "II.6.a": "regressing",  # a = 79000/80000 − 1 = −1.25%; r = 8.81%; RR = −0.14
    "II.7": "moderate",  # cumulative: 335 000 / 361 944 (Phụ lục 4, 2026) = 0.926
    "II.8": "on_track",  # a = 46.5/40 − 1 = 16.25%; r = (75/40)^(1/5) − 1 = 13.40%; RR = 1.21
    "II.9": "insufficient",  # a = 212/200 − 1 = 6.0%; r = (380/200)^(1/5) − 1 = 13.70%; RR = 0.44
    "II.10": "on_track",  # a = 16.5/14 − 1 = 17.86%; r = (25/14)^(1/5) − 1 = 12.30%; RR = 1.45
    "II.11": "on_track",  # pp: a = 3; r = (57 − 45)/5 = 2.4; RR = 1.25
    "II.12": "moderate",  # avg_growth =11: 7.5 / 11 = 0.682
    "II.13": "insufficient",  # a = 63500/62000 − 1 = 2.42%; r = (87000/62000)^(1/5) − 1 = 7.01%; RR = 0.345
    "II.13.a": "achieved",  # annual 9 200: 9 450
    "II.14.1": "achieved",  # rank ≤5: 3 (the stretch, top 3, too)
    "II.14.2": "on_track",  # rank: a = 7 − 9 = −2; r = (5 − 9)/5 = −0.8; RR = 2.5
    "II.14.3": "regressing",  # rank: a = 14 − 12 = +2; r = (5 − 12)/5 = −1.4; RR = −1.43
    "II.14.4": "insufficient",  # rank: a = −1; r = (5 − 20)/5 = −3; RR = 0.33
    "II.15.1": "on_track",  # pp: a = 6; r = 5; RR = 1.2
    "II.15.2": "insufficient",  # pp: a = 3; r = 6; RR = 0.5
    "II.16": "moderate",  # pp: a = 2; r = 2.6; RR = 0.769
    "II.17": "moderate",  # range 62–63, pp: a = 2.5; r = (62 − 45)/5 = 3.4; RR = 0.735
    "II.18": "on_track",  # a = 0.781/0.775 − 1 = 0.77%; r = (0.8/0.775)^(1/5) − 1 = 0.64%; RR = 1.21
    "II.19": "on_track",  # cumulative 32 900: 7 100 / (32 900/5 = 6 580) = 1.08
    "II.20": "on_track",  # pp: a = 2; r = 1; RR = 2
    "II.20.a": "achieved",  # ≥1 plant: 1 (baseline 0: no compound rate, achieved overrides)
    "II.21": "insufficient",  # pp: a = 1; r = 3.6; RR = 0.28
    "II.22": "moderate",  # pp: a = 1; r = 1.3; RR = 0.769
    "II.23": "on_track",  # cumulative 25–30: 6 / (25/5 = 5) = 1.2
    "II.24": "achieved",  # annual ≥80: 84
    "II.24.a": "achieved",  # annual ≥95: 96.5
    "II.24.b": "regressing",  # annual −10%/year: −4.0 (crime rose) / 10 < 0
    "II.24.c": "insufficient",  # annual −6%/year: 3.0 / 6 = 0.5
    "II.24.d": "achieved",  # annual −6%/year: 7.0
    "N.2.1.1": "on_track",  # pp: a = 3; r = (60 − 48)/5 = 2.4; RR = 1.25
    "N.2.1.2": "insufficient",  # ≤40 (lower), pp: a = −1; r = (40 − 52)/5 = −2.4; RR = 0.42
    "N.2.2.1": "on_track",  # pp: a = 4; r = 2.4; RR = 1.67
    "N.3.1": "moderate",  # annual ≥2: 1.7 / 2 = 0.85
    "N.4.1": "moderate",  # pp: a = 2; r = 2.4; RR = 0.83
    "N.6.1": "insufficient",  # annual >1: 0.5 / 1 = 0.5
    "N.6.2": "on_track",  # ≤0 by 2028 (lower), pp: a = −0.5; r = (0 − 1.2)/3 = −0.4; RR = 1.25
    "N.7.2.1": "achieved",  # annual ≥6.4: 6.5
    "N.7.2.2": "regressing",  # pp: a = −1; r = 7; RR = −0.14
    "N.7.2.4": "on_track",  # pp: a = 2; r = 1.6; RR = 1.25
    "N.8.1": "on_track",  # pp: a = 10; r = 8; RR = 1.25
    "N.12.5.1": "moderate",  # pp: a = 2; r = 2.4; RR = 0.83
    **{code: "no_data" for code in NO_DATA},
}

PeriodStyle = Literal["code", "vn"]


@dataclass(frozen=True)
class _Style:
    """How an agency writes its files."""

    fmt: Literal["xlsx", "csv"]
    encoding: str = "utf-8"
    delimiter: str = ","
    periods: PeriodStyle = "code"


_STYLES: dict[str, _Style] = {
    "TKTP": _Style("xlsx"),
    "SCT": _Style("csv", periods="vn"),  # "Quý III/2026", "9 tháng 2026", "Năm 2025"
    "STC": _Style("csv", encoding="utf-8-sig", delimiter=";"),
    "THUETP": _Style("xlsx"),
    "SXD": _Style("csv"),
    "SVHTTDL": _Style("xlsx", periods="vn"),
    "SNV": _Style("csv"),
    "SNNMT": _Style("xlsx"),
    "SKHCN": _Style("xlsx"),
    "BHXHTP": _Style("csv"),
    "BCHQSTP": _Style("xlsx"),
    "CATP": _Style("csv"),
    "BTCTU": _Style("xlsx", periods="vn"),
    "BTGDVTU": _Style("xlsx"),
    "UBKTTU": _Style("csv"),
}


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
    builder = _Builder(catalogue, seed)
    events = sorted(builder.events(), key=lambda e: (e.received_at, e.agency, e.kind))
    kept = [e for e in events if e.received_at.date() <= until]
    files: list[SampleFile] = []
    for seq, event in enumerate(kept, start=1):
        style = _STYLES.get(event.agency, _Style("xlsx"))
        name = f"{seq:03d}_{event.received_at:%Y%m%d}_{event.agency}_{event.label}.{style.fmt}"
        event.file = name
        path = out_dir / name
        _write(event, path, style, catalogue.agencies[event.agency].name_vi)
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


# --- building the submissions ------------------------------------------------------------------


@dataclass
class _Event:
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


class _Builder:
    """Makes every event of 2026–2030 from (seed, catalogue); `until` only filters them."""

    def __init__(self, catalogue: Catalogue, seed: int) -> None:
        self.cat = catalogue
        self.seed = seed
        self._check_design()

    def _rng(self, *key: object) -> random.Random:
        # A generator per (indicator, period, …): a value never depends on what else is generated.
        return random.Random("/".join(map(str, (self.seed, *key))))

    def _check_design(self) -> None:
        for code, d in _DESIGN.items():
            if code not in self.cat.indicators:
                raise ValueError(f"sample design names indicator {code}, which the catalogue lacks")
            allowed = {i.code for i in self.cat.indicators_of(d.sender)}
            if code not in allowed:
                raise ValueError(f"sample design: {d.sender} does not lead {code}")

    # values ------------------------------------------------------------------------------------

    def year_value(self, code: str, year: int) -> float:
        """The designed (final) value of a year: the baseline, 2026 as designed, then the same pace."""
        d = _DESIGN[code]
        n = year - BASELINE_YEAR
        if n == 0:
            return d.baseline
        if d.shape in ("rate", "flat"):
            x = d.value_2026
        elif d.shape in ("flow", "level"):
            x = d.baseline * (d.value_2026 / d.baseline) ** n
        else:
            x = d.baseline + (d.value_2026 - d.baseline) * n
            if d.shape == "share":
                x = min(max(x, 0.0), 100.0)
            x = max(x, 1.0) if d.shape == "rank" else max(x, 0.0)
        return _round(x, d.decimals)

    def sub_year_truths(self, code: str, year: int) -> dict[str, float]:
        """Final values of the quarters and of 6 and 9 months of a year, consistent with the year."""
        d = _DESIGN[code]
        rng = self._rng("truth", code, year)
        total = self.year_value(code, year)
        if d.shape == "rate":
            offsets = (-0.6, -0.2, 0.2, 0.6)
            q = [_round(total + o + rng.uniform(-0.2, 0.2), d.decimals) for o in offsets]
            ytd6 = _round((q[0] + q[1]) / 2, d.decimals)
            ytd9 = _round((q[0] + q[1] + q[2]) / 3, d.decimals)
        else:
            shares = [s + rng.uniform(-0.01, 0.01) for s in d.seasonal]
            scale = sum(shares)
            q = [_round(total * s / scale, d.decimals) for s in shares[:3]]
            q.append(_round(total - sum(q), d.decimals))
            ytd6 = _round(q[0] + q[1], d.decimals)
            ytd9 = _round(q[0] + q[1] + q[2], d.decimals)
        out = {quarter_period(year, i + 1).code: v for i, v in enumerate(q)}
        out[ytd_period(year, 6).code] = ytd6
        out[ytd_period(year, 9).code] = ytd9
        return out

    def estimate(self, code: str, period: str, final: float) -> float:
        """The first estimate (ước tính) of a figure: off the final value, never equal to it."""
        d = _DESIGN[code]
        rng = self._rng("estimate", code, period)
        sign = rng.choice((-1, 1))
        if d.shape == "rate":
            x = final + sign * rng.choice((0.1, 0.2, 0.3, 0.4))
        else:
            x = final * (1 + sign * rng.uniform(0.01, 0.04))
        est = _round(x, d.decimals)
        return est if est != final else _round(final + sign * 10.0**-d.decimals, d.decimals)

    def row(self, code: str, period: Period, value: float, status: str, note: str = "") -> dict[str, Any]:
        return {
            "ma_chi_tieu": code,
            "ky": period,
            "gia_tri": value,
            "decimals": _DESIGN[code].decimals,
            "don_vi": self.cat.indicators[code].unit,
            "trang_thai": status,
            "ghi_chu": SAMPLE_MARKER + (f"; {note}" if note else ""),
        }

    # schedule ----------------------------------------------------------------------------------

    def received(self, agency: str, due: date, key: str) -> tuple[datetime, int]:
        """When an agency's submission arrives: a few days early, or 20–30 days late for LATE_AGENCY."""
        rng = self._rng("received", agency, key)
        if agency == LATE_AGENCY:
            day = due + timedelta(days=rng.randint(*LATE_DAYS))
        else:
            day = due - timedelta(days=rng.randint(0, 4))
        at = datetime.combine(day, time(7, 30)) + timedelta(minutes=rng.randint(0, 570))
        return at, max((at.date() - due).days, 0)

    def events(self) -> list[_Event]:
        events = self.baseline_events() + history_events(self)  # pre-plan history: ingest/sample_history.py
        sent: set[tuple[str, str]] = set()  # (agency, quarter) submissions that were sent
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for q in range(1, 5):
                events.extend(self.quarter_events(year, q, sent))
            events.extend(self.year_events(year))
            events.append(self.tktp_revision(year))
        return events

    def baseline_events(self) -> list[_Event]:
        by_agency: dict[str, list[str]] = {}
        for code in _DESIGN:
            sender = _DESIGN[code].sender
            by_agency.setdefault(sender if sender in _OWN_BASELINE else "TKTP", []).append(code)
        events = []
        for agency, codes in sorted(by_agency.items()):
            at, _ = self.received(agency, date(2026, 1, 20), "baseline")
            period = year_period(BASELINE_YEAR)
            rows = [self.row(c, period, _DESIGN[c].baseline, "chinh_thuc", "số liệu cơ sở") for c in codes]
            events.append(
                _Event(
                    agency,
                    "indicators",
                    at,
                    None,
                    0,
                    "2025-co-so",
                    f"Số liệu cơ sở năm {BASELINE_YEAR} (chính thức), {len(rows)} chỉ tiêu",
                    str(BASELINE_YEAR),
                    rows,
                )
            )
        return events

    def quarter_events(self, year: int, q: int, sent: set[tuple[str, str]]) -> list[_Event]:
        quarter = quarter_period(year, q)
        due = quarter.end + timedelta(days=DUE_DAYS)
        prev = quarter_period(year, q - 1) if q > 1 else quarter_period(year - 1, 4)
        senders = sorted({d.sender for d in _DESIGN.values() if d.quarterly})
        events: list[_Event] = []
        times: dict[str, datetime] = {}
        for agency in senders:
            if (agency, quarter.code) == MISSING:
                continue
            at, late = self.received(agency, due, quarter.code)
            times[agency] = at
            rows = []
            for code in (c for c, d in _DESIGN.items() if d.sender == agency and d.quarterly):
                truths = self.sub_year_truths(code, year)
                current = [quarter] + ([ytd_period(year, 3 * q)] if q in (2, 3) else [])
                for p in current:
                    rows.append(self.row(code, p, self.estimate(code, p.code, truths[p.code]), "uoc_tinh"))
                if q == 4:
                    final = self.year_value(code, year)
                    est = self.estimate(code, str(year), final) if code in REVISED_YEAR_BY_TKTP else final
                    rows.append(self.row(code, year_period(year), est, "uoc_tinh"))
                if (agency, prev.code) in sent:
                    prev_truths = self.sub_year_truths(code, prev.year)
                    revised = [prev] + ([ytd_period(prev.year, 3 * (q - 1))] if q in (3, 4) else [])
                    for p in revised:
                        rows.append(
                            self.row(code, p, prev_truths[p.code], "so_bo", "thay số ước tính kỳ trước")
                        )
            if q == 4:
                rows.extend(self.yearly_rows(agency, year))
            sent.add((agency, quarter.code))
            what = ("ước tính quý và cả năm" if q == 4 else "ước tính quý") + (
                "; sơ bộ quý trước" if any(r["trang_thai"] == "so_bo" for r in rows) else ""
            )
            events.append(
                _Event(
                    agency,
                    "indicators",
                    at,
                    due,
                    late,
                    quarter.code,
                    f"Số liệu {_vn_label(quarter)} ({what})",
                    quarter.code,
                    rows,
                )
            )
        for agency in TASK_AGENCIES:
            if agency in times:
                at = times[agency] + timedelta(minutes=5)
                late = max((at.date() - due).days, 0)
            else:
                at, late = self.received(agency, due, quarter.code + "-tasks")
            rows = self.task_rows(agency, quarter.end)
            if rows:
                events.append(
                    _Event(
                        agency,
                        "tasks",
                        at,
                        due,
                        late,
                        f"{quarter.code}-nhiem-vu",
                        f"Tiến độ nhiệm vụ PHỤ LỤC 2 đến hết {_vn_label(quarter)}",
                        quarter.code,
                        rows,
                    )
                )
        return events

    def yearly_rows(self, agency: str, year: int) -> list[dict[str, Any]]:
        codes = [c for c, d in _DESIGN.items() if d.sender == agency and not d.quarterly]
        return [self.row(c, year_period(year), self.year_value(c, year), "uoc_tinh") for c in codes]

    def year_events(self, year: int) -> list[_Event]:
        """Agencies without quarterly figures send the year after it closes (DATA_SUBMISSION_ANNUAL)."""
        quarterly = {d.sender for d in _DESIGN.values() if d.quarterly}
        due = year_period(year).end + timedelta(days=DUE_DAYS)
        events = []
        for agency in sorted({d.sender for d in _DESIGN.values()} - quarterly):
            at, late = self.received(agency, due, str(year))
            rows = self.yearly_rows(agency, year)
            events.append(
                _Event(
                    agency,
                    "indicators",
                    at,
                    due,
                    late,
                    f"{year}-nam",
                    f"Số liệu năm {year} (ước tính)",
                    str(year),
                    rows,
                )
            )
        return events

    def tktp_revision(self, year: int) -> _Event:
        """TKTP's late-February file: the year's GRDP figures as sơ bộ, replacing January's estimates."""
        at = datetime.combine(date(year + 1, 2, 25), time(9, 0)) + timedelta(
            minutes=self._rng("revision", year).randint(0, 300)
        )
        rows = [
            self.row(c, year_period(year), self.year_value(c, year), "so_bo", "thay số ước tính tháng 1")
            for c in REVISED_YEAR_BY_TKTP
        ]
        return _Event(
            "TKTP",
            "indicators",
            at,
            None,
            0,
            f"{year}-dieu-chinh",
            f"Điều chỉnh số liệu năm {year} (sơ bộ)",
            str(year),
            rows,
        )

    # tasks -------------------------------------------------------------------------------------

    def task_plans(self, agency: str) -> list[tuple[str, date, date | None, date | None, str]]:
        """(task, due, start, completed on, evidence) for up to 6 of the agency's dated tasks."""
        near, later = [], []
        for task in self.cat.tasks_of(agency):
            deadline = parse_deadline(task.deadline_text_vi or "")
            if deadline.already_completed or deadline.due is None:
                continue
            if date(2025, 12, 31) <= deadline.due <= date(2026, 12, 31):
                near.append((deadline.due, task.code, deadline.start))
            elif deadline.due > date(2026, 12, 31):
                later.append((deadline.due, task.code, deadline.start))
        plans = []
        for i, (due, code, start) in enumerate(sorted(near)[:5]):
            rng = self._rng("task", code)
            # By position: done on time, overdue and still in progress, done late — so every agency
            # shows each case once its deadlines have passed.
            if i % 3 == 1:
                plans.append((code, due, start, None, ""))
                continue
            if i % 3 == 0:
                done = max(due - timedelta(days=rng.randint(3, 40)), date(2026, 1, 5))
            else:
                done = due + timedelta(days=rng.randint(15, 75))
            plans.append((code, due, start, done, _evidence(rng, done, i)))
        for due, code, start in sorted(later)[:1]:
            plans.append((code, due, start, None, ""))
        return plans

    def task_rows(self, agency: str, as_of: date) -> list[dict[str, Any]]:
        rows = []
        for code, due, start, done, evidence in self.task_plans(agency):
            if done is not None and done <= as_of:
                rows.append(_task_row(code, "hoan_thanh", done, evidence, ""))
            elif start is not None and as_of < start:
                rows.append(_task_row(code, "chua_trien_khai", as_of, "", "chưa đến thời gian thực hiện"))
            elif as_of > due:
                rows.append(_task_row(code, "dang_trien_khai", as_of, "", f"chậm so với hạn {due:%d/%m/%Y}"))
            else:
                rows.append(_task_row(code, "dang_trien_khai", as_of, "", "đang triển khai theo kế hoạch"))
        return rows


def _task_row(code: str, state: str, day: date, evidence: str, note: str) -> dict[str, Any]:
    return {
        "ma_nhiem_vu": code,
        "tinh_trang": state,
        "ngay": day,
        "van_ban": evidence,
        "ghi_chu": SAMPLE_MARKER + (f"; {note}" if note else ""),
    }


def _evidence(rng: random.Random, day: date, i: int) -> str:
    forms = ("Quyết định số {n}/QĐ-UBND", "Kế hoạch số {n}/KH-UBND", "Nghị quyết số {n}/{y}/NQ-HĐND")
    form = forms[0] if i == 0 else rng.choice(forms)
    return form.format(n=rng.randint(100, 4999), y=day.year) + f" ngày {day:%d/%m/%Y}"


def _revisions(events: list[_Event]) -> tuple[Revision, ...]:
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


# --- writing -----------------------------------------------------------------------------------

_VN_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _vn_label(period: Period) -> str:
    """A period in words: "Năm 2025", "Quý III/2026", "6 tháng đầu năm 2026", "9 tháng 2026"."""
    if period.period_type == "year":
        return f"Năm {period.year}"
    if period.period_type == "quarter":
        return f"Quý {_VN_ROMAN[int(period.code[-1])]}/{period.year}"
    if period.months == 6:
        return f"6 tháng đầu năm {period.year}"
    return f"{period.months} tháng {period.year}"


def _round(x: float, decimals: int) -> float:
    value = round(x, decimals)
    return float(int(value)) if decimals == 0 else value


def _cells(event: _Event, style: _Style, for_excel: bool) -> tuple[list[str], list[list[Any]]]:
    """Header and data rows as the agency writes them (Excel numbers and dates, or Vietnamese text)."""
    columns = INDICATOR_COLUMNS if event.kind == "indicators" else TASK_COLUMNS
    header = [c.name for c in columns]
    rows = []
    for r in event.rows:
        if event.kind == "indicators":
            period: Period = r["ky"]
            if style.periods == "vn":
                ky: Any = _vn_label(period)
            elif for_excel and period.period_type == "year":
                ky = period.year  # a year typed into Excel is a number
            else:
                ky = period.code
            d = r["decimals"]
            value: Any = (
                (int(r["gia_tri"]) if d == 0 else r["gia_tri"])
                if for_excel
                else format_vn_number(r["gia_tri"], d)
            )
            rows.append(
                [r["ma_chi_tieu"], ky, value, r["don_vi"], STATUSES[r["trang_thai"]][1], r["ghi_chu"]]
            )
        else:
            day = r["ngay"] if for_excel else r["ngay"].isoformat()
            rows.append([r["ma_nhiem_vu"], TASK_STATES[r["tinh_trang"]], day, r["van_ban"], r["ghi_chu"]])
    return header, rows


def _write(event: _Event, path: Path, style: _Style, agency_name: str) -> None:
    sent_on = f"{event.received_at:%d/%m/%Y}"
    info = f"Đơn vị gửi: {agency_name} ({event.agency}). {event.description}. Ngày gửi {sent_on}"
    header, rows = _cells(event, style, style.fmt == "xlsx")
    if style.fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=style.delimiter, lineterminator="\n")
        width = len(header)
        writer.writerow([BANNER] + [""] * (width - 1))
        writer.writerow([info] + [""] * (width - 1))
        writer.writerow(header)
        writer.writerows(rows)
        path.write_bytes(buf.getvalue().encode(style.encoding))
        return
    wb = Workbook()
    ws = wb.active
    ws.title = "So lieu" if event.kind == "indicators" else "Nhiem vu"
    ws.append([BANNER])
    ws.append([info])
    ws.append(header)
    for row in rows:
        ws.append(row)
        if event.kind == "tasks":
            ws.cell(ws.max_row, 3).number_format = "DD/MM/YYYY"
    wb.properties.title = f"{SAMPLE_MARKER} — planwatch"
    wb.properties.keywords = SAMPLE_MARKER
    wb.properties.creator = "planwatch (dữ liệu mẫu)"
    wb.properties.created = event.received_at
    _save_deterministic(wb, path, event.received_at)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _save_deterministic(wb: Workbook, path: Path, stamp: datetime) -> None:
    """Save an XLSX whose bytes depend only on its content: openpyxl stamps the wall clock into
    docProps/core.xml and into every zip entry; both are replaced by the file's received time."""
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    path.write_bytes(out.getvalue())
