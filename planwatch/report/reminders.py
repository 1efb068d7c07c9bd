"""`planwatch remind --period P`: a reminder letter (công văn đôn đốc) from the office to every agency of
marts.rpt_reminder_agencies for the quarter, as PDF (reports/reminder.qmd, rendered once per agency), with
an e-mail file (.eml, the PDF attached) for each agency that has an address (reports/agency-contacts.yml),
and the office's one-page summary (reports/reminder-summary.qmd), all in
$PLANWATCH_HOME/reports/<P>/reminders/.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

import duckdb

from planwatch import config
from planwatch.ingest.periods import parse_period
from planwatch.report import quarto
from planwatch.report.cells.reminder import (
    ReminderSettings,
    load_contacts,
    load_reminder_settings,
)
from planwatch.report.cells.vn import day, period_vi
from planwatch.report.documents import REPORTS_DIR, Engine, check_period
from planwatch.report.render import RenderFailed, render_builtin
from planwatch.warehouse import snapshot
from planwatch.warehouse.vintage import data_vintage

LETTER = REPORTS_DIR / "reminder.qmd"
SUMMARY = REPORTS_DIR / "reminder-summary.qmd"
SUMMARY_STEM = "tong-hop"
# The letter's date at 08:00 in Hải Phòng (UTC+7): the same header on every machine.
HAI_PHONG = timezone(timedelta(hours=7), "ICT")
# SMTP line endings, headers folded only past RFC 5322's 998 characters: Python's folding of a long
# Vietnamese subject into several encoded words drops the space where it folds ("báo cáosố liệu").
MAIL_POLICY = SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Letter:
    """One agency's letter: its PDF, and its .eml when the agency has an address."""

    agency_code: str
    agency_vi: str
    pdf: Path
    eml: Path | None
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class Reminded:
    """What one `remind` wrote, with the figures the closing note needs."""

    period: str
    as_of: date
    vintage: str
    engine: str
    letters: list[Letter]
    summary: Path
    seconds: float

    @property
    def outputs(self) -> dict[str, Path]:
        """The files by name (the letters' PDFs and .eml files, the summary), as the manifest records them."""
        files = {SUMMARY_STEM: self.summary}
        for letter in self.letters:
            files[f"{letter.agency_code}.pdf"] = letter.pdf
            if letter.eml:
                files[f"{letter.agency_code}.eml"] = letter.eml
        return files


def reminders_dir(period: str) -> Path:
    """$PLANWATCH_HOME/reports/<period>/reminders/."""
    return config.home() / "reports" / period / "reminders"


def reminded_agencies(warehouse: Path, period: str) -> list[tuple[str, str]]:
    """(agency_code, short name) of every agency with something to be reminded of in the quarter."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select agency_code, agency_vi from marts.rpt_reminder_agencies where report_period = ? "
            "order by agency_code",
            [period],
        ).fetchall()


def subject(period: str, agency_vi: str, *, sample: bool) -> str:
    """The e-mail subject: what the letter is about, for whom; "[DỮ LIỆU MẪU]" first for sample data."""
    text = f"Đôn đốc báo cáo số liệu và thực hiện nhiệm vụ {period_vi(period)} – {agency_vi}"
    return f"[DỮ LIỆU MẪU] {text}" if sample else text


def email_message(
    pdf: Path,
    *,
    to: Sequence[str],
    period: str,
    agency_vi: str,
    letter_date: date,
    settings: ReminderSettings,
    sample: bool,
) -> EmailMessage:
    """The e-mail the office sends from its own mail system: a short text and the letter as PDF attachment."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = settings.sender
    message["To"] = ", ".join(to)
    message["Subject"] = subject(period, agency_vi, sample=sample)
    message["Date"] = format_datetime(datetime(*letter_date.timetuple()[:3], 8, tzinfo=HAI_PHONG))
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1].rstrip(">"))
    body = (
        f"Kính gửi: {agency_vi},\n\n"
        "Văn phòng Thành ủy gửi kèm công văn đôn đốc báo cáo số liệu và thực hiện nhiệm vụ Chương trình "
        f"hành động, {period_vi(period)} (số liệu tính đến ngày {day(letter_date)}).\n\n"
        "Trân trọng.\nVăn phòng Thành ủy Hải Phòng\n"
    )
    if sample:
        body += "\nDỮ LIỆU MẪU — số liệu tổng hợp, không dùng để ra quyết định.\n"
    message.set_content(body, charset="utf-8")
    message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name)
    return message


