"""Vietnamese number reading and printing (planwatch.ingest.numbers) and the ingest error messages."""

import random
from decimal import Decimal

import pytest

from planwatch.ingest.errors import (
    IngestError,
    OwnershipError,
    PeriodParseError,
    SubmissionRejected,
    ValidationError,
    ValueParseError,
)
from planwatch.ingest.numbers import (
    format_vn_number,
    notation_of,
    parse_vn_number,
    parse_vn_number_detail,
    parse_vn_range,
    parse_vn_range_detail,
)

D = Decimal

# (text, value, is_percent, notation)
ACCEPTED_TEXT = [
    # Vietnamese form, figures taken from the plan document.
    ("11.247", D("11247"), False, "vn"),
    ("7.944,5", D("7944.5"), False, "vn"),
    ("194.882,1", D("194882.1"), False, "vn"),
    ("245.500", D("245500"), False, "vn"),
    ("288.865,6", D("288865.6"), False, "vn"),
    ("2.400.000", D("2400000"), False, "vn"),
    ("2,4", D("2.4"), False, "vn"),
    ("13,2%", D("13.2"), True, "vn"),
    ("13,2 %", D("13.2"), True, "vn"),
    ("6,4%", D("6.4"), True, "vn"),
    ("100%", D("100"), True, "digits"),
    ("0,5", D("0.5"), False, "vn"),
    # A single comma is always the decimal mark, even before three digits.
    ("1,234", D("1.234"), False, "vn"),
    ("1.234,567", D("1234.567"), False, "vn"),
    # Signs.
    ("-3,1", D("-3.1"), False, "vn"),
    ("\u22123,1", D("-3.1"), False, "vn"),
    ("+3,1", D("3.1"), False, "vn"),
    ("-43,5%", D("-43.5"), True, "vn"),
    ("-11.247", D("-11247"), False, "vn"),
    ("-0", D("0"), False, "digits"),
    # Space grouping, including the non-breaking spaces Excel and Word insert.
    ("1 234,5", D("1234.5"), False, "spaced"),
    ("1\u00a0234,5", D("1234.5"), False, "spaced"),
    ("1\u202f234,5", D("1234.5"), False, "spaced"),
    ("1 234 567", D("1234567"), False, "spaced"),
    ("1 234.5", D("1234.5"), False, "spaced"),
    # Plain form: a dot before 1-2 or 4+ digits, or after a leading 0, is a decimal point.
    ("7944.5", D("7944.5"), False, "plain"),
    ("11247", D("11247"), False, "digits"),
    ("1.5", D("1.5"), False, "plain"),
    ("13.25", D("13.25"), False, "plain"),
    ("0.132", D("0.132"), False, "plain"),
    ("3.14159", D("3.14159"), False, "plain"),
    ("1234.567", D("1234.567"), False, "plain"),
    ("-0.5", D("-0.5"), False, "plain"),
    # The largest magnitude accepted, read exactly (a float still holds every whole unit).
    ("-999.999.999.999.999,9", D("-999999999999999.9"), False, "vn"),
    # English form.
    ("1,234.5", D("1234.5"), False, "english"),
    ("1,234,567", D("1234567"), False, "english"),
    ("12,345,678.9", D("12345678.9"), False, "english"),
    # Surrounding whitespace.
    ("  11.247\t", D("11247"), False, "vn"),
]


