"""The document form, checked on small documents rendered through the real template partials: figures keep
their captions on their page, table captions stick to their tables, cross-reference titles come from the
front matter, only the bundled font is used; and the helpers behind labels, notes, groups and signing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from planwatch import config
from planwatch.report.cells.notes import TableNotes
from planwatch.report.cells.settings import load_signing
from planwatch.report.cells.status import plan_group, plan_groups_sentence
from planwatch.report.cells.tables import label_for, table
from planwatch.report.render import render_builtin

REPORTS = config.REPO_ROOT / "reports"


pytestmark = pytest.mark.slow  # renders PDFs (make test-fast leaves it out)

FRONT = """---
title: "Thử"
lang: vi
language:
  crossref-fig-title: "{fig}"
  crossref-tbl-title: "{tbl}"
format:
  typst:
    papersize: a4
    fontsize: 13pt
    margin: {{top: 20mm, bottom: 20mm, left: 30mm, right: 15mm}}
    template-partials:
      - templates/typst-template.typ
      - templates/typst-show.typ
execute:
  echo: false
jupyter: python3
---

"""
PNG_CELL = """```{python}
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot([1, 2, 3], [1, 3, 2])
fig.savefig("chart.png", dpi=50)
```

"""
# Each variant starts on a new page under a spacer 2 mm taller than the last, so the figure's or the table
# caption's place moves across the bottom of the page in small steps (the page holds about 250 mm of body).
IMAGE_SPACERS = range(150, 192, 2)  # an 80 mm chart and its caption
TABLE_SPACERS = range(220, 252, 2)  # a caption line, then the table


def _document(tmp_path: Path, body: str, *, fig: str = "Hình", tbl: str = "Bảng") -> Path:
    folder = tmp_path / "doc"
    shutil.copytree(REPORTS / "templates", folder / "templates")
    qmd = folder / "doc.qmd"
    qmd.write_text(FRONT.format(fig=fig, tbl=tbl) + body, encoding="utf-8")
    return qmd


def _spacer(mm: int) -> str:
    return f"```{{=typst}}\n#pagebreak(weak: true)\n#v({mm}mm)\n```\n\n"


def _pdf(qmd: Path, out: Path) -> PdfReader:
    return PdfReader(render_builtin(qmd, {}, out, "doc", ("pdf",))["pdf"])


def _images(page) -> int:
    xobjects = page["/Resources"].get("/XObject") or {}
    return sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")


def test_image_figure_never_leaves_its_caption_on_another_page(tmp_path: Path) -> None:
    body = PNG_CELL + "".join(
        _spacer(i) + f"![Biểu đồ thử {i}](chart.png){{#fig-v{i} width=100%}}\n\n" for i in IMAGE_SPACERS
    )
    reader = _pdf(_document(tmp_path, body), tmp_path)
    for i in IMAGE_SPACERS:
        (page,) = [p for p in reader.pages if re.search(rf"Biểu đồ thử {i}(?!\d)", p.extract_text())]
        assert _images(page) == 1, f"variant {i}: the caption is on a page without its image"


def test_table_caption_is_never_alone_at_the_bottom_of_a_page(tmp_path: Path) -> None:
    rows = [{"a": f"dòng {n}", "b": n} for n in range(12)]
    body = "".join(
        _spacer(i) + table(rows, [("a", "Cột A"), ("b", "Cột B")], caption=f"Bảng thử {i}", label=f"tbl-v{i}")
        for i in TABLE_SPACERS
    )
    reader = _pdf(_document(tmp_path, body), tmp_path)
    for i in TABLE_SPACERS:
        (text,) = [t for p in reader.pages if re.search(rf"Bảng thử {i}(?!\d)", t := p.extract_text())]
        after = text[re.search(rf"Bảng thử {i}(?!\d)", text).start() :]
        assert "Cột A" in after and "dòng 0" in after, f"variant {i}: the caption is alone at a page bottom"


def test_cross_reference_titles_come_from_the_front_matter(tmp_path: Path) -> None:
    body = (
        PNG_CELL
        + "![Một biểu đồ](chart.png){#fig-one width=50%}\n\n"
        + table([{"a": "x"}], [("a", "Cột A")], caption="Một bảng", label="tbl-one")
    )
    page = _pdf(_document(tmp_path, body, fig="Biểu đồ", tbl="Biểu"), tmp_path).pages[0]
    text = re.sub(r"\s+", " ", page.extract_text())
    assert "Biểu đồ 1: Một biểu đồ" in text
    assert "Biểu 1: Một bảng" in text


def _font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(re.sub(r"^/?[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"])))
    return names


# Typst's own embedded fonts may stand in for a glyph the bundled font lacks (status symbols ● ◑ ▼).
ALLOWED_FONTS = re.compile(r"(TeXGyreTermes|LibertinusSerif|DejaVuSansMono|NewCM)")


def test_pdf_is_set_in_the_bundled_font_whatever_fonts_the_machine_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANWATCH_REPORT_FONT", raising=False)
    body = "Hải Phòng, ngày 15 tháng 10 năm 2026. Nghị quyết, ước tính, sơ bộ. **Đạt và vượt** *kế hoạch*.\n"
    names = _font_names(_pdf(_document(tmp_path, body), tmp_path))
    assert any(n.startswith("TeXGyreTermes-Regular") for n in names), names
    assert any(n.startswith("TeXGyreTermes-Bold") for n in names), names
    assert all(ALLOWED_FONTS.match(n) for n in names), names


def test_font_setting_asks_for_an_installed_family_and_opens_the_machine_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planwatch.report.fonts import FONT_FAMILY, bundled_font_dir, font_settings

    monkeypatch.delenv("PLANWATCH_REPORT_FONT", raising=False)
    default = font_settings()
    assert default.ignore_system_fonts and default.mainfont is None
    assert default.font_paths == (str(bundled_font_dir()),)
    assert sorted(p.name for p in bundled_font_dir().glob("*.otf")) == [
        "texgyretermes-bold.otf",
        "texgyretermes-bolditalic.otf",
        "texgyretermes-italic.otf",
        "texgyretermes-regular.otf",
    ]
    monkeypatch.setenv("PLANWATCH_REPORT_FONT", "Times New Roman")
    wanted = font_settings()
    assert wanted.mainfont == "Times New Roman" and not wanted.ignore_system_fonts
    monkeypatch.setenv("PLANWATCH_REPORT_FONT", FONT_FAMILY)
    assert font_settings().ignore_system_fonts


def test_a_captioned_table_needs_a_label_and_carries_it() -> None:
    rows = [{"a": 1}]
    with pytest.raises(ValueError, match="needs a label"):
        table(rows, [("a", "A")], caption="Không nhãn")
    with pytest.raises(ValueError, match="needs a label"):
        table(rows, [("a", "A")], caption="Nhãn sai", label="fig-x")
    assert ": Có nhãn {#tbl-x}" in table(rows, [("a", "A")], caption="Có nhãn", label="tbl-x")
    assert label_for("fig", "II.1.a") == "fig-ii-1-a"


def test_table_notes_number_each_status_and_note_once() -> None:
    notes = TableNotes()
    assert notes.mark("so_bo", None) == "^1^"
    assert notes.mark("uoc_tinh", "Số của quý trước  chưa đủ") == "^2,3^"
    assert notes.mark("so_bo", "Số của quý trước chưa đủ") == "^1,3^"
    assert notes.mark("chinh_thuc", None) == "" and notes.mark(None, "  ") == ""
    rendered = notes.render()
    assert "^1^ Số liệu sơ bộ" in rendered and "^2^ Số liệu ước tính" in rendered
    assert "^3^ Ghi chú của cơ quan gửi số liệu: Số của quý trước chưa đủ." in rendered
    assert TableNotes().render() == ""


def test_seven_classes_map_to_the_four_groups_of_vietnamese_reports() -> None:
    assert plan_group("achieved", "higher", 14.2, 13) == "vuot_ke_hoach"
    assert plan_group("achieved", "higher", 13, 13) == "dat_ke_hoach"
    assert plan_group("achieved", "lower", 9, 10) == "vuot_ke_hoach"
    assert plan_group("achieved", None, None, None) == "dat_ke_hoach"
    assert plan_group("on_track") == "dat_tien_do"
    assert {plan_group(s) for s in ("moderate", "insufficient", "regressing")} == {"chua_dat_tien_do"}
    assert plan_group("no_data") is None and plan_group("not_assessable") is None
    rows = [
        {"status": "achieved", "direction": "higher", "judged_value": 15, "target_value": 13},
        {"status": "achieved", "direction": "higher", "judged_value": 13, "target_value": 13},
        {"status": "on_track"},
        {"status": "moderate"},
        {"status": "no_data"},
    ]
    assert plan_groups_sentence(rows) == (
        "đạt và vượt 3/4 chỉ tiêu (vượt kế hoạch 1, đạt kế hoạch 1, đạt tiến độ 1); "
        "chưa đạt tiến độ 1 chỉ tiêu"
    )


def test_signing_comes_from_the_settings_file_named_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = load_signing()
    assert sample.sample and sample.number_line == "Số …-BC/VPTU" and sample.recipients[-1] == "Lưu VP"
    mine = tmp_path / "signing.yml"
    mine.write_text(
        "sample: false\nnumber: 15\nsymbol: BC/VPTU\nauthority: K/T CHÁNH VĂN PHÒNG\n"
        "signer_title: PHÓ CHÁNH VĂN PHÒNG\nsigner_name: Trần Thị B\n"
        "recipients: [Thường trực Thành ủy, Lưu VP]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PLANWATCH_REPORT_SETTINGS", str(mine))
    signing = load_signing()
    assert signing.number_line == "Số 15-BC/VPTU" and not signing.sample
    assert signing.signer_name == "Trần Thị B"
    mine.write_text("sample: false\nnumber: 15\n", encoding="utf-8")
    from planwatch.report.cells.settings import SettingsError

    with pytest.raises(SettingsError, match="missing"):
        load_signing()
