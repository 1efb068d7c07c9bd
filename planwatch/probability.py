"""The probability formulas of docs/method.md §7 in Python, as the SQL macros compute them.

The warehouse computes probabilities in dbt (macros/normal_cdf.sql, probability_beyond.sql, sum_spread.sql,
cumulative_spread.sql, model int_target_probability). This module is their twin for what runs outside the
warehouse: the calibration benchmark (benchmarks/calibration.py) simulates thousands of paths and needs the
same arithmetic. tests/test_probability_sql.py renders the macros and checks that both agree on a grid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import mean, stdev

# A&S 26.2.17 (macros/normal_cdf.sql): 1 − Φ(z) ≈ φ(z)·Σ bᵢtⁱ, t = 1/(1 + p·z), z ≥ 0.
_P = 0.2316419
_B = (0.319381530, -0.356563782, 1.781477937, -1.821255978, 1.330274429)

BAND_QUANTILE = 1.2815515655446004
"""Φ⁻¹(0,9): the 80% band is center ± this·spread (macros/band_quantile.sql)."""

MIN_DRAWS = 4
"""The fewest yearly draws a probability is estimated from (dbt var probability_min_draws)."""


def normal_cdf(z: float) -> float:
    """Φ(z) by Abramowitz & Stegun 26.2.17 (absolute error < 7,5·10⁻⁸), as macros/normal_cdf.sql."""
    t = 1.0 / (1 + _P * abs(z))
    upper = math.exp(-0.5 * z * z) / math.sqrt(2 * math.pi) * sum(b * t ** (i + 1) for i, b in enumerate(_B))
    return 1 - upper if z >= 0 else upper


def sum_spread(sd: float, steps: float, n_past: int) -> float:
    """σ̂·√(h + h²/n): the sum of h draws whose mean is estimated from n (macros/sum_spread.sql)."""
    return sd * math.sqrt(steps + steps * steps / n_past)


def cumulative_spread(sd: float, steps: int, n_past: int) -> float:
    """σ̂·√(h(h+1)(2h+1)/6 + (h(h+1)/2)²/n): the next h amounts of a random walk (cumulative_spread.sql)."""
    return sd * math.sqrt(steps * (steps + 1) * (2 * steps + 1) / 6 + (steps * (steps + 1) / 2) ** 2 / n_past)


def probability_beyond(center: float, threshold: float, spread: float, lower: bool = False) -> float:
    """P(projection ≥ threshold), ≤ when lower is better; a spread of 0 gives 1 or 0.

    As macros/probability_beyond.sql.
    """
    distance = (threshold - center) if lower else (center - threshold)
    if spread == 0:
        return 1.0 if distance >= 0 else 0.0
    return normal_cdf(distance / spread)


def level_probability(
    values: Sequence[float],
    years_ahead: int,
    target: float,
    *,
    log_scale: bool = True,
    lower_is_better: bool = False,
) -> float | None:
    """A level target: random walk with drift on ln y (on y for shares), fitted on consecutive yearly values.

    None with fewer than MIN_DRAWS changes (as int_target_probability's short_series).
    """
    scaled = [math.log(v) for v in values] if log_scale else list(values)
    changes = [b - a for a, b in zip(scaled, scaled[1:], strict=False)]
    if len(changes) < MIN_DRAWS:
        return None
    drift, sd = mean(changes), stdev(changes)
    center = scaled[-1] + years_ahead * drift
    threshold = math.log(target) if log_scale else target
    return probability_beyond(center, threshold, sum_spread(sd, years_ahead, len(changes)), lower_is_better)


def level_projection_path(
    values: Sequence[float], years_ahead: int, *, log_scale: bool = True
) -> list[tuple[float, float, float]] | None:
    """The level projection 1 … years_ahead years past the last value, each (central, low, high) with its 80%
    band, as int_target_projection_path computes it (docs/method.md §7.3); None with too short a series."""
    scaled = [math.log(v) for v in values] if log_scale else list(values)
    changes = [b - a for a, b in zip(scaled, scaled[1:], strict=False)]
    if len(changes) < MIN_DRAWS:
        return None
    drift, sd = mean(changes), stdev(changes)
    back = math.exp if log_scale else (lambda v: v)
    path = []
    for steps in range(1, years_ahead + 1):
        center = scaled[-1] + steps * drift
        spread = sum_spread(sd, steps, len(changes))
        band = BAND_QUANTILE * spread
        path.append((back(center), back(center - band), back(center + band)))
    return path
