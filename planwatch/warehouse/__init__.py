"""The warehouse layer: what is done to the DuckDB file as a whole, above the ingest layer that appends raw
rows to it — `build()` (dbt under the write lock, then publish), the dbt runner, the read-only copy, the
as-of copies a past report reads, and a report's data vintage. The write lock itself is
planwatch/ingest/lock.py: ingest is the lowest layer that writes, and both take it (docs/architecture.md)."""
