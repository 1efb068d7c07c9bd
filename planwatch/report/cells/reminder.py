"""The reminder letters (công văn đôn đốc, `planwatch remind`): their settings (the `reminder:` block of the
report settings), the agencies' e-mail addresses (reports/agency-contacts.yml or PLANWATCH_AGENCY_CONTACTS),
and the letter's own blocks: the signing of a letter, the "Kính gửi:" line, the reply deadline.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, replace
from datetime import date, timedelta
from email.utils import parseaddr
from pathlib import Path
from typing import Any

from planwatch import config
from planwatch.report.cells.blocks import _typst_str as typst_str
from planwatch.report.cells.blocks import raw
from planwatch.report.cells.settings import (
    SettingsError,
    Signing,
    load_signing,
    read_mapping,
    settings_path,
)
from planwatch.report.cells.vn import period_vi
from planwatch.report.cells.wording import shorten

CONTACTS_ENV = "PLANWATCH_AGENCY_CONTACTS"
SAMPLE_CONTACTS = config.REPO_ROOT / "reports" / "agency-contacts.yml"
REMINDER_FIELDS = ("symbol", "reply_days", "sender", "recipients")
# The addressee first among the recipients of a letter, as công văn write it.
AS_ABOVE = "Như trên"
# How the office's summary and `planwatch remind` name an agency without an e-mail address.
NO_ADDRESS_VI = "chưa có địa chỉ thư"


@dataclass(frozen=True)
class ReminderSettings:
    """The letters' symbol (CV/VPTU), the days given to reply, the e-mail sender, the other recipients."""

    symbol: str
    reply_days: int
    sender: str
    recipients: tuple[str, ...]


def load_reminder_settings(path: Path | None = None) -> ReminderSettings:
    """The `reminder:` block of the report settings: `path`, else $PLANWATCH_REPORT_SETTINGS, else the
    sample file."""
    path = settings_path(path)
    block = read_mapping(path).get("reminder")
    missing = [f for f in REMINDER_FIELDS if not isinstance(block, dict) or f not in block]
    if missing:
        raise SettingsError(f"{path}: thiếu (missing) reminder: {', '.join(missing)}")
    days = block["reply_days"]
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        raise SettingsError(f"{path}: reminder.reply_days phải là số ngày nguyên dương (whole days)")
    if not _address(str(block["sender"])):
        raise SettingsError(f"{path}: reminder.sender không phải địa chỉ thư (not an e-mail address)")
    recipients = block["recipients"] or []
    if not isinstance(recipients, list) or not all(isinstance(r, str) and r.strip() for r in recipients):
        raise SettingsError(f"{path}: reminder.recipients phải là danh sách tên (a list of names)")
    return ReminderSettings(
        str(block["symbol"]).strip(), days, str(block["sender"]).strip(), tuple(r.strip() for r in recipients)
    )


def _address(text: str) -> str:
    """The address part of "Name <a@b>" or "a@b" when it looks like one, else ""."""
    address = parseaddr(text)[1]
    return address if "@" in address.strip("@") else ""


def load_contacts(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """agency_code → its e-mail addresses (`path`, else $PLANWATCH_AGENCY_CONTACTS, else the sample file)."""
    path = path or Path(os.environ.get(CONTACTS_ENV) or SAMPLE_CONTACTS)
    contacts = read_mapping(path).get("contacts") or {}
    if not isinstance(contacts, dict):
        raise SettingsError(f"{path}: contacts phải là bảng mã cơ quan → địa chỉ thư (code → addresses)")
    out: dict[str, tuple[str, ...]] = {}
    for code, value in contacts.items():
        addresses = [value] if isinstance(value, str) else value or []
        if not isinstance(addresses, list) or not all(isinstance(a, str) and _address(a) for a in addresses):
            raise SettingsError(
                f"{path}: contacts.{code}: không phải địa chỉ thư (not an e-mail address): {value!r}"
            )
        out[str(code)] = tuple(a.strip() for a in addresses)
    return out


def letter_signing(settings: ReminderSettings, signing: Signing | None = None) -> Signing:
    """The report signing with the letter's symbol, its number always left for the office ("Số …-CV/VPTU")
    and its recipients: the addressee ("Như trên"), then those of the settings."""
    signing = signing or load_signing()
    return replace(signing, number=None, symbol=settings.symbol, recipients=(AS_ABOVE, *settings.recipients))


def reply_by(letter_date: date, settings: ReminderSettings) -> date:
    """The day the agency is asked to reply by: `reply_days` after the letter's date."""
    return letter_date + timedelta(days=settings.reply_days)


def addressee(name: str) -> str:
    """The "Kính gửi: <agency>" line, centred under the header (Nghị định 30/2020/NĐ-CP, công văn)."""
    line = f"Kính gửi: {name}"
    typst = f"#align(center, text(size: 14pt, {typst_str(line)}))"
    return raw(typst, f'<p class="pw-addressee">{html.escape(line)}</p>')


def item_text(row: dict[str, Any]) -> str:
    """What a row of rpt_reminder_items is, as the letter's table words it: the submission's period in
    words, else the task (or its milestone) with its code, cut to a line or two."""
    kind, code, name = row["item_kind"], row["item_code"], row["item_name_vi"] or ""
    if kind in ("missing", "late"):
        return f"{name} {period_vi(code)}"
    if kind == "milestone_due":
        return f"Nhiệm vụ {code}, mốc: {shorten(name, 160)}"
    return f"Nhiệm vụ {code}: {shorten(name, 160)}"
