"""Consistency checks: figures a spreadsheet may have changed before planwatch saw them (a percent
that lost its sign, a year-to-date flow below its own part, a figure ~1000x off what is known).
They refuse the file unless the analyst confirms (``--confirm``)."""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.ingest.cells import Row
from planwatch.ingest.model import Problem
from planwatch.ingest.numbers import format_vn_number
from planwatch.ingest.periods import Period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.ingest.units import is_percent_unit
from planwatch.ingest.wording import range_class

# --- consistency checks -----------------------------------------------------------------------------

# A figure this many times larger or smaller than what is known of it is read as a misreading: Calc in
# an English locale turns "78.120" into 78,12 (÷1000). Real figures of the plan never move 300-fold.
FACTOR_FLAG = 300


def consistency_flags(rows: list[Row], catalogue: Catalogue) -> list[tuple[Row, Problem]]:
    """Figures a spreadsheet may have changed before planwatch saw them; each names its evidence."""
    good = [
        r
        for r in rows
        if not r.problems and r.parsed["value"] is not None and r.parsed["period"] and r.parsed["info"]
    ]
    flags: list[tuple[Row, Problem]] = []
    flags += _lost_percent_flags(good)
    flags += _part_above_whole_flags(good)
    flags += _factor_flags(good, catalogue)
    return flags


def _lost_percent_flags(rows: list[Row]) -> list[tuple[Row, Problem]]:
    """An Excel number between 0 and 1 on a percent indicator, in a cell pre-formatted as a number (the
    template's "#,##0.0##"): "13,2%" typed there is stored as 0,132 (the % is lost), 100 times too
    small. In a General cell Excel and Calc apply a percent format instead, which the reader sees."""
    flags = []
    for row in rows:
        p, info = row.parsed, row.parsed["info"]
        if p["notation"] != "excel" or p["percent_format"] or not is_percent_unit(info.unit):
            continue
        if not row.formats.get("gia_tri"):
            continue
        if 0 < abs(p["value"]) < 1:
            shown, percent = format_vn_number(p["value"]), format_vn_number((p["value"] * 100).normalize())
            flags.append(
                (
                    row,
                    row.problem(
                        "percent_as_fraction",
                        f"ô số {shown} cho chỉ tiêu {info.code} tính bằng {info.unit}: nếu đã gõ "
                        f'"{percent}%" vào ô định dạng số, bảng tính đã lưu {shown} '
                        "(mất dấu %, nhỏ đi 100 lần)",
                        "gia_tri",
                        value=row.text("gia_tri"),
                        expected=f"số phần trăm: {percent} nghĩa là {percent}%",
                        suggestion=f"ghi {percent} (không có dấu %); nếu đúng là {shown}%, nộp lại với "
                        "`planwatch ingest --confirm`",
                    ),
                )
            )
    return flags


def _part_above_whole_flags(rows: list[Row]) -> list[tuple[Row, Problem]]:
    """A year-to-date (or year) flow below a quarter or month it contains, in the same file."""
    flags = []
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        info = row.parsed["info"]
        if info.part_year_figure == "partial_sum" and range_class(info) == "nonneg":
            by_code[info.code].append(row)
    for code, group in by_code.items():
        # The parts a period can contain start inside it: look only at those (by start date), and take
        # the first of them in the file's order, as a scan of every row would.
        by_start = sorted(range(len(group)), key=lambda i: group[i].parsed["period"].start)
        starts = [group[i].parsed["period"].start for i in by_start]
        for whole in group:
            w: Period = whole.parsed["period"]
            inside = [
                i
                for i in by_start[bisect_left(starts, w.start) : bisect_right(starts, w.end)]
                if _contains(w, group[i].parsed["period"])
                and whole.parsed["value"] < group[i].parsed["value"]
            ]
            if inside:
                part = group[min(inside)]
                q: Period = part.parsed["period"]
                at = f"dòng {part.row_no}" if part.file == whole.file else f"{part.file} dòng {part.row_no}"
                big, small = format_vn_number(whole.parsed["value"]), format_vn_number(part.parsed["value"])
                flags.append(
                    (
                        whole,
                        whole.problem(
                            "ytd_below_part",
                            f"chỉ tiêu {code} kỳ {w.label_vi} = {big} nhỏ hơn kỳ {q.label_vi} = {small} "
                            f"({at}) mà nó bao gồm: số lũy kế không thể nhỏ hơn một phần của nó "
                            "(a year-to-date flow below its own part)",
                            "gia_tri",
                            value=whole.text("gia_tri"),
                            expected=f"không nhỏ hơn {small}",
                            suggestion="kiểm tra hai số (bảng tính có thể đã đọc sai dấu chấm/phẩy); nếu "
                            "đúng, nộp lại với `planwatch ingest --confirm`",
                        ),
                    )
                )
    return flags


