"""How large a submission may be: checked before (and while) a file is parsed, so a small hostile
file cannot take the machine down.

Each limit has a safe default and an environment variable to change it (a ministry-scale load can
raise them); a value that is not a positive whole number is a clear error, never ignored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


class LimitSettingError(ValueError):
    """A PLANWATCH_MAX_* variable holds something that is not a positive whole number."""


@dataclass(frozen=True)
class Limits:
    """The limits one ingest runs under (see docs/ingest.md for why each default was chosen)."""

    # The file as sent: a department's submission is kilobytes; 50 MB is ~1 M CSV rows.
    max_file_bytes: int = 50 * 1024 * 1024
    # Data rows of one table (CSV, or one sheet); the national-scale benchmark raises it.
    max_rows: int = 1_000_000
    # One cell's text (a note is a sentence or two; 128 KB was Python's csv limit).
    max_cell_chars: int = 10_000
    # An XLSX is a zip: its parts may expand to at most this many times the file's size …
    max_xlsx_ratio: int = 100
    # … and to at most this many bytes in all.
    max_xlsx_expanded_bytes: int = 500 * 1024 * 1024
    # A rejection report lists this many problems of each kind and counts the rest.
    max_problems_per_kind: int = 50


_ENV = {
    "max_file_bytes": "PLANWATCH_MAX_FILE_BYTES",
    "max_rows": "PLANWATCH_MAX_ROWS",
    "max_cell_chars": "PLANWATCH_MAX_CELL_CHARS",
    "max_xlsx_ratio": "PLANWATCH_MAX_XLSX_RATIO",
    "max_xlsx_expanded_bytes": "PLANWATCH_MAX_XLSX_EXPANDED_BYTES",
    "max_problems_per_kind": "PLANWATCH_MAX_PROBLEMS_PER_KIND",
}


def env_name(limit: str) -> str:
    """The environment variable that sets one limit (for messages: "raise it with …")."""
    return _ENV[limit]


def current_limits(environ: dict[str, str] | None = None) -> Limits:
    """The defaults, each overridden by its PLANWATCH_MAX_* variable when that is set."""
    env = os.environ if environ is None else environ
    values: dict[str, int] = {}
    for f in fields(Limits):
        raw = env.get(_ENV[f.name], "").strip()
        if not raw:
            continue
        if not raw.isdigit() or int(raw) <= 0:
            raise LimitSettingError(
                f"{_ENV[f.name]}={raw!r} không hợp lệ (invalid): cần một số nguyên dương, ví dụ "
                f"{getattr(Limits, f.name)}"
            )
        values[f.name] = int(raw)
    return Limits(**values)
