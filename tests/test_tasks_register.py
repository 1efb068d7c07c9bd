"""The task register extracted from PHỤ LỤC 2 and the seeds written from it.

Expected numbers and cells are read from docs/plan/chuong-trinh-hanh-dong-2026-2030.txt
(PHỤ LỤC 2, lines 544–1051) by hand.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

import pytest
import yaml

from planwatch.plan.tasks import (
    MILESTONE_COLUMNS,
    MILESTONES_CSV,
    SEEDS_DIR,
    TASK_COLUMNS,
    TASKS_CSV,
    Task,
    extract_tasks,
    render_seeds,
)

# Tasks per section, counted in the document: the numbering restarts in each.
EXPECTED_SECTION_COUNTS = {
    "I": 16,
    "II.2.1": 12,
    "II.2.2": 29,
    "III": 19,
    "IV": 8,
    "V": 21,
    "VI": 16,
    "VII.7.1": 8,
    "VII.7.2": 10,
    "VIII": 14,
    "IX": 7,
    "X": 5,
    "XI": 14,
    "XII.12.1": 4,
    "XII.12.2": 3,
    "XII.12.3": 5,
    "XII.12.4": 2,
    "XII.12.5": 5,
    "XII.12.6": 3,
    "XII.12.7": 5,
}


@pytest.fixture(scope="module")
def tasks() -> dict[str, Task]:
    return {t.task_code: t for t in extract_tasks()}


def _read_seed(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_register_holds_the_206_numbered_tasks(tasks: dict[str, Task]) -> None:
    assert len(tasks) == 206
    assert sum(EXPECTED_SECTION_COUNTS.values()) == 206


def test_counts_tasks_per_section_as_printed(tasks: dict[str, Task]) -> None:
    counts = Counter(t.section_code for t in tasks.values())
    assert dict(counts) == EXPECTED_SECTION_COUNTS


def test_numbering_restarts_in_each_section_and_has_no_gap_but_the_printed_one(
    tasks: dict[str, Task],
) -> None:
    numbers: dict[str, list[int]] = {}
    for t in tasks.values():
        numbers.setdefault(t.section_code, []).append(t.number_in_section)
    for section, found in numbers.items():
        if section == "VII.7.2":
            # The document prints (8) then (10): there is no task (9) in 7.2 (lines 873–874).
            assert found == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]
        else:
            assert found == list(range(1, len(found) + 1)), section


def test_task_code_is_unique_and_built_from_section_and_number(tasks: dict[str, Task]) -> None:
    codes = [t.task_code for t in extract_tasks()]
    assert len(codes) == len(set(codes))
    for t in tasks.values():
        assert t.task_code == f"{t.section_code}.{t.number_in_section}"


def test_committed_seeds_equal_a_fresh_extraction() -> None:
    for name, text in render_seeds().items():
        committed = (SEEDS_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"seeds/{name} is stale: run `python -m planwatch.plan.tasks`"


def test_seed_yaml_types_every_column_of_both_seeds() -> None:
    spec = yaml.safe_load((SEEDS_DIR / "_registers__tasks.yml").read_text(encoding="utf-8"))
    seeds = {s["name"]: s for s in spec["seeds"]}
    expected = {"plan_tasks": TASK_COLUMNS, "plan_task_milestones": MILESTONE_COLUMNS}
    for name, columns in expected.items():
        assert list(seeds[name]["config"]["column_types"]) == list(columns)
        assert [c["name"] for c in seeds[name]["columns"]] == list(columns)
    header = next(csv.reader(io.StringIO(render_seeds()[TASKS_CSV])))
    assert tuple(header) == TASK_COLUMNS


def test_every_milestone_belongs_to_a_task_and_is_numbered_from_one() -> None:
    codes = {r["task_code"] for r in _read_seed(TASKS_CSV)}
    by_task: dict[str, list[int]] = {}
    for row in _read_seed(MILESTONES_CSV):
        assert row["task_code"] in codes
        by_task.setdefault(row["task_code"], []).append(int(row["milestone_no"]))
    for numbers in by_task.values():
        assert numbers == list(range(1, len(numbers) + 1))


def test_every_agency_cell_resolves_to_codes() -> None:
    for row in _read_seed(TASKS_CSV):
        assert row["lead_agency_codes"], row["task_code"]
        if row["support_agency_text"]:
            assert row["support_agency_codes"], row["task_code"]


# --- spot checks, read from the document ----------------------------------------------------


def test_task_split_across_page_breaks_is_joined(tasks: dict[str, Task]) -> None:
    # I (2), line 554; its Kết quả cell continues after two page breaks (lines 558, 562).
    t = tasks["I.2"]
    assert (t.doc_line, t.doc_lines) == (554, (554, 558, 562))
    assert t.lead_agency_text == "Sở Khoa học và Công nghệ"
    assert t.lead_agency_codes == ("SKHCN",)
    assert "cho các tổ chức, cá nhân thực hiện hoạt động khoa học và công nghệ" in t.deliverable_vi
    assert t.deliverable_vi.endswith(
        "(4) thành lập và ban hành điều lệ, quy chế đầu tư của Quỹ đầu tư mạo hiểm."
    )
    assert "<p>" not in t.deliverable_vi
    assert t.note_vi == "Theo Chương trình hành động số 05 điều chỉnh, bổ sung"
    d = t.deadline
    assert d.kind == "multi_milestone"
    assert [(m.due, m.already_completed) for m in d.milestones] == [
        (None, True),
        (date(2026, 6, 30), False),
    ]


def test_task_completed_in_2025(tasks: dict[str, Task]) -> None:
    t = tasks["II.2.1.1"]
    assert t.doc_line == 594
    assert t.task_text_vi.startswith("Ban hành Kế hoạch phương án vay vốn (hạn mức, nguồn vay")
    assert t.deadline_text_vi == "Năm 2025 (đã hoàn thành)"
    assert (t.deadline.kind, t.deadline.due, t.deadline.already_completed) == (
        "completed",
        date(2025, 12, 31),
        True,
    )
    assert t.lead_agency_codes == ("STC",)
    assert t.deliverable_vi == "Quyết định số 4111/QĐ-UBND ngày 17/10/2025 của UBND thành phố"
    assert t.is_new_task is False


def test_task_text_and_agencies_split_across_a_page_break(tasks: dict[str, Task]) -> None:
    # XI (4), line 956, continued on line 960 in four columns.
    t = tasks["XI.4"]
    assert t.task_text_vi == (
        "Xây dựng và áp dụng cơ chế Một cửa liên thông trong giải quyết thủ tục hành chính "
        "đối với dự án đầu tư thực hiện ngoài khu công nghiệp, khu kinh tế"
    )
    assert t.note_vi == "Theo Chương trình hành động số 05-CTr/TU"
    assert t.deadline.due == date(2026, 6, 30)
    assert "SKHCN" in t.support_agency_codes and "VPUBNDTP" in t.support_agency_codes


def test_new_task_with_yearly_deadline(tasks: dict[str, Task]) -> None:
    t = tasks["I.6"]
    assert t.deadline_text_vi == "Quý IV hàng năm"
    assert (t.deadline.kind, t.deadline.recurrence_rule) == ("yearly", "yearly:Q4")
    assert t.note_vi == "Nội dung mới theo Nghị quyết Đại hội XIV"
    assert t.is_new_task is True


def test_sub_items_become_milestones_with_their_own_lead_agency() -> None:
    rows = [r for r in _read_seed(MILESTONES_CSV) if r["task_code"] == "VII.7.1.6"]
    assert [r["sub_item_vi"].split(".")[0] for r in rows] == [
        "i",
        "ii",
        "iii",
        "iii",
        "iii",
        "iv",
        "v",
        "v",
        "vi",
        "vi",
    ]
    nam_do_son = rows[1]
    assert (nam_do_son["due_date"], nam_do_son["lead_agency_codes"]) == ("2026-12-31", "BQLKKT")
    assert rows[0]["due_date"] == ""  # "Bàn giao mặt bằng … theo chỉ đạo của Trung ương"
    assert [r["due_date"] for r in rows[6:8]] == ["2026-06-30", "2028-06-30"]
