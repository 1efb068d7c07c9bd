"""Reading reporting periods (planwatch.ingest.periods) the ways departments write them."""

import unicodedata
from datetime import date, datetime, timedelta

import pytest

from planwatch.ingest.errors import PeriodParseError
from planwatch.ingest.periods import (
    Period,
    month_period,
    parse_period,
    period_is_closed,
    period_is_future,
    periods_overlap,
    quarter_of,
    quarter_period,
    same_period_last_year,
    year_period,
    ytd_period,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


ACCEPTED = [
    # year
    ("2026", "2026"),
    ("Năm 2026", "2026"),
    ("năm 2026", "2026"),
    ("NĂM 2026", "2026"),
    ("Cả năm 2026", "2026"),
    ("nam 2026", "2026"),
    (2026, "2026"),
    (2026.0, "2026"),
    # quarter
    ("Quý III/2026", "2026-Q3"),
    ("Quý 3/2026", "2026-Q3"),
    ("quý 3 năm 2026", "2026-Q3"),
    ("Quý III năm 2026", "2026-Q3"),
    ("Q3/2026", "2026-Q3"),
    ("Q3 2026", "2026-Q3"),
    ("q3-2026", "2026-Q3"),
    ("QIII/2026", "2026-Q3"),
    ("2026-Q3", "2026-Q3"),
    ("2026Q3", "2026-Q3"),
    ("2026 Q3", "2026-Q3"),
    ("2026-q3", "2026-Q3"),
    ("2026\u2013Q3", "2026-Q3"),
    ("Quý I/2026", "2026-Q1"),
    ("quý ii/2026", "2026-Q2"),
    ("Quý IV 2026", "2026-Q4"),
    ("quý IV năm 2030", "2030-Q4"),
    ("Quý I/ 2026", "2026-Q1"),
    ("Quý 03/2026", "2026-Q3"),
    ("QUÝ III/2026", "2026-Q3"),
    ("Quy III/2026", "2026-Q3"),
    ("  Quý   III  /  2026 ", "2026-Q3"),
    (nfd("Quý III/2026"), "2026-Q3"),
    # month
    ("Tháng 3/2026", "2026-03"),
    ("tháng 03/2026", "2026-03"),
    ("tháng 3 năm 2026", "2026-03"),
    ("Tháng 12/2026", "2026-12"),
    ("tháng 3-2026", "2026-03"),
    ("T3/2026", "2026-03"),
    ("T12/2026", "2026-12"),
    ("t03/2026", "2026-03"),
    ("03/2026", "2026-03"),
    ("3/2026", "2026-03"),
    ("2026-03", "2026-03"),
    ("2026-3", "2026-03"),
    ("2026/03", "2026-03"),
    (nfd("Tháng 3/2026"), "2026-03"),
    (date(2026, 3, 15), "2026-03"),
    (datetime(2026, 9, 30, 23, 59), "2026-09"),
    # year to date
    ("6 tháng đầu năm 2026", "2026-YTD06"),
    ("6 tháng 2026", "2026-YTD06"),
    ("6 tháng năm 2026", "2026-YTD06"),
    ("06 tháng 2026", "2026-YTD06"),
    ("9 tháng 2026", "2026-YTD09"),
    ("9 tháng năm 2026", "2026-YTD09"),
    ("9 THÁNG NĂM 2026", "2026-YTD09"),
    ("9 thang 2026", "2026-YTD09"),
    (nfd("6 tháng đầu năm 2026"), "2026-YTD06"),
    ("2026-YTD09", "2026-YTD09"),
    ("2026-ytd9", "2026-YTD09"),
    ("2026YTD06", "2026-YTD06"),
    # "3 tháng" spans Q1 but says cumulative; "1 tháng" likewise stays YTD, not the month.
    ("3 tháng 2026", "2026-YTD03"),
    ("1 tháng 2026", "2026-YTD01"),
    # The whole year to date is the year.
    ("12 tháng 2026", "2026"),
    ("2026-YTD12", "2026"),
]


@pytest.mark.parametrize(("text", "code"), ACCEPTED)
def test_reads_period_as_canonical_code(text, code):
    assert parse_period(text).code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Năm 2026", Period("2026", "year", 2026, date(2026, 1, 1), date(2026, 12, 31), 12)),
        (
            "Quý III/2026",
            Period("2026-Q3", "quarter", 2026, date(2026, 7, 1), date(2026, 9, 30), 3),
        ),
        (
            "Quý IV/2026",
            Period("2026-Q4", "quarter", 2026, date(2026, 10, 1), date(2026, 12, 31), 3),
        ),
        ("Tháng 2/2028", Period("2028-02", "month", 2028, date(2028, 2, 1), date(2028, 2, 29), 1)),
        ("Tháng 2/2026", Period("2026-02", "month", 2026, date(2026, 2, 1), date(2026, 2, 28), 1)),
        ("9 tháng 2026", Period("2026-YTD09", "ytd", 2026, date(2026, 1, 1), date(2026, 9, 30), 9)),
        (
            "6 tháng đầu năm 2026",
            Period("2026-YTD06", "ytd", 2026, date(2026, 1, 1), date(2026, 6, 30), 6),
        ),
    ],
)
def test_period_has_type_year_bounds_and_length(text, expected):
    # Equality covers every field but the note.
    assert parse_period(text) == expected


def test_twelve_months_is_the_year_with_a_note():
    period = parse_period("12 tháng 2026")
    assert period == year_period(2026)
    assert period.period_type == "year"
    assert "12 tháng" in period.note
    assert year_period(2026).note == ""