def _render(qmd: Path, params: dict[str, str], out: Path, stem: str, quarto_exe: str | None) -> Path:
    if quarto_exe:
        return quarto.render_quarto(qmd, params, out, stem, ("pdf",), executable=quarto_exe)["pdf"]
    return render_builtin(qmd, params, out, stem, ("pdf",))["pdf"]


def _is_sample(warehouse: Path) -> bool:
    # As the documents decide it (cells/db.py setup): no loads at all, or any load marked sample.
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loads, sample = con.execute("select count(*), bool_or(is_sample) from marts.rpt_loads").fetchone()
    return not loads or bool(sample)


def remind(
    period: str,
    *,
    as_of: date,
    engine: Engine = "auto",
    warehouse: Path | None = None,
    agencies: Sequence[str] | None = None,
) -> Reminded:
    """Write the letters of a quarter as of a date (module docstring); `agencies` limits them to those codes.

    `warehouse`: one already built as of that date (run-due passes its own); by default the published copy,
    or a temporary copy rebuilt as of the date.
    """
    p = parse_period(period)
    if p.period_type != "quarter":
        raise RenderFailed(f"kỳ {period} không phải một quý (reminders need a quarter: --period 2026-Q3)")
    check_period("quarterly", p, as_of)
    quarto_exe = quarto.find_quarto() if engine in {"auto", "quarto"} else None
    if engine == "quarto" and quarto_exe is None:
        raise RenderFailed("không tìm thấy Quarto >= 1.8 (--engine quarto needs Quarto 1.8 or later on PATH)")
    settings = load_reminder_settings()
    contacts = load_contacts()
    started = time.perf_counter()
    out = reminders_dir(p.code)
    source = nullcontext(warehouse) if warehouse is not None else snapshot.warehouse_for(as_of)
    with source as warehouse:
        vintage = data_vintage(warehouse, as_of)
        sample = _is_sample(warehouse)
        chosen = reminded_agencies(warehouse, p.code)
        if agencies is not None:
            unknown = sorted(set(agencies) - {code for code, _ in chosen})
            if unknown:
                raise RenderFailed(
                    f"không có nội dung cần đôn đốc kỳ {p.code} (nothing to remind): {', '.join(unknown)}"
                )
            chosen = [(code, name) for code, name in chosen if code in agencies]
        params = {"period": p.code, "as_of": as_of.isoformat(), "warehouse": str(warehouse)}
        letters: list[Letter] = []
        for code, name in chosen:
            pdf = _render(LETTER, {**params, "agency": code}, out, code, quarto_exe)
            to = contacts.get(code, ())
            eml = None
            if to:
                message = email_message(
                    pdf,
                    to=to,
                    period=p.code,
                    agency_vi=name,
                    letter_date=as_of,
                    settings=settings,
                    sample=sample,
                )
                eml = out / f"{code}.eml"
                eml.write_bytes(message.as_bytes())
            else:
                (out / f"{code}.eml").unlink(missing_ok=True)  # an address removed since the last run
            letters.append(Letter(code, name, pdf, eml, to))
        summary = _render(SUMMARY, params, out, SUMMARY_STEM, quarto_exe)
    return Reminded(
        p.code,
        as_of,
        vintage,
        "quarto" if quarto_exe else "builtin",
        letters,
        summary,
        time.perf_counter() - started,
    )
