"""Archive ↔ raw tables (issue 8, class 7): `rebuild` and `planwatch verify` notice every load that is
missing from one side, every file without a load, every altered file, and say so in Vietnamese."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from test_archive_rebuild import fake_load_file, loaded_home  # noqa: F401  (fixture)
from test_store import grdp, ingest, write_submission_file

from planwatch.cli import main
from planwatch.ingest import store
from planwatch.ingest.archive import archive_dir, archive_file, read_sidecars, sha256_of, sidecar_path
from planwatch.ingest.store import RebuildError, rebuild_from_archive, verify_archive


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


def keys(report) -> list[tuple[str, str | None]]:
    return [(d.key, d.load_id) for d in report.differences]


def test_a_consistent_home_verifies(loaded_home: Path) -> None:  # noqa: F811
    report = verify_archive(loaded_home)
    assert report.ok, report.format_vi()
    assert (report.loads, report.files, report.sidecars) == (4, 4, 4)
    assert "Khớp hoàn toàn" in report.format_vi()


def test_rebuild_refuses_when_a_load_committed_without_its_sidecar(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(home, write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")]), datetime(2026, 4, 1))

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the process dies after COMMIT, before the sidecar

    sub = write_submission_file(tmp_path / "b.csv", [grdp(8.2, "8,2")])
    monkeypatch.setattr(store, "write_sidecar", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(home, sub, datetime(2026, 5, 1))
    monkeypatch.undo()
    target = tmp_path / "rebuilt.duckdb"

    with pytest.raises(RebuildError) as caught:
        rebuild_from_archive(home, target=target, load_file=fake_load_file)

    message = str(caught.value)
    assert caught.value.key == "rebuild_archive_mismatch"
    assert "[load_without_sidecar]" in message and f"20260501T000000-{sub.sha256[:8]}" in message
    assert not target.exists()
    assert keys(verify_archive(home, repair=True)) == []  # the sidecar is rewritten from raw.loads
    assert len(rebuild_from_archive(home, target=target, load_file=fake_load_file)) == 2


def test_verify_lists_every_kind_of_difference(loaded_home: Path, tmp_path: Path) -> None:  # noqa: F811
    sidecars = read_sidecars(loaded_home)
    gone, tampered, no_sidecar = sidecars[0], sidecars[1], sidecars[2]
    (loaded_home / gone.archive_path).unlink()
    (loaded_home / tampered.archive_path).write_bytes(b"sua tay")
    sidecar_path(loaded_home, no_sidecar.file_sha256).unlink()
    stray = tmp_path / "stray.csv"
    write_submission_file(stray, [grdp(1.0, "1")])
    archive_file(loaded_home, stray, sha256_of(stray))  # archived, never committed
    leftover = archive_dir(loaded_home) / ".0123456789abcdef.x.tmp"
    leftover.write_bytes(b"half")  # a copy killed half-way

    report = verify_archive(loaded_home)

    assert not report.ok
    assert sorted(keys(report), key=str) == sorted(
        [
            ("load_without_file", gone.load_id),
            ("hash_mismatch", tampered.load_id),
            ("load_without_sidecar", no_sidecar.load_id),
            ("file_without_load", None),
        ],
        key=str,
    )
    assert not leftover.exists()  # whoever takes the write lock removes a killed writer's temporaries
    text = report.format_vi()
    assert "Phát hiện 4 chỗ không khớp" in text and gone.load_id in text and "gợi ý" in text


def test_verify_finds_a_sidecar_whose_load_is_not_in_the_raw_tables(home: Path, tmp_path: Path) -> None:
    ingest(home, write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")]), datetime(2026, 4, 1))
    backup = tmp_path / "backup.duckdb"
    shutil.copyfile(home / "warehouse.duckdb", backup)
    later = ingest(home, write_submission_file(tmp_path / "b.csv", [grdp(8.2, "8,2")]), datetime(2026, 5, 1))
    shutil.copyfile(backup, home / "warehouse.duckdb")  # the warehouse restored from an older backup

    report = verify_archive(home)

    assert keys(report) == [("sidecar_without_load", later.load_id)]
    with pytest.raises(RebuildError, match="sidecar_without_load"):
        rebuild_from_archive(home, target=tmp_path / "r.duckdb", load_file=fake_load_file)


def test_verify_finds_rows_missing_from_the_raw_tables(loaded_home: Path) -> None:  # noqa: F811
    import duckdb

    victim = read_sidecars(loaded_home)[0]
    with duckdb.connect(str(loaded_home / "warehouse.duckdb")) as con:
        con.execute("delete from raw.indicator_values where load_id = ?", [victim.load_id])
    assert keys(verify_archive(loaded_home)) == [("row_count_mismatch", victim.load_id)]


def test_repair_heals_what_a_killed_writer_left_and_nothing_else(loaded_home: Path, tmp_path: Path) -> None:  # noqa: F811
    sidecars = read_sidecars(loaded_home)
    sidecar_path(loaded_home, sidecars[0].file_sha256).unlink()
    (loaded_home / sidecars[1].archive_path).unlink()  # lost: repair cannot invent it
    stray = tmp_path / "stray.csv"
    write_submission_file(stray, [grdp(1.0, "1")])
    orphan = archive_file(loaded_home, stray, sha256_of(stray))

    report = verify_archive(loaded_home, repair=True)

    assert keys(report) == [("load_without_file", sidecars[1].load_id)]
    assert not orphan.exists() and sidecar_path(loaded_home, sidecars[0].file_sha256).exists()


def test_sending_the_original_file_again_restores_a_lost_archive_copy(home: Path, tmp_path: Path) -> None:
    sub = write_submission_file(tmp_path / "a.csv", [grdp(8.1, "8,1")])
    load = ingest(home, sub, datetime(2026, 4, 1))
    (home / load.archive_path).unlink()
    assert keys(verify_archive(home)) == [("load_without_file", load.load_id)]

    again = ingest(home, sub, datetime(2026, 4, 2), on_wait=lambda m: None)

    assert again.duplicate_of == load.load_id
    assert verify_archive(home).ok


# --- the command ---------------------------------------------------------------------------------------


def test_verify_command_exits_1_with_the_vietnamese_list_then_0_once_repaired(
    fresh_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_ingest_end_to_end import write_csv

    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    path = write_csv(tmp_path / "sct.csv", [["II.8", "Quý III/2026", "12,5", "tỷ USD", "ước tính", ""]])
    assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    assert main(["verify"]) == 0
    assert "Khớp hoàn toàn" in capsys.readouterr().out

    (sidecar,) = read_sidecars(fresh_home)
    sidecar_path(fresh_home, sidecar.file_sha256).unlink()
    assert main(["verify"]) == 1
    err = capsys.readouterr().err
    assert f"[load_without_sidecar] load {sidecar.load_id}" in err and "--repair" in err

    assert main(["verify", "--repair"]) == 0
    assert main(["verify"]) == 0


def test_rebuild_command_names_every_missing_load(
    fresh_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_ingest_end_to_end import write_csv

    monkeypatch.setenv("PLANWATCH_TODAY", "2026-11-26")
    for i, value in enumerate(["12,5", "12,8"]):
        path = write_csv(tmp_path / f"f{i}.csv", [["II.8", "Quý III/2026", value, "tỷ USD", "ước tính", ""]])
        assert main(["ingest", str(path), "--agency", "SCT"]) == 0
    first, second = read_sidecars(fresh_home)
    for sidecar in (first, second):
        sidecar_path(fresh_home, sidecar.file_sha256).unlink()
    capsys.readouterr()

    assert main(["rebuild", "--target", str(tmp_path / "r.duckdb")]) == 1

    err = capsys.readouterr().err
    assert first.load_id in err and second.load_id in err and "Traceback" not in err
    assert not (tmp_path / "r.duckdb").exists()
