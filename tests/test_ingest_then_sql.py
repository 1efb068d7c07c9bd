"""After `planwatch ingest`, the analyst is told that `planwatch sql` shows the new rows only after a build.

`planwatch sql` reads the read-only copy that `planwatch build` publishes (readers never open the
warehouse a writer may hold). The copy is deliberately not republished on ingest: it is the last
build's consistent state (raw tables and the marts computed from them), and a copy with new raw
rows but old marts would disagree with itself. So the ingest says so, and `planwatch sql` says so
when its copy is older than the warehouse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.cli import main

SUBMISSION = 'ma_chi_tieu,ky,gia_tri,don_vi,trang_thai\nII.8,2026-Q3,"12,5",tỷ USD,ước tính\n'


def test_ingest_says_that_sql_shows_the_new_rows_after_a_build_and_sql_warns_until_then(
    fresh_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-10-05")
    assert main(["sql", "select count(*) from raw.indicator_values"]) == 0
    assert "bản chỉ đọc có từ lần build trước" not in capsys.readouterr().err

    csv = tmp_path / "sct.csv"
    csv.write_text(SUBMISSION, encoding="utf-8")
    assert main(["ingest", str(csv), "--agency", "SCT"]) == 0
    out = capsys.readouterr().out
    assert "Đã nhận (accepted)" in out
    assert "`planwatch sql`" in out and "chỉ thấy các dòng mới sau khi build" in out

    assert main(["sql", "select count(*) from raw.indicator_values"]) == 0
    err = capsys.readouterr().err
    assert "bản chỉ đọc có từ lần build trước lần nạp số liệu gần nhất" in err
    assert "`planwatch build`" in err
