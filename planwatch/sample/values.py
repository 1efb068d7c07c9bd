"""The figures: each a function of (seed, indicator, period) only, so the files received by an earlier
date are byte-identical whatever later date the sample is generated up to."""

from __future__ import annotations

from typing import Any

from planwatch.ingest.columns import SAMPLE_MARKER
from planwatch.ingest.periods import Period, quarter_period, ytd_period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.sample.design import BASELINE_YEAR, DESIGN, rng, round_to


def year_value(code: str, year: int) -> float:
    """The designed (final) value of a year: the baseline, 2026 as designed, then the same pace."""
    d = DESIGN[code]
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
    return round_to(x, d.decimals)


def sub_year_truths(seed: int, code: str, year: int) -> dict[str, float]:
    """Final values of the quarters and of 6 and 9 months of a year, consistent with the year."""
    d = DESIGN[code]
    r = rng(seed, "truth", code, year)
    total = year_value(code, year)
    if d.shape == "rate":
        offsets = (-0.6, -0.2, 0.2, 0.6)
        q = [round_to(total + o + r.uniform(-0.2, 0.2), d.decimals) for o in offsets]
        ytd6 = round_to((q[0] + q[1]) / 2, d.decimals)
        ytd9 = round_to((q[0] + q[1] + q[2]) / 3, d.decimals)
    else:
        shares = [s + r.uniform(-0.01, 0.01) for s in d.seasonal]
        scale = sum(shares)
        q = [round_to(total * s / scale, d.decimals) for s in shares[:3]]
        q.append(round_to(total - sum(q), d.decimals))
        ytd6 = round_to(q[0] + q[1], d.decimals)
        ytd9 = round_to(q[0] + q[1] + q[2], d.decimals)
    out = {quarter_period(year, i + 1).code: v for i, v in enumerate(q)}
    out[ytd_period(year, 6).code] = ytd6
    out[ytd_period(year, 9).code] = ytd9
    return out


def estimate(seed: int, code: str, period: str, final: float) -> float:
    """The first estimate (ước tính) of a figure: off the final value, never equal to it."""
    d = DESIGN[code]
    r = rng(seed, "estimate", code, period)
    sign = r.choice((-1, 1))
    if d.shape == "rate":
        x = final + sign * r.choice((0.1, 0.2, 0.3, 0.4))
    else:
        x = final * (1 + sign * r.uniform(0.01, 0.04))
    est = round_to(x, d.decimals)
    return est if est != final else round_to(final + sign * 10.0**-d.decimals, d.decimals)


def indicator_row(
    catalogue: Catalogue, code: str, period: Period, value: float, status: str, note: str = ""
) -> dict[str, Any]:
    """One row of an indicator submission, before it is written."""
    return {
        "ma_chi_tieu": code,
        "ky": period,
        "gia_tri": value,
        "decimals": DESIGN[code].decimals,
        "don_vi": catalogue.indicators[code].unit,
        "trang_thai": status,
        "ghi_chu": SAMPLE_MARKER + (f"; {note}" if note else ""),
    }
