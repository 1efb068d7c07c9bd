"""The sample's pre-plan history: yearly figures 2016–2024 of the key indicators (DỮ LIỆU MẪU).

The probability of reaching a target (docs/method.md §7) is estimated from an indicator's own past
variability, so the office loads the years before the plan as ordinary submissions. The sample does the
same: one file from the statistics office (TKTP may send any indicator), received before the 2025 baseline
files, with the official (chính thức) yearly figures of HISTORY_YEARS for HISTORY_CODES. The values run
backwards from the designed 2025 baseline at the designed pace with yearly noise, so 2025 and every later
figure of the sample are unchanged:
- `rate` (growth rates): the designed 2025 rate plus noise each year;
- `flow`, `level`: y₋₁ = y / (1 + pace + noise), pace = the designed growth from 2025 to 2026;
- `share`: y₋₁ = y − (pace + noise), in percentage points.
Every value is a function of (seed, indicator, year) only, like the rest of the sample (planwatch/sample/).
"""

from __future__ import annotations

from datetime import date, datetime, time

from planwatch.ingest.periods import year_period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.sample.design import BASELINE_YEAR, DESIGN, Design, rng, round_to
from planwatch.sample.event import Event
from planwatch.sample.values import indicator_row

HISTORY_YEARS = range(2016, 2025)
# The key indicators the reports chart (reports/annual.qmd): growth rates, levels, a share, a sum.
HISTORY_CODES = ("II.1", "II.1.a", "II.1.b", "II.2", "II.3", "II.4", "II.6", "II.7", "II.8", "II.9", "II.10")
HISTORY_SENDER = "TKTP"
RECEIVED_AT = datetime.combine(date(2026, 1, 15), time(9, 0))  # before the baseline files (20/01/2026)
# Yearly noise: percentage points for rates and shares, a relative change for flows and levels.
NOISE = {"rate": 1.5, "share": 0.5, "flow": 0.04, "level": 0.03}


def history_events(catalogue: Catalogue, seed: int) -> list[Event]:
    """The history submission, one event of the sample's calendar (planwatch/sample/calendar.py)."""
    note = "số liệu lịch sử trước kỳ kế hoạch"
    rows = []
    for code in HISTORY_CODES:
        values = _backwards(seed, code, DESIGN[code], BASELINE_YEAR)
        rows += [
            indicator_row(catalogue, code, year_period(year), values[year], "chinh_thuc", note)
            for year in HISTORY_YEARS
        ]
    first, last = HISTORY_YEARS[0], HISTORY_YEARS[-1]
    return [
        Event(
            HISTORY_SENDER,
            "indicators",
            RECEIVED_AT,
            None,
            0,
            f"{first}-{last}-lich-su",
            f"Số liệu lịch sử năm {first}–{last} (chính thức), {len(HISTORY_CODES)} chỉ tiêu",
            str(last),
            rows,
        )
    ]


def _backwards(seed: int, code: str, design: Design, baseline_year: int) -> dict[int, float]:
    """The yearly values before baseline_year, each step back from the designed baseline."""
    noise = NOISE[design.shape]
    values: dict[int, float] = {}
    later = design.baseline
    for year in range(baseline_year - 1, HISTORY_YEARS[0] - 1, -1):
        shock = rng(seed, "history", code, year).gauss(0, noise)
        if design.shape == "rate":
            value = design.baseline + shock
        elif design.shape == "share":
            value = min(max(later - (design.value_2026 - design.baseline) - shock, 0.0), 100.0)
        else:
            value = later / (design.value_2026 / design.baseline + shock)
        later = value
        values[year] = round_to(value, design.decimals)
    return values
