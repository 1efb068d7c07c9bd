"""The sample's pre-plan history (planwatch/sample/history.py): one official file of yearly figures 2016–2024
for the key indicators, received before the 2025 baseline, leaving every other submission of the sample as
it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest.columns import SAMPLE_MARKER
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.sample import calendar
from planwatch.sample.history import HISTORY_CODES, HISTORY_YEARS


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


def _events(catalogue: Catalogue) -> list:
    return calendar.events(catalogue, 2026)


def _content(event) -> tuple:
    rows = tuple(
        (r["ma_chi_tieu"], r["ky"].code, r["gia_tri"], r["trang_thai"]) for r in event.rows if "ky" in r
    )
    return (event.agency, event.received_at, event.label, rows)


def test_history_is_one_official_submission_before_the_baseline(catalogue: Catalogue) -> None:
    events = _events(catalogue)
    [history] = [e for e in events if e.label.endswith("lich-su")]
    baseline = [e for e in events if e.label == "2025-co-so"]
    assert history.agency == "TKTP" and history.due is None
    assert history.received_at < min(e.received_at for e in baseline)
    assert {(r["ma_chi_tieu"], r["ky"].code) for r in history.rows} == {
        (code, str(year)) for code in HISTORY_CODES for year in HISTORY_YEARS
    }
    assert all(r["trang_thai"] == "chinh_thuc" and SAMPLE_MARKER in r["ghi_chu"] for r in history.rows)
    # plausible yearly figures: all positive (growth rates, levels, a share and a sum)
    for code in HISTORY_CODES:
        values = [r["gia_tri"] for r in history.rows if r["ma_chi_tieu"] == code]
        assert all(v > 0 for v in values), code


def test_the_rest_of_the_sample_is_unchanged(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    with_history = [_content(e) for e in _events(catalogue) if not e.label.endswith("lich-su")]
    monkeypatch.setattr(calendar, "history_events", lambda catalogue, seed: [])
    assert with_history == [_content(e) for e in _events(catalogue)]
