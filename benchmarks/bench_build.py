"""The cost of `planwatch build`, printed as figures beside the same compiled SQL run in one DuckDB process
(a benchmark, not a test).

Ingests the synthetic sample (DỮ LIỆU MẪU) received by 01/12/2026 in a temporary PLANWATCH_HOME; a larger
scale repeats every sample load as extra vintages of the same figures, generated in DuckDB (received a
second apart, before the original): 10x and 100x ten and a hundred times the sample's rows, 20M twenty
million rows. Then, in the same run:

- the full build, `planwatch build --full-refresh` (every table recomputed from raw);
- the baseline: the SQL dbt compiled for that build (target/run_results.json: every model as a
  `create or replace`, every data test as a count), run in one DuckDB process on a copy of the warehouse;
- the build after a small submission: 3 rows ingested, then `planwatch build`;
- the peak memory of each build: the resident set of the build's whole process tree (psutil, polled);
- at a scale above the sample, the yardstick of issue 12's goal: the sample's own build after the same
  3-row submission, in a second home holding the sample alone, each run interleaved with the larger one's;
- the floor of a build: dbt's start-up and parse with nothing selected to run (`dbt build --select` of no
  node), and planwatch's own cost around dbt (start-up, write lock, recovery, the read-only copy published:
  `planwatch build --full-refresh` minus the same `dbt build` run directly);
- with --ab, dbt options that may skip work, each `dbt build --full-refresh` beside the plain one,
  interleaved in the same run;
- with --compare, whether the incremental build's marts are the full refresh's: `planwatch build
  --full-refresh` on a copy of the warehouse after the last small submission's build, then every table of
  the marts schema (marts and rpt_) compared EXCEPT ALL both ways (the count of tables and differing rows).

    .venv/bin/python benchmarks/bench_build.py [--scale sample|10x|100x|20M] [--repeat 3] [--readme]
        [--keep DIR] [--top 10] [--compare] [--ab]

--keep DIR keeps the generated warehouse in DIR and reuses it on the next run (a 20M warehouse takes minutes
to generate). PLANWATCH_DUCKDB_MEMORY_LIMIT, when set, caps DuckDB's memory in the builds and the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import indicator_rows, ingest_sample, publish, rows_for, say, vn, write_csv  # noqa: E402

AS_OF = date(2026, 12, 1)
TARGET_ROWS = {"10x": 10, "100x": 100}  # times the sample's rows; 20M is a row count
TWENTY_MILLION = 20_000_000
MAX_REPLICAS = 99  # replica loads per sample load
ROW_STRIDE = 100_000  # above any row number of a sample file
REPO = Path(__file__).resolve().parents[1]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("sample", "10x", "100x", "20M"), default="sample")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is shown")
    parser.add_argument("--readme", action="store_true", help="write the figures into README.md")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep (and reuse) the generated warehouse")
    parser.add_argument("--top", type=int, default=10, help="the slowest dbt nodes of the full build shown")
    parser.add_argument("--ab", action="store_true", help="time dbt options beside the plain dbt build")
    parser.add_argument(
        "--compare", action="store_true", help="compare the incremental build's marts with a full refresh's"
    )
    return parser.parse_args()


def duckdb_config() -> dict[str, str]:
    limit = os.environ.get("PLANWATCH_DUCKDB_MEMORY_LIMIT")
    return {"memory_limit": limit} if limit else {}


def add_vintages(home: Path, copies: int) -> None:
    """`copies` older vintages of every sample figure: each load again in up to MAX_REPLICAS replica loads
    (received k seconds before the original), each replica holding every row of its load `copies /
    replicas` times (row numbers shifted by ROW_STRIDE). Few loads, like a real warehouse: each has its
    sidecar written here (recover), not in the first timed build."""
    from planwatch.ingest.store import recover

    replicas = min(copies, MAX_REPLICAS)
    per_replica = round(copies / replicas)
    with duckdb.connect(str(home / "warehouse.duckdb"), config=duckdb_config()) as con:
        con.execute(
            """
            insert into raw.loads
            select l.* replace (
                l.load_id || '-v' || r.k as load_id,
                l.file_sha256 || '-v' || r.k as file_sha256,
                l.received_at - r.k * interval 1 second as received_at,
                l.indicator_rows * $per_replica as indicator_rows,
                0 as task_rows
            )
            from raw.loads as l, range(1, $replicas + 1) as r (k)
            """,
            {"replicas": replicas, "per_replica": per_replica},
        )
        con.execute(
            """
            insert into raw.indicator_values
            select v.* replace (v.load_id || '-v' || r.k as load_id, v.row_no + c.j * $stride as row_no)
            from raw.indicator_values as v, range(1, $replicas + 1) as r (k), range($per_replica) as c (j)
            """,
            {"replicas": replicas, "per_replica": per_replica, "stride": ROW_STRIDE},
        )
        con.execute("checkpoint")
        recover(con, home)


def generate(home: Path, scale: str) -> None:
    """The sample ingested into `home`, with the extra vintages of the scale."""
    ingest_sample(home, AS_OF)
    sample_rows = indicator_rows(home / "warehouse.duckdb")
    target = TWENTY_MILLION if scale == "20M" else sample_rows * TARGET_ROWS.get(scale, 1)
    copies = round(target / sample_rows) - 1
    if copies > 0:
        print(f"Adding {copies} older vintages of each of the sample's {sample_rows} figures…", flush=True)
        add_vintages(home, copies)


def tree_rss(process: psutil.Process) -> int:
    """The resident set of a process and all its descendants, in bytes."""
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def planwatch_build(*extra: str, home: Path | None = None) -> tuple[float, int]:
    """`planwatch build` in a child process (on PLANWATCH_HOME, or on `home`): its wall time in seconds and
    the peak RSS of its process tree."""
    command = [
        sys.executable,
        "-m",
        "planwatch.cli",
        "build",
        "--quiet",
        "--as-of",
        AS_OF.isoformat(),
        *extra,
    ]
    start = time.perf_counter()
    env = os.environ | ({"PLANWATCH_HOME": str(home)} if home is not None else {})
    child = subprocess.Popen(command, cwd=REPO, env=env)
    process, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, tree_rss(process))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.05)

    poller = threading.Thread(target=poll)
    poller.start()
    code = child.wait()
    seconds = time.perf_counter() - start
    done.set()
    poller.join()
    if code != 0:
        raise SystemExit(f"planwatch build {' '.join(extra)} failed (exit {code})")
    return seconds, peak


# dbt options that may skip work in a build, tried beside the plain build (--ab). Not here:
# --no-populate-cache (dbt-duckdb 1.11 then fails the build: "Cache inconsistency detected: in rename").
VARIANTS = {
    "no JSON artifacts written": ("--no-write-json",),
    "log file without debug lines": ("--log-level-file", "info"),
    "no log file": ("--log-level-file", "none"),
    "1 thread": ("--threads", "1"),
    "4 threads": ("--threads", "4"),
    # not an option for production (the data tests guard the marts): what fewer test nodes could save at most
    "no data test": ("--exclude-resource-type", "test"),
}
NOTHING = ("--select", "path:no_such_node")  # a selection of no node: dbt starts, parses and stops


def dbt_build(*extra: str) -> float:
    """Wall seconds of the production `dbt build` (as `planwatch build` runs it, without the lock or the
    publish), run directly on PLANWATCH_HOME."""
    from planwatch.warehouse.build import PRODUCTION_SELECTION
    from planwatch.warehouse.dbt import as_of_vars, dbt_env, dbt_executable

    command = [dbt_executable(), "--quiet", "build", *PRODUCTION_SELECTION, *as_of_vars(AS_OF), *extra]
    command += ["--project-dir", str(REPO), "--profiles-dir", str(REPO)]
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=dbt_env(Path(os.environ["PLANWATCH_HOME"])), check=True)
    return time.perf_counter() - start


def compiled_statements() -> list[tuple[str, str]]:
    """The SQL of the last dbt build, in the order it ran (a valid order: a node starts after its parents):
    (node id, statement) for every model and data test."""
    results = json.loads((REPO / "target" / "run_results.json").read_text())["results"]
    nodes = json.loads((REPO / "target" / "manifest.json").read_text())["nodes"]
    statements = []
    for result in results:
        node = nodes.get(result["unique_id"])
        if node is None or not result.get("compiled_code"):
            continue
        sql = result["compiled_code"]
        if node["resource_type"] == "model":
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            statements.append(
                (node["unique_id"], f"create or replace {kind} {node['relation_name']} as {sql}")
            )
        elif node["resource_type"] == "test":
            statements.append((node["unique_id"], f"select count(*) from ({sql}) as t"))
    return statements


def run_compiled(warehouse: Path, statements: list[tuple[str, str]]) -> float:
    """Seconds to run the statements in one DuckDB connection on a copy of the warehouse."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copyfile(warehouse, copy)
        start = time.perf_counter()
        with duckdb.connect(str(copy), config=duckdb_config()) as con:
            for _, statement in statements:
                con.execute(statement).fetchall()
        return time.perf_counter() - start


