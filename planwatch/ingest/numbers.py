"""Read numbers as Vietnamese departments write them, and print them the Vietnamese way.

Vietnamese form: ``.`` groups thousands and ``,`` is the decimal mark (``11.247`` = 11247,
``7.944,5`` = 7944.5, ``2,4`` = 2.4). Submissions also arrive in plain form (``7944.5``) and as
Excel numbers. The rules, in the order they are applied (``style="auto"``):

1. Empty text and ``None`` mean "no figure" and give ``None``.
2. Excel numbers: ``int`` and ``Decimal`` are taken as they are; a ``float`` goes through its
   ``repr`` (``0.132`` stays 0.132, never 0.13200000000000000621…), and a float with no
   fraction (``11247.0``, how readers often hand over whole numbers) becomes an integer.
   An Excel cell formatted as a percentage holds the fraction (13,2% is 0.132): it is
   returned as 0.132 — the reader, who sees the cell format, must scale it.
3. Text: non-breaking and thin spaces count as spaces; a trailing ``%`` sets ``is_percent``
   and the value stays as written (``13,2%`` → 13.2, since rates are stored as percent);
   a leading ``-``, ``−`` (U+2212) or ``+`` must touch the digits (``-3,1``; ``- 3,1`` is
   refused: in these documents a detached dash is a list bullet).
4. The digits, by which separators occur:
   - both ``.`` and ``,``: ``1.234,5`` is Vietnamese; ``1,234.5`` is English; else refused;
   - only ``,``: a single ``,`` is ALWAYS the decimal mark (``1,234`` = 1.234, Vietnamese
     form wins); several, each followed by exactly 3 digits (``1,234,567``), are English
     thousands; anything else (``1,2,3``) is refused;
   - only ``.`` — the ambiguous case: if every ``.`` is followed by exactly 3 digits and the
     first group is 1–3 digits not starting with 0, the dots group thousands (``11.247`` =
     11247, ``2.400.000``); a single ``.`` followed by 1–2 or 4+ digits, or after a leading
     ``0`` (``1.5``, ``13.25``, ``0.132``, ``3.14159``), is a plain decimal point. Hence a
     plain-form value with exactly three decimals (``13.125``) is read as 13125: pass
     ``style="plain"`` when the source is known to write plain numbers;
   - spaces group thousands only in groups of 3 (``1 234,5``, ``1 234 567``); after space
     grouping, ``,`` or ``.`` can only be the decimal mark.
5. Anything else raises ``ValueParseError`` naming the expected forms: letters, units
   (``11.247 USD``), accounting negatives ``(3,1)`` (refused, not guessed: write ``-3,1``),
   ``1..2``, ``.5``, ``5,``, ``±`` and comparison signs, ``NaN`` and infinities.

``style="vn"`` accepts only the Vietnamese form (``.`` always groups), ``style="plain"`` only
machine form (``.`` is the decimal mark, no grouping).

6. A number whose magnitude reaches 10^15 (a 400-digit cell, which a float would hold as +inf) is
   refused: no indicator of the plan comes near it, and beyond it a float loses whole units.

Which form a whole file uses is decided by ``notation_of`` over its cells (planwatch/ingest/cells.py):
``vn`` evidence is a decimal comma or two thousands dots, ``plain`` evidence a point followed by
other than three digits (``8.15``, ``0.132``) or English grouping; ``12.345`` and ``1.000`` are
``ambiguous``; digits alone and Excel numbers decide nothing.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Literal

from planwatch.ingest.columns import TEXT_CACHE_SIZE
from planwatch.ingest.errors import ValueParseError

NumberInput = str | int | float | Decimal | None
Style = Literal["auto", "vn", "plain"]
Notation = Literal["vn", "plain", "ambiguous"]
MAX_MAGNITUDE = Decimal(10) ** 15

EXPECTED_NUMBER = (
    'một số viết kiểu Việt Nam ("11.247", "7.944,5", "-3,1", "13,2%") '
    'hoặc kiểu thường ("7944.5"), hoặc ô số của Excel'
)
EXPECTED_RANGE = 'một khoảng hai số, số nhỏ trước ("15,5 - 16,5", "47-48%", "3 đến 5")'

# Space-like characters Excel and Word put inside numbers.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_MINUS_SIGNS = {"-": -1, "\u2212": -1, "+": 1}

_DIGITS = re.compile(r"\d+")
_VN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_VN_GROUPED_DECIMAL = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+,\d+")
_EN_GROUPED = re.compile(r"[1-9]\d{0,2}(?:,\d{3}){2,}")
_EN_GROUPED_DECIMAL = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+\.\d+")
_COMMA_DECIMAL = re.compile(r"\d+,\d+")
_POINT_DECIMAL = re.compile(r"\d+\.\d+")
_SPACE_GROUPED = re.compile(r"(?P<int>[1-9]\d{0,2}(?: \d{3})+)(?:[.,](?P<frac>\d+))?")
_SPACE_GROUPED_VN = re.compile(r"(?P<int>[1-9]\d{0,2}(?: \d{3})+)(?:,(?P<frac>\d+))?")

# A range separator sits between a digit (or %) and a number; the lookarounds keep the
# minus sign of a negative bound ("-3 - -1") out of it.
_RANGE_SEPARATOR = re.compile(r"(?<=[\d%])\s*(?:-|–|—|đến|tới)\s*(?=[-−+]?\d)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from a cell: its value, whether it was written with %, the verbatim text.

    ``notation`` tells which form was recognised: ``digits`` (no separator), ``vn``, ``plain``,
    ``english``, ``spaced`` or ``excel`` (a number cell) — for spotting columns that mix forms.
    """

    value: Decimal
    is_percent: bool
    text: str
    notation: str


