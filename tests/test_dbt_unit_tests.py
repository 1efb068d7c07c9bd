"""The dbt unit tests (models/**.yml `unit_tests:`) run here, in `make test` and CI: the production
`planwatch build` leaves them out (planwatch/warehouse/build.py) and runs only the data tests."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

from planwatch.config import REPO_ROOT
from planwatch.warehouse.build import PRODUCTION_SELECTION
from planwatch.warehouse.dbt import as_of_vars, dbt_env, dbt_executable, run_dbt


def test_every_dbt_unit_test_passes(built_home: Path):
    run_dbt(
        ["test", "--select", "test_type:unit", *as_of_vars(date(2026, 11, 26))], home=built_home, quiet=True
    )


def test_the_production_build_runs_the_data_tests_and_no_unit_test(tmp_path: Path):
    listed = subprocess.run(
        [
            dbt_executable(),
            "--quiet",
            "ls",
            *PRODUCTION_SELECTION,
            "--output",
            "json",
            "--output-keys",
            "resource_type",
        ]
        + ["--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)],
        cwd=REPO_ROOT,
        env=dbt_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    kinds = Counter(json.loads(line)["resource_type"] for line in listed.splitlines() if line.startswith("{"))
    assert kinds["unit_test"] == 0
    assert kinds["test"] > 0 and kinds["model"] > 0
