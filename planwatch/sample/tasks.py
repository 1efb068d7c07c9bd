"""Task progress (PHỤ LỤC 2): for each reporting agency, up to six of its dated tasks, done on time,
overdue and still in progress, or done late. The deadlines are the plan's own, as parsed into the
marts (marts.dim_task: start_date, due_date, already_completed), never parsed again here."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from planwatch.ingest.columns import SAMPLE_MARKER
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.sample.design import rng

# (task, due, start, completed on, evidence)
TaskPlan = tuple[str, date, date | None, date | None, str]


def task_plans(catalogue: Catalogue, seed: int, agency: str) -> list[TaskPlan]:
    """Up to 6 of the agency's dated tasks: five due in 2026 (or at the end of 2025), one later."""
    near, later = [], []
    for task in catalogue.tasks_of(agency):
        if task.already_completed or task.due_date is None:
            continue
        if date(2025, 12, 31) <= task.due_date <= date(2026, 12, 31):
            near.append((task.due_date, task.code, task.start_date))
        elif task.due_date > date(2026, 12, 31):
            later.append((task.due_date, task.code, task.start_date))
    plans: list[TaskPlan] = []
    for i, (due, code, start) in enumerate(sorted(near)[:5]):
        r = rng(seed, "task", code)
        # By position: done on time, overdue and still in progress, done late — so every agency
        # shows each case once its deadlines have passed.
        if i % 3 == 1:
            plans.append((code, due, start, None, ""))
            continue
        if i % 3 == 0:
            done = max(due - timedelta(days=r.randint(3, 40)), date(2026, 1, 5))
        else:
            done = due + timedelta(days=r.randint(15, 75))
        plans.append((code, due, start, done, _evidence(r, done, i)))
    for due, code, start in sorted(later)[:1]:
        plans.append((code, due, start, None, ""))
    return plans


def task_rows(catalogue: Catalogue, seed: int, agency: str, as_of: date) -> list[dict[str, Any]]:
    """The agency's task rows as they stand at the end of a quarter."""
    rows = []
    for code, due, start, done, evidence in task_plans(catalogue, seed, agency):
        if done is not None and done <= as_of:
            rows.append(_task_row(code, "hoan_thanh", done, evidence, ""))
        elif start is not None and as_of < start:
            rows.append(_task_row(code, "chua_trien_khai", as_of, "", "chưa đến thời gian thực hiện"))
        elif as_of > due:
            rows.append(_task_row(code, "dang_trien_khai", as_of, "", f"chậm so với hạn {due:%d/%m/%Y}"))
        else:
            rows.append(_task_row(code, "dang_trien_khai", as_of, "", "đang triển khai theo kế hoạch"))
    return rows


def _task_row(code: str, state: str, day: date, evidence: str, note: str) -> dict[str, Any]:
    return {
        "ma_nhiem_vu": code,
        "tinh_trang": state,
        "ngay": day,
        "van_ban": evidence,
        "ghi_chu": SAMPLE_MARKER + (f"; {note}" if note else ""),
    }


def _evidence(r: random.Random, day: date, i: int) -> str:
    forms = ("Quyết định số {n}/QĐ-UBND", "Kế hoạch số {n}/KH-UBND", "Nghị quyết số {n}/{y}/NQ-HĐND")
    form = forms[0] if i == 0 else r.choice(forms)
    return form.format(n=r.randint(100, 4999), y=day.year) + f" ngày {day:%d/%m/%Y}"
