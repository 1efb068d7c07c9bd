"""The archive: every accepted file's original bytes under `$PLANWATCH_HOME/archive/`, named by hash.

`archive/<sha256>.<ext>` holds the bytes; `archive/<sha256>.json` (the sidecar) holds the load's
metadata and is written only after the load is committed, so the sidecars are exactly the loads and
the archive alone is enough to rebuild the raw tables (`store.rebuild_from_archive`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from planwatch.ingest.errors import IngestError

ARCHIVE_DIR = "archive"
SIDECAR_FORMAT = 1


@dataclass(frozen=True)
class Sidecar:
    """The metadata of one committed load, as kept beside its archived file."""

    load_id: str
    file_name: str  # the name the file was submitted under
    file_sha256: str
    archive_path: str  # relative to $PLANWATCH_HOME, as in raw.loads
    agency_code: str
    received_at: datetime
    indicator_rows: int
    task_rows: int
    is_sample: bool
    planwatch_version: str
    number_style: str | None = None  # --number-style of the ingest (None: loaded before it was kept)

    def to_json(self) -> str:
        """The sidecar file's text."""
        data: dict[str, Any] = {"format": SIDECAR_FORMAT, **self.__dict__}
        data["received_at"] = self.received_at.isoformat()
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Sidecar:
        """Parse a sidecar file's text."""
        data = json.loads(text)
        data.pop("format", None)
        data["received_at"] = datetime.fromisoformat(data["received_at"])
        return cls(**data)


def archive_dir(home: Path) -> Path:
    """The archive folder of a PLANWATCH_HOME."""
    return Path(home) / ARCHIVE_DIR


def archive_name(path: Path, sha256: str) -> str:
    """`<sha256>.<ext>`, the extension lower-cased so the reader still knows the format."""
    suffix = Path(path).suffix.lower()
    return f"{sha256}{suffix}"


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 of bytes already in memory, hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _hash_mismatch(path: object, sha256: str, got: str) -> IngestError:
    return IngestError(
        "tệp đã thay đổi sau khi kiểm tra (the file changed after validation)",
        key="archive_hash_mismatch",
        file=str(path),
        expected=f"SHA-256 {sha256}",
        value=got,
        suggestion="nạp lại tệp (run ingest again)",
    )


def archive_bytes(home: Path, data: bytes, *, suffix: str, sha256: str) -> Path:
    """Write the bytes that were validated to `archive/<sha256><suffix>` atomically; idempotent.

    The caller hashed and parsed these very bytes, so the archive holds exactly what was loaded even
    if the submitted file is replaced meanwhile. Raises IngestError if the bytes lack that hash.
    """
    got = sha256_bytes(data)
    if got != sha256:
        raise _hash_mismatch(f"{sha256}{suffix}", sha256, got)
    folder = archive_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha256}{suffix.lower()}"
    if target.exists() and sha256_of(target) == sha256:
        return target
    return _write_atomically(target, data, prefix=sha256[:16])


def archive_file(home: Path, path: Path, sha256: str) -> Path:
    """Copy a file's bytes to `archive/<sha256>.<ext>` atomically; idempotent. Returns the path.

    Raises IngestError (`archive_hash_mismatch`) if the file no longer has the hash it was validated with.
    Prefer `archive_bytes` with the bytes that were parsed: this re-reads the file.
    """
    folder = archive_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / archive_name(path, sha256)
    if target.exists() and sha256_of(target) == sha256:
        return target
    # Copy to a temp name in the same folder (same file system, so rename is atomic), hashing as we go:
    # the archive must hold exactly the bytes that were validated, or rebuild would not be faithful.
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{sha256[:16]}.", suffix=".tmp", dir=folder)
    try:
        with open(path, "rb") as src, os.fdopen(fd, "wb") as dst:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        if digest.hexdigest() != sha256:
            raise _hash_mismatch(path, sha256, digest.hexdigest())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return target


def sidecar_path(home: Path, sha256: str) -> Path:
    """Where the sidecar of the file with this hash lives."""
    return archive_dir(home) / f"{sha256}.json"


def write_sidecar(home: Path, sidecar: Sidecar) -> Path:
    """Write (atomically) the sidecar of a committed load. Returns its path."""
    target = sidecar_path(home, sidecar.file_sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    return _write_atomically(target, sidecar.to_json().encode("utf-8"), prefix=sidecar.file_sha256[:16])


def _write_atomically(target: Path, data: bytes, *, prefix: str) -> Path:
    """Write ``data`` to ``target`` all or nothing: a synced temporary file renamed over it, then the
    folder synced; a failure (or a kill) leaves no partial target, only a `.<prefix>.….tmp` the next
    writer removes."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{prefix}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as dst:
            dst.write(data)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return target


def read_sidecars(home: Path) -> list[Sidecar]:
    """Every sidecar in the archive, in the order the loads were received (received_at, then load_id)."""
    folder = archive_dir(home)
    if not folder.is_dir():
        return []
    sidecars = [Sidecar.from_json(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    return sorted(sidecars, key=lambda s: (s.received_at, s.load_id))


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable: without this a power cut can forget the new directory entry.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_temporary(path: Path) -> bool:
    """A half-written copy (`.<hash>.<random>.tmp`) left by a process killed while archiving."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def archive_contents(home: Path) -> tuple[dict[str, Path], dict[str, Path], list[Path]]:
    """What the archive folder holds: data files by hash, sidecars by hash, and temporary leftovers.

    A name that is not `<64 hex>.<ext>` (or a leftover) is listed as a data file under its own name,
    so `verify` reports it rather than ignore it.
    """
    files: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    leftovers: list[Path] = []
    folder = archive_dir(home)
    if not folder.is_dir():
        return files, sidecars, leftovers
    for entry in sorted(folder.iterdir()):
        if is_temporary(entry):
            leftovers.append(entry)
            continue
        stem, _, ext = entry.name.partition(".")
        (sidecars if ext == "json" else files)[stem] = entry
    return files, sidecars, leftovers
