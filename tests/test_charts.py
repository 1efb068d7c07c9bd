"""The key-indicator chart draws the projection's fan (docs/method.md §7.3) only when it is given one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.report.cells.charts import FIGURE_DIR_ENV, plan_chart

PLAN = [{"year": y, "plan_low": v, "plan_high": v} for y, v in [(2026, 110.0), (2028, 130.0), (2030, 150.0)]]
ACTUAL = [{"year": 2024, "value": 95.0}, {"year": 2025, "value": 100.0}]
PROJECTION = {"year": 2030, "central": 140.0, "low": 120.0, "high": 163.0, "label": "Dự báo năm 2030"}
FAN = [
    {"year": 2025, "projected_central": 100.0, "projected_low": 100.0, "projected_high": 100.0},
    {"year": 2026, "projected_central": 107.0, "projected_low": 101.0, "projected_high": 113.0},
    {"year": 2030, "projected_central": 140.0, "projected_low": 120.0, "projected_high": 163.0},
]


def _svg(markdown: str) -> str:
    (path,) = re.findall(r"\]\(([^)]+\.svg)\)", markdown)
    return Path(path).read_text(encoding="utf-8")


def test_the_fan_is_drawn_hatched_and_only_when_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FIGURE_DIR_ENV, str(tmp_path))
    common = dict(
        title="II.2 GRDP bình quân đầu người",
        unit="USD/người",
        actual=ACTUAL,
        target=150.0,
        projection=PROJECTION,
        label="fig-ii-2",
    )
    with_fan = plan_chart(PLAN, fan=FAN, **common)
    without = plan_chart(PLAN, **common)
    # the band is the chart's only hatched area (a plan range is plain grey): a hatch is an SVG pattern
    assert "<pattern" in _svg(with_fan)
    assert "<pattern" not in _svg(without)
    assert with_fan != without  # another figure file: the drawing depends on the fan
    assert "{#fig-ii-2 width=100%}" in with_fan
