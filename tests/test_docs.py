"""The repository's documentation points at files that exist: every path written in backticks in README.md
and docs/*.md (a file or folder of this repository, e.g. `planwatch/ingest/periods.py`, `models/marts/`)
names something that is there, so a newcomer following the map never lands on a moved file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted([ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("*/README.md")])
# A repository path in backticks: folder/…/file.ext with a source or data extension, or folder/…/ .
# Paths in $PLANWATCH_HOME or written by a hand-run `quarto render`, named in the documents by design.
NOT_IN_REPOSITORY = {"reports/manifest.json", "reports/_figures/"}
PATH = re.compile(r"`([\w.-]+(?:/[\w.-]+)*(?:\.(?:py|sql|yml|yaml|json|md|csv|qmd|typ|txt|toml)|/))`")


def referenced_paths(text: str) -> list[str]:
    """The repository paths a document names in backticks (globs and placeholders left out)."""
    return [p for p in PATH.findall(text) if "/" in p.rstrip("/")]


def test_the_pattern_finds_paths_and_only_paths() -> None:
    text = "see `planwatch/ingest/periods.py`, `models/marts/`, `Makefile`; not `select 1`, `docs/*.md`, `x/`"
    assert referenced_paths(text) == ["planwatch/ingest/periods.py", "models/marts/"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_document_names_exists(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    named = set(referenced_paths(text)) - NOT_IN_REPOSITORY
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert missing == [], f"{document.relative_to(ROOT)} names paths that do not exist: {missing}"
