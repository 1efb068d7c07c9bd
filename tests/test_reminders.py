"""`planwatch remind`: the reminder letters (công văn đôn đốc) of a quarter, their e-mail files and the
office's summary. The letter's text is checked against marts.rpt_reminder_items of the sample warehouse."""

from __future__ import annotations

from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

# The sample warehouse of the report tests (2026 submitted, as of 28/02/2027): the same session fixture.
from test_report_content import TODAY, sample_home  # noqa: F401  (a fixture, used by name)

from planwatch.report.cells.reminder import (
    NO_ADDRESS_VI,
    item_text,
    letter_signing,
    load_contacts,
    load_reminder_settings,
    reply_by,
)
from planwatch.report.cells.settings import SettingsError
from planwatch.report.cells.vn import day, num, period_vi, place_date
from planwatch.report.reminders import email_message, remind

AS_OF = date.fromisoformat(TODAY)
PERIOD = "2026-Q4"  # its data were due on 10/01/2027, before the as-of date


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_a_letter_is_numbered_by_the_office_and_copied_to_the_addressee() -> None:
    signing = letter_signing(load_reminder_settings())
    assert signing.number_line == "Số …-CV/VPTU"  # never a number the office has not given
    assert signing.recipients[0] == "Như trên"
    assert reply_by(date(2026, 10, 20), load_reminder_settings()) == date(2026, 10, 30)


def test_item_wording() -> None:
    assert item_text({"item_kind": "missing", "item_code": "2026-Q3", "item_name_vi": "Báo cáo số liệu"}) == (
        "Báo cáo số liệu quý III/2026"
    )
    task = item_text({"item_kind": "overdue_task", "item_code": "II.1", "item_name_vi": "Lập  quy hoạch"})
    assert task == "Nhiệm vụ II.1: Lập quy hoạch"


