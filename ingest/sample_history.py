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
Every value is a function of (seed, indicator, year) only, like the rest of the sample (ingest/sample.py).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from ingest.periods import year_period

HISTORY_YEARS = range(2016, 2025)
# The key indicators the reports chart (reports/annual.qmd): growth rates, levels, a share, a sum.
HISTORY_CODES = ("II.1", "II.1.a", "II.1.b", "II.2", "II.3", "II.4", "II.6", "II.7", "II.8", "II.9", "II.10")
HISTORY_SENDER = "TKTP"
RECEIVED_AT = datetime.combine(date(2026, 1, 15), time(9, 0))  # before the baseline files (20/01/2026)
# Yearly noise: percentage points for rates and shares, a relative change for flows and levels.
NOISE = {"rate": 1.5, "share": 0.5, "flow": 0.04, "level": 0.03}


def history_events(builder: Any) -> list[Any]:
    """The history submission as one event of the sample's builder (ingest.sample._Builder)."""
    from ingest.sample import _DESIGN, BASELINE_YEAR, _Event

    rows = []
    for code in HISTORY_CODES:
        design = _DESIGN[code]
        values = _backwards(builder, code, design, BASELINE_YEAR)
        rows += [
            builder.row(
                code, year_period(year), values[year], "chinh_thuc", "số liệu lịch sử trước kỳ kế hoạch"
            )
            for year in HISTORY_YEARS
        ]
    first, last = HISTORY_YEARS[0], HISTORY_YEARS[-1]
    return [
        _Event(
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


def _backwards(builder: Any, code: str, design: Any, baseline_year: int) -> dict[int, float]:
    """The yearly values before baseline_year, each step back from the designed baseline."""
    from ingest.sample import _round

    noise = NOISE[design.shape]
    values: dict[int, float] = {}
    later = design.baseline
    for year in range(baseline_year - 1, HISTORY_YEARS[0] - 1, -1):
        shock = builder._rng("history", code, year).gauss(0, noise)
        if design.shape == "rate":
            value = design.baseline + shock
        elif design.shape == "share":
            value = min(max(later - (design.value_2026 - design.baseline) - shock, 0.0), 100.0)
        else:
            value = later / (design.value_2026 / design.baseline + shock)
        later = value
        values[year] = _round(value, design.decimals)
    return values
