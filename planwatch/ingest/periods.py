"""Read the reporting period (kỳ) of a figure, however it is written, as a canonical Period.

Canonical codes (DESIGN §4): ``2026`` (year), ``2026-Q3`` (quarter), ``2026-03`` (month),
``2026-YTD09`` (January to the end of September, "9 tháng"). Accepted writings, matched
without regard to case, diacritics (``Quy``/``Quý``, NFC or NFD), extra spaces, or spaces
around ``/`` and ``-``:

- year: ``2026``, ``Năm 2026``, ``Cả năm 2026``, the integer 2026 (or 2026.0 from Excel);
- quarter: ``Quý III/2026``, ``Quý 3/2026``, ``quý 3 năm 2026``, ``Q3/2026``, ``Q3 2026``,
  ``2026-Q3``, ``2026Q3`` (Roman numerals I–IV or digits 1–4);
- month: ``Tháng 3/2026``, ``tháng 03/2026``, ``tháng 3 năm 2026``, ``T3/2026``, ``03/2026``,
  ``2026-03``, and an Excel date or datetime (the month it falls in);
- year to date: ``6 tháng đầu năm 2026``, ``6 tháng 2026``, ``9 tháng năm 2026``,
  ``2026-YTD09``.

Decisions on the edge cases:
- "3 tháng" is ``YTD03``, not ``Q1``: same span, but the sender said cumulative, and the
  code keeps what was said (likewise "1 tháng" is ``YTD01``, not the month).
- "12 tháng 2026" and ``2026-YTD12`` are the year ``2026`` (the whole year is the year), with
  ``Period.note`` saying so; ``YTD12`` is never produced.
- Date strings (``31/03/2026``) are refused: ``01/03/2026`` reads differently in different
  locales. Only real date cells are taken as dates.
- Spans that are no canonical period are refused: ``6 tháng cuối năm``, ``Quý I, II/2026``,
  ``Quý I/2026 đến quý IV/2026``, a period with no year (``9 tháng``).
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from planwatch.ingest.columns import TEXT_CACHE_SIZE
from planwatch.ingest.errors import PeriodParseError

PeriodType = Literal["year", "quarter", "month", "ytd"]
PeriodInput = str | int | float | date | datetime

MIN_YEAR = 1900
MAX_YEAR = 2100

ACCEPTED_FORMS = (
    '"2026", "Năm 2026", "Quý III/2026", "Quý 3/2026", "Q3/2026", "2026-Q3", '
    '"Tháng 3/2026", "T3/2026", "03/2026", "2026-03", "6 tháng đầu năm 2026", '
    '"9 tháng 2026", "2026-YTD09"'
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER_NUMBER = r"(?P<q>iv|i{1,3}|0?[1-4])"
# Between a quarter/month and its year: "/", "-", "năm" or a space ("Q3 2026").
_SEP = r"(?:\s?(?:/|-|nam)\s?|\s)"
_YEAR = r"(?P<y>\d{4})"

_PATTERNS: list[tuple[PeriodType, re.Pattern[str]]] = [
    ("year", re.compile(rf"(?:(?:ca\s?)?nam\s?)?{_YEAR}")),
    ("quarter", re.compile(rf"(?:quy|q)\s?{_QUARTER_NUMBER}{_SEP}{_YEAR}")),
    ("quarter", re.compile(rf"{_YEAR}[-/ ]?q\s?(?P<q>0?[1-4])")),
    ("month", re.compile(rf"(?:thang|t)\s?(?P<m>\d{{1,2}}){_SEP}{_YEAR}")),
    # Without "tháng"/"T" only "/" or "-" may follow: "3 2026" or "3 năm 2026" is no month.
    ("month", re.compile(rf"(?P<m>\d{{1,2}})[/-]{_YEAR}")),
    ("month", re.compile(rf"{_YEAR}[-/](?P<m>\d{{1,2}})")),
    ("ytd", re.compile(rf"(?P<n>\d{{1,2}})\s?thang\s?(?:dau\s?)?(?:nam\s?|/)?{_YEAR}")),
    ("ytd", re.compile(rf"{_YEAR}-?ytd\s?(?P<n>\d{{1,2}})")),
]


@dataclass(frozen=True)
class Period:
    """A reporting period: canonical code, type, year, first and last day, length in months.

    ``note`` explains a normalisation (e.g. "12 tháng" read as the year); it takes no part in
    equality, so a period read from any writing equals the one built from its code.
    """

    code: str
    period_type: PeriodType
    year: int
    start: date
    end: date
    months: int
    note: str = field(default="", compare=False)

    def __str__(self) -> str:
        return self.code

    @property
    def label_vi(self) -> str:
        """How reports write the period: ``Quý III/2026``, ``9 tháng năm 2026``…"""
        if self.period_type == "year":
            return f"Năm {self.year}"
        if self.period_type == "quarter":
            roman = {v: k.upper() for k, v in _ROMAN.items()}[self.end.month // 3]
            return f"Quý {roman}/{self.year}"
        if self.period_type == "month":
            return f"Tháng {self.end.month}/{self.year}"
        if self.months == 6:
            return f"6 tháng đầu năm {self.year}"
        return f"{self.months} tháng năm {self.year}"


def year_period(year: int) -> Period:
    """The calendar year ``year``."""
    _check_year(year)
    return Period(str(year), "year", year, date(year, 1, 1), date(year, 12, 31), 12)


def quarter_period(year: int, quarter: int) -> Period:
    """Quarter ``quarter`` (1–4) of ``year``."""
    _check_year(year)
    if not 1 <= quarter <= 4:
        raise PeriodParseError("quý phải từ 1 đến 4 (I–IV)", value=quarter, expected=ACCEPTED_FORMS)
    last_month = quarter * 3
    return Period(
        f"{year}-Q{quarter}",
        "quarter",
        year,
        date(year, last_month - 2, 1),
        _month_end(year, last_month),
        3,
    )


def month_period(year: int, month: int) -> Period:
    """Month ``month`` (1–12) of ``year``."""
    _check_year(year)
    _check_month(month)
    return Period(f"{year}-{month:02d}", "month", year, date(year, month, 1), _month_end(year, month), 1)


def ytd_period(year: int, months: int) -> Period:
    """January to the end of month ``months`` of ``year``; 12 months is the year itself."""
    _check_year(year)
    _check_month(months, what="số tháng lũy kế")
    if months == 12:
        return _with_note(year_period(year), "12 tháng (lũy kế cả năm) được ghi là kỳ năm")
    return Period(f"{year}-YTD{months:02d}", "ytd", year, date(year, 1, 1), _month_end(year, months), months)


def parse_period(text: PeriodInput) -> Period:
    """Read a period written in any accepted form (see the module doc) as a canonical Period."""
    if isinstance(text, bool):
        raise _error(text, "ô chứa giá trị đúng/sai")
    if isinstance(text, datetime):
        return month_period(text.year, text.month)
    if isinstance(text, date):
        return month_period(text.year, text.month)
    if isinstance(text, float):
        if not text.is_integer():
            raise _error(text, "số có phần thập phân không phải một năm")
        text = int(text)
    if isinstance(text, int):
        return year_period(text)
    if not isinstance(text, str):
        raise _error(text, f"kiểu dữ liệu {type(text).__name__} không phải kỳ")
    return _parse_period_text(text)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)  # a file's periods repeat: each text is read once
def _parse_period_text(text: str) -> Period:
    key = _normalise(text)
    if not key:
        raise _error(text, "ô trống")
    for period_type, pattern in _PATTERNS:
        m = pattern.fullmatch(key)
        if m:
            try:
                return _build(period_type, m)
            except PeriodParseError as exc:
                exc.value = text
                raise
    raise _error(text, "không nhận ra cách viết kỳ")


def quarter_of(day: date) -> Period:
    """The quarter that contains ``day``."""
    return quarter_period(day.year, (day.month - 1) // 3 + 1)


def same_period_last_year(period: Period) -> Period:
    """The same span one year earlier: the base of "so với cùng kỳ" growth rates."""
    return parse_period(period.code.replace(str(period.year), str(period.year - 1), 1))


def period_is_closed(period: Period, today: date) -> bool:
    """True once the period's last day is over (on that day itself it is still running)."""
    return today > period.end