def _contains(whole: Period, part: Period) -> bool:
    """`part` lies inside `whole` and is not the same span."""
    return (
        whole.start <= part.start
        and part.end <= whole.end
        and (part.start, part.end) != (whole.start, whole.end)
    )


def _factor_flags(rows: list[Row], catalogue: Catalogue) -> list[tuple[Row, Problem]]:
    """A money or count figure ~1000 times off the indicator's previous vintage of the same period, or
    else off its neighbouring periods (the warehouse's and this file's figures of the same period type)."""
    flags = []
    file_values = _positive_values_by_period(rows)
    known: dict[str, _Known] = {}
    pools: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        info, period = row.parsed["info"], row.parsed["period"]
        value = float(row.parsed["value"])
        if range_class(info) != "nonneg" or value <= 0:
            continue
        figures = known.get(info.code) or known.setdefault(info.code, _known_of(catalogue, info.code))
        previous = figures.latest.get(period.code)
        if previous is not None:
            reference, what = previous, f"số đã nộp trước cho cùng kỳ {period.code}"
        else:
            # The warehouse's figures of the period type, and the file's of its other periods.
            group = (info.code, period.period_type)
            same_type = file_values.get(group, {})
            if group not in pools:
                in_file = (v for values in same_type.values() for v in values)
                pools[group] = sorted([*figures.by_type.get(period.period_type, ()), *in_file])
            neighbours = _without(pools[group], same_type.get(period.code, ()))
            if not neighbours:
                continue
            reference, what = statistics.median(neighbours), "các kỳ lân cận (trung vị)"
        ratio = value / reference
        if 1 / FACTOR_FLAG < ratio < FACTOR_FLAG:
            continue
        times = (
            f"{format_vn_number(round(ratio))} lần"
            if ratio > 1
            else f"1/{format_vn_number(round(1 / ratio))}"
        )
        near = format_vn_number(Decimal(repr(reference)))
        flags.append(
            (
                row,
                row.problem(
                    "off_by_thousand",
                    f"giá trị {format_vn_number(row.parsed['value'])} ({info.unit}) bằng khoảng {times} "
                    f"{what} của chỉ tiêu {info.code} ({near}): có thể bảng tính đã đọc sai dấu chấm "
                    "phân nhóm nghìn (a figure ~1000× off its known values)",
                    "gia_tri",
                    value=row.text("gia_tri"),
                    expected=f"gần {near} {info.unit}",
                    suggestion="kiểm tra số và cách bảng tính hiểu dấu chấm/phẩy; nếu đúng, nộp lại với "
                    "`planwatch ingest --confirm`",
                ),
            )
        )
    return flags


def _positive_values_by_period(rows: list[Row]) -> dict[tuple[str, str], dict[str, list[float]]]:
    """The file's positive figures, by (indicator, period type), then by period: one pass, so a
    million-row file is not scanned once per row."""
    out: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        period = r.parsed["period"]
        if r.parsed["value"] > 0:
            out[(r.parsed["info"].code, period.period_type)][period.code].append(float(r.parsed["value"]))
    return out


@dataclass(frozen=True)
class _Known:
    """The warehouse's figures of one indicator: the first positive one of each period, and the
    positive ones of each period type (in the catalogue's order)."""

    latest: dict[str, float]
    by_type: dict[str, list[float]]


def _known_of(catalogue: Catalogue, code: str) -> _Known:
    latest: dict[str, float] = {}
    by_type: dict[str, list[float]] = defaultdict(list)
    for k in catalogue.known_figures.get(code, ()):
        if k.value > 0:
            latest.setdefault(k.period, k.value)
            by_type[k.period_type].append(k.value)
    return _Known(latest, by_type)


def _without(pool: list[float], values: Sequence[float]) -> list[float]:
    """The sorted `pool` less one copy of each of `values` (each of which it holds)."""
    rest = pool.copy()
    for v in values:
        del rest[bisect_left(rest, v)]
    return rest


def confirmed(row: Row, flag: Problem) -> Problem:
    """A flagged figure the analyst confirmed: accepted, the reason kept on the row and in the load."""
    message = f"đã xác nhận (--confirm): {flag.message_vi}"
    previous = row.parsed.get("warning")
    noted = f"[confirmed_{flag.key}] {message}"
    row.parsed["warning"] = f"{previous}; {noted}" if previous else noted
    return Problem(
        f"confirmed_{flag.key}", message, flag.file, flag.row, flag.column, flag.value, flag.expected
    )