@dataclass(frozen=True)
class ParsedRange:
    """A range such as ``15,5 - 16,5%``: bounds, low ≤ high, percent if either end had ``%``."""

    low: Decimal
    high: Decimal
    is_percent: bool
    text: str


def parse_vn_number(value: NumberInput, *, style: Style = "auto") -> Decimal | None:
    """Read a Vietnamese, plain or Excel number; ``None`` for an empty cell (rules: module doc)."""
    parsed = parse_vn_number_detail(value, style=style)
    return None if parsed is None else parsed.value


def parse_vn_number_detail(value: NumberInput, *, style: Style = "auto") -> ParsedNumber | None:
    """Like ``parse_vn_number`` but also says whether ``%`` was written and which form was seen."""
    if value is None:
        return None
    # bool is an int subclass: an Excel TRUE must not become 1.
    if isinstance(value, bool):
        raise _error(value, "ô chứa giá trị đúng/sai, không phải số")
    if isinstance(value, int):
        if abs(value) >= MAX_MAGNITUDE:
            raise _error(value, "số quá lớn (từ 10^15 trở lên), không phải số liệu của một chỉ tiêu")
        return ParsedNumber(Decimal(value), False, repr(value), "excel")
    if isinstance(value, float):
        return ParsedNumber(_float_to_decimal(value), False, repr(value), "excel")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _error(value, "không phải số hữu hạn")
        if abs(value) >= MAX_MAGNITUDE:
            raise _error(value, "số quá lớn (từ 10^15 trở lên), không phải số liệu của một chỉ tiêu")
        return ParsedNumber(value, False, str(value), "excel")
    if not isinstance(value, str):
        raise _error(value, f"kiểu dữ liệu {type(value).__name__} không phải số")
    return _parse_text(value, style)


def parse_vn_range(text: str) -> tuple[Decimal, Decimal]:
    """Read a range like ``15,5 - 16`` or ``47-48%`` as (low, high)."""
    parsed = parse_vn_range_detail(text)
    return parsed.low, parsed.high


