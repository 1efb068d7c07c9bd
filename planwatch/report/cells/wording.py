"""The words around a report model's row (marts.rpt_*): the models decide, these only word the decision.

Each function reads columns of one rpt_* model (named in its docstring) and returns the text a cell prints.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from planwatch.report.cells.status import STATUSES, labels_of
from planwatch.report.cells.tables import table
from planwatch.report.cells.vn import day, num, pct, period_vi, signed, with_unit


def span(low: float | None, high: float | None, *, missing: str | None = None) -> str | None:
    """A value or a range as printed: 10,5 or 10–12; `missing` when there is no low value."""
    if low is None:
        return missing
    return num(low) if high is None or high == low else f"{num(low)}–{num(high)}"


def shorten(text: str, limit: int = 140) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 3].rsplit(" ", 1)[0] + "…"


# The official classes of a task (docs/method.md, Task classes), as rpt_task_counts names its columns,
# with the words a sentence uses (macro task_class_vi gives the labels a table prints).
OFFICIAL_CLASSES_VI = (
    ("hoan_thanh_dung_han", "hoàn thành đúng hạn"),
    ("hoan_thanh_qua_han", "hoàn thành quá hạn"),
    ("chua_hoan_thanh_trong_han", "chưa hoàn thành nhưng còn trong hạn"),
    ("chua_hoan_thanh_qua_han", "chưa hoàn thành và đã quá hạn"),
    ("thuong_xuyen", "thực hiện thường xuyên"),
    ("khong_xac_dinh_han", "không xác định được thời hạn"),
)


def task_classes_sentence(total: dict[str, Any], as_of: str) -> str:
    """rpt_task_counts (a total row): the programme's tasks in their official class on the as-of date."""
    counts = "; ".join(f"{num(total[column])} {words}" for column, words in OFFICIAL_CLASSES_VI)
    return f"Theo phân loại chính thức, đến ngày {as_of}, các nhiệm vụ của Chương trình có: {counts}."


def plan_basis_lines(amendments: list[dict[str, Any]]) -> str:
    """rpt_plan_amendments: the plan judged against and the amendments in force; nothing while none is."""
    if not amendments:
        return ""
    items = "".join(f"- {row['statement_vi']}\n" for row in amendments)
    basis = amendments[0]["plan_basis_vi"]
    return f"**Kế hoạch đánh giá.** Đánh giá {basis}. Các điều chỉnh đang có hiệu lực:\n\n{items}\n"


def versus_scenario(row: dict[str, Any]) -> str:
    """rpt_economy_ytd: a rate's gap to the year's scenario in points, an amount's share of it, else –."""
    if row["gap_points"] is not None:
        return f"{signed(row['gap_points'])} điểm %"
    if row["share_of_plan_pct"] is not None:
        return f"đạt {with_unit(row['share_of_plan_pct'], '%')} kịch bản năm"
    return "–"


# What the projection and its 80% band are of, by assessment method (docs/method.md §7): a level's value in
# the target year, a five-year total's sum, an average growth rate or an average over the period, one year.
BAND_OF_VI = {
    "compound": "năm {year}",
    "points": "năm {year}",
    "cumulative": "tổng 2026–{year}",
    "avg_growth": "tốc độ tăng bình quân 2026–{year}",
    "period_avg": "bình quân 2026–{year}",
    "annual": "giá trị mỗi năm đến {year}",
}


def band_of(method: str | None, year: int | None) -> str:
    """What a projection of this method is of, as a label says it: "năm 2030", "tổng 2026–2030", …"""
    return BAND_OF_VI.get(method or "", "năm {year}").format(year=year or 2030)


# How int_target_probability's note begins when the probability is estimated (not a rule's 0 or 1).
ESTIMATE_NOTE_VI = "Ước lượng từ chuỗi số liệu"


def chance_pct(probability_pct: float, note: str | None = None) -> str:
    """A probability in percent as printed, whole percents. An estimate (its note, probability_note_vi,
    begins with ESTIMATE_NOTE_VI; or 0 < p < 100) is never printed "0%" or "100%": below 0,5% "<1%", from
    99,5% ">99%". "0%" and "100%" are left to the rules' certainties (docs/method.md §7)."""
    estimated = (note or "").startswith(ESTIMATE_NOTE_VI) or 0 < probability_pct < 100
    if estimated and probability_pct < 0.5:
        return "<1%"
    if estimated and probability_pct >= 99.5:
        return ">99%"
    return pct(probability_pct, 0)


def chance(row: dict[str, Any]) -> str:
    """rpt_indicators_at_risk, rpt_projection_shortfall: the probability of meeting the target with the 80%
    band of the projection, named for what it is of (band_of), or why there is none (docs/method.md §7)."""
    if row["probability_pct"] is None:
        return row["probability_note_vi"] or "–"
    said = f"Khả năng đạt mục tiêu: {chance_pct(row['probability_pct'], row['probability_note_vi'])}"
    if row["projected_low"] is None or row["projected_high"] is None:
        return said
    band = f"{with_unit(row['projected_low'], None)}–{with_unit(row['projected_high'], row['unit'])}"
    return f"{said}; {band_of(row['method'], row['target_year'])}, khoảng 80%: {band}"


def projection_point(row: dict[str, Any]) -> dict[str, Any] | None:
    """rpt_key_indicator_year: the projection a key-indicator chart draws in its target year with the 80%
    band, labelled for what it is of (band_of); None without a band."""
    if row["projected_low"] is None or row["projected_high"] is None or row["projected_central"] is None:
        return None
    return {
        "year": row["target_year"],
        "central": row["projected_central"],
        "low": row["projected_low"],
        "high": row["projected_high"],
        "label": f"Dự báo {band_of(row['method'], row['target_year'])} (khoảng 80%)",
    }