@pytest.mark.parametrize(("text", "value", "is_percent", "notation"), ACCEPTED_TEXT)
def test_reads_written_number(text, value, is_percent, notation):
    parsed = parse_vn_number_detail(text)
    assert parsed.value == value
    assert parsed.is_percent is is_percent
    assert parsed.notation == notation
    assert parsed.text == text
    assert parse_vn_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("11.247", D("11247")), ("2.400.000", D("2400000")), ("1.000", D("1000"))],
)
def test_reads_dot_before_exactly_three_digits_as_thousands(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.5", D("1.5")), ("13.25", D("13.25")), ("3.1416", D("3.1416")), ("0.125", D("0.125"))],
)
def test_reads_dot_before_other_digit_counts_as_decimal_point(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize(
    ("cell", "expected", "expected_str"),
    [
        (11247, D("11247"), "11247"),
        (-3, D("-3"), "-3"),
        (7944.5, D("7944.5"), "7944.5"),
        # repr, not the binary expansion: 0.132 stays exactly 0.132.
        (0.132, D("0.132"), "0.132"),
        (0.1 + 0.2, D("0.30000000000000004"), "0.30000000000000004"),
        # Whole floats lose the ".0" Python adds; it is not precision the user wrote.
        (11247.0, D("11247"), "11247"),
        (1e-05, D("0.00001"), "0.00001"),
        (D("7944.50"), D("7944.50"), "7944.50"),
    ],
)
def test_reads_excel_number_cells_exactly(cell, expected, expected_str):
    parsed = parse_vn_number_detail(cell)
    assert parsed.value == expected
    assert str(parsed.value) == str(D(expected_str))
    assert parsed.notation == "excel"
    assert parsed.is_percent is False


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0", "\t\n"])
def test_reads_empty_cell_as_no_figure(empty):
    assert parse_vn_number(empty) is None
    assert parse_vn_number_detail(empty) is None


REJECTED = [
    "abc",
    "1,2,3",
    "1..2",
    "1,,2",
    "1.234.5",
    "1.23.456",
    "0.123.456",
    "1,23,456",
    "1.234,5.6",
    "1.234,5,6",
    "1,234.5,6",
    ".5",
    "5,",
    "5.",
    ",5",
    "(3,1)",
    "- 3,1",
    "\u20133,1",  # an en dash is a bullet or a range, never taken as a minus
    "11.247 USD",
    "≥13",
    "13,2%%",
    "%",
    "-",
    "+-3",
    "12 34",
    "1 2345",
    "1e5",
    "NaN",
    "inf",
    "Infinity",
    "một nghìn",
    # 10^15 and beyond: a 400-digit cell would be +inf as a float (issue 8, class 3).
    "1" * 400,
    "1.000.000.000.000.000",
    "-1.234.567.890.123.456.789.012.345.678,9",
]


@pytest.mark.parametrize("text", REJECTED)
def test_rejects_text_that_is_not_a_number(text):
    with pytest.raises(ValueParseError) as info:
        parse_vn_number(text)
    assert info.value.value == text
    assert "11.247" in info.value.expected


@pytest.mark.parametrize(
    "cell", [True, False, float("nan"), float("inf"), D("NaN"), [1], b"1", 10**400, 1e300, D("1E+20")]
)
def test_rejects_cells_that_are_not_finite_numbers(cell):
    with pytest.raises(ValueParseError):
        parse_vn_number(cell)


def test_accounting_parentheses_are_refused_with_a_fix():
    with pytest.raises(ValueParseError) as info:
        parse_vn_number("(3,1)")
    assert '"-3,1"' in info.value.suggestion


def test_unit_in_a_number_cell_points_to_the_unit_column():
    with pytest.raises(ValueParseError) as info:
        parse_vn_number("11.247 USD")
    assert "don_vi" in info.value.suggestion


@pytest.mark.parametrize(
    ("text", "auto", "plain"),
    [("13.125", D("13125"), D("13.125")), ("11.247", D("11247"), D("11.247"))],
)
def test_plain_style_reads_three_decimals_that_auto_reads_as_thousands(text, auto, plain):
    assert parse_vn_number(text) == auto
    assert parse_vn_number(text, style="plain") == plain


@pytest.mark.parametrize("text", ["7.944,5", "1,234.5", "1 234", "2,4"])
def test_plain_style_rejects_grouping_and_decimal_comma(text):
    with pytest.raises(ValueParseError):
        parse_vn_number(text, style="plain")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11.247", D("11247")),
        ("7.944,5", D("7944.5")),
        ("2,4", D("2.4")),
        ("1 234,5", D("1234.5")),
        ("13,2%", D("13.2")),
    ],
)
def test_vn_style_reads_vietnamese_form(text, value):
    assert parse_vn_number(text, style="vn") == value


