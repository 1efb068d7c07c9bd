"""The common case of an indicator CSV, normalised column by column (polars) instead of row by row.

The per-row path (cells.py, checks.py, consistency.py) stays the one source of problems. This path
takes a file only when it can vouch for every row, and otherwise declines (``None``: the caller runs
the per-row path on the whole file, which then finds the problems exactly as before):
- one CSV table of indicators, read with no problem, every required column present, a known agency,
  ``--number-style auto``;
- every value cell in the plain grammar below (ASCII digits, an optional leading ``-``, a decimal
  comma, thousands dots with a decimal comma or at least two of them, no spaces, no ``%``, at most
  15 digits): the cells whose reading depends on the file's notation (a single dot) or that the
  per-row path would warn about are exactly those outside it;
- every code known, every period readable, every status known, no unit needing a conversion (a
  plan unit other than the catalogue's own): each distinct text is read once by the per-row
  functions themselves (``parse_period``, ``normalise_status``, ``plan_unit_factor``) and joined
  back, so a figure is read the same way on both paths;
- the Great Expectations suite passes on the frame (built as columns, the same frame the per-row
  path builds), and no consistency check can flag a row (a join for the year-to-date rule; for the
  ~1000× rule, bounds that hold every figure the check could compare with).
The accepted rows are a polars frame with IndicatorValue's fields (``IndicatorRows``), appended as is.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from planwatch.ingest.cells import data_rows, missing_columns
from planwatch.ingest.checks import indicator_parameters, indicator_units
from planwatch.ingest.columns import normalise_status
from planwatch.ingest.consistency import FACTOR_FLAG, _known_of
from planwatch.ingest.errors import IngestError
from planwatch.ingest.gx import run_suite
from planwatch.ingest.model import IndicatorRows, RawTable
from planwatch.ingest.periods import parse_period
from planwatch.ingest.plan_lookup import Catalogue
from planwatch.ingest.units import canonical_unit, plan_unit_factor

# The value cells this path reads itself (rule 4 of planwatch/ingest/numbers.py, its unambiguous
# part): digits; digits with a decimal comma; thousands dots with a decimal comma; two or more
# thousands dots. A single dot (``12.345``, ``8.15``) depends on the file's notation: declined.
PLAIN_NUMBER = (
    r"^-?(?:[0-9]+(?:,[0-9]+)?"
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+"
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,})$"
)
# At most 15 digits: under 10^15 (the magnitude limit), and two different figures are two different
# floats in the same order (a double holds 15 significant digits), so comparing floats here is
# comparing the Decimals the per-row path compares.
MAX_DIGITS = 15
_CELLS = ("ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu")
_FIRM = ("so_bo", "chinh_thuc")


class Declined(Exception):
    """This path cannot vouch for the file: the per-row path reads it."""


def columnar_submission(
    table: RawTable,
    *,
    agency: str,
    catalogue: Catalogue,
    today: date,
    suite_path: Path,
    judge_consistency: bool,
) -> IndicatorRows | None:
    """The accepted rows of `table` read as columns, or None when this path declines the file (see
    the module doc); it never reports a problem itself."""
    if (
        table.kind != "indicators"
        or table.encoding is None  # a workbook: cells may be numbers, dates, percent-formatted
        or table.problems
        or agency not in catalogue.agencies
        or missing_columns(table)
    ):
        return None
    try:
        frame = _normalised(_cells(table), catalogue)
        failures = run_suite(suite_path, _suite_frame(frame), indicator_parameters(agency, catalogue, today))
        if failures:
            return None
        if judge_consistency and _may_be_flagged(frame, catalogue):
            return None
    except Declined:
        return None
    return IndicatorRows(
        frame.select(
            pl.col("row_no").cast(pl.Int32),
            pl.lit(None, pl.String).alias("sheet"),
            pl.col("code").alias("indicator_code"),
            "period",
            "period_type",
            "value",
            pl.col("gia_tri").alias("value_text"),
            pl.col("catalogue_unit_text").alias("unit"),
            "status",
            pl.col("note_text").alias("note"),
            pl.col("value").alias("submitted_value"),
            pl.col("unit_text").alias("submitted_unit"),
            pl.lit(None, pl.String).alias("warning"),
        )
    )


def suite_frame(table: RawTable, catalogue: Catalogue) -> Any:
    """The pandas frame the indicator suite runs on for `table`, built as columns (the benchmark's GX
    floor, and the tests comparing it with checks.indicator_frame); Declined when this path would."""
    return _suite_frame(_normalised(_cells(table), catalogue))


def _cells(table: RawTable) -> pl.DataFrame:
    """The data rows of the table (cells.data_rows) as a frame: row_no and the cells as read."""
    frame = getattr(table.rows, "frame", None)  # a CSV the reader read as columns (reader.CsvRows)
    if frame is None:
        rows = data_rows(table)
        values = [r.values for r in rows]
        cells = {c: [v.get(c) for v in values] for c in _CELLS}
        if any(v is not None and type(v) is not str for c in _CELLS for v in cells[c]):
            raise Declined  # a CSV cell is text or blank; anything else is not this path's
        frame = pl.DataFrame(
            {"row_no": [r.row_no for r in rows], **cells},
            schema={"row_no": pl.Int64, **dict.fromkeys(_CELLS, pl.String)},
        )
    else:
        missing = [pl.lit(None, pl.String).alias(c) for c in _CELLS if c not in frame.columns]
        frame = frame.with_columns(missing).select("row_no", *_CELLS)
        # A row is reported when a cell the department fills is (cells.data_rows).
        frame = frame.filter(pl.col("gia_tri").is_not_null() | pl.col("trang_thai").is_not_null())
    if frame.is_empty():
        raise Declined  # an empty submission: the per-row path says so
    return frame


def _normalised(frame: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """One row per data row: the cells as read, and what each means (code, period, value, unit)."""
    frame = frame.with_columns(
        # A text cell as Row.text gives it (Python's strip: its idea of a space is the per-row path's).
        **{
            f"{c}_text": _mapped(frame[c], _strip, pl.String)
            for c in ("ma_chi_tieu", "ky", "don_vi", "ghi_chu")
        }
    ).rename({"ma_chi_tieu_text": "code", "ky_text": "period_text", "ghi_chu_text": "note_text"})
    frame = frame.join(_indicators(frame["code"], catalogue), on="code", how="left", nulls_equal=True)
    frame = frame.join(_periods(frame["ky"]), on="ky", how="left", nulls_equal=True)
    frame = frame.join(_statuses(frame["trang_thai"]), on="trang_thai", how="left", nulls_equal=True)
    frame = frame.join(
        _units(frame.select("code", "catalogue_unit_text", "don_vi_text").unique(), catalogue),
        on=["code", "don_vi_text"],
        how="left",
        nulls_equal=True,
    ).rename({"don_vi_text": "unit_text"})
    return frame.with_columns(value=_values(frame["gia_tri"])).sort("row_no")


def _strip(text: str | None) -> str | None:
    return None if text is None else text.strip() or None


def _mapped(column: pl.Series, read: Any, dtype: Any) -> pl.Series:
    """`read` of each distinct cell of `column`, joined back to every row."""
    distinct = column.unique().to_list()
    return column.replace_strict(distinct, [read(v) for v in distinct], return_dtype=dtype)


def _indicators(codes: pl.Series, catalogue: Catalogue) -> pl.DataFrame:
    found = []
    for code in codes.unique().to_list():
        info = catalogue.indicators.get(code) if code is not None else None
        if info is None or not info.unit:
            raise Declined  # an unknown code, or an indicator without a unit: the per-row path judges it
        range_class, catalogue_unit = indicator_units(info)
        found.append((code, info.unit, catalogue_unit, range_class, info.part_year_figure))
    return pl.DataFrame(
        found,
        schema={
            "code": pl.String,
            "catalogue_unit_text": pl.String,
            "catalogue_unit": pl.String,
            "range_class": pl.String,
            "part_year_figure": pl.String,
        },
        orient="row",
    )


def _periods(cells: pl.Series) -> pl.DataFrame:
    found = []
    for cell in cells.unique().to_list():
        try:
            period = parse_period(cell) if _strip(cell) is not None else None
        except IngestError:
            period = None
        if period is None or period.start.year != period.end.year:
            raise Declined  # a blank or unreadable period is a problem; the per-row path words it
        found.append((cell, period.code, period.period_type, period.start, period.end))
    return pl.DataFrame(
        found,
        schema={
            "ky": pl.String,
            "period": pl.String,
            "period_type": pl.String,
            "start": pl.Date,
            "end": pl.Date,
        },
        orient="row",
    )


def _statuses(cells: pl.Series) -> pl.DataFrame:
    found = []
    for cell in cells.unique().to_list():
        status = normalise_status(text) if (text := _strip(cell)) is not None else None
        if status is None:
            raise Declined
        found.append((cell, status))
    return pl.DataFrame(found, schema={"trang_thai": pl.String, "status": pl.String}, orient="row")


def _units(pairs: pl.DataFrame, catalogue: Catalogue) -> pl.DataFrame:
    """The unit the suite checks for each (indicator, unit as written): the catalogue's own when the
    plan's unit was written (a factor of 1), else the written unit's canonical spelling."""
    found = []
    for code, catalogue_unit_text, unit_text in pairs.iter_rows():
        factor = None
        if unit_text is not None:
            factor = plan_unit_factor(unit_text, catalogue_unit_text, catalogue.plan_units.get(code, ()))
        if factor is not None and factor != 1:
            raise Declined  # a figure to convert (exactly, in Decimal): the per-row path converts it
        found.append((code, unit_text, factor is not None))
    frame = pl.DataFrame(
        found, schema={"code": pl.String, "don_vi_text": pl.String, "plan_unit": pl.Boolean}, orient="row"
    )
    units = frame["don_vi_text"].unique().to_list()
    canonical = pl.DataFrame(
        {"don_vi_text": units, "canonical_unit": [canonical_unit(u) for u in units]},
        schema={"don_vi_text": pl.String, "canonical_unit": pl.String},
    )
    return frame.join(canonical, on="don_vi_text", how="left", nulls_equal=True)


def _values(cells: pl.Series) -> pl.Series:
    """The figures of the value column; Declined unless every cell is in the plain grammar."""
    digits = cells.str.count_matches("[0-9]")
    if cells.null_count() or not (cells.str.contains(PLAIN_NUMBER) & (digits <= MAX_DIGITS)).all():
        raise Declined
    value = cells.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True).cast(pl.Float64)
    # "-0" is the Decimal 0 on the per-row path, stored as 0.0, not -0.0.
    return pl.select(pl.when(value == 0).then(0.0).otherwise(value)).to_series().alias("value")


def _suite_frame(frame: pl.DataFrame) -> Any:
    """The pandas frame the indicator suite runs on, as checks.indicator_frame builds it row by row."""
    import pandas as pd

    timestamp = pl.Datetime("ns")
    columns = frame.select(
        pl.col("code").alias("indicator_code"),
        pl.col("gia_tri").alias("value_text"),
        "value",
        "range_class",
        "unit_text",
        pl.when("plan_unit").then("catalogue_unit").otherwise("canonical_unit").alias("unit"),
        "catalogue_unit",
        "period_text",
        "period",
        pl.col("start").cast(timestamp).alias("period_start"),
        pl.when(pl.col("status").is_in(_FIRM)).then(pl.col("end").cast(timestamp)).alias("firm_period_end"),
        "status",
    )
    # Column by column through numpy (text as objects, None for blank; NaT; float64): the dtypes
    # pandas gives the per-row records, and no pyarrow needed.
    return pd.DataFrame({name: columns[name].to_numpy() for name in columns.columns})


def _may_be_flagged(frame: pl.DataFrame, catalogue: Catalogue) -> bool:
    """Whether a consistency check (consistency.py) could flag a row; True is also said when unsure.

    A percent typed into a number cell needs an Excel number: never in a CSV. A year-to-date flow below
    its part: looked for exactly, in DuckDB. A figure ~1000× off: exactly against the previous vintage
    of its period, else against the lowest and highest figure it could be compared with (the median
    the check takes lies between them).
    """
    return _part_above_whole(frame) or _off_by_thousand(frame, catalogue)


def _part_above_whole(frame: pl.DataFrame) -> bool:
    flows = frame.filter(
        (pl.col("part_year_figure") == "partial_sum") & (pl.col("range_class") == "nonneg")
    ).select("code", "value", "start", "end", year=pl.col("start").dt.year())
    # Every period lies inside one calendar year (checked in _periods): a part shares its whole's year.
    # Where the figures of a year are all equal no whole can be below a part.
    varied = flows.filter((pl.col("value").min() < pl.col("value").max()).over("code", "year"))
    if varied.is_empty():
        return False
    below = varied.join_where(
        varied,
        pl.col("code") == pl.col("code_right"),
        pl.col("year") == pl.col("year_right"),
        pl.col("start") <= pl.col("start_right"),
        pl.col("end_right") <= pl.col("end"),
        pl.col("value") < pl.col("value_right"),
    )
    # A part is another span than its whole (consistency._contains).
    return not below.filter(
        (pl.col("start") != pl.col("start_right")) | (pl.col("end") != pl.col("end_right"))
    ).is_empty()


def _off_by_thousand(frame: pl.DataFrame, catalogue: Catalogue) -> bool:
    positive = frame.filter(pl.col("value") > 0)
    judged = positive.filter(pl.col("range_class") == "nonneg")
    if judged.is_empty():
        return False
    previous, known = [], []
    for code in judged["code"].unique().to_list():
        figures = _known_of(catalogue, code)
        previous += [(code, period, value) for period, value in figures.latest.items()]
        known += [(code, kind, v) for kind, values in figures.by_type.items() for v in values]
    previous_frame = pl.DataFrame(
        previous, schema={"code": pl.String, "period": pl.String, "previous": pl.Float64}, orient="row"
    )
    pool = pl.concat(
        [
            pl.DataFrame(
                known, schema={"code": pl.String, "period_type": pl.String, "value": pl.Float64}, orient="row"
            ),
            positive.select("code", "period_type", "value"),
        ]
    )
    bounds = pool.group_by("code", "period_type").agg(low=pl.col("value").min(), high=pl.col("value").max())
    rows = judged.join(previous_frame, on=["code", "period"], how="left").join(
        bounds, on=["code", "period_type"], how="left"
    )
    low, high = 1 / FACTOR_FLAG, FACTOR_FLAG
    ratio = pl.col("value") / pl.col("previous")
    safe = pl.when(pl.col("previous").is_not_null()).then((ratio > low) & (ratio < high))
    safe = safe.otherwise((pl.col("value") / pl.col("high") > low) & (pl.col("value") / pl.col("low") < high))
    return not rows.select(safe.all()).item()
