"""The column-by-column path of an indicator CSV (planwatch/ingest/columnar.py) against the per-row path.

For every file here the columnar path either declines or gives exactly the rows the per-row path
accepts (compared by repr, so 0.0 and -0.0 differ), and a file with problems gets the same problems
whichever path is tried first. The catalogue is the one `planwatch build` puts in the warehouse.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.ingest.columnar import columnar_submission
from planwatch.ingest.errors import IngestError, SubmissionRejected
from planwatch.ingest.model import IndicatorRows, RawRow, RawTable, Submission
from planwatch.ingest.plan_lookup import Catalogue, load_catalogue
from planwatch.ingest.reader import read_tables
from planwatch.ingest.report import problems_of
from planwatch.ingest.validate import EXPECTATIONS_DIR, INDICATOR_SUITE, validate
from planwatch.ingest.wording import range_class

TODAY = date(2026, 11, 26)
HEADERS = {c: c for c in ("ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", "ghi_chu")}


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


def csv_table(rows: list[list[Any]], name: str = "bao_cao.csv") -> RawTable:
    """A table as the CSV reader gives it: text cells (None when blank), line numbers from 2."""
    return RawTable(
        Path(name),
        "indicators",
        None,
        1,
        dict(HEADERS),
        tuple(RawRow(i + 2, dict(zip(HEADERS, cells, strict=True))) for i, cells in enumerate(rows)),
        encoding="utf-8",
    )


def judged(
    tables: list[RawTable], catalogue: Catalogue, *, columnar: bool, agency: str = "TKTP", today=TODAY
):
    """The Submission, or the rejection's problems."""
    try:
        return validate(
            tables, agency_code=agency, catalogue=catalogue, today=today, sha256="test", columnar=columnar
        )
    except SubmissionRejected as rejection:
        return problems_of(rejection)


def assert_same(tables: list[RawTable], catalogue: Catalogue, **kwargs: Any) -> Submission | list:
    """Both paths give the same outcome; returns the columnar one."""
    fast = judged(tables, catalogue, columnar=True, **kwargs)
    slow = judged(tables, catalogue, columnar=False, **kwargs)
    if isinstance(slow, Submission):
        assert isinstance(fast, Submission), fast
        assert repr(tuple(fast.indicator_values)) == repr(tuple(slow.indicator_values))
        assert fast == slow
    else:
        assert fast == slow
    return fast


def indicators(catalogue: Catalogue) -> list[Any]:
    return [i for i in catalogue.indicators.values() if i.kind != "group" and i.unit]


def test_benchmark_file_is_read_as_columns_with_the_rows_of_the_per_row_path(catalogue: Catalogue) -> None:
    infos = indicators(catalogue)
    rows = [
        [info.code, f"{year}-Q{q}", "3" if info.kind == "rank" else "0,5", info.unit, "chính thức", "ghi chú"]
        for year in (2023, 2024, 2025)
        for q in (1, 2, 3, 4)
        for info in infos
    ]
    outcome = assert_same([csv_table(rows)], catalogue)
    assert isinstance(outcome, Submission)
    assert isinstance(outcome.indicator_values, IndicatorRows)  # the columnar path took it
    assert len(outcome.indicator_values) == len(rows)


def test_a_file_with_a_part_above_its_whole_is_left_to_the_per_row_path(catalogue: Catalogue) -> None:
    flow = next(i for i in indicators(catalogue) if i.part_year_figure == "partial_sum" and i.kind != "rank")
    rows = [
        [flow.code, "2025", "10", flow.unit, "chính thức", None],
        [flow.code, "2025-Q2", "20", flow.unit, "chính thức", None],
    ]
    problems = assert_same([csv_table(rows)], catalogue)
    assert [p.key for p in problems] == ["ytd_below_part"]


def test_a_figure_a_thousand_times_off_is_left_to_the_per_row_path(catalogue: Catalogue) -> None:
    money = next(i for i in indicators(catalogue) if range_class(i) == "nonneg" and i.kind != "rank")
    rows = [[money.code, f"2024-{m:02d}", "120,5", money.unit, "chính thức", None] for m in range(1, 7)]
    rows.append([money.code, "2024-07", "120.500.000", money.unit, "chính thức", None])
    problems = assert_same([csv_table(rows)], catalogue)
    assert "off_by_thousand" in [p.key for p in problems]


def test_sample_csv_files_give_the_same_outcome_on_both_paths(catalogue: Catalogue, tmp_path: Path) -> None:
    from planwatch.sample import generate_sample

    manifest = generate_sample(catalogue, tmp_path / "sample", until=date(2026, 10, 20))
    took_columns = 0
    for item in manifest.files:
        if item.path.suffix != ".csv":
            continue
        tables = read_tables(item.path)
        outcome = assert_same(tables, catalogue, agency=item.agency_code, today=item.received_at.date())
        took_columns += isinstance(outcome, Submission) and isinstance(
            outcome.indicator_values, IndicatorRows
        )
    assert took_columns  # the sample's plain CSV files are the columnar path's


