"""The cells' helpers that word a report model's row (planwatch/report/cells/wording.py) and the one label
seed both SQL and the cells read (seeds/labels_status.csv). No warehouse: rows are given as the rpt_ models
return them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from planwatch import config
from planwatch.report.cells import wording
from planwatch.report.cells.notes import STATUS_NOTES
from planwatch.report.cells.status import CLASS_GROUP_VI, LABELS, STATUSES, label, labels_of
from planwatch.report.cells.wording import (
    BAND_OF_VI,
    ESTIMATE_NOTE_VI,
    MOVEMENT_VI,
    band_of,
    chance,
    chance_pct,
    key_chart_caption,
    movement_cell,
    movement_sentence,
    shorten,
    span,
    status_paths,
    versus_scenario,
)

MODELS = config.REPO_ROOT / "models"


def _accepted_values(yml: Path, column: str) -> set[str]:
    """The accepted_values of a column in a model's YAML: every code the model may produce."""
    (model,) = yaml.safe_load(yml.read_text(encoding="utf-8"))["models"]
    (col,) = [c for c in model["columns"] if c["name"] == column]
    (test,) = [t for t in col["data_tests"] if isinstance(t, dict) and "accepted_values" in t]
    return set(test["accepted_values"]["arguments"]["values"])


def test_every_code_a_model_may_produce_has_a_label() -> None:
    produced = {
        "assessment": _accepted_values(MODELS / "intermediate" / "int_target_status.yml", "status"),
        "figure": _accepted_values(MODELS / "marts" / "fct_actuals.yml", "status"),
        "submission": _accepted_values(MODELS / "marts" / "fct_submission_status.yml", "status"),
        "severity": _accepted_values(MODELS / "marts" / "fct_plan_consistency.yml", "severity"),
        "movement": _accepted_values(MODELS / "reports" / "rpt_status_movement.yml", "movement"),
    }
    for domain, codes in produced.items():
        assert codes <= set(labels_of(domain)), (domain, codes - set(labels_of(domain)))


def test_the_cells_read_their_labels_symbols_and_groups_from_the_seed() -> None:
    assert list(STATUSES) == [r["code"] for r in LABELS["assessment"]]  # best first, in `position` order
    assert label("moderate") == "◑ Cần đẩy nhanh" and label(None) == "–" and label("unknown") == "unknown"
    assert STATUSES["regressing"].hatch == "\\\\" and STATUSES["achieved"].grey == 0.15
    assert CLASS_GROUP_VI == {
        "achieved": "Vượt hoặc đạt kế hoạch",
        "on_track": "Đạt tiến độ",
        "moderate": "Chưa đạt tiến độ",
        "insufficient": "Chưa đạt tiến độ",
        "regressing": "Chưa đạt tiến độ",
    }
    assert labels_of("figure") == {"uoc_tinh": "ước tính", "so_bo": "sơ bộ", "chinh_thuc": "chính thức"}
    assert set(STATUS_NOTES) == {"uoc_tinh", "so_bo"}  # an official figure has no note


def test_the_task_sentence_names_every_official_class_fct_task_status_may_produce() -> None:
    produced = _accepted_values(MODELS / "marts" / "fct_task_status.yml", "official_class")
    assert {column for column, _ in wording.OFFICIAL_CLASSES_VI} == produced
    total = {column: n for n, (column, _) in enumerate(wording.OFFICIAL_CLASSES_VI, start=1)}
    total["chua_hoan_thanh_qua_han"] = 1234
    assert wording.task_classes_sentence(total, "30/09/2026") == (
        "Theo phân loại chính thức, đến ngày 30/09/2026, các nhiệm vụ của Chương trình có: "
        "1 hoàn thành đúng hạn; 2 hoàn thành quá hạn; 3 chưa hoàn thành nhưng còn trong hạn; "
        "1.234 chưa hoàn thành và đã quá hạn; 5 thực hiện thường xuyên; 6 không xác định được thời hạn."
    )


