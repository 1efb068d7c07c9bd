"""What leadership reads: the quarterly, annual and mid-term reports rendered from the synthetic sample, their
text checked against the marts (the figures, the status labels, the sample notice, the as-of date)."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from planwatch import config
from planwatch.report.cells.vn import effort, num, signed, target, with_unit
from planwatch.report.cells.wording import OFFICIAL_CLASSES_VI, chance_pct, movement_sentence
from planwatch.report.render import render_builtin

REPORTS = config.REPO_ROOT / "reports"


pytestmark = pytest.mark.slow  # a real dbt build or render (make test-fast leaves it out)

TODAY = "2027-02-28"
PERIODS = {"quarterly": "2026-Q3", "annual": "2026", "midterm": "2028"}


@pytest.fixture(scope="session")
def sample_home(built_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A warehouse holding a year of sample submissions (2026) received by 28/02/2027, rebuilt."""
    from planwatch.ingest.pipeline import current_catalogue, ingest_file
    from planwatch.sample import generate_sample
    from planwatch.warehouse.build import build

    home = tmp_path_factory.mktemp("sample_home")
    for name in ("warehouse.duckdb", "warehouse-readonly.duckdb"):
        shutil.copyfile(built_home / name, home / name)  # the plan is built: start from it
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        mp.setenv("PLANWATCH_TODAY", TODAY)
        plan = current_catalogue()
        manifest = generate_sample(plan, home / "sample", until=config.today())
        for item in manifest.files:
            outcome = ingest_file(
                item.path, agency_code=item.agency_code, received_at=item.received_at, catalogue=plan
            )
            assert not outcome.problems, item.path.name
        build(as_of=config.today(), quiet=True)
        yield home


