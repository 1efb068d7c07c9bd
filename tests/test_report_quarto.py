"""Real Quarto against the built-in renderer: each document rendered by both from the same warehouse must
give the same captions (with their numbers and "Bảng"/"Hình" titles), the same headings and a page count
within one. Skipped where Quarto >= 1.8 is not on PATH (CI has none); `pytest -s` prints the comparison."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_report_content import PERIODS, TODAY, sample_home  # noqa: F401  (the sample warehouse fixture)

from planwatch import config
from planwatch.report.quarto import find_quarto, render_quarto
from planwatch.report.render import render_builtin

REPORTS = config.REPO_ROOT / "reports"
sys.path.insert(0, str(REPORTS))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("quarto") is None or find_quarto() is None, reason="Quarto >= 1.8 is not on PATH"
    ),
]


def _text(pdf: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\xa0", " ")


def captions(pdf: Path) -> list[tuple[str, int, str]]:
    """(title, number, the caption's first line) of every numbered table and figure, in order."""
    found = []
    for line in _text(pdf).splitlines():
        m = re.match(r"\s*(Bảng|Hình|Figure|Table)\s(\d+):\s+(.*)", line)
        if m:
            found.append((m.group(1), int(m.group(2)), " ".join(m.group(3).split())))
    return found


def headings(pdf: Path) -> list[str]:
    """The PDF outline (Typst makes it from the headings), without the section numbers."""
    outline = PdfReader(pdf).outline
    return [re.sub(r"^[IVX]+\.\s+", "", o.title) for o in outline if not isinstance(o, list)]


@pytest.mark.parametrize("kind", PERIODS)
def test_quarto_and_the_builtin_renderer_give_the_same_document(
    kind: str,
    sample_home: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    qmd = REPORTS / f"{kind}.qmd"
    # Real data mode (no watermark): its letters would otherwise fall into the extracted caption text.
    params = {
        "period": PERIODS[kind],
        "as_of": TODAY,
        "warehouse": str(sample_home / "warehouse-readonly.duckdb"),
        "sample": "false",
    }
    builtin = render_builtin(qmd, params, tmp_path / "builtin", kind, ("pdf",))["pdf"]
    quarto = render_quarto(qmd, params, tmp_path / "quarto", kind, ("pdf",))["pdf"]
    ours, theirs = captions(builtin), captions(quarto)
    pages = (len(PdfReader(builtin).pages), len(PdfReader(quarto).pages))
    tables = sum(1 for c in theirs if c[0] == "Bảng")
    figures = sum(1 for c in theirs if c[0] == "Hình")
    print(
        f"\n{kind}: built-in {pages[0]} pages, Quarto {pages[1]} pages; Quarto captions: {tables} Bảng, "
        f"{figures} Hình; same captions: {ours == theirs}; "
        f"same headings: {headings(builtin) == headings(quarto)}"
    )
    assert ours == theirs
    assert all(title in {"Bảng", "Hình"} for title, _, _ in theirs)  # never "Figure 1:" or "Table 1:"
    assert headings(builtin) == headings(quarto)
    assert abs(pages[0] - pages[1]) <= 1
    for text in ("Số …-BC/VPTU", "Nơi nhận:", "K/T CHÁNH VĂN PHÒNG", "Hải Phòng, ngày 28 tháng 02 năm 2027"):
        assert text in _text(quarto)
