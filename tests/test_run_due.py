"""`planwatch run-due`: renders what the calendar says is due, once per data vintage."""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from functools import partial
from pathlib import Path

import duckdb
import pytest

from planwatch.cli import main as planwatch_main
from planwatch.report.reminders import remind
from planwatch.report.schedule import manifest_path, read_manifest, run_due
from planwatch.warehouse.publish import READ_ONLY_NAME

OCT_15, JAN_5 = date(2026, 10, 15), date(2027, 1, 5)


@pytest.fixture()
def home(built_home_mid_october: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PLANWATCH_HOME of its own (copy of a read-only warehouse built as of 15/10/2026), on 15/10/2026.

    run-due's reminder letters are written for one agency only (SCT), to keep each run short."""
    import planwatch.report.schedule as schedule

    shutil.copyfile(built_home_mid_october / READ_ONLY_NAME, tmp_path / READ_ONLY_NAME)
    monkeypatch.setenv("PLANWATCH_HOME", str(tmp_path))
    monkeypatch.setenv("PLANWATCH_TODAY", "2026-10-15")
    monkeypatch.setattr(schedule, "remind", partial(remind, agencies=["SCT"]))
    return tmp_path


def _add_load(home: Path, load_id: str, received: datetime) -> None:
    with duckdb.connect(str(home / READ_ONLY_NAME)) as con:
        con.execute(
            "insert into raw.loads values"
            " (?, 'f.csv', ?, 'archive/x.csv', 'TKTP', ?, 1, 0, true, 'test', null)",
            [load_id, load_id, received],
        )


def test_renders_closed_quarters_once_then_nothing(home: Path) -> None:
    first = run_due(OCT_15)
    assert [(r.kind, r.period) for r in first.rendered] == [
        ("quarterly", "2026-Q1"),
        ("quarterly", "2026-Q2"),
        ("quarterly", "2026-Q3"),
    ]
    for result in first.rendered:
        assert result.outputs["pdf"].exists() and result.outputs["html"].exists()
        assert "asof-2026-10-15" in result.outputs["pdf"].name
    assert set(read_manifest()["reports"]) == {"quarterly/2026-Q1", "quarterly/2026-Q2", "quarterly/2026-Q3"}
    second = run_due(OCT_15)
    assert second.rendered == [] and len(second.current) == 3


def test_a_new_load_renders_the_latest_quarter_again(home: Path) -> None:
    run_due(OCT_15)
    before = read_manifest()["reports"]["quarterly/2026-Q3"]["vintage"]
    _add_load(home, "20261014T090000-aaaa", datetime(2026, 10, 14, 9, 0))
    again = run_due(OCT_15)
    assert [(r.kind, r.period) for r in again.rendered] == [("quarterly", "2026-Q3")]
    assert read_manifest()["reports"]["quarterly/2026-Q3"]["vintage"] != before


def test_a_load_after_today_changes_nothing(home: Path) -> None:
    run_due(OCT_15)
    _add_load(home, "20261020T090000-bbbb", datetime(2026, 10, 20, 9, 0))
    assert run_due(OCT_15).rendered == []


def test_the_annual_report_is_rendered_once_its_year_has_closed(home: Path) -> None:
    result = run_due(JAN_5, formats=("pdf",))
    rendered = [(r.kind, r.period) for r in result.rendered]
    assert ("annual", "2026") in rendered and ("quarterly", "2026-Q4") in rendered
    assert manifest_path().exists()


def test_kinds_without_a_document_are_skipped_and_named(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planwatch.report.schedule as schedule

    monkeypatch.setattr(schedule, "has_document", lambda kind: kind != "annual")
    result = run_due(JAN_5, formats=("pdf",))
    assert ("annual", "2026") in [(d.kind, d.period) for d in result.skipped]
    assert ("quarterly", "2026-Q4") in [(r.kind, r.period) for r in result.rendered]


def test_cli_run_due_prints_nothing_to_render_the_second_time(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert planwatch_main(["run-due", "--format", "pdf"]) == 0
    assert planwatch_main(["run-due", "--format", "pdf"]) == 0
    out = capsys.readouterr().out
    assert out.count("quarterly-2026-Q3-asof-2026-10-15.pdf") == 1
    assert "nothing to render" in out


def test_a_format_not_rendered_yet_is_rendered_on_the_next_run(home: Path) -> None:
    first = run_due(OCT_15, formats=("pdf",))
    assert first.rendered
    second = run_due(OCT_15, formats=("pdf", "html"))
    assert {(r.kind, r.period) for r in second.rendered} == {(r.kind, r.period) for r in first.rendered}
    assert all("html" in r.outputs for r in second.rendered)
    assert run_due(OCT_15, formats=("pdf", "html")).rendered == []


def test_cli_run_due_today_is_passed_down_not_written_to_the_environment(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert planwatch_main(["run-due", "--today", "2027-01-05", "--format", "pdf"]) == 0
    assert "quarterly-2026-Q4-asof-2027-01-05.pdf" in capsys.readouterr().out
    assert os.environ["PLANWATCH_TODAY"] == "2026-10-15"  # the fixture's, untouched


def test_the_reminders_of_the_quarter_past_its_data_deadline_once_per_vintage(home: Path) -> None:
    # 15/10/2026: the data of 2026-Q3 were due on 10/10 (DATA_SUBMISSION_QUARTERLY), so its letters are due.
    first = run_due(OCT_15, formats=("pdf",))
    (letters,) = first.reminded
    assert letters.period == "2026-Q3" and [x.agency_code for x in letters.letters] == ["SCT"]
    assert letters.letters[0].pdf == home / "reports" / "2026-Q3" / "reminders" / "SCT.pdf"
    assert letters.letters[0].eml is not None and letters.summary.exists()
    entry = read_manifest()["reminders"]["2026-Q3"]
    assert set(entry["outputs"]) == {"SCT.pdf", "SCT.eml", "tong-hop"}
    assert run_due(OCT_15, formats=("pdf",)).reminded == []
    _add_load(home, "20261014T090000-cccc", datetime(2026, 10, 14, 9, 0))
    again = run_due(OCT_15, formats=("pdf",))
    assert [x.period for x in again.reminded] == ["2026-Q3"]
    assert read_manifest()["reminders"]["2026-Q3"]["vintage"] != entry["vintage"]


def test_no_reminders_before_the_first_data_deadline(home: Path) -> None:
    result = run_due(date(2026, 4, 5), formats=("pdf",))  # 2026-Q1 data are due on 10/04/2026
    assert result.reminded == [] and "reminders" not in read_manifest()