def test_plan_basis_is_stated_only_while_an_amendment_is_in_force() -> None:
    assert wording.plan_basis_lines([]) == ""  # no amendment: the report prints nothing, as before
    basis = "theo Chương trình đã điều chỉnh tại 12-QĐ/TU ngày 15/12/2026"
    rows = [
        {"statement_vi": "Chỉ tiêu II.1: điều chỉnh mục tiêu từ 10 thành 9,5.", "plan_basis_vi": basis},
        {"statement_vi": "Nhiệm vụ 12: điều chỉnh thời hạn từ 2027 thành 2028.", "plan_basis_vi": basis},
    ]
    text = wording.plan_basis_lines(rows)
    assert "Đánh giá theo Chương trình đã điều chỉnh tại 12-QĐ/TU ngày 15/12/2026." in text
    assert "\n- Chỉ tiêu II.1: điều chỉnh mục tiêu từ 10 thành 9,5.\n" in text
    assert "\n- Nhiệm vụ 12: điều chỉnh thời hạn từ 2027 thành 2028.\n" in text


def test_span_and_shorten() -> None:
    assert span(10.5, None) == "10,5" and span(10.5, 10.5) == "10,5" and span(10, 12) == "10–12"
    assert span(None, None) is None and span(None, 3, missing="không có") == "không có"
    assert shorten("  một   hai\nba ") == "một hai ba"
    long = " ".join(["chữ"] * 60)
    cut = shorten(long)
    assert len(cut) <= 138 and cut.endswith("chữ…") and long.startswith(cut[:-1])


def test_versus_scenario_words_a_gap_in_points_or_a_share_of_the_year() -> None:
    assert versus_scenario({"gap_points": -1.5, "share_of_plan_pct": None}) == "-1,5 điểm %"
    assert versus_scenario({"gap_points": 0.0, "share_of_plan_pct": None}) == "0,0 điểm %"  # inside the range
    assert versus_scenario({"gap_points": None, "share_of_plan_pct": 25.0}) == "đạt 25,0% kịch bản năm"
    assert versus_scenario({"gap_points": None, "share_of_plan_pct": None}) == "–"


def test_chance_words_the_probability_with_its_band_or_says_why_there_is_none() -> None:
    row = {
        "unit": "tỷ đồng",
        "method": "compound",
        "target_year": 2030,
        "probability_pct": 35.0,
        "projected_low": 1234.4,
        "projected_high": 1456.6,
        "probability_note_vi": "Ước lượng từ chuỗi số liệu",
    }
    assert chance(row) == "Khả năng đạt mục tiêu: 35%; năm 2030, khoảng 80%: 1.234–1.457 tỷ đồng"
    share = {**row, "unit": "%", "probability_pct": 8.25, "projected_low": 4.04, "projected_high": 6.35}
    assert chance(share) == "Khả năng đạt mục tiêu: 8%; năm 2030, khoảng 80%: 4,0–6,4%"
    met = {
        **row,
        "probability_pct": 100.0,
        "projected_low": None,
        "projected_high": None,
        "probability_note_vi": "Đã đạt mục tiêu",
    }
    assert chance(met) == "Khả năng đạt mục tiêu: 100%"
    too_short = "Chưa đủ chuỗi số liệu để ước lượng xác suất"
    assert chance({**row, "probability_pct": None, "probability_note_vi": too_short}) == too_short
    # an average-growth target's band is of the period's average growth rate, not of a 2030 level
    growth = {**share, "method": "avg_growth"}
    assert chance(growth) == (
        "Khả năng đạt mục tiêu: 8%; tốc độ tăng bình quân 2026–2030, khoảng 80%: 4,0–6,4%"
    )
    total = chance({**row, "method": "cumulative"})
    assert total.endswith("; tổng 2026–2030, khoảng 80%: 1.234–1.457 tỷ đồng")


def test_a_probability_never_prints_0_or_100_percent_for_what_is_neither() -> None:
    assert [chance_pct(p) for p in (0.0, 0.004, 0.49, 0.5, 1.4, 50.0, 99.5, 99.51, 99.99, 100.0)] == [
        "0%",
        "<1%",
        "<1%",
        "1%",
        "1%",
        "50%",
        ">99%",
        ">99%",
        ">99%",
        "100%",
    ]
    # an estimate stored as 0 or 1 (4 decimals) is still an estimate; a rule's certainty is 0% or 100%
    estimate = f"{ESTIMATE_NOTE_VI} năm 2016–2025 (9 biến động năm)"
    assert (chance_pct(0.0, estimate), chance_pct(100.0, estimate)) == ("<1%", ">99%")
    assert (chance_pct(0.0, "Đã đến năm mục tiêu mà chưa đạt"), chance_pct(100.0, "Đã đạt mục tiêu")) == (
        "0%",
        "100%",
    )


