"""Who signs the reports and who receives them: reports/report-settings.yml (sample values) or the file
named by PLANWATCH_REPORT_SETTINGS."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from planwatch import config

SETTINGS_ENV = "PLANWATCH_REPORT_SETTINGS"
SAMPLE_SETTINGS = config.REPO_ROOT / "reports" / "report-settings.yml"
FIELDS = ("number", "symbol", "authority", "signer_title", "signer_name", "recipients")


class SettingsError(Exception):
    """The settings file is missing a field or is not a YAML mapping; the message names the file."""


@dataclass(frozen=True)
class Signing:
    """The document number, the signature block and the recipients of a report."""

    number: str | None
    symbol: str
    authority: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    sample: bool

    @property
    def number_line(self) -> str:
        """The number line, "Số 15-BC/VPTU"; "Số …-BC/VPTU" until the office gives the number."""
        return f"Số {self.number or '…'}-{self.symbol}"


def read_mapping(path: Path) -> dict[str, Any]:
    """A settings file as a YAML mapping; SettingsError, naming the file, when it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"không đọc được tệp cấu hình (cannot read the settings) {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: cần một bảng YAML (expected a YAML mapping)")
    return data


def settings_path(path: Path | None = None) -> Path:
    """`path`, else $PLANWATCH_REPORT_SETTINGS, else the sample file."""
    return path or Path(os.environ.get(SETTINGS_ENV) or SAMPLE_SETTINGS)


def load_signing(path: Path | None = None) -> Signing:
    """Read the settings file: `path`, else $PLANWATCH_REPORT_SETTINGS, else the sample file."""
    path = settings_path(path)
    data = read_mapping(path)
    missing = [f for f in FIELDS if f not in data]
    if missing:
        raise SettingsError(f"{path}: thiếu (missing) {', '.join(missing)}")
    recipients = data["recipients"] or []
    if not isinstance(recipients, list) or not all(isinstance(r, str) and r.strip() for r in recipients):
        raise SettingsError(f"{path}: recipients phải là danh sách tên (a list of names)")
    number = data["number"]
    return Signing(
        number=str(number).strip() if number not in (None, "") else None,
        symbol=str(data["symbol"]).strip(),
        authority=str(data["authority"]).strip(),
        signer_title=str(data["signer_title"]).strip(),
        signer_name=str(data["signer_name"]).strip(),
        recipients=tuple(r.strip() for r in recipients),
        sample=bool(data.get("sample", False)),
    )