@pytest.fixture(scope="session")
def mart(sample_home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The sample warehouse's published read-only copy, as the reports read it."""
    con = duckdb.connect(str(sample_home / "warehouse-readonly.duckdb"), read_only=True)
    yield con
    con.close()


def _render(kind: str, home: Path, out: Path) -> tuple[Path, float]:
    params = {"period": PERIODS[kind], "as_of": TODAY, "warehouse": str(home / "warehouse-readonly.duckdb")}
    started = time.perf_counter()
    outputs = render_builtin(REPORTS / f"{kind}.qmd", params, out, f"{kind}-{PERIODS[kind]}", ("pdf",))
    return outputs["pdf"], time.perf_counter() - started


@pytest.fixture(scope="session")
def pdfs(sample_home: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three reports rendered from the sample warehouse; page counts and times printed (pytest -s)."""
    out = tmp_path_factory.mktemp("reports")
    rendered = {}
    for kind in PERIODS:
        pdf, seconds = _render(kind, sample_home, out)
        print(f"\n{kind} {PERIODS[kind]}: {len(PdfReader(pdf).pages)} pages, {seconds:.1f} s (built-in)")
        rendered[kind] = pdf
    return rendered


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _flat(pdf: Path) -> str:
    # Table cells wrap: compare the text with its line breaks folded to spaces. Typst typesets a hyphen
    # before a digit as a minus sign (U+2212); the formatter writes "-".
    return re.sub(r"\s+", " ", "\n".join(_pages(pdf))).replace("\u2212", "-")


def _squeezed(text: str) -> str:
    # A narrow cell may wrap inside a figure's unit ("bậc/" + "năm"): compare without any whitespace.
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", PERIODS)
def test_report_keeps_vietnamese_diacritics_and_states_the_as_of_date(
    kind: str, pdfs: dict[str, Path]
) -> None:
    first = _pages(pdfs[kind])[0]
    for text in ("THÀNH ỦY HẢI PHÒNG", "VĂN PHÒNG THÀNH ỦY", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÁO CÁO"):
        assert text in first
    assert "Hải Phòng, ngày 28 tháng 02 năm 2027" in first
    assert "Số liệu tính đến ngày (as of): 28/02/2027" in first
    assert "Chương trình hành động 2026–2030" in re.sub(r"\s+", " ", first)


@pytest.mark.parametrize("kind", PERIODS)
def test_sample_notice_is_on_every_page(kind: str, pdfs: dict[str, Path]) -> None:
    pages = _pages(pdfs[kind])
    assert 3 <= len(pages) <= 25
    for number, text in enumerate(pages, start=1):
        assert "DỮ LIỆU MẪU" in text, f"{kind}: page {number} has no sample-data notice"


@pytest.mark.parametrize("kind", ["quarterly", "annual"])
def test_status_counts_are_printed_with_their_vietnamese_labels(
    kind: str, pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    text = _flat(pdfs[kind])
    counts = dict(
        mart.sql("select status_vi, count(*) from marts.fct_indicator_assessment group by 1").fetchall()
    )
    for label in ("Đúng tiến độ", "Cần đẩy nhanh", "Chậm tiến độ", "Đi lùi", "Đã đạt"):
        assert re.search(rf"{label} {counts[label]}\b", text), f"{kind}: no '{label} {counts[label]}' row"


@pytest.mark.parametrize("kind", PERIODS)
def test_data_vintage_appendix_counts_the_loads(
    kind: str, pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    loads, agencies = mart.sql(
        f"select count(*), count(distinct agency_code) from raw.loads where received_at < date '{TODAY}' + 1"
    ).fetchone()
    assert f"{num(loads)} lần gửi của {num(agencies)} cơ quan; phiên bản dữ liệu (vintage)" in _flat(
        pdfs[kind]
    )


def test_quarterly_ranks_the_indicators_most_at_risk_with_the_effort_required(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    rows = mart.sql("""
        select indicator_code, required_rate_remaining, required_rate_unit, method
        from marts.fct_indicator_assessment
        where status in ('regressing', 'insufficient', 'moderate')
        order by progress_ratio nulls last, indicator_code
        limit 2
    """).fetchall()
    text = _flat(pdfs["quarterly"])
    section = text[text.index("Các chỉ tiêu có nguy cơ không đạt") :]
    (first, rate, unit, method), (second, *_) = rows
    assert section.index(f"{first} ") < section.index(f"{second} ")
    assert _squeezed(effort(rate, unit, method)) in _squeezed(section)


def test_quarterly_risk_table_gives_the_probability_of_meeting_the_target_from_the_mart(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    rows = mart.sql("""
        select indicator_code, probability_pct, probability_note_vi
        from marts.rpt_indicators_at_risk
        order by progress_ratio nulls last, indicator_code
        limit 15
    """).fetchall()
    section = _flat(pdfs["quarterly"])
    section = section[section.index("Các chỉ tiêu có nguy cơ không đạt") :]
    estimated = [(code, p, note) for code, p, note in rows if p is not None]
    assert estimated, "the sample's risk table has no indicator with an estimated probability"
    for code, probability, note in estimated:
        assert f"Khả năng đạt mục tiêu: {chance_pct(probability, note)}" in section, code
    for code, probability, note in rows:
        if probability is None and note:
            assert _squeezed(note) in _squeezed(section), code


def _dicts(mart: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, object]]:
    rel = mart.sql(sql)
    return [dict(zip(rel.columns, row, strict=True)) for row in rel.fetchall()]


def test_quarterly_says_how_many_indicators_moved_since_the_previous_quarter_end(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    moved = _dicts(
        mart, f"select * from marts.rpt_status_movement where report_period = '{PERIODS['quarterly']}'"
    )
    assert moved, "rpt_status_movement has no row for the quarterly report's period"
    text = _flat(pdfs["quarterly"])
    assert movement_sentence(moved) in text
    assert "Quý trước → nay" in text
    changed = [r for r in moved if r["movement"] in ("improved", "worsened", "unrated")]
    if changed:
        assert "Các chỉ tiêu thay đổi tình trạng so với cuối quý trước" in text


@pytest.mark.parametrize("kind", ["annual", "midterm"])
def test_annual_and_midterm_show_each_key_indicators_status_path_over_the_quarters(
    kind: str, pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    end = f"{PERIODS[kind]}-12-31"
    quarters = [
        q
        for (q,) in mart.sql(f"""
        select distinct quarter from marts.rpt_status_path
        where quarter is not null and as_of_date <= date '{end}' order by quarter
    """).fetchall()
    ]
    text = _flat(pdfs[kind])
    section = text[text.index("Diễn biến tình trạng các chỉ tiêu kinh tế chủ yếu qua các quý") :]
    assert "Tình trạng các chỉ tiêu kinh tế chủ yếu cuối mỗi quý và đến 28/02/2027" in section
    for quarter in quarters:  # the columns: I/2026, II/2026, …
        year, q = quarter.split("-Q")
        assert f"{('I', 'II', 'III', 'IV')[int(q) - 1]}/{year}" in section, quarter
    for (code,) in mart.sql("select indicator_code from marts.rpt_key_indicators").fetchall():
        assert f"{code} " in section, code


def test_annual_key_charts_state_the_probability_and_draw_the_fan_or_the_target_year_band(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    chances = mart.sql("""
        select probability_target_met, probability_note_vi from marts.rpt_key_indicators
        where probability_target_met is not null
    """).fetchall()
    assert chances, "no key indicator of the sample has a probability"
    text = _flat(pdfs["annual"])
    for probability, note in chances:
        assert f"khả năng đạt mục tiêu: {chance_pct(100 * probability, note)}" in text
    # a fan year by year for a level or a total, the target-year diamond only for an average (§7.3)
    fanned, averaged = mart.sql("""
        with fanned as (select distinct indicator_code from marts.rpt_key_indicator_fan)
        select
            count(*) filter (where indicator_code in (select indicator_code from fanned)),
            count(*) filter (where indicator_code not in (select indicator_code from fanned))
        from marts.rpt_key_indicators where projected_central is not null
    """).fetchone()
    assert fanned > 0 and averaged > 0
    assert _squeezed(text).count(_squeezed("(khoảng dự báo 80% từng năm đến 2030)")) == fanned
    assert _squeezed(text).count(_squeezed("(dự báo bình quân cả giai đoạn, vẽ ở năm 2030)")) == averaged


def test_quarterly_grdp_year_to_date_matches_the_mart_and_the_scenario(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (value,) = mart.sql(
        "select value from marts.fct_actuals where indicator_code = 'II.1' and period = '2026-YTD09'"
    ).fetchone()
    (plan,) = mart.sql(
        "select plan_low from marts.fct_plan_trajectory where indicator_code = 'II.1' and year = 2026"
    ).fetchone()
    text = _squeezed(_flat(pdfs["quarterly"]))
    row = f"giá so sánh {with_unit(value, '%/năm', None)} (9 tháng, sơ bộ)"  # II.1's name ends "giá so sánh"
    assert _squeezed(row) in text
    assert _squeezed(f"{num(plan)} {signed(value - plan)} điểm %") in text


def test_quarterly_lists_tasks_by_agency_and_plan_contradictions(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (longest,) = mart.sql(
        "select max(official_days_overdue) from marts.fct_task_status"
        " where official_class = 'chua_hoan_thanh_qua_han'"
    ).fetchone()
    text = _flat(pdfs["quarterly"])
    assert f" {num(longest)} " in text[text.index("Các nhiệm vụ quá hạn lâu nhất") :]
    assert re.search(r"II\.6 Không khớp 288\.865,6 ≥ 245\.500", text)


def test_quarterly_counts_tasks_in_their_official_class_as_the_mart_does(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    by_class = "select official_class, count(*) from marts.fct_task_status group by all"
    counts = dict(mart.sql(by_class).fetchall())
    assert counts.get("chua_hoan_thanh_qua_han", 0) > 0  # the sample has late tasks
    text = _squeezed(_flat(pdfs["quarterly"]))
    listed = "; ".join(f"{num(counts.get(column, 0))} {words}" for column, words in OFFICIAL_CLASSES_VI)
    assert _squeezed(f"các nhiệm vụ của Chương trình có: {listed}.") in text


@pytest.mark.parametrize("kind", PERIODS)
def test_without_an_amendment_in_force_no_report_speaks_of_an_amended_plan(
    kind: str, pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    assert mart.sql("select count(*) from marts.rpt_plan_amendments").fetchone() == (0,)
    text = _flat(pdfs[kind])
    assert "đã điều chỉnh tại" not in text and "Kế hoạch đánh giá" not in text


def test_annual_table_shows_the_latest_value_of_ii2_as_in_the_mart(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (latest, baseline) = mart.sql(
        "select latest_value, baseline_value from marts.fct_indicator_assessment"
        " where indicator_code = 'II.2'"
    ).fetchone()
    text = _flat(pdfs["annual"])
    assert re.search(
        rf"II\.2 GRDP bình quân đầu người.*? {re.escape(num(baseline))} {re.escape(num(latest))} \(", text
    )
    # The II.2 chart's one message is its caption (the chart's own text is drawn as outlines).
    assert f"Năm 2026 đạt {with_unit(latest, 'USD/người', None)}, vượt kịch bản" in text


def test_annual_indicator_table_turns_landscape(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["annual"])
    wide = [i for i, page in enumerate(reader.pages) if page.mediabox.width > page.mediabox.height]
    assert wide, "no landscape page"
    assert "Các chỉ tiêu của Chương trình" in reader.pages[wide[0]].extract_text()
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height


def test_midterm_with_one_year_says_the_data_is_not_enough_and_gives_the_geometric_average(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (average,) = mart.sql("""
        select 100 * (exp(avg(ln(1 + value / 100))) - 1)
        from marts.fct_actuals
        where indicator_code = 'II.1' and period_type = 'year' and period_year between 2026 and 2028
    """).fetchone()
    text = _flat(pdfs["midterm"])
    assert "số liệu cả năm mới có cho 1/3 năm của giai đoạn 2026–2028" in text
    assert "chưa đủ số liệu" in text
    # the narrow columns may wrap inside "1/3" or "12,6%/năm": compare without whitespace
    assert re.search(
        rf"II\.1Tốcđộtăngtổngsảnphẩm.*?1/3{re.escape(with_unit(average, '%/năm', 1))}", _squeezed(text)
    )


def test_midterm_ranks_risks_by_the_gap_between_projection_and_target(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (code,) = mart.sql("""
        select indicator_code from marts.fct_indicator_assessment
        where projected_value is not null and target_value <> 0
          and status not in ('achieved', 'no_data', 'not_assessable')
        order by (case when direction = 'lower' then projected_value - target_value
                       else target_value - projected_value end) / abs(target_value) desc
        limit 1
    """).fetchone()
    text = _flat(pdfs["midterm"])
    ranked = text[text.index("Các chỉ tiêu có nguy cơ không đạt mục tiêu 2030, xếp theo mức thiếu hụt") :]
    assert re.search(rf"TT Chỉ tiêu .*? 1 {re.escape(code)} ", ranked)


@pytest.fixture(scope="session")
def plan_only_home(built_as_of: Callable[[str, str], Path]) -> Path:
    """The plan-only warehouse with its marts built as of TODAY (a report as of another day rebuilds)."""
    return built_as_of("plan_only", TODAY)


@pytest.mark.parametrize("kind", PERIODS)
def test_plan_only_warehouse_still_renders_every_report(
    kind: str, plan_only_home: Path, tmp_path: Path
) -> None:
    pdf, _ = _render(kind, plan_only_home, tmp_path)
    text = _flat(pdf)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "DỮ LIỆU MẪU" in text
    assert "Chưa có lần gửi số liệu nào" in text
    if kind == "midterm":
        assert "chưa có số liệu cả năm nào" in text.lower()


def test_vietnamese_forms_of_differences_targets_and_efforts() -> None:
    assert signed(1.24) == "+1,2" and signed(-0.4) == "-0,4" and signed(0.0) == "0,0"
    assert with_unit(13.1002, "%/năm") == "13,1%/năm"
    assert with_unit(516250.0, "tỷ đồng/năm") == "516.250 tỷ đồng/năm"
    assert target(">=", 245500, None, "tỷ đồng") == "≥ 245.500 tỷ đồng"
    assert target("range", 15.5, 16.5, "%/năm") == "15,5–16,5%/năm"
    assert effort(8.957, "%/năm", "compound") == "+9,0%/năm"
    assert effort(-2.25, "bậc/năm", "rank") == "-2,3 bậc/năm"
    assert effort(13.1, "%/năm", "avg_growth") == "13,1%/năm"  # a rate to sustain, not a change


@pytest.mark.parametrize(
    ("value", "decimals", "printed"),
    [
        (73918.125, None, "73.918,13"),  # half away from zero, as format_vn_number and vn_number in SQL
        (73918.125, 2, "73.918,13"),
        (-2.675, None, "-2,68"),
        (2.25, 1, "2,3"),
        (13.200000000000001, None, "13,2"),  # DuckDB's binary noise is dropped
        (0.035, None, "0,035"),  # a small value keeps 3 significant digits, not 0,04
        (0.12345, None, "0,123"),
        (0.9996, None, "1"),
        (-0.0, None, "0"),
        (1234567.0, None, "1.234.567"),
    ],
)
def test_num_rounds_half_away_from_zero_and_keeps_small_values(value, decimals, printed) -> None:
    assert num(value, decimals) == printed


def _groups(mart: duckdb.DuckDBPyConnection) -> str:
    from planwatch.report.cells.status import plan_groups_sentence

    rel = mart.sql("""
        select status, direction, target_value,
               case when method = 'cumulative' then sum_to_date else latest_value end as judged_value
        from marts.fct_indicator_assessment
        where status <> 'not_assessable'
    """)
    rows = [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]
    return plan_groups_sentence(rows)


@pytest.mark.parametrize("kind", PERIODS)
def test_reports_count_targets_as_dat_va_vuot_beside_the_seven_classes(
    kind: str, pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    sentence = _groups(mart)
    assert re.match(r"đạt và vượt \d+/\d+ chỉ tiêu \(vượt kế hoạch \d+, đạt kế hoạch \d+", sentence)
    assert sentence in _flat(pdfs[kind])


def test_provisional_figures_and_notes_reach_the_tables_as_markers(
    pdfs: dict[str, Path], mart: duckdb.DuckDBPyConnection
) -> None:
    (status, note) = mart.sql(
        "select status, note from marts.fct_actuals where indicator_code = 'II.1' and period = '2026-YTD09'"
    ).fetchone()
    assert status == "so_bo" and note  # the sample's GRDP for 9 months: sơ bộ, with a ghi_chu
    text = _flat(pdfs["quarterly"])
    economy = text[text.index("Bảng 3:") : text.index("Tốc độ tăng GRDP")]
    marker = re.search(r"\(9 tháng, sơ bộ\)(\d+(?:,\d+)*)", economy)
    assert marker, "the sơ bộ GRDP figure has no note marker"
    notes = economy[economy.index("Ghi chú:") :]
    for number in marker.group(1).split(","):
        assert re.search(rf"(?:^|\s){number} (Số liệu sơ bộ|Ghi chú của cơ quan gửi số liệu: {note})", notes)
    annual = _flat(pdfs["annual"])
    assert "Số liệu ước tính: sẽ được thay bằng số sơ bộ, chính thức khi cơ quan gửi." in annual


@pytest.mark.parametrize("kind", PERIODS)
def test_report_carries_its_number_and_ends_with_recipients_and_signature(
    kind: str, pdfs: dict[str, Path]
) -> None:
    first = _pages(pdfs[kind])[0]
    assert "Số …-BC/VPTU" in first
    assert first.index("VĂN PHÒNG THÀNH ỦY") < first.index("Số …-BC/VPTU")
    text = _flat(pdfs[kind])
    end = text[text.index("Nơi nhận:") : text.index("Phụ lục: phương pháp")]
    for part in (
        "- Thường trực Thành ủy (để báo cáo),",
        "- Lưu VP.",
        "K/T CHÁNH VĂN PHÒNG",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Nguyễn Văn A (mẫu)",
    ):
        assert part in end, f"{kind}: {part!r} not in the closing block"


@pytest.mark.parametrize("kind", PERIODS)
def test_every_table_and_chart_is_numbered_in_order(kind: str, pdfs: dict[str, Path]) -> None:
    text = _flat(pdfs[kind])
    for title in ("Bảng", "Hình"):
        numbers = [int(n) for n in re.findall(rf"{title}\s(\d+): ", text)]
        assert numbers == list(range(1, len(numbers) + 1)), f"{kind}: {title} {numbers}"
    assert "Figure" not in text and "Table " not in text


def test_document_without_as_of_states_the_date_its_warehouse_was_built_as_of(
    sample_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", "2027-03-10")  # the warehouse is as of 28/02/2027, not today
    params = {"period": "2026-Q3", "warehouse": str(sample_home / "warehouse-readonly.duckdb")}
    pdf = render_builtin(REPORTS / "quarterly.qmd", params, tmp_path, "q", ("pdf",))["pdf"]
    assert "Hải Phòng, ngày 28 tháng 02 năm 2027" in _pages(pdf)[0]


def test_document_asked_for_another_as_of_builds_that_copy_itself(
    sample_home: Path, tmp_path: Path, mart: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `quarto render reports/quarterly.qmd -P as_of:2026-10-15` does: never the warehouse's figures
    under another date. The counts must equal those of a warehouse built as of that day."""
    from datetime import date

    from planwatch.warehouse.snapshot import as_of_warehouse

    source = sample_home / "warehouse-readonly.duckdb"
    params = {"period": "2026-Q3", "as_of": "2026-10-15", "warehouse": str(source)}
    # A private temporary folder for the render's child process: other test runs use /tmp too.
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    pdf = render_builtin(REPORTS / "quarterly.qmd", params, tmp_path, "q", ("pdf",))["pdf"]
    assert list(private.glob("planwatch-asof-2026-10-15-*")) == []
    text = _flat(pdf)
    assert "Hải Phòng, ngày 15 tháng 10 năm 2026" in text
    with as_of_warehouse(date(2026, 10, 15), source=source) as copy:
        with duckdb.connect(str(copy), read_only=True) as con:
            loads = con.sql(
                "select count(*) from raw.loads where received_at < date '2026-10-16'"
            ).fetchone()[0]
            by_status = "select status, count(*) from marts.fct_indicator_assessment group by 1"
            counts = dict(con.sql(by_status).fetchall())
            groups = _groups(con)
    assert counts != dict(mart.sql(by_status).fetchall())  # else this test could not tell the two apart
    assert f"Số liệu gồm: {num(loads)} lần nộp" in text
    achieved, on_track = num(counts.get("achieved", 0)), num(counts.get("on_track", 0))
    assert f"{achieved} chỉ tiêu đã đạt, {on_track} chỉ tiêu đúng tiến độ" in text
    assert groups in text
