"""Start-up: `planwatch ingest` of a one-row file beside `planwatch sql "select 1"` and the validation itself.

Issue 12's goal: the ingest of a one-row file takes at most 2× `planwatch sql "select 1"` plus the
validation itself. All three are measured in the same run, each in a fresh process (what an analyst
waits for): `sql` and `ingest` whole; the validation inside a process that has already imported the
`planwatch` command, timing the import of Great Expectations (pandas with it) and the check of the
one-row file (`check_file`: read, normalise, the GX suite, the consistency checks; nothing is written);
the plan catalogue, which the ingest reads too, is timed apart and shown in the rest. Each figure is
the median of `--repeat` runs; each ingest run sends a file of new bytes.
`--scale` is accepted like the other scripts' (the file has one row at every scale).

    .venv/bin/python benchmarks/bench_startup.py [--scale sample] [--repeat 3]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import arguments, median_seconds, prepare_home, publish, rows_for, say, vn, write_csv  # noqa: E402

PLANWATCH = [sys.executable, "-m", "planwatch.cli"]

# Run in a fresh process once the command is loaded: the import of GX (pandas with it), the plan
# catalogue (not part of the validation: the ingest reads it too), the check of the one-row file.
VALIDATION = """
import json, os, sys, time
from pathlib import Path
import planwatch.cli
from planwatch import config
from planwatch.ingest.pipeline import check_file, current_catalogue
start = time.perf_counter()
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
import great_expectations  # and pandas, which GX imports
imported = time.perf_counter()
catalogue = current_catalogue()
read = time.perf_counter()
check_file(Path(sys.argv[1]), agency_code="TKTP", catalogue=catalogue, today=config.today())
done = time.perf_counter()
print(json.dumps({"import": imported - start, "catalogue": read - imported, "check": done - read}))
"""


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

        def run(*command: str) -> None:
            subprocess.run([*PLANWATCH, *command], check=True, capture_output=True)

        validations: list[dict[str, float]] = []

        def validate() -> None:
            probe = [sys.executable, "-c", VALIDATION, str(current[0])]
            out = subprocess.run(probe, check=True, capture_output=True, text=True).stdout
            validations.append(json.loads(out.strip().splitlines()[-1]))

        sql = median_seconds(lambda: run("sql", "select 1"), args.repeat)
        ingest = median_seconds(
            lambda: run("ingest", str(current[0]), "--agency", "TKTP"), args.repeat, before=one_row_file
        )
        median_seconds(validate, args.repeat, before=one_row_file)
        gx_import = statistics.median(v["import"] for v in validations)
        check = statistics.median(v["check"] for v in validations)
        catalogue_read = statistics.median(v["catalogue"] for v in validations)
        validation = statistics.median(v["import"] + v["check"] for v in validations)
        goal = 2 * sql + validation
        say(f'  planwatch sql "select 1"                       {vn(sql, 2):>6} s')
        ratio = f"({vn(ingest / sql, 1)}× sql)"
        say(f"  planwatch ingest (tệp một dòng)                {vn(ingest, 2):>6} s  {ratio}")
        say(f"  kiểm tra tệp một dòng (the validation itself)  {vn(validation, 2):>6} s")
        say(f"    import great_expectations                    {vn(gx_import, 2):>6} s")
        say(f"    check_file (đọc, GX, nhất quán)              {vn(check, 2):>6} s")
        say(f"  phần còn lại (ingest − validation)             {vn(ingest - validation, 2):>6} s")
        say(f"    trong đó đọc danh mục (catalogue)            {vn(catalogue_read, 2):>6} s")
        verdict = "đạt (met)" if ingest <= goal else "chưa đạt (not met)"
        say(f"  mục tiêu ingest ≤ 2× sql + validation = {vn(goal, 2)} s: {verdict}")
    publish(Path(__file__).name, args)


if __name__ == "__main__":
    main()