def test_three_months_keeps_ytd_though_it_spans_the_first_quarter():
    ytd3, q1 = parse_period("3 tháng 2026"), parse_period("Quý I/2026")
    assert ytd3 != q1
    assert (ytd3.start, ytd3.end) == (q1.start, q1.end)
    assert ytd3.period_type == "ytd"


REJECTED = [
    "",
    "   ",
    "abc",
    "2026-Q5",
    "2026-Q0",
    "Quý V/2026",
    "Quý 0/2026",
    "Quý 5/2026",
    "Quý III",
    "Quý I, II/2026",
    "Quý I/2026 đến quý IV/2026",
    "Năm 2025 - Quý IV 2026",
    "Tháng 13/2026",
    "Tháng 0/2026",
    "13/2026",
    "2026-13",
    "2026-00",
    "6 tháng cuối năm 2026",
    "9 tháng",
    "13 tháng 2026",
    "0 tháng 2026",
    "2026-YTD13",
    "2026-YTD00",
    "3 2026",
    "3 năm 2026",
    "6T/2026",
    "H1/2026",
    "2026-2030",
    "31/03/2026",
    "2026-03-31",
    "1899",
    "2101",
    "20266",
    "Ca 2026",
    "Q32026",
]


@pytest.mark.parametrize("text", REJECTED)
def test_rejects_unaccepted_period_listing_the_accepted_forms(text):
    with pytest.raises(PeriodParseError) as info:
        parse_period(text)
    assert info.value.value == text
    assert "Quý III/2026" in info.value.expected
    assert "2026-YTD09" in info.value.expected
    assert str(info.value).startswith("[period_parse_error]")


@pytest.mark.parametrize("cell", [2026.5, True, None, [2026], 1899, 2101])
def test_rejects_cells_that_are_no_period(cell):
    with pytest.raises(PeriodParseError):
        parse_period(cell)


def test_out_of_range_month_says_what_is_wrong():
    with pytest.raises(PeriodParseError) as info:
        parse_period("Tháng 13/2026")
    assert "tháng phải từ 1 đến 12" in info.value.detail


@pytest.mark.parametrize(
    "code",
    ["2026", "2026-Q1", "2026-Q4", "2026-01", "2026-12", "2026-YTD01", "2026-YTD09", "2026-YTD11"],
)
def test_canonical_code_reads_back_as_itself(code):
    period = parse_period(code)
    assert period.code == code
    assert str(period) == code
    assert parse_period(period.label_vi) == period


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026", "Năm 2026"),
        ("2026-Q3", "Quý III/2026"),
        ("2026-Q4", "Quý IV/2026"),
        ("2026-03", "Tháng 3/2026"),
        ("2026-YTD06", "6 tháng đầu năm 2026"),
        ("2026-YTD09", "9 tháng năm 2026"),
    ],
)
def test_prints_vietnamese_label(code, label):
    assert parse_period(code).label_vi == label


@pytest.mark.parametrize(
    ("build", "args"),
    [
        (quarter_period, (2026, 5)),
        (quarter_period, (2026, 0)),
        (month_period, (2026, 13)),
        (ytd_period, (2026, 0)),
        (ytd_period, (2026, 13)),
        (year_period, (1800,)),
    ],
)
def test_constructors_refuse_impossible_periods(build, args):
    with pytest.raises(PeriodParseError):
        build(*args)


@pytest.mark.parametrize(
    "code",
    ["2026-Q1", "2026-Q3", "2026-Q4", "2026", "2027", "2030", "2026-YTD03", "2026-YTD06", "2026-YTD09"]
    + ["2026-03", "2026-12", "2028-02"],
)
def test_period_is_closed_only_after_its_last_day_and_future_only_before_its_first(code):
    # The first and last days are tested above (test_period_has_type_year_bounds_and_length): here, the days
    # around them.
    period, day = parse_period(code), timedelta(days=1)
    assert not period_is_closed(period, period.end)
    assert period_is_closed(period, period.end + day)
    assert period_is_future(period, period.start - day)
    assert not period_is_future(period, period.start)
    assert not period_is_closed(period, period.start) and not period_is_future(period, period.end)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ("2026-Q1", "2026-YTD06", True),
        ("2026-Q1", "2026-Q2", False),
        ("2026-03", "2026-Q1", True),
        ("2026-04", "2026-Q1", False),
        ("2026", "2027", False),
        ("2026", "2026-12", True),
        ("2026-YTD03", "2026-Q1", True),
    ],
)
def test_periods_overlap_when_they_share_a_day(a, b, overlap):
    pa, pb = parse_period(a), parse_period(b)
    assert periods_overlap(pa, pb) is overlap
    assert periods_overlap(pb, pa) is overlap


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2026, 1, 1), "2026-Q1"),
        (date(2026, 3, 31), "2026-Q1"),
        (date(2026, 4, 1), "2026-Q2"),
        (date(2026, 9, 30), "2026-Q3"),
        (date(2026, 12, 31), "2026-Q4"),
    ],
)
def test_quarter_of_a_day(day, code):
    assert quarter_of(day).code == code


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2026", "2025"),
        ("2026-Q3", "2025-Q3"),
        ("2026-03", "2025-03"),
        ("2026-YTD09", "2025-YTD09"),
        ("2030-Q1", "2029-Q1"),
    ],
)
def test_same_period_last_year_is_the_growth_base(code, previous):
    assert same_period_last_year(parse_period(code)).code == previous


def test_period_is_hashable_and_immutable():
    period = parse_period("Quý III/2026")
    assert {period, parse_period("2026-Q3")} == {period}
    with pytest.raises(AttributeError):
        period.code = "2026"  # type: ignore[misc]
