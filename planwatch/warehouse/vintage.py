"""The data vintage of a report: which loads it includes and which plan it measures against, as one hash."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb

from planwatch import config


def plan_hash(seeds_dir: Path | None = None) -> str:
    """A hash of the plan seeds (every CSV under seeds/, by name and content)."""
    digest = hashlib.sha256()
    for path in sorted((seeds_dir or config.REPO_ROOT / "seeds").rglob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_ids(warehouse: Path, as_of: date) -> list[str]:
    """The load_ids received up to the end of the as-of day, sorted; none when raw.loads does not exist."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        exists = con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'raw' and table_name = 'loads'"
        ).fetchone()
        if not exists or not exists[0]:
            return []
        rows = con.execute(
            "select load_id from raw.loads where received_at < ?::date + interval 1 day order by load_id",
            [as_of],
        ).fetchall()
    return [r[0] for r in rows]


def data_vintage(warehouse: Path, as_of: date, seeds_dir: Path | None = None) -> str:
    """The vintage: 16 hex digits of sha256(load_ids ≤ as_of, plan seeds hash)."""
    text = "\n".join([*load_ids(warehouse, as_of), "plan:" + plan_hash(seeds_dir)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]