# rpt_key_indicator_year.versus: what a part-year figure is compared with
VERSUS_VI = {"scenario": "kịch bản", "plan_to_date": "kế hoạch đến nay"}


def _digits(unit: str) -> int | None:
    return 1 if unit.startswith("%") else None


def key_chart_caption(row: dict[str, Any], year: int) -> tuple[str, dict[str, Any] | None]:
    """rpt_key_indicator_year: the chart's message (without its status) and its provisional point, if any."""
    unit, digits = row["unit"], _digits(row["unit"])
    when = f"lũy kế 2026–{year}" if row["is_cumulative"] and year > 2026 else f"năm {year}"
    if row["message"] == "no_data":
        return f"{when} chưa có số liệu", None
    if row["message"] == "value":
        return f"{when} đạt {with_unit(row['value'], unit, digits)}", None
    word = "vượt" if row["is_beyond"] else "thấp hơn"
    if row["message"] == "versus_plan":
        return (
            f"{when} đạt {with_unit(row['value'], unit, digits)}, {word} kịch bản "
            f"({with_unit(row['compare'], unit, digits)})"
        ), None
    months = period_vi(row["ytd_period"])
    part = unit if unit.startswith("%") else unit.removesuffix("/năm")
    if row["basis"] == "to_date":
        said = f"lũy kế đến hết {months} đạt {with_unit(row['value'], unit, digits)} (tạm tính)"
    elif row["basis"] == "pro_rata":
        said = (
            f"{months} đạt {with_unit(row['ytd_value'], part, digits)}, ước cả năm "
            f"{with_unit(row['value'], part, digits)} (tạm tính)"
        )
    else:
        said = f"{months} đạt {with_unit(row['ytd_value'], part, digits)} (tạm tính)"
    point = None
    if row["value"] is not None:
        estimate = row["is_annual_estimate"]
        shown = f"Ước cả năm theo {months} (tạm tính)" if estimate else f"Tạm tính ({months})"
        point = {"year": row["point_year"], "value": row["value"], "label": shown}
    if row["value"] is not None and row["compare"] is not None:
        versus = VERSUS_VI.get(row["versus"], f"lộ trình đến mục tiêu năm {year}")
        said += f", {word} {versus} ({with_unit(row['compare'], part, digits)})"
    return f"năm {year} chưa kết thúc: {said}", point


# rpt_status_movement.movement in words (seeds/labels_status.csv, domain movement)
MOVEMENT_VI = labels_of("movement")


def _symbol(status: str | None) -> str:
    s = STATUSES.get(status or "")
    return s.symbol if s else "–"


def movement_cell(row: dict[str, Any] | None) -> str:
    """rpt_status_movement: the status at the previous quarter-end and now, by symbol, and the movement
    ("◕ → ◑ xấu đi"); – without a row."""
    if row is None:
        return "–"
    moved = MOVEMENT_VI[row["movement"]].lower()
    return f"{_symbol(row['status_previous'])} → {_symbol(row['status_now'])} {moved}"


def movement_sentence(rows: list[dict[str, Any]]) -> str:
    """rpt_status_movement (the rows of one report period): how many indicators moved since the previous
    quarter-end. A count reads the same for one indicator as for many ("1 chỉ tiêu")."""
    if not any(r["previous_as_of_date"] is not None for r in rows):
        return "So với quý trước: chưa có đánh giá cuối quý trước để so sánh."
    n = Counter(r["movement"] for r in rows)
    previous = day(rows[0]["previous_quarter_end"])
    if n["improved"] or n["worsened"]:
        said = (
            f"{num(n['improved'])} chỉ tiêu chuyển biến tốt hơn, {num(n['worsened'])} xấu đi, "
            f"{num(n['unchanged'])} không đổi"
        )
    else:
        said = (
            f"không có chỉ tiêu nào chuyển biến tốt hơn hay xấu đi, {num(n['unchanged'])} chỉ tiêu không đổi"
        )
    if n["new"]:
        said += f"; {num(n['new'])} chỉ tiêu mới có đánh giá"
    if n["unrated"]:
        said += f"; {num(n['unrated'])} chỉ tiêu không còn đánh giá được"
    return f"So với quý trước (đánh giá đến {previous}): {said}."


def status_paths(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """rpt_status_path (the as-of dates a report shows, in order of position): one table row per key
    indicator with a status symbol per as-of date, and the columns: the quarters (I/2026), then the build's
    date when it ends no quarter ("Đến 28/02/2027"); a date without the indicator's status is left blank."""
    dates = sorted({(r["as_of_date"], r["quarter"]) for r in rows})
    columns = [("indicator", "Chỉ tiêu")] + [
        (str(d), period_vi(quarter).removeprefix("quý ") if quarter else f"Đến {day(d)}")
        for d, quarter in dates
    ]
    table_rows: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["position"]):
        blank = {key: "" for key, _ in columns[1:]}  # "–" is a status (not assessable)
        name = f"{r['indicator_code']} {r['name_vi']}"
        line = table_rows.setdefault(r["indicator_code"], {"indicator": name, **blank})
        line[str(r["as_of_date"])] = _symbol(r["status"])
    return list(table_rows.values()), columns


def status_path_table(rows: list[dict[str, Any]], *, label: str, caption: str) -> str:
    """rpt_status_path: the key indicators' status paths as a table (status_paths), the quarters narrow and
    centred; the annual and mid-term reports print it."""
    lines, columns = status_paths(rows)
    quarters = len(columns) - 1
    return table(
        lines,
        columns,
        label=label,
        caption=caption,
        align="l" + "c" * quarters,
        widths=[34] + [max(66 // max(quarters, 1), 5)] * quarters,
        empty="Chưa có đánh giá cuối quý nào để so sánh.",
    )
