"""Publishing the read-only copy of the warehouse that reports and analysts open.

DuckDB admits one writing process at a time. Readers therefore never open the warehouse itself: after
each build the writer copies it to $PLANWATCH_HOME/warehouse-readonly.duckdb by writing a temporary file
and renaming it into place (an atomic step on POSIX), so a reader sees the old copy or the new one, never
half of one, and never holds a lock the writer needs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from planwatch import config

READ_ONLY_NAME = "warehouse-readonly.duckdb"


def read_only_path() -> Path:
    """The published read-only copy, $PLANWATCH_HOME/warehouse-readonly.duckdb."""
    return config.home() / READ_ONLY_NAME


def publish_read_only(warehouse: Path | None = None) -> Path:
    """Copy the warehouse to the read-only path atomically; call while holding the write lock."""
    source = warehouse or config.warehouse_path()
    target = source.parent / READ_ONLY_NAME
    temporary = source.parent / f".{READ_ONLY_NAME}.{os.getpid()}.tmp"
    try:
        with source.open("rb") as src, temporary.open("wb") as dst:
            shutil.copyfileobj(src, dst, length=16 * 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        os.chmod(temporary, 0o444)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