def test_the_estimate_note_is_the_one_int_target_probability_writes() -> None:
    sql = (config.REPO_ROOT / "models" / "intermediate" / "int_target_probability.sql").read_text("utf-8")
    assert f"'{ESTIMATE_NOTE_VI} năm '" in sql


def test_every_method_that_gets_a_probability_says_what_its_band_is_of() -> None:
    # int_target_probability's methods with a projection (all but rank)
    for method in ("compound", "points", "cumulative", "avg_growth", "period_avg", "annual"):
        assert method in BAND_OF_VI
    assert band_of("annual", 2030) == "giá trị mỗi năm đến 2030"
    assert band_of(None, None) == "năm 2030"


def _row(**values: object) -> dict[str, object]:
    """A row of rpt_key_indicator_year: what the chart caption reads, unset columns empty."""
    columns = (
        "unit",
        "is_cumulative",
        "message",
        "basis",
        "value",
        "compare",
        "versus",
        "is_beyond",
        "point_year",
        "is_annual_estimate",
        "ytd_period",
        "ytd_value",
    )
    return {"unit": "%/năm", "is_cumulative": False, **dict.fromkeys(columns[2:]), **values}


TOTAL = {"unit": "nghìn tỷ đồng", "is_cumulative": True, "basis": "to_date", "versus": "plan_to_date"}
ESTIMATE = {"unit": "tỷ USD/năm", "basis": "pro_rata", "versus": "scenario", "is_annual_estimate": True}
PATH = {"basis": "part_year", "versus": "target_path", "is_annual_estimate": False}
CAPTIONS = [
    ({"message": "no_data"}, 2026, "năm 2026 chưa có số liệu", None),
    ({"message": "value", "value": 5.0}, 2027, "năm 2027 đạt 5,0%/năm", None),
    (
        {"message": "versus_plan", "value": 10.0, "compare": 9.0, "is_beyond": True},
        2026,
        "năm 2026 đạt 10,0%/năm, vượt kịch bản (9,0%/năm)",
        None,
    ),
    (
        {
            **TOTAL,
            "message": "part_year",
            "value": 300.0,
            "compare": 400.0,
            "is_beyond": False,
            "point_year": 2026.75,
            "is_annual_estimate": False,
            "ytd_period": "2027-YTD09",
        },
        2027,
        "năm 2027 chưa kết thúc: lũy kế đến hết 9 tháng năm 2027 đạt 300 nghìn tỷ đồng (tạm tính), thấp hơn "
        "kế hoạch đến nay (400 nghìn tỷ đồng)",
        {"year": 2026.75, "value": 300.0, "label": "Tạm tính (9 tháng năm 2027)"},
    ),
    (
        {
            **ESTIMATE,
            "message": "part_year",
            "value": 120.0,
            "ytd_value": 90.0,
            "compare": 100.0,
            "is_beyond": True,
            "point_year": 2026,
            "ytd_period": "2026-YTD09",
        },
        2026,
        "năm 2026 chưa kết thúc: 9 tháng năm 2026 đạt 90 tỷ USD, ước cả năm 120 tỷ USD (tạm tính), vượt "
        "kịch bản (100 tỷ USD)",
        {"year": 2026, "value": 120.0, "label": "Ước cả năm theo 9 tháng năm 2026 (tạm tính)"},
    ),
    (
        {
            **PATH,
            "message": "part_year",
            "value": 6.0,
            "ytd_value": 6.0,
            "compare": 7.0,
            "is_beyond": False,
            "point_year": 2026,
            "ytd_period": "2026-YTD06",
        },
        2026,
        "năm 2026 chưa kết thúc: 6 tháng năm 2026 đạt 6,0%/năm (tạm tính), thấp hơn lộ trình đến mục tiêu "
        "năm 2026 (7,0%/năm)",
        {"year": 2026, "value": 6.0, "label": "Tạm tính (6 tháng năm 2026)"},
    ),
    (  # no value: no provisional point, no comparison
        {**PATH, "message": "part_year", "ytd_period": "2026-YTD06"},
        2026,
        "năm 2026 chưa kết thúc: 6 tháng năm 2026 đạt – (tạm tính)",
        None,
    ),
]