def parse_vn_range_detail(text: str) -> ParsedRange:
    """Read a range, keeping the percent flag and the verbatim text."""
    if not isinstance(text, str):
        raise _error(text, "khoảng giá trị phải là chữ", expected=EXPECTED_RANGE)
    cleaned = unicodedata.normalize("NFC", text).translate(_SPACES).strip()
    pieces = _RANGE_SEPARATOR.split(cleaned)
    if len(pieces) != 2:
        raise _error(text, "không phải một khoảng hai số", expected=EXPECTED_RANGE)
    try:
        low, high = (_parse_text(p, "auto") for p in pieces)
    except ValueParseError as exc:
        raise _error(text, f"một đầu khoảng không đọc được ({exc.detail})", expected=EXPECTED_RANGE) from exc
    if low is None or high is None:
        raise _error(text, "thiếu một đầu khoảng", expected=EXPECTED_RANGE)
    if low.value > high.value:
        raise _error(text, "số đầu lớn hơn số sau", expected=EXPECTED_RANGE, suggestion="viết số nhỏ trước")
    return ParsedRange(low.value, high.value, low.is_percent or high.is_percent, text)


def format_vn_number(
    x: int | float | Decimal | None, decimals: int | None = None, *, missing: str = ""
) -> str:
    """Print a number in Vietnamese form (``7944.5`` → ``7.944,5``); the one formatter reports use.

    ``decimals=None`` keeps the digits the value has; otherwise rounds half up (the statistics
    convention, not banker's rounding) to that many decimals. ``None`` prints ``missing``.
    """
    if x is None:
        return missing
    if isinstance(x, bool) or not isinstance(x, int | float | Decimal):
        raise TypeError(f"format_vn_number needs a number, got {type(x).__name__}")
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError(f"cannot format a non-finite number: {x!r}")
    d = _float_to_decimal(x) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        raise ValueError(f"cannot format a non-finite number: {x!r}")
    if decimals is not None:
        if decimals < 0:
            raise ValueError("decimals must be >= 0")
        with localcontext() as ctx:
            ctx.prec = max(28, d.adjusted() + decimals + 2)
            d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # d < 0 is False for -0 and for values rounded to zero, so "-0,0" is never printed.
    sign = "-" if d < 0 else ""
    # copy_abs/copy_negate are exact; abs() and unary minus round to the context's 28 digits.
    int_part, _, frac = format(d.copy_abs(), "f").partition(".")
    grouped = f"{int(int_part):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)  # a file's figures repeat: each text is read once
def _parse_text(text: str, style: Style) -> ParsedNumber | None:
    s = unicodedata.normalize("NFC", text).translate(_SPACES).strip()
    if not s:
        return None
    is_percent = s.endswith("%")
    if is_percent:
        s = s[:-1].rstrip()
    if s.startswith("(") and s.endswith(")"):
        raise _error(
            text,
            "số trong ngoặc (kiểu kế toán) không được đoán là số âm",
            suggestion='viết số âm với dấu trừ, ví dụ "-3,1"',
        )
    sign = 1
    if s[:1] in _MINUS_SIGNS:
        sign = _MINUS_SIGNS[s[0]]
        s = s[1:]
        if s[:1].isspace():
            raise _error(
                text,
                "dấu trừ/cộng tách rời khỏi số",
                suggestion='viết liền dấu với số, ví dụ "-3,1"',
            )
    if not s:
        raise _error(text, "không có chữ số")
    plain, notation = _digits_to_plain(s, style, text)
    try:
        number = Decimal(plain)
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only digits
        raise _error(text, "không đọc được") from exc
    if abs(number) >= MAX_MAGNITUDE:
        raise _error(text, "số quá lớn (từ 10^15 trở lên), không phải số liệu của một chỉ tiêu")
    number = number.copy_negate() if sign < 0 and number != 0 else number
    return ParsedNumber(number, is_percent, text, notation)


