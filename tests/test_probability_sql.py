"""The probability macros (docs/method.md §7) against exact arithmetic and against their Python twin.

macros/normal_cdf.sql is Abramowitz & Stegun 26.2.17; here it is rendered by Jinja (as dbt renders it),
run in DuckDB over a grid of z and compared with statistics.NormalDist (exact Φ). The spreads and
probability_beyond are compared with planwatch.probability, which the calibration benchmark uses.
"""

from __future__ import annotations

import itertools
import math
import statistics
from pathlib import Path
from statistics import NormalDist

import duckdb
import jinja2
import pytest

from planwatch import probability

MACROS = Path(__file__).resolve().parents[1] / "macros"


def render(call: str) -> str:
    """The SQL a macro call renders to, with every project macro in scope (as in a dbt model)."""
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(MACROS.glob("*.sql")))
    return (
        jinja2.Environment(extensions=["jinja2.ext.do"])
        .from_string(source + "{{ " + call + " }}")
        .render()
        .strip()
    )


def evaluate(call: str, rows: list[tuple], columns: str) -> list[float]:
    """The macro call evaluated by DuckDB for each row of values bound to `columns`."""
    con = duckdb.connect()
    con.execute(f"create table grid ({columns})")
    con.executemany(f"insert into grid values ({', '.join('?' * len(rows[0]))})", rows)
    return [r[0] for r in con.execute(f"select {render(call)} from grid order by rowid").fetchall()]


def test_normal_cdf_is_within_its_documented_error_of_the_exact_value():
    grid = [i / 100 for i in range(-800, 801)]
    sql = evaluate("normal_cdf('z')", [(z,) for z in grid], "z double")
    exact = [NormalDist().cdf(z) for z in grid]
    assert max(abs(a - b) for a, b in zip(sql, exact, strict=True)) < 7.5e-8
    assert sql == pytest.approx([probability.normal_cdf(z) for z in grid], abs=1e-15)
    # symmetric, monotone, the right tails
    assert sql[800] == pytest.approx(0.5, abs=1e-9)
    assert all(b >= a for a, b in itertools.pairwise(sql))


def test_spreads_and_probability_agree_with_the_python_twin():
    rows = [(sd, h, n) for sd in (0.01, 0.3, 2.5) for h in (1, 3, 5, 9) for n in (4, 8, 15)]
    sums = evaluate("sum_spread('sd', 'h', 'n')", rows, "sd double, h integer, n integer")
    cumulative = evaluate("cumulative_spread('sd', 'h', 'n')", rows, "sd double, h integer, n integer")
    assert sums == pytest.approx([probability.sum_spread(*r) for r in rows], rel=1e-12)
    assert cumulative == pytest.approx([probability.cumulative_spread(*r) for r in rows], rel=1e-12)
    # h = 1: σ̂·√(1 + 1/n) for both (a single year of a random walk is one draw)
    assert sums[0] == pytest.approx(cumulative[0])

    cases = list(itertools.product((1.0, 3.0), (2.0, 3.0), (0.0, 0.5), ("higher", "lower")))
    sql = evaluate("probability_beyond('c', 'x', 's', 'd')", cases, "c double, x double, s double, d varchar")
    twin = [probability.probability_beyond(c, x, s, d == "lower") for c, x, s, d in cases]
    assert sql == pytest.approx(twin, abs=1e-15)
    # a spread of 0: certain either way; at the threshold the target is met (≥, ≤)
    assert dict(zip(cases, sql, strict=True))[(3.0, 3.0, 0.0, "lower")] == 1.0
    assert dict(zip(cases, sql, strict=True))[(1.0, 2.0, 0.0, "higher")] == 0.0


def test_the_python_twin_computes_the_unit_tests_level_case():
    """int_target_probability.yml's compound case C: 100 … 150 in 2020–2025, P(≥ 250 in 2030) = 0,1287."""
    p = probability.level_probability([100, 110, 115, 130, 140, 150], 5, 250)
    assert round(p, 4) == 0.1287
    assert probability.level_probability([100, 110, 115, 130], 5, 250) is None  # 3 changes: too short


def test_the_path_macros_agree_with_the_python_twin_at_every_horizon():
    """projection_center/projection_spread (int_target_projection_path) at h = 1 … 5 for a level series equal
    level_projection_path, whose last year is the target-year projection; by hand for h = 1 (C of the model's
    unit test: ln 150 + 0,081093 = 5,091728, spread 0,05·√(1 + 1/5) → 162,6708, 151,6439 … 174,4995)."""
    values = [100, 110, 115, 130, 140, 150]
    path = probability.level_projection_path(values, 5)
    logs = [math.log(v) for v in values]
    changes = [b - a for a, b in itertools.pairwise(logs)]
    mu, sd = statistics.mean(changes), statistics.stdev(changes)
    rows = [(h, logs[-1], mu, sd, len(changes)) for h in range(1, 6)]
    columns = "h integer, latest double, mu double, sd double, n integer"
    center = evaluate("projection_center(\"'compound'\", 'h', 'latest', 'null', 'mu', 'null')", rows, columns)
    spread = evaluate("projection_spread(\"'compound'\", 'sd', 'h', 'n', 'null')", rows, columns)
    z = probability.BAND_QUANTILE
    sql = [
        (math.exp(c), math.exp(c - z * s), math.exp(c + z * s)) for c, s in zip(center, spread, strict=True)
    ]
    assert [x for r in sql for x in r] == pytest.approx([x for r in path for x in r], rel=1e-12)
    assert path[-1][0] == pytest.approx(math.exp(logs[-1] + 5 * mu))  # the target-year center
    # the hand case: C's figures with μ̂ = ln(1,5)/5, σ̂ = 0,05, n = 5
    hand = math.log(150) + math.log(1.5) / 5, 0.05 * math.sqrt(1 + 1 / 5)
    by_hand = [round(math.exp(hand[0] + k * z * hand[1]), 4) for k in (0, -1, 1)]
    assert by_hand == [162.6708, 151.6439, 174.4995]
    assert probability.level_projection_path(values[:4], 5) is None  # 3 changes: too short
