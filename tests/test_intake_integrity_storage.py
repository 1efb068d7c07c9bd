"""Intake integrity at the storage end (issue 8, classes 6, 12–15, 17, 18): what is archived is what was
validated; a file that is not a plain, readable, reasonably sized file is refused before it is read;
a full disk, a broken lock path or a damaged read-only copy is a clear message with nothing changed;
load ids and rejection reports never collide; file names cannot forge terminal or report lines."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from conftest import raw_counts
from test_ingest_end_to_end import HEADER, write_csv

from planwatch.cli import main
from planwatch.ingest import archive, pipeline, store
from planwatch.ingest.archive import archive_dir, sha256_of
from planwatch.ingest.model import Problem
from planwatch.ingest.report import format_rejection, write_rejection_report
from planwatch.warehouse import publish

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"
GOOD = ["II.8", "Quý III/2026", "12,5", "tỷ USD", "ước tính", ""]


@pytest.fixture()
def home(fresh_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANWATCH_TODAY", TODAY)
    return fresh_home


def archive_listing(home: Path) -> list[str]:
    folder = archive_dir(home)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def snapshot(home: Path) -> tuple[dict[str, int], list[str]]:
    """What must not change when a command fails: the raw tables and the archive."""
    return raw_counts(home), archive_listing(home)


def ingest_refused(home: Path, capsys: pytest.CaptureFixture[str], path: Path) -> str:
    """`planwatch ingest PATH --agency SCT`, which must fail (exit 1) and leave the warehouse and the archive
    exactly as they were (snapshot); returns what it printed on stderr."""
    before = snapshot(home)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 1
    err = capsys.readouterr().err
    assert snapshot(home) == before
    return err


# --- class 6: the bytes hashed, parsed and archived are the same bytes -----------------------------------


def test_a_file_replaced_while_it_is_read_is_archived_with_the_bytes_that_were_loaded(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "sct.csv", [GOOD])
    original = path.read_bytes()
    real_read_tables = pipeline.read_tables

    def read_then_replace(p, data=None):
        tables = real_read_tables(p, data)
        # Someone saves another version over the file while planwatch is still validating it.
        write_csv(p, [["II.8", "Quý III/2026", "99,9", "tỷ USD", "ước tính", "bản khác"]])
        return tables

    monkeypatch.setattr(pipeline, "read_tables", read_then_replace)
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0

    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        sha, archived = con.sql("select file_sha256, archive_path from raw.loads").fetchone()
        value = con.sql("select value from raw.indicator_values").fetchone()[0]
    assert value == 12.5
    assert sha == hashlib.sha256(original).hexdigest()
    assert (home / archived).read_bytes() == original
    monkeypatch.undo()
    monkeypatch.setenv("PLANWATCH_HOME", str(home))
    monkeypatch.setenv("PLANWATCH_TODAY", TODAY)
    assert main(["verify"]) == 0
    assert main(["rebuild", "--target", str(tmp_path / "rebuilt.duckdb")]) == 0


# --- class 12: the size limit before reading; rejection reports capped per kind --------------------------


def test_a_file_over_the_size_limit_is_refused_without_being_parsed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "big.csv", [GOOD] * 40)
    monkeypatch.setenv("PLANWATCH_MAX_FILE_BYTES", "1000")
    monkeypatch.setattr(pipeline, "read_tables", lambda *a: pytest.fail("parsed a file over the limit"))
    err = ingest_refused(home, capsys, path)
    assert "[file_too_large]" in err and "PLANWATCH_MAX_FILE_BYTES" in err and "big.csv" in err


def test_a_rejection_lists_the_first_problems_of_each_kind_and_counts_the_rest(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = [["II.8", "Quý III/2026", f"abc{i}", "tỷ USD", "ước tính", ""] for i in range(3000)]
    path = write_csv(
        tmp_path / "many.csv", [*bad, ["KHONG.CO", "Quý III/2026", "1", "tỷ USD", "ước tính", ""]]
    )

    assert main(["ingest", str(path), "--agency", "SCT"]) == 1

    err = capsys.readouterr().err
    listed = [line.split("]")[0] for line in err.splitlines() if line.startswith("  [")]
    assert listed.count("  [bad_value") == 50  # the first 50 of that kind …
    assert "và 2950 lỗi [bad_value] khác" in err  # … and the rest counted
    assert "[unknown_indicator]" in err  # another kind is not crowded out
    report = json.loads(next((home / "rejections").glob("*many.json")).read_text(encoding="utf-8"))
    assert report["counts_by_key"]["bad_value"] == 3000
    assert report["omitted_by_key"]["bad_value"] == 2950
    assert sum(p["key"] == "bad_value" for p in report["problems"]) == 50
    assert all(n <= 50 for n in Counter(p["key"] for p in report["problems"]).values())
    md = next((home / "rejections").glob("*many.md"))
    assert md.stat().st_size < 100_000 and "2950" in md.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_million_problems_make_a_report_of_kilobytes(tmp_path: Path) -> None:
    one = Problem("bad_value", "không đọc được số", "big.csv", column="gia_tri", value="x")
    problems = [replace(one, row=i) for i in range(1_000_000)]
    md, js = write_rejection_report(problems, tmp_path / "r", file="big.csv")
    assert md.stat().st_size + js.stat().st_size < 100_000
    assert json.loads(js.read_text(encoding="utf-8"))["problem_count"] == 1_000_000
    assert format_rejection(problems, file="big.csv").count("\n") < 60


# --- class 13: what is not a readable regular file is refused at once ------------------------------------


def run_cli(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANWATCH_HOME": str(home), "PLANWATCH_TODAY": TODAY}
    return subprocess.run(
        [sys.executable, "-m", "planwatch.cli", *args], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink_to_device"])
def test_a_path_that_is_not_a_regular_file_is_refused_at_once(kind: str, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "nop.csv"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer for ever
    else:
        path.symlink_to("/dev/zero")  # reading it would never end
    before = snapshot(home)

    result = run_cli("ingest", str(path), "--agency", "SCT", home=home, timeout=60)

    assert result.returncode == 1, result.stderr
    assert "[not_a_file]" in result.stderr and "nop.csv" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(home) == before


def test_an_unreadable_file_is_refused_with_a_clear_message(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "khoa.csv", [GOOD])
    path.chmod(0)
    if os.geteuid() == 0:  # root reads through permissions: make the open fail as it would for a user
        real_open = os.open

        def denied(p, flags, *a):
            if Path(p) == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(p))
            return real_open(p, flags, *a)

        monkeypatch.setattr(pipeline.os, "open", denied)
    err = ingest_refused(home, capsys, path)
    assert "[file_unreadable]" in err and "khoa.csv" in err and "quyền đọc" in err


def test_a_lock_path_that_is_a_directory_is_a_clear_error(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / ".write.lock").mkdir()
    err = ingest_refused(home, capsys, write_csv(tmp_path / "a.csv", [GOOD]))
    assert "[lock_path_invalid]" in err and "thư mục" in err


def test_rebuild_into_a_missing_folder_is_a_clear_error(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "khong-co" / "rebuilt.duckdb"
    assert main(["rebuild", "--target", str(target)]) == 1
    assert "[rebuild_target_folder_missing]" in capsys.readouterr().err
    assert not target.parent.exists()


def test_a_corrupt_read_only_copy_does_not_stop_ingest_and_readers_get_a_clear_message(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = publish.read_only_path()
    copy.chmod(0o644)
    copy.write_bytes(b"\x00garbage, not a DuckDB file" * 100)

    assert main(["ingest", str(write_csv(tmp_path / "a.csv", [GOOD])), "--agency", "SCT"]) == 0
    assert raw_counts(home)["loads"] == 1
    capsys.readouterr()
    for command in (["status"], ["sql", "select 1"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "planwatch build" in err and "Traceback" not in err


# --- class 13: a full disk ---------------------------------------------------------------------------------


class _FullDisk(io.RawIOBase):
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def test_disk_full_while_archiving_is_a_clear_message_and_leaves_nothing(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(archive.os, "fdopen", lambda fd, *a, **k: _FullDisk(fd))
    # nothing changed: not even a temporary file is left in the archive
    err = ingest_refused(home, capsys, write_csv(tmp_path / "a.csv", [GOOD]))
    assert "[disk_full]" in err and "Traceback" not in err


def test_disk_full_at_commit_is_a_clear_message_and_removes_the_archived_copy(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = store._insert_load

    def commit_fails(con, *args, **kwargs):
        real(con, *args, **kwargs)
        # What DuckDB raises when the WAL cannot be written (seen on a real full tmpfs).
        raise duckdb.TransactionException(
            'Failed to commit: Could not write file "warehouse.duckdb.wal": No space left on device'
        )

    monkeypatch.setattr(store, "_insert_load", commit_fails)
    err = ingest_refused(home, capsys, write_csv(tmp_path / "a.csv", [GOOD]))
    assert "[disk_full]" in err and "Traceback" not in err and "TransactionException" not in err


def test_disk_full_writing_the_sidecar_after_commit_keeps_the_load_and_is_healed_next_time(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write_sidecar", no_space)
    assert main(["ingest", str(write_csv(tmp_path / "a.csv", [GOOD])), "--agency", "SCT"]) == 0
    assert "sidecar not written" in capsys.readouterr().err
    monkeypatch.undo()
    monkeypatch.setenv("PLANWATCH_HOME", str(home))
    assert main(["verify"]) == 1
    assert "[load_without_sidecar]" in capsys.readouterr().err
    assert main(["verify", "--repair"]) == 0


def test_disk_full_writing_the_rejection_report_is_a_clear_message(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", no_space)
    bad = write_csv(tmp_path / "bad.csv", [["II.8", "Quý III/2026", "abc", "tỷ USD", "ước tính", ""]])
    assert main(["ingest", str(bad), "--agency", "SCT"]) == 1
    err = capsys.readouterr().err
    assert "[disk_full]" in err and "Traceback" not in err
    assert list((home / "rejections").iterdir()) == []  # no empty report left behind


def test_build_on_a_full_disk_while_publishing_keeps_the_old_copy_and_says_so(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = publish.read_only_path().read_bytes()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(publish.shutil, "copyfile", no_space)
    assert main(["build", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "[disk_full]" in err and "bản cũ vẫn dùng được" in err and "Traceback" not in err
    assert publish.read_only_path().read_bytes() == before
    assert list(home.glob(".warehouse-readonly.duckdb.*.tmp")) == []


FILE_SIZE_LIMITED = """
import resource, signal, sys
from planwatch.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so an oversized write fails with EFBIG instead of killing
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[2:]))
"""


def big_valid_csv(path: Path) -> Path:
    periods = [f"Tháng {m}/2026" for m in range(1, 11)] + ["Quý I/2026", "Quý II/2026", "Quý III/2026"]
    note = "ghi chú dài " * 750
    return write_csv(
        path, [["II.8", p, f"1{i},5", "tỷ USD", "ước tính", note] for i, p in enumerate(periods)]
    )


def test_a_real_write_limit_makes_ingest_fail_cleanly_and_change_nothing(home: Path, tmp_path: Path) -> None:
    """The kernel refuses the writes (RLIMIT_FSIZE), no mock: the same path as a full disk (EFBIG)."""
    path = big_valid_csv(tmp_path / "lon.csv")
    before = snapshot(home)
    env = {**os.environ, "PLANWATCH_HOME": str(home), "PLANWATCH_TODAY": TODAY}
    result = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMITED, str(path.stat().st_size // 2), "ingest", str(path),
         "--agency", "SCT"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[disk_full]" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(home) == before


def test_a_really_full_disk_fails_the_commit_cleanly_and_changes_nothing(
    built_home: Path, tmp_path: Path
) -> None:
    """A tmpfs just larger than the warehouse (needs root with mount rights; skipped elsewhere)."""
    tiny_disk = tmp_path / "tiny"
    tiny_disk.mkdir()
    path = big_valid_csv(tmp_path / "lon.csv")
    # Room for the archive copy (written first) but not for the WAL of the same rows as well.
    size_kb = ((built_home / "warehouse.duckdb").stat().st_size + path.stat().st_size * 3 // 2) // 1024 + 8
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(tiny_disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root with mount rights)")
    try:
        home = tiny_disk / "home"
        home.mkdir()
        shutil.copyfile(built_home / "warehouse.duckdb", home / "warehouse.duckdb")
        before = snapshot(home)
        result = run_cli("ingest", str(path), "--agency", "SCT", home=home)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "[disk_full]" in result.stderr and "Traceback" not in result.stderr
        assert snapshot(home) == before
    finally:
        subprocess.run(["umount", str(tiny_disk)], check=False)


# --- class 14: collision-free load ids ---------------------------------------------------------------------


def two_files_whose_hashes_share_8_hex_digits(folder: Path) -> tuple[Path, Path]:
    """Two valid submissions, different bytes, same first 8 hex digits of SHA-256 (a birthday search:
    about 80 000 candidates, well under a second)."""
    head = ",".join(HEADER) + "\r\n"
    seen: dict[str, bytes] = {}
    for i in range(2_000_000):
        data = (head + f'II.8,Quý III/2026,"12,5",tỷ USD,ước tính,lần {i}\r\n').encode("utf-8")
        prefix = hashlib.sha256(data).hexdigest()[:8]
        if prefix in seen:
            first, second = folder / "a.csv", folder / "b.csv"
            first.write_bytes(seen[prefix])
            second.write_bytes(data)
            return first, second
        seen[prefix] = data
    raise AssertionError("no collision found")


def test_two_files_whose_hashes_share_a_prefix_received_in_the_same_second_both_load(
    home: Path, tmp_path: Path
) -> None:
    first, second = two_files_whose_hashes_share_8_hex_digits(tmp_path)
    assert sha256_of(first)[:8] == sha256_of(second)[:8] and sha256_of(first) != sha256_of(second)
    when = datetime(2026, 11, 26, 9, 30, 12)

    a = pipeline.ingest_file(first, agency_code="SCT", received_at=when)
    b = pipeline.ingest_file(second, agency_code="SCT", received_at=when)

    assert a.load and b.load and not a.problems and not b.problems
    assert a.load.load_id == f"20261126T093012-{sha256_of(first)[:8]}"  # the usual form when free
    assert b.load.load_id != a.load.load_id and b.load.load_id.startswith(a.load.load_id)
    assert raw_counts(home)["loads"] == 2
    assert pipeline.verify().ok
    rebuilt = pipeline.rebuild(tmp_path / "rebuilt.duckdb")
    assert [load.load_id for load in rebuilt] == [a.load.load_id, b.load.load_id]


# --- class 15: every rejection keeps its own report --------------------------------------------------------


def test_two_rejected_files_with_the_same_name_in_the_same_second_keep_their_own_reports(
    home: Path, tmp_path: Path
) -> None:
    when = datetime(2026, 11, 26, 9, 30, 12)
    paths = []
    for folder, value in (("so_a", "abc"), ("so_b", "xyz")):
        (tmp_path / folder).mkdir()
        paths.append(write_csv(tmp_path / folder / "bao_cao.csv", [["II.8", "Quý III/2026", value, "tỷ USD",
                                                                    "ước tính", ""]]))  # fmt: skip

    outcomes = [pipeline.ingest_file(p, agency_code="SCT", received_at=when) for p in paths]

    reports = [o.report_paths for o in outcomes]
    assert reports[0] != reports[1]
    for outcome, value in zip(outcomes, ("abc", "xyz"), strict=True):
        md, js = outcome.report_paths
        assert value in md.read_text(encoding="utf-8") and value in js.read_text(encoding="utf-8")
    assert len(list((home / "rejections").iterdir())) == 4


# --- class 17: a symlinked lock file is never followed -----------------------------------------------------


def test_a_write_lock_that_is_a_symlink_is_refused_and_its_target_untouched(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "quan-trong.txt"
    precious.write_text("không được xóa\n", encoding="utf-8")
    (home / ".write.lock").symlink_to(precious)
    err = ingest_refused(home, capsys, write_csv(tmp_path / "a.csv", [GOOD]))
    assert "[lock_path_invalid]" in err and "symlink" in err
    assert precious.read_text(encoding="utf-8") == "không được xóa\n"


# --- class 18: control characters in file names are escaped ------------------------------------------------


def test_control_characters_in_a_file_name_are_escaped_on_the_terminal_and_in_the_report(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "bao\ncao\x1b[31m\u202e.csv"
    path = write_csv(tmp_path / name, [["II.8", "Quý III/2026", "abc", "tỷ USD", "ước tính", ""]])

    assert main(["ingest", str(path), "--agency", "SCT"]) == 1

    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "bao\\ncao\\x1b[31m\\u202e.csv" in err
    assert not any(line.startswith("cao") for line in err.splitlines())  # no forged line
    (md,) = (home / "rejections").glob("*.md")
    assert all(ch.isprintable() for ch in md.name)
    heading = md.read_text(encoding="utf-8").splitlines()[0]
    assert heading == "# Bản nộp bị từ chối: bao\\ncao\\x1b[31m\\u202e.csv"


def test_an_accepted_file_name_with_a_newline_is_escaped_too(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "a\nb.csv", [GOOD])
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    out = capsys.readouterr().out
    assert "a\\nb.csv" in out and "a\nb.csv" not in out
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        assert con.sql("select file_name from raw.loads").fetchone()[0] == "a\nb.csv"  # stored as sent
