"""What the benchmark scripts share: the scales, a built warehouse, the submission rows, timing.

Every figure is measured, in the same run, beside its baseline on the same machine (docs/ingest.md).
The scales are rows of one submission: `sample` 24 000, `10x` 240 000 (the file of the performance
issue), `100x` 2 400 000, `20M` 20 000 000. One file holds each (indicator, period) once and periods run from
1900 (docs/ingest.md), so a file has at most `capacity()` rows (about 240 000); a larger scale is split
into files of equal size, each ingested on its own.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

SCALES = {"sample": 24_000, "10x": 240_000, "100x": 2_400_000, "20M": 20_000_000}
TODAY = date(2026, 11, 26)
HEADER = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu"]


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", choices=SCALES, default="sample")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing; the median is shown")
    parser.add_argument(
        "--readme", action="store_true", help="write the figures into README.md's performance section"
    )
    parser.add_argument(
        "--built",
        type=Path,
        metavar="HOME",
        help="copy the warehouse of this built PLANWATCH_HOME instead of building",
    )
    return parser.parse_args()


def prepare_home(home: Path, built: Path | None = None) -> Any:
    """A PLANWATCH_HOME under `home` with a built warehouse (dbt build, or copied from the PLANWATCH_HOME
    `built`, which must hold no loads); the plan catalogue."""
    os.environ["PLANWATCH_HOME"] = str(home)
    os.environ["PLANWATCH_TODAY"] = TODAY.isoformat()
    os.environ.setdefault("PLANWATCH_MAX_FILE_BYTES", str(4 * 10**9))
    from planwatch.ingest.pipeline import current_catalogue
    from planwatch.warehouse.build import build

    if built is not None:
        for name in ("warehouse.duckdb", "warehouse-readonly.duckdb"):
            shutil.copyfile(built / name, home / name)
    else:
        print("Building the plan catalogue (dbt build)…", flush=True)
        build(as_of=TODAY, quiet=True)
    return current_catalogue()


def periods_before(today: date) -> Iterator[str]:
    """Closed year, quarter, month and year-to-date periods, newest first (back to 1900)."""
    for year in range(today.year - 1, 1899, -1):
        yield str(year)
        yield from (f"{year}-Q{q}" for q in range(1, 5))
        yield from (f"{year}-{m:02d}" for m in range(1, 13))
        yield from (f"{year}-YTD{m:02d}" for m in range(1, 12))


def _indicators(catalogue: Any) -> list[Any]:
    return [i for i in catalogue.indicators.values() if i.kind != "group" and i.unit]


def capacity(catalogue: Any) -> int:
    """The most rows one valid file can hold: every indicator in every closed period."""
    return len(_indicators(catalogue)) * sum(1 for _ in periods_before(TODAY))


def rows_for(catalogue: Any, n: int, *, note: str = "benchmark") -> list[list[str]]:
    """n valid rows of one file: (indicator, period) pairs never repeat; values plausible for every unit
    and consistent (a year-to-date figure is never below its parts)."""
    indicators = _indicators(catalogue)
    rows: list[list[str]] = []
    for period in periods_before(TODAY):
        for info in indicators:
            value = "3" if info.kind == "rank" else "0,5"
            rows.append([info.code, period, value, info.unit, "chính thức", note])
            if len(rows) == n:
                return rows
    raise SystemExit(f"only {len(rows)} distinct (indicator, period) rows exist for one file; asked {n}")


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def chunks(total: int, per_file: int) -> list[int]:
    """The row counts of the files (of equal size, at most `per_file` rows) a scale is split into."""
    files = -(-total // per_file)
    return [total // files + (1 if i < total % files else 0) for i in range(files)]


def median_seconds(
    fn: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    """The median wall time of `repeat` runs of `fn` (`before` runs untimed ahead of each)."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


SHOWN: list[str] = []  # every line a script printed, for `--readme`
PERFORMANCE_END = "<!-- end of performance -->"


def say(line: str) -> None:
    SHOWN.append(line)
    print(line, flush=True)


def vn(number: float, decimals: int = 0) -> str:
    """A figure in the Vietnamese form: 1.234.567,89."""
    return f"{number:,.{decimals}f}".translate(str.maketrans(",.", ".,"))


def show(label: str, rows: int, seconds: float, baseline: float | None = None) -> None:
    ratio = f"  {vn(baseline / seconds, 2)}× đường chuẩn (baseline)" if baseline else ""
    say(f"  {label:<46} {vn(rows):>10} dòng {vn(seconds, 2):>8} s {vn(rows / seconds):>10} dòng/s{ratio}")


def shown_command(script: str, args: argparse.Namespace) -> str:
    """The command that computed the figures, as run: its options (less --readme and --keep DIR, which do
    not change them) and the DuckDB memory cap when one was set."""
    options, skip = [], False
    for word in sys.argv[1:]:
        if skip or word == "--readme":
            skip = False
            continue
        if word == "--keep":
            skip = True
            continue
        if not word.startswith("--keep="):
            options.append(word)
    for flag, value in (("--scale", args.scale), ("--repeat", args.repeat)):
        if not any(w == flag or w.startswith(flag + "=") for w in options):
            options += [flag, str(value)]
    limit = os.environ.get("PLANWATCH_DUCKDB_MEMORY_LIMIT")
    prefix = f"PLANWATCH_DUCKDB_MEMORY_LIMIT={limit} " if limit else ""
    return f"{prefix}python benchmarks/{script} {' '.join(options)}"


def publish(script: str, args: argparse.Namespace) -> None:
    """With `--readme`: the printed figures replace their block in README.md, between the markers
    `<!-- figures: <script> --scale <scale> -->` and `<!-- end of figures -->` (added at the end of the
    performance section when missing), headed by the command that computed them."""
    if not args.readme:
        return
    readme = Path(__file__).resolve().parents[1] / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = f"<!-- figures: {script} --scale {args.scale} -->", "<!-- end of figures -->"
    command = shown_command(script, args)
    block = "\n".join([start, f"`{command}`, {date.today():%d/%m/%Y}:", "", "```", *SHOWN, "```", end])
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.replace(PERFORMANCE_END, block + "\n\n" + PERFORMANCE_END, 1)
    readme.write_text(text, encoding="utf-8")


def indicator_rows(warehouse: Path) -> int:
    """The indicator rows in the warehouse's raw table (every vintage)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql("select count(*) from raw.indicator_values").fetchone()[0]


def ingest_sample(home: Path, as_of: date) -> int:
    """Build the plan, ingest the synthetic sample received by `as_of` into `home`; the indicator rows."""
    from planwatch.ingest.pipeline import current_catalogue, ingest_file
    from planwatch.sample import generate_sample
    from planwatch.warehouse.build import build

    build(as_of=as_of, quiet=True)
    catalogue = current_catalogue()
    manifest = generate_sample(catalogue, home / "sample", until=as_of)
    for item in manifest.files:
        outcome = ingest_file(
            item.path, agency_code=item.agency_code, received_at=item.received_at, catalogue=catalogue
        )
        assert not outcome.problems, item.path.name
    return indicator_rows(home / "warehouse.duckdb")
