"""The report renderer: reports/quarterly.qmd rendered from a real warehouse to PDF and HTML, text checked."""

from __future__ import annotations

import re
import shutil
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from planwatch import config
from planwatch.report.cells.vn import num, period_vi, place_date
from planwatch.report.execute import execute
from planwatch.report.qmd import Markdown, QmdError, parse_qmd
from planwatch.report.render import RenderFailed, render_builtin

REPORTS = config.REPO_ROOT / "reports"


pytestmark = pytest.mark.slow  # a real dbt build or render (make test-fast leaves it out)

AS_OF = "2026-10-15"


def _render(home: Path, out: Path, **params: object) -> dict[str, Path]:
    values = {
        "period": "2026-Q3",
        "as_of": AS_OF,
        "warehouse": str(home / "warehouse-readonly.duckdb"),
        **params,
    }
    return render_builtin(REPORTS / "quarterly.qmd", values, out, "quarterly-2026-Q3")


@pytest.fixture(scope="module")
def rendered(built_home_mid_october: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    started = time.perf_counter()
    outputs = _render(built_home_mid_october, tmp_path_factory.mktemp("report"))
    seconds = time.perf_counter() - started
    pages = len(PdfReader(outputs["pdf"]).pages)
    print(f"\nquarterly 2026-Q3 (built-in renderer): {seconds:.1f} s, {pages} pages")
    return outputs


@pytest.fixture(scope="module")
def pages(rendered: dict[str, Path]) -> list[str]:
    return [page.extract_text() for page in PdfReader(rendered["pdf"]).pages]


def test_pdf_keeps_every_vietnamese_diacritic_of_the_header_block(pages: list[str]) -> None:
    first = pages[0]
    for text in (
        "THÀNH ỦY HẢI PHÒNG",
        "VĂN PHÒNG THÀNH ỦY",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "quý III/2026",
    ):
        assert text in first


def test_date_line_and_vintage_box_state_the_as_of_date(pages: list[str]) -> None:
    assert "Hải Phòng, ngày 15 tháng 10 năm 2026" in pages[0]
    assert "Số liệu tính đến ngày (as of): 15/10/2026" in pages[0]


def test_sample_data_notice_is_on_every_page(pages: list[str]) -> None:
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "DỮ LIỆU MẪU" in text, f"page {number} has no sample-data notice"


def test_page_numbers_are_in_the_header_from_page_two(pages: list[str]) -> None:
    assert pages[1].splitlines()[:3].count("2") == 1
    assert "1" not in pages[0].splitlines()[:3]


def test_budget_figure_in_the_pdf_matches_the_consistency_mart(
    pages: list[str], warehouse: duckdb.DuckDBPyConnection
) -> None:
    (scenario,) = warehouse.sql(
        "select scenario_low from marts.fct_plan_consistency"
        " where indicator_code = 'II.6' and severity <> 'consistent'"
    ).fetchone()
    assert num(scenario) == "288.865,6"
    text = "\n".join(pages)
    assert re.search(r"II\.6\s+Không khớp\s+288\.865,6\s+≥ 245\.500", text)


def test_html_is_self_contained(rendered: dict[str, Path]) -> None:
    html = rendered["html"].read_text(encoding="utf-8")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Hải Phòng, ngày 15 tháng 10 năm 2026" in html
    assert "<svg" in html or "data:image/svg+xml" in html
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", html)
    external = [r for r in references if not r.startswith(("data:", "#"))]
    assert external == []


def test_real_data_prints_no_sample_notice(built_home_mid_october: Path, tmp_path: Path) -> None:
    outputs = _render(built_home_mid_october, tmp_path, sample=False)
    text = "\n".join(p.extract_text() for p in PdfReader(outputs["pdf"]).pages)
    assert "DỮ LIỆU MẪU" not in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text


def test_unknown_parameter_is_refused(built_home_mid_october: Path, tmp_path: Path) -> None:
    with pytest.raises(RenderFailed, match="unknown parameter"):
        _render(built_home_mid_october, tmp_path, quarter="Q3")


def test_front_matter_params_match_the_parameters_cell() -> None:
    doc = parse_qmd(REPORTS / "quarterly.qmd")
    (cell,) = [c for c in doc.cells if "parameters" in c.tags]
    assigned = re.findall(r"^(\w+)\s*=", cell.code, flags=re.MULTILINE)
    assert assigned == list(doc.meta["params"])


def test_asis_cell_ending_in_an_expression_is_refused(tmp_path: Path) -> None:
    qmd = tmp_path / "doc.qmd"
    qmd.write_text('---\ntitle: t\n---\n\n```{python}\n#| output: asis\n"**bold**"\n```\n', encoding="utf-8")
    with pytest.raises(Exception, match="must print"):
        execute(parse_qmd(qmd), {})


def test_cells_share_one_namespace_and_respect_echo(tmp_path: Path) -> None:
    qmd = tmp_path / "doc.qmd"
    qmd.write_text(
        "---\ntitle: t\nparams:\n  n: 1\n---\n\n```{python}\n#| tags: [parameters]\nn = 1\n```\n\n"
        "Text.\n\n```{python}\n#| echo: false\n#| output: asis\nprint(f'n is **{n * 2}**')\n```\n",
        encoding="utf-8",
    )
    body = execute(parse_qmd(qmd), {"n": 21})
    assert "n is **42**" in body
    assert "```python\nn = 1\n```" in body  # echo defaults to true, as in Quarto
    assert "print(f'n is" not in body


def test_plain_fenced_code_is_markdown_not_a_cell(tmp_path: Path) -> None:
    qmd = tmp_path / "doc.qmd"
    qmd.write_text("---\ntitle: t\n---\n\n```sql\nselect 1\n```\n", encoding="utf-8")
    doc = parse_qmd(qmd)
    assert doc.cells == [] and "select 1" in doc.parts[0].text


def test_other_engines_are_refused(tmp_path: Path) -> None:
    qmd = tmp_path / "doc.qmd"
    qmd.write_text("---\ntitle: t\n---\n\n```{r}\n1\n```\n", encoding="utf-8")
    with pytest.raises(QmdError, match="only python"):
        parse_qmd(qmd)


def test_include_is_expanded_before_the_cells_run(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "_inner.qmd").write_text("Inner text.\n", encoding="utf-8")
    (tmp_path / "_shared.qmd").write_text(
        "# Shared\n\n{{< include parts/_inner.qmd >}}\n\n```{python}\n#| echo: false\n#| output: asis\n"
        "print(f'shared sees **{n}**')\n```\n",
        encoding="utf-8",
    )
    qmd = tmp_path / "doc.qmd"
    qmd.write_text(
        "---\ntitle: t\n---\n\n```{python}\n#| echo: false\nn = 7\n```\n\n{{< include _shared.qmd >}}\n",
        encoding="utf-8",
    )
    doc = parse_qmd(qmd)
    (_, included) = doc.cells
    assert (included.source, included.line) == (tmp_path / "_shared.qmd", 5)  # named by its own file
    body = execute(doc, {})
    assert "# Shared" in body and "Inner text." in body and "shared sees **7**" in body
    assert "include" not in body


def test_a_missing_or_cyclic_include_is_refused_with_its_line(tmp_path: Path) -> None:
    qmd = tmp_path / "doc.qmd"
    qmd.write_text("---\ntitle: t\n---\n\nText.\n{{< include _gone.qmd >}}\n", encoding="utf-8")
    with pytest.raises(QmdError, match=r"doc\.qmd:6: the included file _gone\.qmd does not exist"):
        parse_qmd(qmd)
    (tmp_path / "_loop.qmd").write_text("{{< include doc.qmd >}}\n", encoding="utf-8")
    qmd.write_text("---\ntitle: t\n---\n\n{{< include _loop.qmd >}}\n", encoding="utf-8")
    with pytest.raises(QmdError, match="include cycle"):
        parse_qmd(qmd)


def test_the_three_reports_share_one_appendix() -> None:
    for kind in ("quarterly", "annual", "midterm"):
        text = (REPORTS / f"{kind}.qmd").read_text(encoding="utf-8")
        assert text.count("{{< include _appendix.qmd >}}") == 1 and "Phụ lục: phương pháp" not in text
        markdown = [p.text for p in parse_qmd(REPORTS / f"{kind}.qmd").parts if isinstance(p, Markdown)]
        assert any("Nguồn số liệu" in text for text in markdown)


def test_vietnamese_forms_of_dates_and_periods() -> None:
    assert place_date(date(2026, 10, 5)) == "Hải Phòng, ngày 05 tháng 10 năm 2026"
    assert period_vi("2026-Q3") == "quý III/2026"
    assert period_vi("2026") == "năm 2026"
    assert period_vi("2026-YTD09") == "9 tháng năm 2026"
    assert num(13.200000000000001) == "13,2"


@pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto is not installed on this machine")
def test_real_quarto_renders_the_same_document(built_home: Path, tmp_path: Path) -> None:
    from planwatch.report.quarto import find_quarto, render_quarto

    if find_quarto() is None:
        pytest.skip("Quarto on PATH is older than 1.8")
    params = {"period": "2026-Q3", "as_of": AS_OF, "warehouse": str(built_home / "warehouse-readonly.duckdb")}
    outputs = render_quarto(REPORTS / "quarterly.qmd", params, tmp_path, "quarterly-2026-Q3")
    text = "\n".join(p.extract_text() for p in PdfReader(outputs["pdf"]).pages)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Hải Phòng, ngày 15 tháng 10 năm 2026" in text
    assert "288.865,6" in text


def test_past_as_of_renders_from_a_rebuilt_copy_that_is_removed(
    built_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from planwatch.report.documents import render_report

    shutil.copyfile(built_home / "warehouse-readonly.duckdb", tmp_path / "warehouse-readonly.duckdb")
    monkeypatch.setenv("PLANWATCH_HOME", str(tmp_path))
    monkeypatch.setenv("PLANWATCH_TODAY", "2027-02-28")
    # A temporary folder of this test's own: another process on the machine may be rebuilding the same date.
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    result = render_report("quarterly", "2026-Q3", as_of=date(2026, 10, 15), formats=("pdf",))
    assert (
        result.outputs["pdf"] == tmp_path / "reports/quarterly/2026-Q3/quarterly-2026-Q3-asof-2026-10-15.pdf"
    )
    assert "ngày 15 tháng 10 năm 2026" in PdfReader(result.outputs["pdf"]).pages[0].extract_text()
    assert list(private_tmp.glob("planwatch-asof-2026-10-15-*")) == []
