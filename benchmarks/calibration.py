"""Calibration of the probability of reaching a target (docs/method.md §7), measured on simulated paths.

Simulates indicator paths 2016–2030 from known processes, applies the level-target method at each
mid-term point (after the years 2026, 2027, 2028, 2029 have closed) and compares the probability with what
happened in 2030. The method is planwatch.probability — the Python twin of the SQL macros, checked against
them on a grid by tests/test_probability_sql.py — with int_target_probability's rules: a target already met
is 1; the random walk with drift on ln y is fitted on every yearly change since 2016.

Processes (log values, y₂₀₁₆ = 100, drift μ ~ U(0; 0,12) per path):
- drift+noise σ = 0,02 / 0,05 / 0,10: yearly change μ + σ·ε (the method's own model);
- shock: σ = 0,05, and one permanent fall of 20% in a year of 2026–2030 (misspecified);
- trend break: σ = 0,05, the drift changes by U(−0,06; +0,06) from 2026 on (misspecified).
The target is set near the path's own trend, X = y₂₀₂₅·e^(5μ + σ·√5·u), u ~ N(0, 1), so about half are met.

Baselines: the status class at the same point (docs/method.md §3.1: achieved, on_track, moderate,
insufficient, regressing) read as 1 for achieved/on_track and 0 otherwise; and each class replaced by its
observed frequency of success in this very simulation (the best any class-only forecast can do).

    .venv/bin/python benchmarks/calibration.py [--paths 4000] [--scale 1] [--seed 13]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from planwatch import probability

FIRST, BASELINE, TARGET_YEAR = 2016, 2025, 2030
MIDTERM = (2026, 2027, 2028, 2029)
YEARS = np.arange(FIRST, TARGET_YEAR + 1)
PROCESSES = ("drift+noise σ=0,02", "drift+noise σ=0,05", "drift+noise σ=0,10", "shock", "trend break")

_beyond = np.vectorize(probability.probability_beyond, otypes=[float])
_spread = np.vectorize(probability.sum_spread, otypes=[float])


def simulate(process: str, paths: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, float]:
    """ln y for YEARS (paths × years), the drift of each path, and σ."""
    sigma = {"drift+noise σ=0,02": 0.02, "drift+noise σ=0,10": 0.10}.get(process, 0.05)
    drift = rng.uniform(0, 0.12, paths)
    steps = drift[:, None] + sigma * rng.standard_normal((paths, len(YEARS) - 1))
    plan = YEARS[1:] > BASELINE
    if process == "shock":
        year = rng.integers(BASELINE + 1, TARGET_YEAR + 1, paths)
        steps += np.where(YEARS[1:][None, :] == year[:, None], np.log(0.8), 0.0)
    if process == "trend break":
        steps += np.where(plan[None, :], rng.uniform(-0.06, 0.06, paths)[:, None], 0.0)
    log_y = np.log(100) + np.concatenate([np.zeros((paths, 1)), np.cumsum(steps, axis=1)], axis=1)
    return log_y, drift, sigma


def status_class(log_y: np.ndarray, log_x: np.ndarray, t: int) -> np.ndarray:
    """The Eurostat class at year t of the level method (compound rates from the 2025 baseline)."""
    y0, yt = log_y[:, BASELINE - FIRST], log_y[:, t - FIRST]
    actual = np.exp((yt - y0) / (t - BASELINE)) - 1
    required = np.exp((log_x - y0) / (TARGET_YEAR - BASELINE)) - 1
    ratio = np.divide(actual, required, out=np.full_like(actual, -1.0), where=required > 0)
    classes = np.select(
        [yt >= log_x, required <= 0, ratio >= 0.95, ratio >= 0.60, ratio >= 0],
        ["achieved", "regressing", "on_track", "moderate", "insufficient"],
        "regressing",
    )
    return classes


def method_probability(
    log_y: np.ndarray, log_x: np.ndarray, t: int, met_is_certain: bool = True
) -> np.ndarray:
    """int_target_probability for a compound level target at year t: 1 once met, else the random walk
    (met_is_certain False: the random walk for the met ones too, to measure that rule)."""
    changes = np.diff(log_y[:, : t - FIRST + 1], axis=1)
    n = changes.shape[1]
    drift, sd = changes.mean(axis=1), changes.std(axis=1, ddof=1)
    h = TARGET_YEAR - t
    center = log_y[:, t - FIRST] + h * drift
    p = _beyond(center, log_x, _spread(sd, h, n))
    return np.where(met_is_certain & (log_y[:, t - FIRST] >= log_x), 1.0, p)


def brier(p: np.ndarray, outcome: np.ndarray) -> float:
    return float(np.mean((p - outcome) ** 2))


def class_frequency(classes: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Each class replaced by the observed share of its paths that met the target."""
    out = np.empty(len(classes))
    for c in np.unique(classes):
        out[classes == c] = outcome[classes == c].mean()
    return out