def slowest_nodes(top: int) -> list[tuple[str, float]]:
    results = json.loads((REPO / "target" / "run_results.json").read_text())["results"]
    ranked = sorted(results, key=lambda r: r["execution_time"], reverse=True)[:top]
    return [(r["unique_id"].split(".", 2)[-1], r["execution_time"]) for r in ranked]


@contextmanager
def planwatch_home(home: Path) -> Iterator[None]:
    """PLANWATCH_HOME set to `home` for the block (the in-process ingest reads it at each call)."""
    before = os.environ["PLANWATCH_HOME"]
    os.environ["PLANWATCH_HOME"] = str(home)
    try:
        yield
    finally:
        os.environ["PLANWATCH_HOME"] = before


def small_submission(home: Path, k: int) -> None:
    """Three figures of the latest year from the statistics office (TKTP), new bytes each time."""
    from planwatch.ingest.pipeline import current_catalogue, ingest_file

    catalogue = current_catalogue()
    path = write_csv(home / f"small-{k}.csv", rows_for(catalogue, 3, note=f"bench_build {k}"))
    received = datetime(AS_OF.year, AS_OF.month, AS_OF.day, 10) + timedelta(minutes=k)
    outcome = ingest_file(path, agency_code="TKTP", received_at=received, catalogue=catalogue)
    assert outcome.load is not None, outcome.problems[:3]


