"""Start-up: `planwatch ingest` of a one-row file beside `planwatch sql "select 1"` and the validation itself.

Issue 12's goal: the ingest of a one-row file takes at most 2× `planwatch sql "select 1"` plus the
validation itself. All three are measured in the same run, each in a fresh process (what an analyst
waits for): `sql` and `ingest` whole, and the validation inside each ingest process: the time spent in
`check_file` (read, normalise, the GX suite with the import of Great Expectations it needs, the
consistency checks), so the rest (ingest − validation) is what the same process spent around it. The
validation's parts are timed in a separate process that has already imported the `planwatch` command:
the import of Great Expectations (pandas with it), the check of the one-row file, and the plan
catalogue, which the ingest reads too (part of the rest). Each figure is
the median of `--repeat` runs, in wall seconds and in CPU seconds (what the processes themselves used:
steadier than wall time on a machine shared with other work); each ingest run sends a file of new bytes.
`--scale` is accepted like the other scripts' (the file has one row at every scale).

    .venv/bin/python benchmarks/bench_startup.py [--scale sample] [--repeat 3]
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import arguments, prepare_home, publish, rows_for, say, vn, write_csv  # noqa: E402

PLANWATCH = [sys.executable, "-m", "planwatch.cli"]

# `planwatch ingest` as the console script runs it (`planwatch.cli.run`), with the wall and CPU seconds
# spent in `check_file` printed to stderr at exit as the last line.
TIMED_INGEST = """
import atexit, json, sys, time
import planwatch.ingest.pipeline as pipeline
spent = [0.0, 0.0]
check_file = pipeline.check_file
def timed(*args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return check_file(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - wall
        spent[1] += time.process_time() - cpu
pipeline.check_file = timed
atexit.register(lambda: print(json.dumps(spent), file=sys.stderr))
sys.argv = ["planwatch", *sys.argv[1:]]
from planwatch.cli import run
run()
"""

# Run in a fresh process once the command is loaded, in wall and CPU seconds: the import of GX (pandas
# with it), the plan catalogue (not part of the validation: the ingest reads it too), the check of the
# one-row file.
VALIDATION = """
import json, os, sys, time
from pathlib import Path
import planwatch.cli
from planwatch import config
from planwatch.ingest.pipeline import check_file, current_catalogue
def now():
    return time.perf_counter(), time.process_time()
start = now()
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
import great_expectations  # and pandas, which GX imports
imported = now()
catalogue = current_catalogue()
read = now()
check_file(Path(sys.argv[1]), agency_code="TKTP", catalogue=catalogue, today=config.today())
done = now()
spans = {"import": (start, imported), "catalogue": (imported, read), "check": (read, done)}
print(json.dumps({k: [b[0] - a[0], b[1] - a[1]] for k, (a, b) in spans.items()}))
"""


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        catalogue = prepare_home(home, args.built)
        made = count()
        current: list[Path] = []

        def one_row_file() -> None:
            k = next(made)
            current[:] = [write_csv(home / f"one-{k}.csv", rows_for(catalogue, 1, note=f"start-up {k}"))]

        def timed(*command: str, program: Sequence[str] = PLANWATCH) -> tuple[float, float, str]:
            """One whole `planwatch` process: its wall and CPU seconds, its stderr."""
            wall, cpu = time.perf_counter(), children_cpu()
            done = subprocess.run([*program, *command], check=True, capture_output=True, text=True)
            return time.perf_counter() - wall, children_cpu() - cpu, done.stderr

        def probe() -> dict[str, list[float]]:
            one_row_file()
            command = [sys.executable, "-c", VALIDATION, str(current[0])]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            return json.loads(out.strip().splitlines()[-1])

        sqls = [timed("sql", "select 1")[:2] for _ in range(args.repeat)]
        ingests, validations = [], []
        for _ in range(args.repeat):
            one_row_file()
            wall, cpu, err = timed(
                "ingest", str(current[0]), "--agency", "TKTP", program=[sys.executable, "-c", TIMED_INGEST]
            )
            inside = json.loads(err.strip().splitlines()[-1])
            ingests.append((wall, cpu))
            validations.append(tuple(inside))
        probes = [probe() for _ in range(args.repeat)]

        def median(values: list[tuple[float, float]]) -> tuple[float, float]:
            return statistics.median(w for w, _ in values), statistics.median(c for _, c in values)

        def part(*names: str) -> tuple[float, float]:
            return median([tuple(sum(p[n][i] for n in names) for i in (0, 1)) for p in probes])

        sql, ingest, validation = median(sqls), median(ingests), median(validations)
        rest = (ingest[0] - validation[0], ingest[1] - validation[1])

        def line(label: str, figure: tuple[float, float], extra: str = "") -> None:
            say(f"  {label:<46} {vn(figure[0], 2):>6} s  {vn(figure[1], 2):>6} s CPU{extra}")

        line('planwatch sql "select 1"', sql)
        line("planwatch ingest (tệp một dòng)", ingest, f"  ({vn(ingest[0] / sql[0], 1)}× sql)")
        line("kiểm tra tệp một dòng (the validation itself)", validation)
        line("phần còn lại (ingest − validation)", rest)
        say("  in a separate process, the command imported:")
        line("  import great_expectations (+ pandas)", part("import"))
        line("  check_file (đọc, GX, nhất quán)", part("check"))
        line("  đọc danh mục (catalogue, part of the rest)", part("catalogue"))
        for i, kind in ((0, "wall"), (1, "CPU")):
            goal = 2 * sql[i] + validation[i]
            verdict = "đạt (met)" if ingest[i] <= goal else "chưa đạt (not met)"
            say(f"  mục tiêu ingest ≤ 2× sql + validation ({kind}): {vn(goal, 2)} s — {verdict}")
    publish(Path(__file__).name, args)


if __name__ == "__main__":
    main()
