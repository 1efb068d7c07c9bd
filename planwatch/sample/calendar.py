"""The submission calendar: which agency sends which file when — the baseline in January 2026, every
quarter ~10 days after it ends, the year after it closes, TKTP's February revision — with Sở Xây dựng
late and one quarter of Sở Văn hóa, Thể thao và Du lịch never sent (planwatch/sample/design.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from planwatch.ingest.periods import quarter_period, year_period, ytd_period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.sample.design import (
    BASELINE_YEAR,
    DESIGN,
    DUE_DAYS,
    FIRST_YEAR,
    LAST_YEAR,
    LATE_AGENCY,
    LATE_DAYS,
    MISSING,
    OWN_BASELINE,
    REVISED_YEAR_BY_TKTP,
    TASK_AGENCIES,
    rng,
)
from planwatch.sample.event import Event
from planwatch.sample.files import vn_label
from planwatch.sample.history import history_events
from planwatch.sample.tasks import task_rows
from planwatch.sample.values import estimate, indicator_row, sub_year_truths, year_value


def received(seed: int, agency: str, due: date, key: str) -> tuple[datetime, int]:
    """When an agency's submission arrives: a few days early, or 20–30 days late for LATE_AGENCY."""
    r = rng(seed, "received", agency, key)
    if agency == LATE_AGENCY:
        day = due + timedelta(days=r.randint(*LATE_DAYS))
    else:
        day = due - timedelta(days=r.randint(0, 4))
    at = datetime.combine(day, time(7, 30)) + timedelta(minutes=r.randint(0, 570))
    return at, max((at.date() - due).days, 0)


def events(catalogue: Catalogue, seed: int) -> list[Event]:
    """Every submission of 2026–2030, from (seed, catalogue); the caller keeps those received by its date."""
    events = baseline_events(catalogue, seed) + history_events(catalogue, seed)  # pre-plan history
    sent: set[tuple[str, str]] = set()  # (agency, quarter) submissions that were sent
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for q in range(1, 5):
            events.extend(quarter_events(catalogue, seed, year, q, sent))
        events.extend(year_events(catalogue, seed, year))
        events.append(tktp_revision(catalogue, seed, year))
    return events


def baseline_events(catalogue: Catalogue, seed: int) -> list[Event]:
    """January 2026: the 2025 baseline (chính thức), from the agencies in OWN_BASELINE and TKTP."""
    by_agency: dict[str, list[str]] = {}
    for code in DESIGN:
        sender = DESIGN[code].sender
        by_agency.setdefault(sender if sender in OWN_BASELINE else "TKTP", []).append(code)
    events = []
    for agency, codes in sorted(by_agency.items()):
        at, _ = received(seed, agency, date(2026, 1, 20), "baseline")
        period = year_period(BASELINE_YEAR)
        rows = [
            indicator_row(catalogue, c, period, DESIGN[c].baseline, "chinh_thuc", "số liệu cơ sở")
            for c in codes
        ]
        events.append(
            Event(
                agency,
                "indicators",
                at,
                None,
                0,
                "2025-co-so",
                f"Số liệu cơ sở năm {BASELINE_YEAR} (chính thức), {len(rows)} chỉ tiêu",
                str(BASELINE_YEAR),
                rows,
            )
        )
    return events