@pytest.mark.parametrize("text", ["1.5", "13.25", "1,234.5", "1,234,567", "1 234.5"])
def test_vn_style_rejects_dot_decimal_and_english_form(text):
    with pytest.raises(ValueParseError):
        parse_vn_number(text, style="vn")


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "is_percent"),
    [
        ("15,5 - 16", D("15.5"), D("16"), False),
        ("15,5 - 16,5%", D("15.5"), D("16.5"), True),
        ("47-48%", D("47"), D("48"), True),
        ("62%-63%", D("62"), D("63"), True),
        ("200 - 220", D("200"), D("220"), False),
        ("3 đến 5", D("3"), D("5"), False),
        ("20% đến 30%", D("20"), D("30"), True),
        ("1,25-1,5%", D("1.25"), D("1.5"), True),
        ("28 – 30%", D("28"), D("30"), True),
        ("15,5 — 16,5", D("15.5"), D("16.5"), False),
        ("-3 - -1", D("-3"), D("-1"), False),
        ("1 234 - 1 300", D("1234"), D("1300"), False),
        ("32.900 - 35.000", D("32900"), D("35000"), False),
        ("16 - 16", D("16"), D("16"), False),
    ],
)
def test_reads_range(text, low, high, is_percent):
    assert parse_vn_range(text) == (low, high)
    detail = parse_vn_range_detail(text)
    assert (detail.low, detail.high) == (low, high)
    assert (detail.is_percent, detail.text) == (is_percent, text)


@pytest.mark.parametrize(
    "text", ["16 - 15,5", "16", "1-2-3", "a - b", "", "15,5 -", "- 16", "15,5 - 1,2,3", "≥ 13"]
)
def test_rejects_text_that_is_not_a_range(text):
    with pytest.raises(ValueParseError) as info:
        parse_vn_range(text)
    assert info.value.value == text


def test_rejects_range_written_high_to_low_with_a_fix():
    with pytest.raises(ValueParseError) as info:
        parse_vn_range("16,5 - 15,5")
    assert "nhỏ trước" in info.value.suggestion


# --- printing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (11247, "11.247"),
        (D("7944.5"), "7.944,5"),
        (7944.5, "7.944,5"),
        (13.2, "13,2"),
        (0.132, "0,132"),
        (D("194882.1"), "194.882,1"),
        (-3.1, "-3,1"),
        (D("2400000"), "2.400.000"),
        (1234, "1.234"),
        (123, "123"),
        (0, "0"),
        (D("-0"), "0"),
        (D("1E+3"), "1.000"),
        (11247.0, "11.247"),
        (D("7944.50"), "7.944,50"),
        (D("0.00001"), "0,00001"),
    ],
)
def test_prints_vietnamese_form(value, text):
    assert format_vn_number(value) == text


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        # Half up, as statistics round; banker's rounding would print 2,2 and 11.246.
        (2.25, 1, "2,3"),
        (D("11246.5"), 0, "11.247"),
        (D("-2.5"), 0, "-3"),
        (D("2.35"), 1, "2,4"),
        (-0.04, 1, "0,0"),
        (1234567.891, 2, "1.234.567,89"),
        (13, 1, "13,0"),
        (D("288865.6"), 0, "288.866"),
        (D("123456789012345678901234567.5"), 2, "123.456.789.012.345.678.901.234.567,50"),
    ],
)
def test_prints_rounded_to_given_decimals(value, decimals, text):
    assert format_vn_number(value, decimals) == text


def test_prints_missing_value_as_given_placeholder():
    assert format_vn_number(None) == ""
    assert format_vn_number(None, 1, missing="—") == "—"


@pytest.mark.parametrize(
    ("value", "decimals", "error"),
    [
        ("11.247", None, TypeError),
        (True, None, TypeError),
        (float("nan"), None, ValueError),
        (D("Infinity"), 1, ValueError),
        (1.5, -1, ValueError),
    ],
)
def test_refuses_to_print_what_is_not_a_finite_number(value, decimals, error):
    with pytest.raises(error):
        format_vn_number(value, decimals)


