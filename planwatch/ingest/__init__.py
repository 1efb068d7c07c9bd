"""Ingest layer: read → normalise → validate → append submissions to the warehouse."""
