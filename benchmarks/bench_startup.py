"""Start-up: `planwatch ingest` of a one-row file beside `planwatch sql "select 1"`, in the same run.

Both are whole processes (what an analyst waits for); the ingest imports Great Expectations once, when
it validates. Each figure is the median of `--repeat` runs; each ingest run sends a file of new bytes.
`--scale` is accepted like the other scripts' (the file has one row at every scale).

    .venv/bin/python benchmarks/bench_startup.py [--scale sample] [--repeat 3]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import arguments, median_seconds, prepare_home, publish, rows_for, say, vn, write_csv  # noqa: E402

PLANWATCH = [sys.executable, "-m", "planwatch.cli"]


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

        sql = median_seconds(lambda: run("sql", "select 1"), args.repeat)
        ingest = median_seconds(
            lambda: run("ingest", str(current[0]), "--agency", "TKTP"), args.repeat, before=one_row_file
        )
        say(f'  planwatch sql "select 1"            {vn(sql, 2):>6} s')
        say(f"  planwatch ingest (tệp một dòng)     {vn(ingest, 2):>6} s  ({vn(ingest / sql, 1)}× sql)")
    publish(Path(__file__).name, args)


if __name__ == "__main__":
    main()