CANONICAL = [
    "11.247",
    "7.944,5",
    "194.882,1",
    "2,4",
    "13,2",
    "-3,1",
    "0,132",
    "2.400.000",
    "245.500",
    "0",
    "999",
    "1.000",
    "1.000.000,05",
    "-0,5",
    "32.900",
    "288.865,6",
]


@pytest.mark.parametrize("text", CANONICAL)
def test_round_trips_canonical_vietnamese_text(text):
    assert format_vn_number(parse_vn_number(text)) == text


def test_round_trips_many_generated_numbers():
    # hypothesis is not installed in the project venv; a seeded sweep covers the same ground.
    rng = random.Random(20260331)
    for _ in range(5000):
        digits = rng.randint(0, 10 ** rng.randint(1, 15))
        scale = rng.randint(0, 6)
        value = D(digits).scaleb(-scale) * rng.choice([1, -1])
        text = format_vn_number(value)
        assert parse_vn_number(text) == value, text
        assert parse_vn_number(text, style="vn") == value, text
        assert format_vn_number(parse_vn_number(text)) == text


# --- error messages -----------------------------------------------------------------------


def test_error_message_is_vietnamese_with_english_key_and_location():
    error = ValueParseError(
        "không đọc được",
        file="so-tai-chinh.csv",
        row=5,
        column="gia_tri",
        value="1,2,3",
        expected="số",
        suggestion="sửa ô",
    )
    text = str(error)
    assert text.startswith("[value_parse_error] Không đọc được số")
    for part in [
        'tệp "so-tai-chinh.csv"',
        "dòng 5",
        'cột "gia_tri"',
        '"1,2,3"',
        "cần: số",
        "cách sửa: sửa ô",
    ]:
        assert part in text


def test_located_fills_only_missing_location():
    error = ValueParseError("x", value="abc", column="gia_tri").located(file="a.csv", row=7, column="other")
    assert (error.file, error.row, error.column) == ("a.csv", 7, "gia_tri")


def test_parse_error_can_be_located_by_the_reader():
    with pytest.raises(ValueParseError) as info:
        try:
            parse_vn_number("abc")
        except ValueParseError as exc:
            raise exc.located(file="a.csv", row=3, column="gia_tri") from None
    assert 'tệp "a.csv", dòng 3, cột "gia_tri"' in str(info.value)


def test_error_keys_and_hierarchy():
    assert issubclass(ValueParseError, IngestError)
    assert issubclass(PeriodParseError, IngestError)
    assert issubclass(OwnershipError, ValidationError)
    assert ValidationError("x", key="future_period").key == "future_period"
    assert OwnershipError("x").key == "ownership_error"


def test_submission_rejected_lists_every_problem():
    problems = [ValueParseError("a", row=2), OwnershipError("b", row=3, value="II.4.a")]
    error = SubmissionRejected(problems, file="s.xlsx")
    lines = str(error).splitlines()
    assert lines[0].startswith("[submission_rejected]")
    assert "2 lỗi" in lines[0] and "s.xlsx" in lines[0]
    assert lines[1].startswith("  1. [value_parse_error]")
    assert lines[2].startswith("  2. [ownership_error]") and "II.4.a" in lines[2]
    data = error.as_dict()
    assert [p["key"] for p in data["problems"]] == ["value_parse_error", "ownership_error"]


@pytest.mark.parametrize(
    ("text", "notation"),
    [
        ("12,5", "vn"),
        ("7.944,5", "vn"),
        ("2.400.000", "vn"),
        ("1 234,5", "vn"),
        ("-3,1%", "vn"),
        ("8.15", "plain"),
        ("0.132", "plain"),
        ("1,234.5", "plain"),
        ("1,234,567", "plain"),
        ("12.345", "ambiguous"),
        ("1.000", "ambiguous"),
        ("1250", None),
        (1250.5, None),
        ("abc", None),
        (None, None),
    ],
)
def test_notation_of_a_cell_names_the_form_it_proves(text, notation):
    assert notation_of(text) == notation