def test_contacts_of_the_sample_and_a_bad_address(tmp_path: Path) -> None:
    contacts = load_contacts()
    assert contacts["SCT"] == ("sct@example.invalid",)
    assert all(a.endswith("@example.invalid") for addresses in contacts.values() for a in addresses)
    bad = tmp_path / "contacts.yml"
    bad.write_text("contacts:\n  SCT: not-an-address\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"contacts\.yml: contacts\.SCT"):
        load_contacts(bad)


def test_reminder_settings_missing_a_field(tmp_path: Path) -> None:
    settings = tmp_path / "settings.yml"
    settings.write_text("reminder:\n  symbol: CV/VPTU\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="settings.yml: thiếu .*reply_days"):
        load_reminder_settings(settings)


def test_the_eml_parses_back_with_the_pdf_attached(tmp_path: Path) -> None:
    pdf = tmp_path / "SCT.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    message = email_message(
        pdf,
        to=["sct@example.invalid"],
        period="2026-Q3",
        agency_vi="Sở Công Thương",
        letter_date=date(2026, 10, 20),
        settings=load_reminder_settings(),
        sample=True,
    )
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    assert parsed["Subject"] == (
        "[DỮ LIỆU MẪU] Đôn đốc báo cáo số liệu và thực hiện nhiệm vụ quý III/2026 – Sở Công Thương"
    )
    assert parsed["To"] == "sct@example.invalid"
    assert "20 Oct 2026 08:00:00 +0700" in parsed["Date"]
    assert "Kính gửi: Sở Công Thương" in parsed.get_body(("plain",)).get_content()
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "SCT.pdf"
    assert attachment.get_content() == pdf.read_bytes()


@pytest.fixture(scope="module")
def mart(sample_home: Path) -> duckdb.DuckDBPyConnection:  # noqa: F811
    con = duckdb.connect(str(sample_home / "warehouse-readonly.duckdb"), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def reminded_agency(mart: duckdb.DuckDBPyConnection) -> str:
    """An agency of the sample with a missing submission and an overdue task in 2026-Q4 (and an address)."""
    found = mart.execute(
        """
        select agency_code from marts.rpt_reminder_agencies
        where report_period = ? and missing > 0 and overdue_tasks > 0 order by agency_code
        """,
        [PERIOD],
    ).fetchall()
    contacts = load_contacts()
    with_address = [code for (code,) in found if code in contacts]
    assert with_address, "the sample has an agency with a missing period and an overdue task"
    return with_address[0]


@pytest.fixture(scope="module")
def letters(sample_home: Path, reminded_agency: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    home = tmp_path_factory.mktemp("remind_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANWATCH_HOME", str(home))
        result = remind(
            PERIOD,
            as_of=AS_OF,
            engine="builtin",
            warehouse=sample_home / "warehouse-readonly.duckdb",
            agencies=[reminded_agency],
        )
    return home, result


def test_the_letter_names_the_missing_period_and_the_overdue_task_with_its_days(
    letters, mart: duckdb.DuckDBPyConnection, reminded_agency: str
) -> None:
    home, result = letters
    (letter,) = result.letters
    assert letter.pdf == home / "reports" / PERIOD / "reminders" / f"{reminded_agency}.pdf"
    text = _text(letter.pdf)
    items = mart.execute(
        "select * from marts.rpt_reminder_items where report_period = ? and agency_code = ? "
        "order by item_position, due_date, item_code",
        [PERIOD, reminded_agency],
    )
    columns = [d[0] for d in items.description]
    rows = [dict(zip(columns, row, strict=True)) for row in items.fetchall()]
    name = rows[0]["agency_name_vi"]
    assert f"Kính gửi: {name}" in text
    assert "Số …-CV/VPTU" in text and place_date(AS_OF) in text
    assert "DỮ LIỆU MẪU" in text
    missing = next(r for r in rows if r["item_kind"] == "missing")
    assert f"{period_vi(missing['item_code'])} {day(missing['due_date'])} {num(missing['days_late'])}" in text
    overdue = next(r for r in rows if r["item_kind"] == "overdue_task")
    assert f"Nhiệm vụ {overdue['item_code']}:" in text
    assert f"{day(overdue['due_date'])} {num(overdue['days_late'])}" in text
    assert overdue["days_late"] == (AS_OF - overdue["due_date"]).days
    assert f"trước ngày {day(reply_by(AS_OF, load_reminder_settings()))}" in text
    assert "Nơi nhận:" in text and "Như trên" in text


def test_the_eml_of_the_letter_carries_its_pdf(letters, reminded_agency: str) -> None:
    _, result = letters
    (letter,) = result.letters
    assert letter.eml is not None and letter.eml.name == f"{reminded_agency}.eml"
    parsed = BytesParser(policy=policy.default).parsebytes(letter.eml.read_bytes())
    assert parsed["To"] == ", ".join(load_contacts()[reminded_agency])
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_content() == letter.pdf.read_bytes()


def test_the_summary_is_one_page_and_counts_who_was_reminded(
    letters, mart: duckdb.DuckDBPyConnection
) -> None:
    _, result = letters
    reader = PdfReader(result.summary)
    assert len(reader.pages) == 1
    text = _text(result.summary)
    (reminded,) = mart.execute(
        "select count(*) from marts.rpt_reminder_agencies where report_period = ?", [PERIOD]
    ).fetchone()
    assert f"lập {num(reminded)} công văn đôn đốc" in text
    contacts = load_contacts()
    codes = [
        c
        for (c,) in mart.execute(
            "select agency_code from marts.rpt_reminder_agencies where report_period = ?", [PERIOD]
        ).fetchall()
    ]
    mailed = sum(1 for c in codes if c in contacts)
    assert f"{num(mailed)} cơ quan có tệp thư điện tử" in text
    assert f"{num(reminded - mailed)} cơ quan chưa có địa chỉ thư" in text
    if reminded > mailed:
        assert NO_ADDRESS_VI in text
    print(f"\n{PERIOD} as of {TODAY}: {reminded} agencies reminded, {mailed} with an e-mail address")


def test_remind_refuses_a_year_and_an_agency_with_nothing_to_remind(sample_home: Path) -> None:  # noqa: F811
    from planwatch.report.render import RenderFailed

    warehouse = sample_home / "warehouse-readonly.duckdb"
    with pytest.raises(RenderFailed, match="không phải một quý"):
        remind("2026", as_of=AS_OF, warehouse=warehouse)
    with pytest.raises(RenderFailed, match="nothing to remind.*NOPE"):
        remind(PERIOD, as_of=AS_OF, warehouse=warehouse, agencies=["NOPE"])


def test_cli_remind_refuses_a_year_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.cli import main

    assert main(["remind", "--period", "2026", "--as-of", "2027-02-28"]) == 1
    assert "Lỗi (error): kỳ 2026 không phải một quý" in capsys.readouterr().err
