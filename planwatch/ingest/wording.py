"""What a failed expectation tells the department: the message, the expected form and the nearest
valid choice, one Problem per row (docs/ingest.md lists the keys)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from planwatch.ingest.cells import DATE_FORMS, Row
from planwatch.ingest.columns import STATUSES, TASK_STATES
from planwatch.ingest.gx import Failure
from planwatch.ingest.model import Problem
from planwatch.ingest.numbers import format_vn_number
from planwatch.ingest.periods import ACCEPTED_FORMS
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo
from planwatch.ingest.suggestions import foreign_characters, nearest_codes, nearest_label, strip_lookalikes
from planwatch.ingest.units import canonical_unit, conversion_factor, plausibility_class

STATUS_CHOICES = ", ".join(label for _, label in STATUSES.values())
STATE_CHOICES = ", ".join(TASK_STATES.values())


# --- problems from GX failures --------------------------------------------------------------------


def indicator_problems(
    failures: list[Failure], rows: list[Row], agency: str, catalogue: Catalogue, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    for failure in failures:
        if failure.key == "duplicate_in_file":
            problems += _duplicates(
                failure, rows, lambda r: (r.parsed["code"], r.parsed["period"].code), "chỉ tiêu"
            )
            continue
        for i in failure.indexes:
            problems.append(_indicator_problem(failure, rows[i], agency, catalogue, today))
    return problems


def _indicator_problem(failure: Failure, row: Row, agency: str, catalogue: Catalogue, today: date) -> Problem:
    p = row.parsed
    code, info, period = p["code"], p["info"], p["period"]
    shown = row.text(failure.column)
    column = failure.column
    match failure.key:
        case "unknown_indicator":
            if code is None:
                return row.problem(
                    "unknown_indicator", "thiếu mã chỉ tiêu", column, expected="một mã chỉ tiêu của danh mục"
                )
            if foreign_characters(code):
                known = catalogue.indicators
                return _lookalike_problem(
                    row, "unknown_indicator", "mã chỉ tiêu", code, column, known, ", ví dụ II.4.a"
                )
            near = nearest_codes(code, catalogue.indicators)
            return row.problem(
                "unknown_indicator",
                f'mã chỉ tiêu "{code}" không có trong danh mục chỉ tiêu của Chương trình hành động',
                column,
                value=shown,
                expected="một mã chỉ tiêu của danh mục (marts.dim_indicator)",
                suggestion=", ".join(near) or None,
            )
        case "heading_indicator":
            children = [c for c in catalogue.indicators if c.startswith(f"{code}.")]
            return row.problem(
                "heading_indicator",
                f"{code} là tiêu đề nhóm, không phải chỉ tiêu có số liệu",
                column,
                value=shown,
                expected="mã của một chỉ tiêu con",
                suggestion=", ".join(children) or None,
            )
        case "not_owner":
            leads = ", ".join(info.lead_agency_codes) if info and info.lead_agency_codes else None
            who = f"do {leads} chủ trì" if leads else "chưa giao đơn vị chủ trì"
            return row.problem(
                "not_owner",
                f"chỉ tiêu {code} {who}, {agency} không được gửi.",
                column,
                value=shown,
                expected=f"chỉ các chỉ tiêu do {agency} chủ trì (Thống kê thành phố gửi được mọi chỉ tiêu)",
                suggestion=f"bỏ dòng này; số liệu do {leads or 'TKTP'} gửi",
            )
        case "bad_value":
            return row.problem(
                "bad_value", "thiếu giá trị", column, expected="một số (ô không được để trống)"
            )
        case "implausible_value":
            what = {
                "share": "tỷ lệ phần trăm",
                "change": "tốc độ tăng/giảm (%)",
                "nonneg": "số lượng, giá trị",
                "index01": "chỉ số",
                "rank": "thứ hạng trong 63 tỉnh, thành phố",
            }.get(range_class(info), "giá trị")
            return row.problem(
                "implausible_value",
                f"giá trị {shown} ngoài khoảng hợp lý của {what} (chỉ tiêu {code}, đơn vị "
                f"{info.unit if info else '—'})",
                column,
                value=shown,
                expected=expected_range(failure),
                suggestion={
                    "share": "tỷ lệ ghi theo phần trăm: 13,2 nghĩa là 13,2% — kiểm tra số, không nhân 100",
                    "change": "tốc độ tăng ghi theo phần trăm: 13,2 nghĩa là tăng 13,2%",
                    "rank": "ghi thứ hạng là số nguyên từ 1 đến 63",
                    "index01": "chỉ số ghi dạng 0,8 (từ 0 đến 1)",
                }.get(range_class(info), "kiểm tra lại số và đơn vị tính"),
            )
        case "missing_unit":
            return row.problem(
                "missing_unit",
                "thiếu đơn vị tính (cột bắt buộc)",
                column,
                expected=f"đơn vị của chỉ tiêu {code}: {info.unit}" if info and info.unit else "đơn vị tính",
                suggestion=info.unit if info else None,
            )
        case "unit_mismatch":
            plan = [
                u
                for u in catalogue.plan_units.get(code, ())
                if canonical_unit(u) != canonical_unit(info.unit)
            ]
            factor = conversion_factor(shown, info.unit)
            if factor is not None and p["value"] is not None:
                converted = format_vn_number(p["value"] * factor)
                advice = (
                    f'ghi {converted} (đơn vị "{info.unit}") — số đã quy đổi từ {row.text("gia_tri")} {shown}'
                )
            else:
                advice = f'ghi số liệu theo "{info.unit}" (quy đổi tại đơn vị nếu cần)'
            return row.problem(
                "unit_mismatch",
                f'đơn vị "{shown}" khác đơn vị của chỉ tiêu {code} ("{info.unit}"'
                + (f", hoặc đơn vị Kế hoạch in: {', '.join(repr(u) for u in plan)}" if plan else "")
                + "); không tự quy đổi số liệu",
                column,
                value=shown,
                expected=" hoặc ".join(dict.fromkeys([info.unit, *plan])),
                suggestion=advice,
            )
        case "bad_period":
            if period is None:
                return row.problem("bad_period", "thiếu kỳ báo cáo", column, expected=ACCEPTED_FORMS)
            return row.problem(
                "bad_period",
                f"mã kỳ {period.code} không đúng dạng chuẩn",
                column,
                value=shown,
                expected=ACCEPTED_FORMS,
            )
        case "future_period":
            return row.problem(
                "future_period",
                f"kỳ {period.label_vi} bắt đầu ngày {period.start:%d/%m/%Y}, sau hôm nay ({today:%d/%m/%Y})",
                column,
                value=shown,
                expected=f"một kỳ đã bắt đầu, không sau {today:%d/%m/%Y}",
                suggestion="kiểm tra năm, quý, tháng của kỳ",
            )
        case "running_period_not_estimate":
            return row.problem(
                "running_period_not_estimate",
                f"kỳ {period.label_vi} chưa kết thúc (đến hết {period.end:%d/%m/%Y}): "
                f'chỉ được gửi số ước tính, không phải "{STATUSES[p["status"]][1]}"',
                column,
                value=row.text("trang_thai"),
                expected="ước tính",
                suggestion="ước tính",
            )
        case "bad_status":
            if shown is None:
                return row.problem("bad_status", "thiếu trạng thái số liệu", column, expected=STATUS_CHOICES)
            return row.problem(
                "bad_status",
                f'trạng thái số liệu "{shown}" không hợp lệ',
                column,
                value=shown,
                expected=STATUS_CHOICES,
                suggestion=nearest_label(shown, [label for _, label in STATUSES.values()]),
            )
    return row.problem(failure.key, f"không đạt kiểm tra {failure.expectation_type}", column, value=shown)


def task_problems(
    failures: list[Failure], rows: list[Row], agency: str, catalogue: Catalogue, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    for failure in failures:
        if failure.key == "duplicate_in_file":
            problems += _duplicates(failure, rows, lambda r: r.parsed["code"], "nhiệm vụ")
            continue
        for i in failure.indexes:
            problems.append(_task_problem(failure, rows[i], agency, catalogue, today))
    return problems


def _task_problem(failure: Failure, row: Row, agency: str, catalogue: Catalogue, today: date) -> Problem:
    code = row.parsed["code"]
    shown = row.text(failure.column)
    column = failure.column
    match failure.key:
        case "unknown_task":
            if code is None:
                return row.problem(
                    "unknown_task", "thiếu mã nhiệm vụ", column, expected="một mã nhiệm vụ của PHỤ LỤC 2"
                )
            if foreign_characters(code):
                known = catalogue.tasks
                return _lookalike_problem(row, "unknown_task", "mã nhiệm vụ", code, column, known, "")
            return row.problem(
                "unknown_task",
                f'mã nhiệm vụ "{code}" không có trong PHỤ LỤC 2',
                column,
                value=shown,
                expected="một mã nhiệm vụ của PHỤ LỤC 2 (marts.dim_task)",
                suggestion=", ".join(nearest_codes(code, catalogue.tasks)) or None,
            )
        case "not_owner":
            leads = ", ".join(catalogue.tasks[code].lead_agency_codes) or "chưa giao"
            return row.problem(
                "not_owner",
                f"nhiệm vụ {code} do {leads} chủ trì, {agency} không được báo cáo.",
                column,
                value=shown,
                expected=f"chỉ các nhiệm vụ do {agency} chủ trì",
                suggestion=f"bỏ dòng này; tiến độ do {leads} báo cáo",
            )
        case "bad_state":
            if shown is None:
                return row.problem("bad_state", "thiếu tình trạng thực hiện", column, expected=STATE_CHOICES)
            return row.problem(
                "bad_state",
                f'tình trạng "{shown}" không hợp lệ',
                column,
                value=shown,
                expected=STATE_CHOICES,
                suggestion=nearest_label(shown, list(TASK_STATES.values())),
            )
        case "bad_date":
            return row.problem("bad_date", "thiếu ngày", column, expected=DATE_FORMS)
        case "future_date":
            return row.problem(
                "future_date",
                f"ngày {row.parsed['date']:%d/%m/%Y} sau ngày hôm nay ({today:%d/%m/%Y})",
                column,
                value=shown,
                expected=f"một ngày không sau {today:%d/%m/%Y}",
                suggestion="kiểm tra ngày (viết ngày trước tháng: 17/10/2025)",
            )
    return row.problem(failure.key, f"không đạt kiểm tra {failure.expectation_type}", column, value=shown)


def _lookalike_problem(
    row: Row, key: str, what: str, code: str, column: str | None, known: Any, example: str
) -> Problem:
    """A code holding a hidden or non-Latin look-alike character: name each one and its position, and
    suggest the Latin code when that is a known one (indicator and task codes alike)."""
    cleaned = strip_lookalikes(code)
    return row.problem(
        key,
        f'{what} "{code}" có {"; ".join(foreign_characters(code))} (hidden or look-alike character)',
        column,
        value=code.encode("unicode_escape").decode("ascii"),
        expected=f"{what} chỉ gồm chữ Latin, chữ số và dấu chấm{example}",
        suggestion=f'gõ lại mã: "{cleaned}"' if cleaned in known else "gõ lại mã",
    )


def _duplicates(failure: Failure, rows: list[Row], key_of: Any, what: str) -> list[Problem]:
    """One problem per repeated row, naming every row of its group (the first one is kept as reference)."""
    groups: dict[Any, list[Row]] = defaultdict(list)
    for i in failure.indexes:
        groups[key_of(rows[i])].append(rows[i])
    problems = []
    for key, group in groups.items():
        group.sort(key=lambda r: (r.file, r.row_no))
        where = ", ".join(
            str(r.row_no) if r.file == group[0].file else f"{r.row_no} ({r.file})" for r in group
        )
        label = f"{what} {key[0]}, kỳ {key[1]}" if isinstance(key, tuple) else f"{what} {key}"
        for row in group[1:]:
            problems.append(
                row.problem(
                    "duplicate_in_file",
                    f"{label} xuất hiện nhiều lần trong tệp: dòng {where}",
                    failure.column,
                    value=row.text(failure.column),
                    expected="mỗi chỉ tiêu và kỳ một dòng"
                    if isinstance(key, tuple)
                    else "mỗi nhiệm vụ một dòng",
                    suggestion=f"giữ một dòng (trùng với dòng {group[0].row_no})",
                )
            )
    return problems


def range_class(info: IndicatorInfo | None) -> str | None:
    return None if info is None else plausibility_class(info.unit, info.kind, info.name_vi)


def expected_range(failure: Failure) -> str:
    """The range an implausible value missed, read from the expectation's own kwargs (the suite file)."""
    kw = failure.kwargs
    values = kw.get("value_set")
    if isinstance(values, list) and values:
        return f"một số nguyên từ {min(values):g} đến {max(values):g}"
    low, high = kw.get("min_value"), kw.get("max_value")
    if low is not None and high is not None:
        return f"từ {low:g} đến {high:g}"
    return f"không nhỏ hơn {low:g}" if low is not None else f"không lớn hơn {high:g}"


def unknown_agency(agency: str, catalogue: Catalogue, file: str) -> Problem:
    near = catalogue.nearest_agencies(agency)
    return Problem(
        "unknown_agency",
        f'mã đơn vị "{agency}" không có trong danh mục đơn vị',
        file,
        column="--agency",
        value=agency,
        expected="một mã đơn vị của marts.dim_agency, ví dụ STC, SCT, TKTP",
        suggestion=", ".join(near) or None,
    )