# --- a grammar of tricky cells ------------------------------------------------------------------------

_PLAIN = st.from_regex(r"[0-9]{1,2}(,[0-9]{1,3})?", fullmatch=True)  # fits every range class drawn
_TRICKY = st.one_of(
    st.from_regex(r"-?[0-9]{1,6}(,[0-9]{1,4})?", fullmatch=True),
    st.from_regex(r"-?[1-9][0-9]{0,2}(\.[0-9]{3}){1,3}(,[0-9]{1,3})?", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}\.[0-9]{1,4}", fullmatch=True),  # a single dot: ambiguous or plain
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){1,2}(\.[0-9]{1,2})?", fullmatch=True),  # English grouping
    st.from_regex(r"[0-9]{1,3}( [0-9]{3})+(,[0-9]{1,2})?", fullmatch=True),  # space-grouped
    st.from_regex(r"[0-9]{16,18}", fullmatch=True),  # too many digits
    st.sampled_from(["-0", "-0,0", "0,000", "12,5%", "13,2 %", "\u00a07,5", "7,5\u00a0", " 42 ", "−3,1", "+3",
                     "(3,1)", "1..2", ",5", "5,", "abc", "١٢", "1e5", "NaN", ""]),
)  # fmt: skip


def mostly(draw: st.DrawFn, good: list[Any], tricky: list[Any]) -> Any:
    """A good cell nine times in ten: a file is only accepted when all its cells are good."""
    return draw(st.sampled_from(good if draw(st.integers(0, 9)) else tricky))


@st.composite
def tricky_rows(draw: st.DrawFn, catalogue: Catalogue) -> list[list[Any]]:
    infos = [i for i in indicators(catalogue) if range_class(i) in ("share", "change", "nonneg")]
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        info = draw(st.sampled_from(infos))
        code = mostly(draw, [info.code], [f" {info.code} ", "X.99", None])
        plan_units = list(catalogue.plan_units.get(info.code, ()))
        unit = mostly(draw, [info.unit], [*plan_units, "USD", None, f" {info.unit}"])
        period = mostly(draw, ["2025", "2025-Q3", "Quý III/2025", "2024-07", "2024-YTD09", "9 tháng 2024"],
                        ["2027", "2026-Q4", "Q5/2025", "x", None])  # fmt: skip
        status = mostly(draw, ["chính thức", "Chính thức", "sơ bộ", "ước tính", "so_bo", "official"],
                        ["tạm tính", None])  # fmt: skip
        note = draw(st.sampled_from([None, "ghi chú", "  có dấu cách  "]))
        value = draw(_PLAIN if draw(st.integers(0, 2)) else _TRICKY)
        rows.append([code, period, value or None, unit, status, note])
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_columnar_path_declines_or_gives_the_per_row_rows(catalogue: Catalogue, data: st.DataObject) -> None:
    table = csv_table(data.draw(tricky_rows(catalogue)))
    accepted = columnar_submission(
        table,
        agency="TKTP",
        catalogue=catalogue,
        today=TODAY,
        suite_path=EXPECTATIONS_DIR / INDICATOR_SUITE,
        judge_consistency=True,
    )
    slow = judged([table], catalogue, columnar=False)
    if accepted is not None:
        assert isinstance(slow, Submission), slow  # never accepts a file with problems
        assert repr(tuple(accepted)) == repr(tuple(slow.indicator_values))
        assert slow.warnings == ()
    assert judged([table], catalogue, columnar=True) == slow


@pytest.mark.parametrize(
    ("cell", "columnar"),
    [
        ("0,5", True),
        ("-12", True),
        ("1.234,5", True),
        ("2.400.000", True),
        ("-0", True),
        ("12.345", False),  # ambiguous: read by the Vietnamese rule with a warning
        ("8.15", False),  # a plain decimal point: the file's notation decides the other cells
        ("12,5%", False),
        (" 42 ", False),
        ("1234567890123456", False),
    ],
)
def test_value_cells_outside_the_plain_grammar_are_left_to_the_per_row_path(
    catalogue: Catalogue, cell: str, columnar: bool
) -> None:
    klass = "change" if cell.startswith("-") else "nonneg"  # a change may be negative
    info = next(i for i in indicators(catalogue) if range_class(i) == klass and i.kind != "rank")
    outcome = assert_same([csv_table([[info.code, "2025", cell, info.unit, "chính thức", None]])], catalogue)
    taken = isinstance(outcome, Submission) and isinstance(outcome.indicator_values, IndicatorRows)
    assert taken is columnar