def marts_differences(left: Path, right: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """The count of tables of the marts schema of warehouse `left` (marts and rpt_), and for each that
    differs from `right`'s: rows only in `left`, rows only in `right` (EXCEPT ALL both ways)."""
    with duckdb.connect(config=duckdb_config()) as con:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        tables = [
            t
            for (t,) in con.sql(
                "select table_name from duckdb_tables() where database_name = 'l' and schema_name = 'marts'"
                " order by table_name"
            ).fetchall()
        ]
        found = {}
        for t in tables:
            only_left, only_right = (
                con.sql(
                    f"select count(*) from (from {a}.marts.{t} except all from {b}.marts.{t})"
                ).fetchone()[0]
                for a, b in (("l", "r"), ("r", "l"))
            )
            if only_left or only_right:
                found[t] = (only_left, only_right)
        return len(tables), found


def compare_with_full_refresh(home: Path) -> None:
    """`planwatch build --full-refresh` on a copy of `home`'s warehouse, its marts compared with `home`'s."""
    full = home.parent / "full-refresh"
    full.mkdir()
    shutil.copyfile(home / "warehouse.duckdb", full / "warehouse.duckdb")
    seconds, peak = planwatch_build("--full-refresh", home=full)
    print(f"Full refresh of the copy: {vn(seconds, 2)} s, peak {gb(peak)}", flush=True)
    tables, found = marts_differences(home / "warehouse.duckdb", full / "warehouse.duckdb")
    rows = sum(a + b for a, b in found.values())
    say(
        f"  incremental vs --full-refresh marts: {tables} tables compared (EXCEPT ALL both ways), "
        f"{len(found)} differ, {vn(rows)} differing rows"
    )
    for t, (only_incremental, only_full) in found.items():
        say(
            f"    {t}: {vn(only_incremental)} rows only in the incremental build,"
            f" {vn(only_full)} only in the full refresh"
        )


def gb(n: int) -> str:
    return f"{vn(n / 1e9, 2)} GB"


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        os.environ["PLANWATCH_HOME"] = str(home)
        os.environ["PLANWATCH_TODAY"] = AS_OF.isoformat()
        if args.keep is not None and (args.keep / "warehouse.duckdb").exists():
            print(f"Reusing the warehouse of {args.keep}…", flush=True)
            shutil.copytree(args.keep, home, dirs_exist_ok=True)
        else:
            print("Building the plan, ingesting the sample (DỮ LIỆU MẪU)…", flush=True)
            generate(home, args.scale)
            if args.keep is not None:
                args.keep.mkdir(parents=True, exist_ok=True)
                for name in ("warehouse.duckdb", "archive"):
                    copy = shutil.copytree if (home / name).is_dir() else shutil.copyfile
                    copy(home / name, args.keep / name)
        warehouse = home / "warehouse.duckdb"
        rows = indicator_rows(warehouse)
        what = f"{vn(rows)} dòng raw.indicator_values, as of {AS_OF:%d/%m/%Y}"
        say(f"{args.scale}: {what}, median of {args.repeat}")

        full, full_peak, baseline = [], [], []
        for _ in range(args.repeat):
            seconds, peak = planwatch_build("--full-refresh")
            full.append(seconds)
            full_peak.append(peak)
            baseline.append(run_compiled(warehouse, compiled_statements()))
        slow = slowest_nodes(args.top)
        # the floor, beside the full build (the compiled statements above are read before dbt runs again)
        direct, nothing = [], []
        for _ in range(args.repeat):
            direct.append(dbt_build("--full-refresh"))
            nothing.append(dbt_build(*NOTHING))
        variants = {label: [] for label in VARIANTS} if args.ab else {}
        plain = []
        for _ in range(args.repeat if args.ab else 0):
            plain.append(dbt_build("--full-refresh"))
            for label, flags in VARIANTS.items():
                variants[label].append(dbt_build("--full-refresh", *flags))

        sample_home = Path(tmp) / "sample-home" if args.scale != "sample" else None
        if sample_home is not None:
            print("The yardstick: the sample alone in a second home…", flush=True)
            sample_home.mkdir()
            with planwatch_home(sample_home):
                ingest_sample(sample_home, AS_OF)
        small, small_peak, yardstick = [], [], []
        for k in range(args.repeat):
            small_submission(home, k)
            seconds, peak = planwatch_build()
            small.append(seconds)
            small_peak.append(peak)
            slow_small = slowest_nodes(args.top)
            if sample_home is not None:
                with planwatch_home(sample_home):
                    small_submission(sample_home, k)
                yardstick.append(planwatch_build(home=sample_home)[0])

        base = statistics.median(baseline)
        for label, times, peaks in (
            ("planwatch build --full-refresh", full, full_peak),
            ("planwatch build after a 3-row submission", small, small_peak),
        ):
            seconds = statistics.median(times)
            ratio = f"{vn(seconds / base, 1)}× baseline"
            say(f"  {label:<44} {vn(seconds, 2):>7} s  {ratio:>14}, peak {gb(max(peaks))}")
        say(f"  {'baseline: compiled SQL, one DuckDB process':<44} {vn(base, 2):>7} s")
        start_up, around = statistics.median(nothing), statistics.median(full) - statistics.median(direct)
        floor = start_up + around
        say(
            f"  floor: dbt start-up and parse, nothing to run {vn(start_up, 2)} s + planwatch around dbt"
            f" {vn(around, 2)} s = {vn(floor, 2)} s, {vn(floor / base, 1)}× baseline"
        )
        if yardstick:
            sample_build, incremental = statistics.median(yardstick), statistics.median(small)
            say(
                f"  {'yardstick: the sample build after 3 rows':<44} {vn(sample_build, 2):>7} s"
                f"  (the build after 3 rows here: {vn(incremental / sample_build, 2)}× it; goal ≤ 2×)"
            )
        if args.ab:
            reference = statistics.median(plain)
            say(f"  {'dbt build --full-refresh (plain)':<44} {vn(reference, 2):>7} s")
            for label, times in variants.items():
                seconds = statistics.median(times)
                say(
                    f"  {'  ' + label + ' ' + ' '.join(VARIANTS[label]):<44} {vn(seconds, 2):>7} s"
                    f"  {vn(seconds / reference, 2)}× plain"
                )
        if args.compare:
            compare_with_full_refresh(home)
        print(f"The {args.top} slowest nodes of the last full build (dbt execution_time):")
        for name, seconds in slow:
            print(f"  {seconds:7.2f} s  {name}")
        print(f"The {args.top} slowest nodes of the last build after a small submission:")
        for name, seconds in slow_small:
            print(f"  {seconds:7.2f} s  {name}")
    publish(Path(__file__).name, args)


if __name__ == "__main__":
    main()