@pytest.mark.parametrize(("values", "year", "message", "point"), CAPTIONS)
def test_key_chart_caption_words_each_decision_of_the_model(
    values: dict[str, object], year: int, message: str, point: dict[str, object] | None
) -> None:
    assert key_chart_caption(_row(**values), year) == (message, point)


def _moved(code: str, previous: str | None, now: str, movement: str) -> dict[str, object]:
    """A row of rpt_status_movement for the report of 2026-Q3."""
    return {
        "indicator_code": code,
        "previous_quarter_end": date(2026, 6, 30),
        "previous_as_of_date": date(2026, 6, 30) if previous else None,
        "status_previous": previous,
        "status_now": now,
        "movement": movement,
    }


def test_the_movement_sentence_counts_each_movement_and_words_the_zero_cases() -> None:
    rows = [
        _moved("A", "on_track", "moderate", "worsened"),
        _moved("B", "moderate", "on_track", "improved"),
        _moved("C", "achieved", "achieved", "unchanged"),
        _moved("D", None, "moderate", "new"),
    ]
    assert movement_sentence(rows) == (
        "So với quý trước (đánh giá đến 30/06/2026): 1 chỉ tiêu chuyển biến "
        "tốt hơn, 1 xấu đi, 1 không đổi; 1 chỉ tiêu mới có đánh giá."
    )
    still = [_moved("C", "achieved", "achieved", "unchanged"), _moved("F", "moderate", "no_data", "unrated")]
    assert movement_sentence(still) == (
        "So với quý trước (đánh giá đến 30/06/2026): không có chỉ tiêu nào chuyển biến tốt hơn hay xấu đi, "
        "1 chỉ tiêu không đổi; 1 chỉ tiêu không còn đánh giá được."
    )
    first = [_moved("D", None, "moderate", "new")]
    assert movement_sentence(first) == "So với quý trước: chưa có đánh giá cuối quý trước để so sánh."
    assert movement_sentence([]) == movement_sentence(first)


def test_the_movement_cell_shows_both_statuses_by_symbol_and_the_movement_in_words() -> None:
    assert movement_cell(_moved("A", "on_track", "moderate", "worsened")) == "◕ → ◑ xấu đi"
    assert movement_cell(_moved("D", None, "regressing", "new")) == "– → ▼ mới có đánh giá"
    assert movement_cell(None) == "–"
    assert MOVEMENT_VI["unrated"] == "Không còn đánh giá được"


def test_status_paths_pivot_the_quarters_into_columns_by_the_report_order() -> None:
    rows = [
        {
            "position": 2,
            "indicator_code": "II.2",
            "name_vi": "b",
            "as_of_date": date(2026, 3, 31),
            "quarter": "2026-Q1",
            "status": "achieved",
        },
        {
            "position": 1,
            "indicator_code": "II.1",
            "name_vi": "a",
            "as_of_date": date(2026, 6, 30),
            "quarter": "2026-Q2",
            "status": "moderate",
        },
        {
            "position": 1,
            "indicator_code": "II.1",
            "name_vi": "a",
            "as_of_date": date(2026, 3, 31),
            "quarter": "2026-Q1",
            "status": "no_data",
        },
        {
            "position": 1,
            "indicator_code": "II.1",
            "name_vi": "a",
            "as_of_date": date(2026, 8, 15),
            "quarter": None,
            "status": "on_track",
        },
    ]
    lines, columns = status_paths(rows)
    assert [header for _, header in columns] == ["Chỉ tiêu", "I/2026", "II/2026", "Đến 15/08/2026"]
    assert [list(line.values()) for line in lines] == [["II.1 a", "○", "◑", "◕"], ["II.2 b", "●", "", ""]]
