"""The template through the real LibreOffice Calc: typed in, re-saved by Calc, ingested, exact.

A department types Vietnamese figures into `planwatch template` in Calc (here in an en-US Calc, the
locale that misreads them most: "78.120" as 78,12, "05/09/2026" as 9 May), saves the workbook as
Calc does (xlsx, ods, CSV with comma or semicolon), and sends it. Every typed figure must reach
raw.indicator_values exactly, every task update raw.task_updates. The typing goes through Calc's
own input path (tests/calc/drive_calc.py, run by the system Python that has LibreOffice's `uno`).

Skipped where LibreOffice (soffice, and python3 with its uno module) is not installed; `.ci/run`
installs Debian's libreoffice-calc so that CI runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest

from planwatch.ingest.columns import normalise_task_state
from planwatch.ingest.plan_lookup import Catalogue, IndicatorInfo, load_catalogue
from planwatch.ingest.template import HEADER_ROW, INDICATOR_SHEET, TASK_SHEET, write_template
from planwatch.ingest.units import is_percent_unit, plausibility_class

TODAY = date(2026, 10, 5)
DRIVER = Path(__file__).parent / "calc" / "drive_calc.py"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/usr/local/bin:/bin")
CALC_TIMEOUT = 300  # seconds for one Calc session (start, type, save five files)


def _calc_available() -> bool:
    if not SOFFICE or not SYSTEM_PYTHON:
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return probe.returncode == 0


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not _calc_available(), reason="LibreOffice Calc (soffice and python3-uno) is not installed"
    ),
]

XLSX = ("Calc MS Excel 2007 XML", "")
ODS = ("calc8", "")


def _csv(separator: int, sheet: int) -> tuple[str, str]:
    """Calc's CSV filter as its Save As dialog leaves it: UTF-8, '"' quotes, contents as shown;
    the last token picks the sheet (Calc writes one sheet per CSV, naming the file after it)."""
    return "Text - txt - csv (StarCalc)", f"{separator},34,76,1,,0,false,true,true,false,false,{sheet}"


# What a department types (Vietnamese notation) by the kind of figure, for the quarter and for the
# year to date, and what each must become. The YTD figure is the larger (9 months ≥ one quarter).
TYPED = {
    "share": ("13,2%", "12,8"),
    "change": ("13,2%", "12,8"),
    "rank": ("5", "4"),
    "index01": ("0,8", "0,75"),
    "nonneg": ("1.250", "78.120"),
}
EXACT = {
    "13,2%": 13.2,
    "13,2": 13.2,
    "12,8": 12.8,
    "5": 5,
    "4": 4,
    "0,8": 0.8,
    "0,75": 0.75,
    "1.250": 1250,
    "78.120": 78120,
}
TASK_TYPED = [
    ("đang triển khai", "05/09/2026", date(2026, 9, 5), "Kế hoạch số 12/KH-SCT"),
    ("hoàn thành", "30/09/2026", date(2026, 9, 30), "Quyết định số 4111/QĐ-UBND"),
]
STATUS_TYPED = {"2026-Q3": ("sơ bộ", "so_bo"), "2026-YTD09": ("ước tính", "uoc_tinh")}


@pytest.fixture(scope="module")
def catalogue(built_home: Path) -> Catalogue:
    return load_catalogue(built_home / "warehouse.duckdb")


def run_calc(job: dict, work: Path) -> dict:
    """Run one Calc session (tests/calc/drive_calc.py) in its own profile; return its report."""
    job = {"soffice": SOFFICE, "profile": str(work / "profile"), "result": str(work / "result.json"), **job}
    (work / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(DRIVER), str(work / "job.json")],
        capture_output=True,
        text=True,
        timeout=CALC_TIMEOUT,
    )
    report = json.loads((work / "result.json").read_text(encoding="utf-8"))
    assert done.returncode == 0 and "error" not in report, (report.get("error"), done.stderr[-2000:])
    return report


def _value_cells(path: Path) -> Iterator[tuple[int, str, str]]:
    """(row, indicator code, period code) of each pre-filled row of a written template."""
    from planwatch.ingest.periods import parse_period

    ws = openpyxl.load_workbook(path)[INDICATOR_SHEET]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        code, period = ws.cell(r, 1).value, ws.cell(r, 3).value
        if code:
            yield r, code, parse_period(period).code


def _typed_value(info: IndicatorInfo, period: str) -> str:
    quarter, ytd = TYPED[plausibility_class(info.unit, info.kind, info.name_vi) or "nonneg"]
    text = quarter if period.endswith("-Q3") else ytd
    if text.endswith("%") and not is_percent_unit(info.unit):
        text = text[:-1]
    return text


def fill_plan(path: Path, catalogue: Catalogue) -> tuple[list[list[str]], set[tuple], set[tuple]]:
    """What to type into the template (sheet, cell, text), and the raw rows it must become."""
    typed: list[list[str]] = []
    values: set[tuple] = set()
    for r, code, period in _value_cells(path):
        text = _typed_value(catalogue.indicators[code], period)
        label, status = STATUS_TYPED[period]
        typed += [[INDICATOR_SHEET, f"D{r}", text], [INDICATOR_SHEET, f"F{r}", label]]
        values.add((code, period, float(EXACT[text]), text, status))
    ws = openpyxl.load_workbook(path)[TASK_SHEET]
    rows = [(r, ws.cell(r, 1).value) for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, 1).value]
    tasks: set[tuple] = set()
    for (state, day_text, day, evidence), (r, task) in zip(TASK_TYPED, rows, strict=False):
        typed += [
            [TASK_SHEET, f"D{r}", state],
            [TASK_SHEET, f"E{r}", day_text],
            [TASK_SHEET, f"F{r}", evidence],
        ]
        tasks.add((task, normalise_task_state(state), day, evidence))
    return typed, values, tasks


def _fresh_home(built_home: Path, home: Path) -> Path:
    home.mkdir(parents=True)
    for name in ("warehouse.duckdb", "warehouse-readonly.duckdb"):
        shutil.copyfile(built_home / name, home / name)
    return home


def ingest_into(home: Path, files: list[Path], agency: str, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """Ingest files through the real pipeline into ``home``; return what raw holds afterwards."""
    from planwatch.ingest.pipeline import ingest_files

    monkeypatch.setenv("PLANWATCH_HOME", str(home))
    outcomes = ingest_files(files, agency_code=agency, on_wait=lambda _: None)
    problems = [
        (o.path.name, p.key, p.row, p.column, p.value, p.message_vi) for o in outcomes for p in o.problems
    ]
    assert not problems, problems
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        values = set(
            con.sql(
                "select indicator_code, period, value, value_text, status from raw.indicator_values"
            ).fetchall()
        )
        tasks = set(con.sql("select task_code, state, state_date, evidence from raw.task_updates").fetchall())
    return values, tasks


@pytest.mark.parametrize(
    ("agency", "locale"), [("SCT", "en-US"), ("TKTP", "en-US"), ("SVHTTDL", "en-US"), ("SCT", "vi-VN")]
)
def test_figures_typed_in_calc_arrive_exactly_in_every_format_calc_saves(
    agency: str,
    locale: str,
    catalogue: Catalogue,
    built_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANWATCH_TODAY", TODAY.isoformat())
    template = write_template(
        catalogue, agency, "2026-Q3", tmp_path / "in" / f"mau-{agency}.xlsx", today=TODAY
    )
    typed, values, tasks = fill_plan(template, catalogue)
    assert values and (tasks or not catalogue.tasks_of(agency))
    out = tmp_path / "out"
    out.mkdir()
    outputs = [[str(out / "filled.xlsx"), *XLSX], [str(out / "filled.ods"), *ODS]]
    for separator, name in ((44, "comma"), (59, "semicolon")):
        for sheet in (2, 3):  # "Chỉ tiêu" and "Nhiệm vụ": Calc saves one sheet per CSV
            (out / name).mkdir(exist_ok=True)
            outputs.append([str(out / name / "filled.csv"), *_csv(separator, sheet)])
    report = run_calc(
        {"locale": locale, "input": str(template), "typed": typed, "outputs": outputs}, tmp_path
    )

    # Calc kept every typed text as typed (the cells are text): nothing was turned into a number.
    changed = {k: c for k, c in report["cells"].items() if c["type"] != "text" or c["string"] != c["typed"]}
    assert not changed, changed
    saved = {
        "xlsx": [out / "filled.xlsx"],
        "ods": [out / "filled.ods"],
        "csv-comma": sorted((out / "comma").glob("*.csv")),
        "csv-semicolon": sorted((out / "semicolon").glob("*.csv")),
    }
    assert [len(files) for files in saved.values()] == [1, 1, 2, 2], saved
    if not tasks:  # no task to report: the department sends no task CSV (it would be empty)
        saved = {fmt: [f for f in files if TASK_SHEET not in f.name] for fmt, files in saved.items()}
    for fmt, files in saved.items():
        got_values, got_tasks = ingest_into(
            _fresh_home(built_home, tmp_path / fmt), files, agency, monkeypatch
        )
        assert got_values == values, fmt
        assert got_tasks == tasks, fmt


def test_calc_keeps_the_rules_live_the_prefilled_cells_locked_and_blanks_allowed(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    template = write_template(catalogue, "SCT", "2026-Q3", tmp_path / "in" / "mau-SCT.xlsx", today=TODAY)
    typed = [
        [INDICATOR_SHEET, "F6", "tạm tính"],  # not a status
        [INDICATOR_SHEET, "D6", "12 tỷ"],  # a unit in the value
        [INDICATOR_SHEET, "D7", "13,2%"],  # fine
        [INDICATOR_SHEET, "D8", "-3,1"],  # fine
        [INDICATOR_SHEET, "F7", "ước tính"],  # fine
        [INDICATOR_SHEET, "A6", "II.99"],  # a locked, pre-filled code (headless Calc survives one)
    ]
    checks = {
        "invalid": INDICATOR_SHEET,
        "validation": [f"{INDICATOR_SHEET}!F6", f"{INDICATOR_SHEET}!D6"],
        "cells": [f"{INDICATOR_SHEET}!{c}" for c in ("B6", "C6", "E6", "D6", "F6", "G6", "A10", "C10")],
    }
    report = run_calc(
        {"locale": "vi-VN", "input": str(template), "typed": typed, "checks": checks, "outputs": []}, tmp_path
    )
    cells = report["cells"]
    # The sheet is protected: the pre-filled code refused the typing; the cells to fill in took it.
    assert cells[f"{INDICATOR_SHEET}!A6"]["string"] != "II.99"
    assert cells[f"{INDICATOR_SHEET}!D7"]["string"] == "13,2%"
    locked = {w.split("!")[1]: c["locked"] for w, c in report["probed"].items()}
    # name, period, unit locked, value, status, note open; nothing open below the pre-filled rows.
    assert locked == {"B6": True, "C6": True, "E6": True, "D6": False, "F6": False, "G6": False} | {
        "A10": True,
        "C10": True,
    }
    # "Mark invalid data" circles the wrong status and the value with a unit, not the ~200 blanks.
    assert report["invalid"] == 2
    status, value = (report["validation"][f"{INDICATOR_SHEET}!{c}"] for c in ("F6", "D6"))
    for rule in (status, value):
        assert rule["show_error"] and rule["show_input"] and rule["allow_blank"]
        assert rule["error_style"] == "STOP"
    assert status["error_title"] == "Trạng thái số liệu"
    assert "ước tính, sơ bộ, chính thức" in status["error_message"]
    assert "tạm tính" in status["error_message"]
    assert "7.944,5" in value["input_message"] and "13,2%" in value["error_message"]