# --- the CSV read as columns (reader._csv_columns) ------------------------------------------------

_CSV_CELLS = st.sampled_from(
    ["A.1", "2025", "0,5", "1.234,5", "chính thức", "", " ", "\u00a0", "có, dấu phẩy", 'nói "to"']
    + ["Cafe\u0301", "DỮ LIỆU MẪU", "gia_tri", "ma_chi_tieu", "x" * 40]
)
_ROW_KINDS = ["cells"] * 6 + ["blank cells", "marker", "header again", "misfit", "blank line", "two lines"]


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A CSV of a header and a few records, most of the plain case, some of each thing it declines."""
    import csv
    import io

    extra = draw(st.sampled_from([[], ["ghi_chu"], ["x"], ["ghi_chu", "x"]]))
    header = ["ma_chi_tieu", "ky", "gia_tri", "don_vi", "trang_thai", *extra]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    # Past the first 30 records (where the reader looks for the header and the sample marker).
    writer.writerows([["A.1", "2025", "0,5", "%", "chính thức", *extra]] * draw(st.sampled_from([0, 30])))
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(_ROW_KINDS))
        cells = [draw(_CSV_CELLS) for _ in header]
        if kind == "blank cells":
            cells = [draw(st.sampled_from(["", " "])) for _ in header]
        elif kind == "marker":
            cells[-1] = "dữ liệu mẫu, không thật"
        elif kind == "header again":
            cells = list(header)
        elif kind == "misfit":
            cells = cells[: draw(st.integers(0, len(header) - 1))] or cells + ["1"]
        elif kind == "blank line":
            cells = []
        elif kind == "two lines":
            cells[0] = "dòng\nmới"
        writer.writerow(cells)
    return out.getvalue() + draw(st.sampled_from(["", "\n"]))


def read_or_error(path: Path) -> Any:
    try:
        return read_tables(path)
    except IngestError as exc:
        return (type(exc).__name__, exc.key, exc.row, str(exc))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=csv_texts())
def test_a_csv_read_as_columns_is_the_table_read_row_by_row(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwatch.ingest import reader

    path = tmp_path / "bao_cao.csv"
    path.write_text(text, encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(reader, "_csv_columns", lambda *args: None)
        by_rows = read_or_error(path)
    assert read_or_error(path) == by_rows


def test_the_benchmark_csv_is_read_as_columns(tmp_path: Path) -> None:
    from planwatch.ingest.reader import CsvRows, ReadRow

    path = tmp_path / "bao_cao.csv"
    path.write_text(
        'ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu\nA.1,2025,"0,5",%,chính thức,\n', "utf-8"
    )
    (table,) = read_tables(path)
    assert isinstance(table.rows, CsvRows)
    cells = {"ma_chi_tieu": "A.1", "ky": "2025", "gia_tri": "0,5", "don_vi": "%", "trang_thai": "chính thức"}
    assert list(table.rows) == [ReadRow(2, {**cells, "ghi_chu": None}, {}, {})]


def test_a_sample_marker_in_a_note_past_the_first_rows_marks_the_csv_read_as_columns(tmp_path: Path) -> None:
    from planwatch.ingest.reader import CsvRows

    rows = ['A.1,2025,"0,5",%,chính thức,'] * 40 + ['A.1,2024,"0,5",%,chính thức,DỮ LIỆU MẪU (thử)']
    path = tmp_path / "bao_cao.csv"
    path.write_text("\n".join(["ma_chi_tieu,ky,gia_tri,don_vi,trang_thai,ghi_chu", *rows]) + "\n", "utf-8")
    (table,) = read_tables(path)
    assert isinstance(table.rows, CsvRows)
    assert table.is_sample


def test_the_suite_frame_built_as_columns_is_the_frame_built_row_by_row(catalogue: Catalogue) -> None:
    import pandas.testing

    from planwatch.ingest.cells import data_rows, file_notation, read_indicator_row
    from planwatch.ingest.checks import indicator_frame
    from planwatch.ingest.columnar import suite_frame

    statuses = ["chính thức", "sơ bộ", "ước tính"]
    rows = [
        [
            info.code,
            period,
            "1.234,5" if range_class(info) == "nonneg" else "12",
            info.unit,
            statuses[k % 3],
            None,
        ]
        for k, info in enumerate(indicators(catalogue))
        for period in ("2025", "2024-Q3", "Quý II/2024", "2024-07")
    ]
    table = csv_table(rows)
    pairs = [(table, r) for r in data_rows(table)]
    notation = file_notation(pairs, "auto")
    by_rows = indicator_frame([read_indicator_row(table, r, catalogue, notation) for _, r in pairs])
    pandas.testing.assert_frame_equal(suite_frame(table, catalogue), by_rows)