def notation_of(value: NumberInput) -> Notation | None:
    """Which written form a cell shows: ``vn``, ``plain``, ``ambiguous`` (``12.345``), or None when
    the cell decides nothing (digits only, an Excel number, a blank or unreadable cell)."""
    return _notation_of_text(value) if isinstance(value, str) else None


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _notation_of_text(value: str) -> Notation | None:
    s = unicodedata.normalize("NFC", value).translate(_SPACES).strip().removesuffix("%").strip()
    s = s.lstrip("-\u2212+")
    if not s or re.search(r"[^\d., ]", s):
        return None
    if " " in s:
        m = _SPACE_GROUPED.fullmatch(s)
        if not m or not m.group("frac"):
            return None
        return "vn" if "," in s else "plain"
    if _VN_GROUPED_DECIMAL.fullmatch(s) or _COMMA_DECIMAL.fullmatch(s):
        return "vn"
    if _VN_GROUPED.fullmatch(s):
        return "vn" if s.count(".") > 1 else "ambiguous"
    if _POINT_DECIMAL.fullmatch(s) or _EN_GROUPED_DECIMAL.fullmatch(s) or _EN_GROUPED.fullmatch(s):
        return "plain"
    return None


def _digits_to_plain(s: str, style: Style, text: str) -> tuple[str, str]:
    """Turn the unsigned digits of a cell into Python's plain decimal form, with the notation."""
    if _DIGITS.fullmatch(s):
        return s, "digits"
    if re.search(r"[^\d., ]", s):
        raise _error(
            text,
            "có ký tự không phải chữ số (chữ, đơn vị, ký hiệu)",
            suggestion="chỉ ghi số; đơn vị ghi ở cột don_vi, ghi chú ở cột ghi_chu",
        )
    if style == "plain":
        if _POINT_DECIMAL.fullmatch(s):
            return s, "plain"
        raise _error(
            text,
            "không phải số viết kiểu thường",
            expected='số viết kiểu thường, dấu chấm thập phân, không phân nhóm ("7944.5")',
        )
    if " " in s:
        m = (_SPACE_GROUPED_VN if style == "vn" else _SPACE_GROUPED).fullmatch(s)
        if m:
            frac = m.group("frac")
            return m.group("int").replace(" ", "") + (f".{frac}" if frac else ""), "spaced"
        raise _error(text, "khoảng trắng phân nhóm không đúng (mỗi nhóm 3 chữ số)")
    if _VN_GROUPED_DECIMAL.fullmatch(s):
        return s.replace(".", "").replace(",", "."), "vn"
    if _VN_GROUPED.fullmatch(s):
        return s.replace(".", ""), "vn"
    if _COMMA_DECIMAL.fullmatch(s):
        return s.replace(",", "."), "vn"
    if style == "vn":
        raise _error(
            text,
            "không phải số viết kiểu Việt Nam",
            expected='số kiểu Việt Nam: dấu chấm phân nhóm nghìn, dấu phẩy thập phân ("11.247", "7.944,5")',
        )
    if _POINT_DECIMAL.fullmatch(s):
        return s, "plain"
    if _EN_GROUPED_DECIMAL.fullmatch(s) or _EN_GROUPED.fullmatch(s):
        return s.replace(",", ""), "english"
    raise _error(text, _why_not_a_number(s))


def _why_not_a_number(s: str) -> str:
    if ".." in s or ",," in s:
        return "hai dấu phân cách liền nhau"
    if s[0] in ".," or s[-1] in ".,":
        return "dấu phân cách ở đầu hoặc cuối số"
    return "dấu chấm/phẩy đặt sai chỗ"


def _float_to_decimal(x: float) -> Decimal:
    if not math.isfinite(x):
        raise _error(x, "không phải số hữu hạn")
    # Readers hand whole numbers over as 11247.0; the ".0" is not precision the user wrote.
    if x.is_integer() and abs(x) < 1e15:
        return Decimal(int(x))
    if abs(x) >= 1e15:
        raise _error(x, "số quá lớn (từ 10^15 trở lên), không phải số liệu của một chỉ tiêu")
    return Decimal(repr(x))


def _error(
    value: object, detail: str, *, expected: str = EXPECTED_NUMBER, suggestion: str | None = None
) -> ValueParseError:
    return ValueParseError(detail, value=value, expected=expected, suggestion=suggestion)