def run(paths: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, all_p, all_o, all_met, all_formula = [], [], [], [], []
    for process in PROCESSES:
        log_y, drift, sigma = simulate(process, paths, rng)
        log_x = log_y[:, BASELINE - FIRST] + 5 * drift + sigma * np.sqrt(5) * rng.standard_normal(paths)
        outcome = (log_y[:, -1] >= log_x).astype(float)
        for t in MIDTERM:
            p = method_probability(log_y, log_x, t)
            all_formula.append(method_probability(log_y, log_x, t, met_is_certain=False))
            classes = status_class(log_y, log_x, t)
            plain = np.isin(classes, ["achieved", "on_track"]).astype(float)
            rows.append(
                (
                    process,
                    t,
                    outcome.mean(),
                    brier(p, outcome),
                    brier(plain, outcome),
                    brier(class_frequency(classes, outcome), outcome),
                )
            )
            all_p.append(p)
            all_o.append(outcome)
            all_met.append(log_y[:, t - FIRST] >= log_x)
    print(
        f"{'process':<20} {'as of':>6} {'met':>6} {'Brier: method':>14} {'class 0/1':>10} {'class freq.':>11}"
    )
    for process, t, met, b_method, b_plain, b_freq in rows:
        print(f"{process:<20} {t:>6} {met:>6.2f} {b_method:>14.4f} {b_plain:>10.4f} {b_freq:>11.4f}")
    p, o = np.concatenate(all_p), np.concatenate(all_o)
    print(f"\nall: Brier method {brier(p, o):.4f} (n = {len(p):,} forecasts)")
    for process in PROCESSES:
        mine = [r for r in rows if r[0] == process]
        method, plain, freq = (np.mean([r[i] for r in mine]) for i in (3, 4, 5))
        print(f"  {process:<20} method {method:.4f}  class 0/1 {plain:.4f}  class freq. {freq:.4f}")
    met = np.concatenate(all_met)
    print(
        f"  of which already met at the point (probability 1 by the rule): {met.sum():,}, "
        f"met again in 2030: {o[met].mean():.3f}; estimated by the formula: {(~met).sum():,}, "
        f"Brier {brier(p[~met], o[~met]):.4f}"
    )
    formula = np.concatenate(all_formula)
    print(
        f"  the already met by the formula instead of 1: mean {formula[met].mean():.3f}, Brier on them "
        f"{brier(formula[met], o[met]):.4f} against {brier(p[met], o[met]):.4f} with 1; all forecasts "
        f"{brier(formula, o):.4f}"
    )
    print("\nreliability (all processes and points; predicted decile vs observed frequency)")
    print(f"{'predicted':<12} {'forecasts':>10} {'mean predicted':>15} {'observed':>9}")
    bins = np.minimum((p * 10).astype(int), 9)
    for b in range(10):
        sel = bins == b
        if sel.any():
            label = f"{b / 10:.1f}–{(b + 1) / 10:.1f}"
            print(f"{label:<12} {sel.sum():>10,} {p[sel].mean():>15.3f} {o[sel].mean():>9.3f}")
    for process in PROCESSES:
        i = PROCESSES.index(process) * len(MIDTERM)
        pp, oo = np.concatenate(all_p[i : i + len(MIDTERM)]), np.concatenate(all_o[i : i + len(MIDTERM)])
        b = np.minimum((pp * 10).astype(int), 9)
        line = " ".join(f"{oo[b == k].mean():.2f}" if (b == k).any() else "  – " for k in range(10))
        print(f"  observed by decile, {process:<20} {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paths", type=int, default=4000, help="paths per process (default 4000)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies --paths")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    start = time.perf_counter()
    run(max(int(args.paths * args.scale), 10), args.seed)
    print(f"\n{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
