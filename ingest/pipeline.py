"""One submitted file through the ingest layer: read → normalise and validate → append.

A rejected file writes nothing to the warehouse; the analyst gets the problems on the terminal and in a
report file under $PLANWATCH_HOME/rejections/. An accepted file is archived by hash and appended in one
transaction (ingest/store.py). The same file twice is recognised and not loaded again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingest.archive import Sidecar, sha256_of
from ingest.catalogue import Catalogue, load_catalogue
from ingest.errors import IngestError, SubmissionRejected
from ingest.model import Load, Problem, Submission
from ingest.reader import read_tables
from ingest.report import write_rejection_report
from ingest.store import ingest_submission, rebuild_from_archive
from ingest.validate import error_to_problem, problems_of, validate
from planwatch import config, publish


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one file: accepted (load), already loaded (load.duplicate_of), or rejected."""

    path: Path
    load: Load | None
    problems: tuple[Problem, ...] = ()
    report_paths: tuple[Path, ...] = ()
    dry_run: bool = False
    submission: Submission | None = None

    @property
    def accepted(self) -> bool:
        """True when nothing is wrong with the file (for a dry run: it would be accepted)."""
        return not self.problems


def current_catalogue() -> Catalogue:
    """The plan catalogue, read from the published read-only copy (never blocking a writer)."""
    published = publish.read_only_path()
    return load_catalogue(published if published.exists() else config.warehouse_path())


def check_file(path: Path, *, agency_code: str, catalogue: Catalogue, today) -> Submission:
    """Read and validate one file; raise SubmissionRejected with every problem it has."""
    try:
        tables = read_tables(path)
    except SubmissionRejected:
        raise
    except IngestError as exc:
        raise SubmissionRejected([exc.located(file=path.name)], file=path.name) from exc
    return validate(tables, agency_code=agency_code, catalogue=catalogue, today=today, sha256=sha256_of(path))


def ingest_file(
    path: Path,
    *,
    agency_code: str,
    received_at: datetime | None = None,
    dry_run: bool = False,
    catalogue: Catalogue | None = None,
    on_wait: Callable[[str], object] = print,
) -> IngestOutcome:
    """Ingest one file for an agency; a rejection is returned (with its report files), not raised."""
    path = Path(path)
    received = received_at or config.now()
    catalogue = catalogue or current_catalogue()
    try:
        submission = check_file(path, agency_code=agency_code, catalogue=catalogue, today=received.date())
    except SubmissionRejected as rejection:
        problems = tuple(problems_of(rejection))
        stamp = received.strftime("%Y%m%dT%H%M%S")
        reports = write_rejection_report(
            problems, config.home() / "rejections" / f"{stamp}-{path.stem}", file=path.name
        )
        return IngestOutcome(path, None, problems, reports, dry_run)
    if dry_run:
        return IngestOutcome(path, None, dry_run=True, submission=submission)
    load = ingest_submission(
        config.home(),
        submission,
        file_name=path.name,
        received_at=received,
        source_path=path,
        on_wait=on_wait,
    )
    return IngestOutcome(path, load, submission=submission)


def ingest_files(
    paths: Sequence[Path], *, agency_code: str, dry_run: bool = False, on_wait=print
) -> list[IngestOutcome]:
    """Ingest several files, each on its own (one transaction each); every file gets an outcome."""
    catalogue = current_catalogue()
    return [
        ingest_file(p, agency_code=agency_code, dry_run=dry_run, catalogue=catalogue, on_wait=on_wait)
        for p in paths
    ]


def rebuild(target: Path) -> list[Load]:
    """Rebuild the raw tables into a new DuckDB file from the archive alone (re-reading every file)."""
    catalogue = current_catalogue()

    def load_archived(archived: Path, sidecar: Sidecar) -> Submission:
        # Judge each file as of the day it was received, so a figure valid then is valid now.
        return check_file(
            archived,
            agency_code=sidecar.agency_code,
            catalogue=catalogue,
            today=sidecar.received_at.date(),
        )

    return rebuild_from_archive(config.home(), target=target, load_file=load_archived)


__all__ = ["IngestOutcome", "ingest_file", "ingest_files", "rebuild", "check_file", "error_to_problem"]
