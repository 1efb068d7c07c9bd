"""Vietnamese forms for reports: numbers (through ingest.numbers.format_vn_number), dates, periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ingest.numbers import format_vn_number
from ingest.periods import Period, parse_period

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def num(x: int | float | Decimal | None, decimals: int | None = None, *, missing: str = "–") -> str:
    """A number the Vietnamese way (7944.5 → 7.944,5); the one number formatter every report uses."""
    if isinstance(x, float) and decimals is None:
        # Floats from DuckDB carry binary noise (13.200000000000001): print at most 2 decimals.
        x = round(x, 2)
    return format_vn_number(x, decimals, missing=missing)


def pct(x: int | float | Decimal | None, decimals: int | None = 1, *, missing: str = "–") -> str:
    """A rate stored as percent (13.2) printed with its sign: 13,2%."""
    return missing if x is None else f"{num(x, decimals)}%"


def day(d: date | None, *, missing: str = "–") -> str:
    """A date as Vietnamese documents write it: 15/10/2026."""
    return missing if d is None else f"{d:%d/%m/%Y}"


def place_date(d: date, place: str = "Hải Phòng") -> str:
    """The place-and-date line: "Hải Phòng, ngày 15 tháng 10 năm 2026" (days and months below 10 as 0x)."""
    return f"{place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def period_vi(period: str | Period) -> str:
    """A period code in words: 2026-Q3 → quý III/2026, 2026 → năm 2026, 2026-YTD09 → 9 tháng năm 2026."""
    p = period if isinstance(period, Period) else parse_period(period)
    if p.period_type == "quarter":
        return f"quý {ROMAN[(p.start.month - 1) // 3 + 1]}/{p.year}"
    if p.period_type == "year":
        return f"năm {p.year}"
    if p.period_type == "month":
        return f"tháng {p.start.month:02d}/{p.year}"
    return f"{p.months} tháng năm {p.year}"
