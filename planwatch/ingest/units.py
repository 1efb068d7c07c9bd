"""Units of measure as departments write them, folded to the catalogue's spelling.

A submitted unit matches an indicator when its canonical form is the catalogue unit, or one of the
few spellings that mean the same thing for that indicator (``%`` for a growth rate in ``%/năm``).
Besides those, the units the plan itself prints for the indicator are accepted and converted
exactly (PHỤ LỤC 1 prints II.7 in "Triệu tỷ đồng", the catalogue keeps Phụ lục 4's "tỷ đồng":
2,4 triệu tỷ đồng is stored as 2.400.000 tỷ đồng). Any other unit is a mismatch — ``triệu USD``
against ``tỷ USD`` is refused, never rescaled — and the refusal suggests the converted figure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal

from planwatch.ingest.columns import TEXT_CACHE_SIZE, fold

# Canonical unit (the catalogue's spelling) → other ways people write it. Compared after `_fold_unit`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "%": ("%", "phần trăm", "percent", "pct", "tỷ lệ %"),
    "%/năm": ("%/năm", "% năm", "%/year", "% per year", "% mỗi năm"),
    "điểm %/năm": ("điểm %/năm", "điểm phần trăm/năm", "điểm %", "điểm phần trăm"),
    "tỷ đồng": ("tỷ đồng", "tỷ VNĐ", "tỷ VND", "tỷ đ", "tỷ", "billion VND"),
    "triệu đồng": ("triệu đồng", "triệu VNĐ", "triệu VND", "tr đồng", "trđ"),
    "USD/người": ("USD/người", "USD/ng", "USD/người/năm", "USD per capita", "USD/capita"),
    "tỷ USD": ("tỷ USD", "tỷ đô la Mỹ", "tỷ đô la", "billion USD"),
    "triệu USD": ("triệu USD", "tr USD", "triệu đô la Mỹ", "million USD"),
    "triệu tấn": ("triệu tấn", "tr tấn", "million tonnes", "million tons"),
    "triệu lượt": ("triệu lượt", "triệu lượt khách", "tr lượt", "million visitors"),
    "thứ hạng": ("thứ hạng", "hạng", "xếp hạng", "vị trí", "rank"),
    "chỉ số": ("chỉ số", "index"),
    "doanh nghiệp": ("doanh nghiệp", "DN", "enterprises"),
    "doanh nghiệp/năm": ("doanh nghiệp/năm", "DN/năm"),
    "căn": ("căn", "căn hộ", "căn nhà"),
    "tổ chức đảng": ("tổ chức đảng", "tổ chức"),
}

# Extra canonical units one catalogue unit accepts besides its own (beyond the general rules in
# `accepted_units`): a reduction rate per year is also written as a plain rate per year.
_EXTRA_ACCEPTED: dict[str, tuple[str, ...]] = {
    "% giảm/năm": ("%/năm",),
}


def _fold_unit(text: str) -> str:
    """Fold case, accents and spacing; drop brackets people put around units ("(%)", "[tỷ đồng]")."""
    folded = fold(re.sub(r"[()\[\]]", " ", str(text)))
    return re.sub(r"\s*/\s*", "/", folded).strip()


_LOOKUP: dict[str, str] = {
    _fold_unit(s): canonical for canonical, spellings in SYNONYMS.items() for s in spellings
}


def canonical_unit(text: str | None) -> str | None:
    """The canonical spelling of a unit (`"ty VND"` → `"tỷ đồng"`), its folded form if not in the table,
    None for a blank cell."""
    if text is None or not str(text).strip():
        return None
    return _canonical_text(str(text))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def _canonical_text(text: str) -> str:
    folded = _fold_unit(text)
    return _LOOKUP.get(folded, folded)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def accepted_units(catalogue_unit: str) -> frozenset[str]:
    """Canonical units a submission may write for an indicator whose catalogue unit is `catalogue_unit`."""
    own = canonical_unit(catalogue_unit)
    assert own is not None
    accepted = {own, *_EXTRA_ACCEPTED.get(catalogue_unit, ())}
    # A share of something ("% GRDP", "% tổng chi ngân sách") or a rate ("%/năm") is written "%" too.
    if catalogue_unit.startswith("%"):
        accepted.add("%")
    # "doanh nghiệp/năm" may be written "doanh nghiệp": the indicator already says per year.
    if catalogue_unit.endswith("/năm"):
        accepted.add(canonical_unit(catalogue_unit.removesuffix("/năm")) or own)
    return frozenset(accepted)


def unit_matches(submitted: str | None, catalogue_unit: str) -> bool:
    """True if the submitted unit means the catalogue unit (no conversion is ever implied)."""
    canonical = canonical_unit(submitted)
    return canonical is not None and canonical in accepted_units(catalogue_unit)


# Scale words, longest first: "triệu tỷ" is 10^15, "tỷ" 10^9 ("tỷ" alone for money means tỷ đồng).
_SCALE_WORDS: tuple[tuple[str, int], ...] = (
    ("trieu ty", 15),
    ("nghin ty", 12),
    ("ngan ty", 12),
    ("ty", 9),
    ("trieu", 6),
    ("tr", 6),
    ("nghin", 3),
    ("ngan", 3),
)
_BASE_SPELLINGS = {"dong": "đồng", "vnd": "đồng", "vnđ": "đồng", "d": "đồng", "đ": "đồng"}


def unit_scale(text: str | None) -> tuple[Decimal, str] | None:
    """A unit as (power of ten, base): "Triệu tỷ đồng" → (10^15, "đồng"), "tỷ USD" → (10^9, "usd");
    None when the unit has no scale word and no known base (``%``, ``căn``)."""
    if text is None or not str(text).strip():
        return None
    canonical = canonical_unit(text) or ""
    folded = _fold_unit(canonical)
    for word, power in _SCALE_WORDS:
        if folded == word or folded.startswith(word + " "):
            base = folded[len(word) :].strip() or "dong"
            return Decimal(10) ** power, _BASE_SPELLINGS.get(base, base)
    if folded in _BASE_SPELLINGS or folded == "usd":
        return Decimal(1), _BASE_SPELLINGS.get(folded, folded)
    return None


def conversion_factor(submitted: str | None, catalogue_unit: str) -> Decimal | None:
    """What a figure in ``submitted`` is multiplied by to be in ``catalogue_unit`` (exact), or None
    when the two are not the same quantity at another scale."""
    a, b = unit_scale(submitted), unit_scale(catalogue_unit)
    if a is None or b is None or a[1] != b[1]:
        return None
    return a[0] / b[0]


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def plan_unit_factor(submitted: str | None, catalogue_unit: str, plan_units: Sequence[str]) -> Decimal | None:
    """The exact factor into the catalogue unit when ``submitted`` is a unit the plan itself prints
    for the indicator (``plan_units``) but not the catalogue's own; else None."""
    canonical = canonical_unit(submitted)
    if canonical is None or canonical in accepted_units(catalogue_unit):
        return None
    if canonical not in {canonical_unit(u) for u in plan_units}:
        return None
    factor = conversion_factor(submitted, catalogue_unit)
    if factor is not None:
        return factor
    # The plan writes the same quantity two ways without a scale ("%/năm" beside "%").
    same_kind = is_percent_unit(canonical) == is_percent_unit(catalogue_unit)
    return Decimal(1) if same_kind and unit_scale(canonical) is None else None


def is_percent_unit(catalogue_unit: str | None) -> bool:
    """True for units whose figures are percentages (a value written "13,2%" fits them)."""
    return bool(catalogue_unit) and "%" in str(catalogue_unit)


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def plausibility_class(catalogue_unit: str | None, kind: str, name_vi: str = "") -> str | None:
    """Which plausible range applies to an indicator's values; the bounds live in the GX suite.

    share 0–100, change (growth or reduction rates) −50…+100, rank 1–63, index01 (HDI) 0–1,
    nonneg (counts, money) ≥ 0. None when the indicator has no unit (group headings).
    """
    if kind == "rank":
        return "rank"
    if catalogue_unit is None:
        return None
    canonical = canonical_unit(catalogue_unit)
    if canonical == "chỉ số":
        return "index01"
    is_growth = kind == "avg_growth" or fold(name_vi).startswith(("toc do tang", "tang truong"))
    if is_growth or "giam" in fold(catalogue_unit) or canonical == "điểm %/năm":
        return "change"
    if catalogue_unit.startswith("%"):
        return "share"
    return "nonneg"
