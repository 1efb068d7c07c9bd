"""Type into a workbook with the real LibreOffice Calc, then save it the ways a department does.

Run by the system Python (the one that has LibreOffice's ``uno`` module), never by the project's:

    python3 drive_calc.py JOB.json

JOB.json: ``{"soffice": "/usr/bin/soffice", "profile": "/tmp/…", "locale": "en-US", "input": "….xlsx",
"typed": [["Chỉ tiêu", "D6", "13,2%"], …], "outputs": [["….xlsx", "Calc MS Excel 2007 XML", ""], …],
"checks": {"invalid": "Chỉ tiêu", "validation": ["Chỉ tiêu!F6"]}, "result": "….json"}``.

Each typed text goes through Calc's own input path (``.uno:EnterString``, what pressing Enter after
typing does): Calc's number recognition, under the cell's format and the profile's locale, decides
what the cell becomes, as it does for a person. AutoInput (completion from the column) is a
keyboard feature and is not exercised here. The result file says what each typed cell became (its
type, value, shown text), what "mark invalid data" circles, and any error.

Calc runs in its own user profile (so a person's settings never leak in, and the locale is pinned),
listening on a private pipe, and is killed with its whole process group at the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

START_TIMEOUT = 60.0


def _props(**kwargs: object) -> tuple:
    out = []
    for name, value in kwargs.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _pin_locale(profile: Path, locale: str) -> None:
    """Write the profile's locale setting before Calc starts (Tools ▸ Options ▸ Language settings)."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
        f"<value>{locale}</value></prop></item>\n"
        '<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" '
        f'oor:op="fuse"><value>{locale}</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">'
        "<value>false</value></prop></item>\n"
        "</oor:items>\n",
        encoding="utf-8",
    )


def _connect(pipe: str, proc: subprocess.Popen) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"soffice did not start (exit code {proc.poll()})") from None
            time.sleep(0.3)


def _cell_report(cell: object) -> dict:
    kind = cell.getType().value.lower()  # EMPTY, VALUE, TEXT, FORMULA
    return {
        "type": kind,
        "value": cell.getValue(),
        "string": cell.getString(),
        "format": cell.NumberFormat,
        "locked": cell.CellProtection.IsLocked,
    }


def _invalid_cells(doc: object, ctx: object, sheet_name: str) -> int:
    """How many cells "Mark invalid data" (Tools ▸ Detective) circles on a sheet."""
    sheet = doc.Sheets.getByName(sheet_name)
    controller = doc.getCurrentController()
    controller.setActiveSheet(sheet)
    before = sheet.DrawPage.Count
    dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    dispatcher.executeDispatch(controller.getFrame(), ".uno:ShowInvalid", "", 0, ())
    return sheet.DrawPage.Count - before


def _validation_report(doc: object, where: str) -> dict:
    """The validation rule Calc holds for a cell ("Sheet!A1"): what it shows and when."""
    sheet_name, address = where.split("!")
    rule = doc.Sheets.getByName(sheet_name).getCellRangeByName(address).Validation
    return {
        "type": rule.Type.value,
        "show_input": rule.ShowInputMessage,
        "input_title": rule.InputTitle,
        "input_message": rule.InputMessage,
        "show_error": rule.ShowErrorMessage,
        "error_title": rule.ErrorTitle,
        "error_message": rule.ErrorMessage,
        "error_style": rule.ErrorAlertStyle.value,
        "allow_blank": rule.IgnoreBlankCells,
        "formula": rule.getFormula1(),
    }


def run(job: dict) -> dict:
    """Start Calc, type, save, report; always stop Calc."""
    profile = Path(job["profile"])
    _pin_locale(profile, job.get("locale", "en-US"))
    # A fresh profile makes soffice restart itself once; let that happen before listening.
    init = subprocess.Popen(
        [job["soffice"], f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        init.wait(timeout=START_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(init.pid, signal.SIGKILL)  # soffice is a script: its office process is a grandchild
        init.wait()
    pipe = f"planwatch_{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            job["soffice"],
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    result: dict = {"cells": {}, "saved": [], "invalid": None}
    doc = None
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(Path(job["input"]).as_uri(), "_blank", 0, _props(Hidden=True))
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for sheet_name, address, text in job.get("typed", []):
            sheet = doc.Sheets.getByName(sheet_name)
            controller.setActiveSheet(sheet)
            dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, _props(ToPoint=address))
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, _props(StringName=text))
            cell = sheet.getCellRangeByName(address)
            result["cells"][f"{sheet_name}!{address}"] = {"typed": text, **_cell_report(cell)}
        checks = job.get("checks", {})
        result["validation"] = {w: _validation_report(doc, w) for w in checks.get("validation", [])}
        result["probed"] = {
            w: _cell_report(doc.Sheets.getByName(w.split("!")[0]).getCellRangeByName(w.split("!")[1]))
            for w in checks.get("cells", [])
        }
        if "invalid" in checks:
            result["invalid"] = _invalid_cells(doc, ctx, checks["invalid"])
        for path, filter_name, options in job.get("outputs", []):
            doc.storeToURL(Path(path).as_uri(), _props(FilterName=filter_name, FilterOptions=options))
            result["saved"].append(path)
    except Exception as exc:  # reported to the test, which fails with it
        result["error"] = f"{type(exc).__name__}: {exc}"
    finally:
        try:
            if doc is not None:
                doc.close(True)
            desktop.terminate()
        except Exception:  # the bridge drops as Calc exits
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return result


def main() -> int:
    """Read the job, run it, write the result."""
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = run(job)
    Path(job["result"]).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
