"""Vietnamese forms for reports: numbers (planwatch.ingest.numbers.format_vn_number), dates, periods."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from planwatch.ingest.numbers import format_vn_number
from planwatch.ingest.periods import Period, parse_period

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def num(x: int | float | Decimal | None, decimals: int | None = None, *, missing: str = "–") -> str:
    """A number the Vietnamese way (7944.5 → 7.944,5); the one number formatter every report uses.

    Rounds half away from zero through Decimal, like format_vn_number and the SQL macro vn_number
    (73918.125 → 73.918,13). Without `decimals`, a float prints at most 2 decimals, or 3 significant
    digits below 1 (0.035 → 0,035, not 0,04)."""
    if type(x) not in (int, float, Decimal, bool) and hasattr(x, "item"):
        x = x.item()  # a numpy scalar (matplotlib's tick values): repr() is "np.float64(…)" in numpy 2
    if isinstance(x, float) and decimals is None and math.isfinite(x):
        x = _float_digits(x)
    return format_vn_number(x, decimals, missing=missing)


def _float_digits(x: float) -> Decimal:
    # Floats from DuckDB carry binary noise (13.200000000000001): keep the digits that mean something.
    # repr() is the shortest decimal that reads back as x, so 73918.125 stays …,125 and rounds up.
    d = Decimal(repr(x))
    if d.is_zero():
        return Decimal(0)
    places = 2 if abs(d) >= 1 else max(2, 2 - d.adjusted())
    rounded = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # drop trailing zeros (0,0350 → 0,035); normalize() may leave an exponent, which "f" formatting expands
    return rounded.normalize()


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


def signed(x: int | float | Decimal | None, decimals: int | None = 1, *, missing: str = "–") -> str:
    """A difference with its sign, so a shortfall is never read as a level: +1,2 · -0,4 · 0."""
    if x is None:
        return missing
    text = num(x, decimals)
    return text if text.startswith("-") or text.strip("0,") == "" else "+" + text


def with_unit(
    x: int | float | Decimal | None, unit: str | None, decimals: int | None = 1, *, missing: str = "–"
) -> str:
    """A figure with its unit as documents write it: 13,1%/năm (a "%" unit sticks), 516.250 tỷ đồng/năm."""
    if x is None:
        return missing
    text = num(x, 0 if decimals is not None and abs(x) >= 1000 else decimals)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def effort(
    x: int | float | Decimal | None, unit: str | None, method: str | None, *, missing: str = "–"
) -> str:
    """The yearly effort now required (required_rate_remaining) with its unit; a signed change where the
    figure is a change of level (compound, points, rank), a plain level where it is a rate to sustain."""
    if x is None:
        return missing
    if method in {"compound", "points", "rank"}:
        text = signed(x, 0 if abs(x) >= 1000 else 1)
        return f"{text}{unit}" if unit and unit.startswith("%") else f"{text} {unit or ''}".rstrip()
    return with_unit(x, unit)


COMPARATOR_SIGNS = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "=": "khoảng "}


def target(
    comparator: str | None, low: float | None, high: float | None = None, unit: str | None = None
) -> str:
    """A target as a short formula: ≥ 13%/năm, 200–220 tổ chức đảng, ≤ 40% tổng chi ngân sách."""
    if low is None:
        return "–"
    span = num(low) if high is None or high == low else f"{num(low)}–{num(high)}"
    text = COMPARATOR_SIGNS.get(comparator or "", "") + span
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"