def period_is_future(period: Period, today: date) -> bool:
    """True if the period has not begun: its first day is after ``today``."""
    return period.start > today


def periods_overlap(a: Period, b: Period) -> bool:
    """True if the two periods share at least one day (``2026-Q1`` and ``2026-YTD06`` do)."""
    return a.start <= b.end and b.start <= a.end


def _build(period_type: PeriodType, m: re.Match[str]) -> Period:
    year = int(m.group("y"))
    if period_type == "year":
        return year_period(year)
    if period_type == "quarter":
        q = m.group("q")
        return quarter_period(year, _ROMAN.get(q) or int(q))
    if period_type == "month":
        return month_period(year, int(m.group("m")))
    return ytd_period(year, int(m.group("n")))


def _normalise(text: str) -> str:
    """Lower case, no diacritics (đ → d), one space, no spaces around ``/`` and ``-``."""
    s = unicodedata.normalize("NFD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("đ", "d").replace("Đ", "D").casefold()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"\s*([/-])\s*", r"\1", s)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodParseError(f"năm phải từ {MIN_YEAR} đến {MAX_YEAR}", value=year, expected=ACCEPTED_FORMS)


def _check_month(month: int, what: str = "tháng") -> None:
    if not 1 <= month <= 12:
        raise PeriodParseError(f"{what} phải từ 1 đến 12", value=month, expected=ACCEPTED_FORMS)


def _with_note(period: Period, note: str) -> Period:
    return Period(period.code, period.period_type, period.year, period.start, period.end, period.months, note)


def _error(value: object, detail: str) -> PeriodParseError:
    return PeriodParseError(
        detail,
        value=value,
        expected=ACCEPTED_FORMS,
        suggestion='viết kỳ theo một trong các cách trên, ví dụ "Quý III/2026"',
    )
