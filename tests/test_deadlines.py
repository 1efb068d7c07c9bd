"""The deadline parser against every deadline string of PHỤ LỤC 2, and form by form.

tests/fixtures/deadline_corpus.csv holds each distinct deadline cell of PHỤ LỤC 2 (tasks and
the sub-items of VII.7.1.6, after joining split cells) with the reading a person gives it.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from planwatch.plan.deadlines import KINDS, RECURRENCES, Deadline, parse_deadline
from planwatch.plan.tasks import deadline_texts

CORPUS = Path(__file__).parent / "fixtures" / "deadline_corpus.csv"


def _corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@pytest.mark.parametrize("row", _corpus(), ids=lambda r: r["deadline_text_vi"][:60])
def test_parses_every_deadline_of_the_document_as_read_by_hand(row: dict[str, str]) -> None:
    d = parse_deadline(row["deadline_text_vi"])
    assert d.text == row["deadline_text_vi"]
    assert d.kind == row["kind"]
    assert d.start == _day(row["start"])
    assert d.due == _day(row["due"])
    assert d.recurrence == row["recurrence"]
    assert d.recurrence_rule == row["recurrence_rule"]
    assert len(d.milestones) == int(row["milestone_count"])
    assert d.already_completed == (row["already_completed"] == "true")


def test_corpus_covers_exactly_the_deadline_strings_of_the_document() -> None:
    in_document = Counter(deadline_texts())
    in_corpus = {row["deadline_text_vi"]: int(row["cells"]) for row in _corpus()}
    assert sorted(set(in_document) - set(in_corpus)) == [], "document strings missing in corpus"
    assert sorted(set(in_corpus) - set(in_document)) == [], "corpus strings not in document"
    assert in_corpus == dict(in_document)
    assert sum(in_document.values()) == 212  # 206 tasks + 6 sub-items of VII.7.1.6


def test_corpus_uses_only_known_kinds_and_recurrences() -> None:
    rows = _corpus()
    assert {r["kind"] for r in rows} <= set(KINDS)
    assert {r["recurrence"] for r in rows} <= set(RECURRENCES)


def test_unparsed_corpus_rows_carry_no_date_and_say_why() -> None:
    for row in _corpus():
        if row["kind"] != "unparsed":
            continue
        d = parse_deadline(row["deadline_text_vi"])
        assert (d.start, d.due, d.milestones) == (None, None, ())
        assert d.parse_note


# --- single periods -----------------------------------------------------------------------


def test_parses_quarter_deadline_as_quarter_end() -> None:
    d = parse_deadline("Quý II/2026")
    assert (d.kind, d.start, d.due, d.recurrence) == ("one_off", None, date(2026, 6, 30), "none")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("quý IV năm 2027", date(2027, 12, 31)),
        ("Quý III Năm 2026", date(2026, 9, 30)),
        ("Quý IV 2026", date(2026, 12, 31)),
        ("Quý I/ 2026 Báo cáo sơ bộ UBND thành phố", date(2026, 3, 31)),
        ("Quý 2/2026", date(2026, 6, 30)),
        ("QUÝ 3/2027", date(2027, 9, 30)),
    ],
)
def test_accepts_roman_and_arabic_quarters_in_any_case(text: str, due: date) -> None:
    assert parse_deadline(text).due == due


def test_parses_month_deadline_as_month_end() -> None:
    assert parse_deadline("Tháng 12/2025").due == date(2025, 12, 31)
    assert parse_deadline("Tháng 3 năm 2026").due == date(2026, 3, 31)
    assert parse_deadline("Khởi công tháng 2/2028").due == date(2028, 2, 29)


def test_parses_year_deadline_as_year_end() -> None:
    d = parse_deadline("Năm 2027")
    assert (d.kind, d.start, d.due) == ("one_off", None, date(2027, 12, 31))


def test_two_quarters_of_one_year_give_a_start_and_an_end() -> None:
    d = parse_deadline("Quý I, II/2026")
    assert (d.start, d.due) == (date(2026, 1, 1), date(2026, 6, 30))


@pytest.mark.parametrize("text", ["2026-2030", "giai đoạn 2026-2030", "Giai đoạn 2026 - 2030"])
def test_parses_period_as_its_first_and_last_day(text: str) -> None:
    d = parse_deadline(text)
    assert (d.kind, d.start, d.due) == ("one_off", date(2026, 1, 1), date(2030, 12, 31))


def test_parses_range_between_different_period_kinds() -> None:
    d = parse_deadline("Tháng 6/2026 đến quý II/2030")
    assert (d.start, d.due) == (date(2026, 6, 1), date(2030, 6, 30))
    d = parse_deadline("Năm 2025 - Quý IV 2026")
    assert (d.start, d.due) == (date(2025, 1, 1), date(2026, 12, 31))


def test_year_missing_from_a_quarter_is_taken_from_a_later_date_and_noted() -> None:
    d = parse_deadline("Hoàn thành xây dựng trong Quý III, đưa vào vận hành trong Quý IV năm 2026")
    assert [m.due for m in d.milestones] == [date(2026, 9, 30), date(2026, 12, 31)]
    assert "taken from a later date" in d.parse_note


# --- recurrence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Quý I hàng năm", "yearly:Q1"),
        ("Quý I hằng năm", "yearly:Q1"),
        ("Quý IV hàng năm", "yearly:Q4"),
        ("Hàng năm", "yearly:12-31"),
        ("Thực hiện thường xuyên, hằng năm", "yearly:12-31"),
        ("Đưa vào Chương trình kiểm tra ( <i>tháng 6 hằng năm</i> )", "yearly:06-30"),
    ],
)
def test_yearly_deadline_gets_a_machine_readable_rule_and_no_date(text: str, rule: str) -> None:
    d = parse_deadline(text)
    assert (d.kind, d.recurrence, d.recurrence_rule) == ("yearly", "yearly", rule)
    assert (d.start, d.due) == (None, None)


def test_start_and_finish_quarters_every_year_recur_on_the_finish_quarter() -> None:
    d = parse_deadline("Thời gian thực hiện: Quý I hàng năm; Hoàn thành trong quý IV hàng năm")
    assert (d.kind, d.recurrence_rule, d.milestones) == ("yearly", "yearly:Q4", ())


def test_continuous_work_has_no_due_date_and_says_so() -> None:
    d = parse_deadline("Thực hiện thường xuyên")
    assert (d.kind, d.recurrence, d.start, d.due) == ("continuous", "continuous", None, None)
    assert "no end date" in d.parse_note


def test_continuous_work_within_a_period_is_bounded_by_it() -> None:
    d = parse_deadline("2026-2030 (Thường xuyên)")
    assert (d.kind, d.start, d.due) == ("continuous", date(2026, 1, 1), date(2030, 12, 31))


def test_every_quarter_is_continuous_with_quarterly_recurrence() -> None:
    d = parse_deadline("Hàng quý")
    assert (d.kind, d.recurrence, d.recurrence_rule) == ("continuous", "quarterly", "quarterly")


def test_from_a_year_onwards_starts_then_and_has_no_due_date() -> None:
    d = parse_deadline("Năm 2026 và các năm tiếp theo")
    assert (d.kind, d.start, d.due, d.recurrence_rule) == (
        "yearly",
        date(2026, 1, 1),
        None,
        "yearly:12-31",
    )


# --- steps and completion -------------------------------------------------------------------


def test_plan_then_implementation_gives_two_milestones() -> None:
    d = parse_deadline("Xây dựng Kế hoạch quý I/2026; triển khai giai đoạn 2026-2030")
    assert d.kind == "multi_milestone"
    first, second = d.milestones
    assert (first.description, first.due) == ("Xây dựng Kế hoạch", date(2026, 3, 31))
    assert (second.description, second.start, second.due) == (
        "triển khai",
        date(2026, 1, 1),
        date(2030, 12, 31),
    )
    assert (d.start, d.due) == (date(2026, 1, 1), date(2030, 12, 31))


def test_done_part_and_pending_part_are_separate_milestones() -> None:
    d = parse_deadline("- Đã hoàn thành nhiệm vụ năm 2025 - Nhiệm vụ 2026: Quý IV/2026")
    assert d.kind == "multi_milestone"
    assert [(m.due, m.already_completed) for m in d.milestones] == [
        (date(2025, 12, 31), True),
        (date(2026, 12, 31), False),
    ]
    assert d.already_completed is False


def test_completed_deadline_keeps_its_date() -> None:
    d = parse_deadline("Năm 2025 (đã hoàn thành)")
    assert (d.kind, d.due, d.already_completed) == ("completed", date(2025, 12, 31), True)
    assert "before the plan period" in d.parse_note


def test_paragraph_markup_separates_steps() -> None:
    d = parse_deadline("<p>Đã hoàn thành các nội dung.</p> <p>Quý II/2026 hoàn thành Quỹ.</p>")
    assert d.kind == "multi_milestone"
    assert [(m.due, m.already_completed) for m in d.milestones] == [
        (None, True),
        (date(2026, 6, 30), False),
    ]


def test_bare_start_joins_the_finish_that_follows_it() -> None:
    d = parse_deadline("Thời gian thực hiện: Quý I năm 2026; Hoàn thành trong quý IV/2030")
    assert (d.kind, d.start, d.due) == ("one_off", date(2026, 1, 1), date(2030, 12, 31))


def test_issue_then_implement_every_year_is_a_dated_step_and_a_recurring_one() -> None:
    d = parse_deadline("Ban hành quý II/2026 và triển khai các năm tiếp theo")
    assert d.kind == "multi_milestone"
    assert [(m.due, m.recurrence) for m in d.milestones] == [
        (date(2026, 6, 30), "none"),
        (None, "yearly"),
    ]
    assert (d.due, d.recurrence) == (date(2026, 6, 30), "yearly")


# --- what it must not guess -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Triển khai, thực hiện theo hướng dẫn, chỉ đạo của Trung ương",
        "Theo tiến độ yêu cầu của Bộ Tài chính",
        "Sau khi có hướng dẫn của Bộ",
        "Hoàn thành trong Quý III",
        "2026/Quý II/2027",
        "",
        "   ",
    ],
)
def test_text_without_a_readable_date_is_unparsed_without_dates(text: str) -> None:
    d = parse_deadline(text)
    assert (d.kind, d.start, d.due, d.milestones) == ("unparsed", None, None, ())
    assert d.parse_note


def test_date_of_a_cited_document_is_not_a_deadline() -> None:
    d = parse_deadline("Thực hiện thường xuyên theo đúng Kế hoạch số 222-KH/UBKTTW, ngày 24/3/2025")
    assert (d.kind, d.due) == ("continuous", None)
    assert "cited document" in d.parse_note


def test_notes_a_due_date_after_the_plan_end() -> None:
    assert "after the plan period" in parse_deadline("Quý I/2026 đến quý III/2032").parse_note
    d = parse_deadline("Năm 2029", plan_end=date(2028, 12, 31))
    assert "after the plan period (ends 2028-12-31)" in d.parse_note


def test_deadline_is_immutable() -> None:
    d = parse_deadline("Quý II/2026")
    assert isinstance(d, Deadline)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.kind = "yearly"  # type: ignore[misc]
