"""The design of the sample: which indicators each agency sends, how their figures move, and the story's
calendar (who is late, what never arrives). Every other module of planwatch/sample reads it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Literal

from planwatch.ingest.plan_lookup import Catalogue

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
Shape = Literal["rate", "flow", "level", "share", "linear", "rank", "flat"]


@dataclass(frozen=True)
class Design:
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


_D = Design
# fmt: off
DESIGN: dict[str, Design] = {
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
OWN_BASELINE = ("BTCTU", "BTGDVTU", "UBKTTU", "SCT")


def rng(seed: int, *key: object) -> random.Random:
    """A generator per (indicator, period, …): a value never depends on what else is generated."""
    return random.Random("/".join(map(str, (seed, *key))))


def check_design(catalogue: Catalogue) -> None:
    """Refuse a design naming an indicator the catalogue lacks, or sent by an agency that does not lead it."""
    for code, d in DESIGN.items():
        if code not in catalogue.indicators:
            raise ValueError(f"sample design names indicator {code}, which the catalogue lacks")
        allowed = {i.code for i in catalogue.indicators_of(d.sender)}
        if code not in allowed:
            raise ValueError(f"sample design: {d.sender} does not lead {code}")


def round_to(x: float, decimals: int) -> float:
    """x rounded as the agency writes it (a whole number for 0 decimals)."""
    value = round(x, decimals)
    return float(int(value)) if decimals == 0 else value
