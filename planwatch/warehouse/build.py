"""`planwatch build`: dbt build on the warehouse under the write lock, then the read-only copy published."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from planwatch import config
from planwatch.ingest.lock import held_fd, write_lock
from planwatch.ingest.store import connect_for_writing, recover
from planwatch.warehouse import publish
from planwatch.warehouse.dbt import as_of_vars, run_dbt

# The production build runs the models and the data tests that guard the marts; the dbt unit tests
# (fixed inputs, no warehouse data) belong to `make test` and CI (tests/test_dbt_unit_tests.py).
PRODUCTION_SELECTION = ("--exclude-resource-type", "unit_test")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(
    *,
    as_of: date,
    quiet: bool = False,
    full_refresh: bool = False,
    timeout_s: float = 600,
    on_wait: Callable[[str], object] = _stderr,
) -> None:
    """dbt build on the warehouse as of a date (the marts leave out what was received after it), then
    publish the read-only copy. `full_refresh` recomputes the incremental tables from raw
    (docs/architecture.md, Materialisations and the incremental build).

    Holds the write lock, so a build and an ingest never write at the same time; the dbt child shares
    the lock and dies with this process. Before dbt starts, waits (with the usual "busy" message)
    while another process still has the warehouse file open, and heals what a killed writer left.
    """
    home = config.home()
    args = ["build", *PRODUCTION_SELECTION, *as_of_vars(as_of), *(["--full-refresh"] if full_refresh else [])]
    with write_lock(home, command="planwatch build", on_wait=on_wait, timeout_s=timeout_s):
        # dbt would fail with a raw DuckDB lock error if, say, the dbt child of a killed build were
        # still dying with the file open: wait for the file here instead.
        con = connect_for_writing(home, timeout_s=timeout_s, on_wait=on_wait)
        try:
            recover(con, home)
        finally:
            con.close()
        lock_fd = held_fd(home)
        run_dbt(args, home=home, quiet=quiet, pass_fds=() if lock_fd is None else (lock_fd,))
        publish.publish_read_only()
