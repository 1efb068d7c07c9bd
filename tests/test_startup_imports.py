"""Start-up guard (docs/ingest.md, Performance: start-up): the `planwatch` command imports the heavy
libraries only in the commands that use them, so `planwatch sql` starts in a fraction of a second and an
ingest pays for Great Expectations once, when it validates. No timing: each test asks a fresh process which
modules it loaded, so a later import at a module's top is caught."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb

HEAVY = ("great_expectations", "pandas", "polars", "matplotlib", "openpyxl", "dbt", "fastexcel", "altair")


def _loaded_after(code: str, env: dict[str, str] | None = None) -> list[str]:
    """The heavy top-level packages a fresh interpreter holds after running `code`."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_importing_the_command_loads_none_of_the_heavy_libraries():
    assert _loaded_after("import planwatch.cli") == []


def test_sql_runs_without_loading_great_expectations_or_the_report_libraries(tmp_path):
    duckdb.connect(str(tmp_path / "warehouse-readonly.duckdb")).close()
    code = "from planwatch.cli import main\nassert main(['sql', 'select 42']) == 0"
    assert _loaded_after(code, {"PLANWATCH_HOME": str(tmp_path)}) == []


def test_the_parser_of_every_command_builds_without_the_heavy_libraries():
    # `planwatch --help` and a usage error build the whole parser, report commands included.
    assert _loaded_after("from planwatch.cli import build_parser\nbuild_parser().format_help()") == []