def quarter_events(
    catalogue: Catalogue, seed: int, year: int, q: int, sent: set[tuple[str, str]]
) -> list[Event]:
    """The quarter's files: estimates, last quarter revised as sơ bộ, the year in Q4, task progress."""
    quarter = quarter_period(year, q)
    due = quarter.end + timedelta(days=DUE_DAYS)
    prev = quarter_period(year, q - 1) if q > 1 else quarter_period(year - 1, 4)
    senders = sorted({d.sender for d in DESIGN.values() if d.quarterly})
    events: list[Event] = []
    times: dict[str, datetime] = {}
    for agency in senders:
        if (agency, quarter.code) == MISSING:
            continue
        at, late = received(seed, agency, due, quarter.code)
        times[agency] = at
        rows = []
        for code in (c for c, d in DESIGN.items() if d.sender == agency and d.quarterly):
            truths = sub_year_truths(seed, code, year)
            current = [quarter] + ([ytd_period(year, 3 * q)] if q in (2, 3) else [])
            for p in current:
                rows.append(
                    indicator_row(
                        catalogue, code, p, estimate(seed, code, p.code, truths[p.code]), "uoc_tinh"
                    )
                )
            if q == 4:
                final = year_value(code, year)
                est = estimate(seed, code, str(year), final) if code in REVISED_YEAR_BY_TKTP else final
                rows.append(indicator_row(catalogue, code, year_period(year), est, "uoc_tinh"))
            if (agency, prev.code) in sent:
                prev_truths = sub_year_truths(seed, code, prev.year)
                revised = [prev] + ([ytd_period(prev.year, 3 * (q - 1))] if q in (3, 4) else [])
                for p in revised:
                    rows.append(
                        indicator_row(
                            catalogue, code, p, prev_truths[p.code], "so_bo", "thay số ước tính kỳ trước"
                        )
                    )
        if q == 4:
            rows.extend(yearly_rows(catalogue, agency, year))
        sent.add((agency, quarter.code))
        what = ("ước tính quý và cả năm" if q == 4 else "ước tính quý") + (
            "; sơ bộ quý trước" if any(r["trang_thai"] == "so_bo" for r in rows) else ""
        )
        events.append(
            Event(
                agency,
                "indicators",
                at,
                due,
                late,
                quarter.code,
                f"Số liệu {vn_label(quarter)} ({what})",
                quarter.code,
                rows,
            )
        )
    for agency in TASK_AGENCIES:
        if agency in times:
            at = times[agency] + timedelta(minutes=5)
            late = max((at.date() - due).days, 0)
        else:
            at, late = received(seed, agency, due, quarter.code + "-tasks")
        rows = task_rows(catalogue, seed, agency, quarter.end)
        if rows:
            events.append(
                Event(
                    agency,
                    "tasks",
                    at,
                    due,
                    late,
                    f"{quarter.code}-nhiem-vu",
                    f"Tiến độ nhiệm vụ PHỤ LỤC 2 đến hết {vn_label(quarter)}",
                    quarter.code,
                    rows,
                )
            )
    return events


def yearly_rows(catalogue: Catalogue, agency: str, year: int) -> list[dict[str, Any]]:
    codes = [c for c, d in DESIGN.items() if d.sender == agency and not d.quarterly]
    return [indicator_row(catalogue, c, year_period(year), year_value(c, year), "uoc_tinh") for c in codes]


def year_events(catalogue: Catalogue, seed: int, year: int) -> list[Event]:
    """Agencies without quarterly figures send the year after it closes (DATA_SUBMISSION_ANNUAL)."""
    quarterly = {d.sender for d in DESIGN.values() if d.quarterly}
    due = year_period(year).end + timedelta(days=DUE_DAYS)
    events = []
    for agency in sorted({d.sender for d in DESIGN.values()} - quarterly):
        at, late = received(seed, agency, due, str(year))
        rows = yearly_rows(catalogue, agency, year)
        events.append(
            Event(
                agency,
                "indicators",
                at,
                due,
                late,
                f"{year}-nam",
                f"Số liệu năm {year} (ước tính)",
                str(year),
                rows,
            )
        )
    return events


def tktp_revision(catalogue: Catalogue, seed: int, year: int) -> Event:
    """TKTP's late-February file: the year's GRDP figures as sơ bộ, replacing January's estimates."""
    at = datetime.combine(date(year + 1, 2, 25), time(9, 0)) + timedelta(
        minutes=rng(seed, "revision", year).randint(0, 300)
    )
    rows = [
        indicator_row(
            catalogue, c, year_period(year), year_value(c, year), "so_bo", "thay số ước tính tháng 1"
        )
        for c in REVISED_YEAR_BY_TKTP
    ]
    return Event(
        "TKTP",
        "indicators",
        at,
        None,
        0,
        f"{year}-dieu-chinh",
        f"Điều chỉnh số liệu năm {year} (sơ bộ)",
        str(year),
        rows,
    )
