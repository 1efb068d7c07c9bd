"""The cost of the assessment history, printed as figures (a benchmark, not a test).

Builds the synthetic sample (DỮ LIỆU MẪU) received by 01/12/2026 in a temporary PLANWATCH_HOME, then times
the whole `dbt build` as of that day with the history (fct_indicator_assessment_history: every quarter-end
since 31/03/2026 and the build's date) and without it (var assessment_history false: the build's date
only), alternately, in the same run; prints the median of each and their ratio (docs/method.md, Assessment
history: the history must not more than double the build). --scale 10x first replicates the sample's
loads as 9 extra vintages of every figure (received a minute apart).

    .venv/bin/python benchmarks/bench_history.py [--scale sample|10x] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
from common import indicator_rows, ingest_sample

AS_OF = date(2026, 12, 1)
EXTRA_VINTAGES = 9


def replicate_loads(home: Path, copies: int) -> int:
    """Every load of the sample again `copies` times, k minutes later: more vintages of the same figures."""
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            """
            insert into raw.loads
            select l.* replace (
                l.load_id || '-v' || r.k as load_id,
                l.file_sha256 || '-v' || r.k as file_sha256,
                l.received_at + r.k * interval 1 minute as received_at,
                0 as task_rows
            )
            from raw.loads as l, range(1, $copies + 1) as r (k)
            """,
            {"copies": copies},
        )
        con.execute(
            """
            insert into raw.indicator_values
            select v.* replace (v.load_id || '-v' || r.k as load_id)
            from raw.indicator_values as v, range(1, $copies + 1) as r (k)
            """,
            {"copies": copies},
        )
    return indicator_rows(home / "warehouse.duckdb")


def timed_build(history: bool) -> float:
    from planwatch.warehouse.dbt import as_of_vars, run_dbt

    start = time.perf_counter()
    run_dbt(["build", *as_of_vars(AS_OF, history=history)], quiet=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("sample", "10x"), default="sample")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        os.environ["PLANWATCH_HOME"] = str(home)
        os.environ["PLANWATCH_TODAY"] = AS_OF.isoformat()
        print("Building the plan and ingesting the sample (DỮ LIỆU MẪU)…", flush=True)
        rows = ingest_sample(home, AS_OF)
        if args.scale == "10x":
            rows = replicate_loads(home, EXTRA_VINTAGES)
        print(f"{args.scale}: {rows} indicator rows; dbt build as of {AS_OF}, median of {args.repeat}")
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(args.repeat):
            for history in (False, True):
                times[history].append(timed_build(history))
        without, with_history = statistics.median(times[False]), statistics.median(times[True])
        print(f"  without the history (build's date only)   {without:8.1f} s   {times[False]}")
        print(f"  with the history (+ the quarter-ends)     {with_history:8.1f} s   {times[True]}")
        print(f"  ratio                                     {with_history / without:8.2f}")


if __name__ == "__main__":
    main()
