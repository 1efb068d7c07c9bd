"""`planwatch report` and `planwatch run-due`; planwatch/cli.py adds them with add_report_commands()."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from planwatch import config
from planwatch.report.documents import KINDS, Rendered

if TYPE_CHECKING:
    from planwatch.report.reminders import Reminded

# The report cells (matplotlib) and the reminders are imported by the commands that use them, not by
# every `planwatch` command that builds this parser.
T = TypeVar("T")


def _errors() -> tuple[type[Exception], ...]:
    """The errors a report command turns into a message."""
    from planwatch.report.cells.settings import SettingsError
    from planwatch.report.qmd import QmdError
    from planwatch.report.render import RenderFailed
    from planwatch.warehouse.snapshot import NoWarehouse

    return (RenderFailed, QmdError, NoWarehouse, SettingsError)


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("pdf", "html")]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"dùng pdf, html hoặc pdf,html (got {text!r})")
    return formats


def date_argument(text: str) -> date:
    """argparse type for YYYY-MM-DD options (--as-of, --today)."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"cần dạng YYYY-MM-DD, ví dụ 2026-10-15 (got {text!r})") from exc


def _print(result: Rendered) -> None:
    for path in result.outputs.values():
        print(path)
    print(
        f"  ({result.kind} {result.period}, số liệu đến {result.as_of:%d/%m/%Y}, vintage {result.vintage}, "
        f"{result.engine}, {result.seconds:.1f} s)",
        file=sys.stderr,
    )


def _guarded(run: Callable[[], T], show: Callable[[T], None]) -> int:
    """Run the command; print what it wrote (exit 0), or its error as a message (exit 1)."""
    try:
        result = run()
    except _errors() as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return 1
    show(result)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Render one report and print the paths it wrote."""
    from planwatch.report.documents import render_report

    as_of = args.as_of or config.today()
    return _guarded(
        lambda: render_report(args.kind, args.period, as_of=as_of, formats=args.format, engine=args.engine),
        _print,
    )


def print_reminded(result: Reminded) -> None:
    """The files `remind` wrote, one line per agency, and the counts (stderr)."""
    from planwatch.report.cells.reminder import NO_ADDRESS_VI

    for letter in result.letters:
        print(letter.pdf)
        print(f"  {letter.eml}" if letter.eml else f"  ({letter.agency_code}: {NO_ADDRESS_VI})")
    print(result.summary)
    mailed = sum(1 for letter in result.letters if letter.eml)
    print(
        f"  (đôn đốc {result.period}: {len(result.letters)} cơ quan, {mailed} có thư điện tử, "
        f"số liệu đến {result.as_of:%d/%m/%Y}, vintage {result.vintage}, {result.engine}, "
        f"{result.seconds:.1f} s)",
        file=sys.stderr,
    )


def cmd_remind(args: argparse.Namespace) -> int:
    """Write the reminder letters of a quarter (PDF, .eml, the office's summary); print the paths."""
    from planwatch.report.reminders import remind

    as_of = args.as_of or config.today()
    return _guarded(
        lambda: remind(args.period, as_of=as_of, engine=args.engine, agencies=args.agency or None),
        print_reminded,
    )


def cmd_run_due(args: argparse.Namespace) -> int:
    """Render every report that is due and not current for the data; print what was rendered and skipped."""
    from planwatch.report.schedule import run_due

    try:
        # --today behaves as PLANWATCH_TODAY: the as-of date of every render follows it.
        result = run_due(args.today or config.today(), formats=args.format)
    except _errors() as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return 1
    for rendered in result.rendered:
        _print(rendered)
    for reminded in result.reminded:
        print_reminded(reminded)
    for item in result.skipped:
        print(
            f"bỏ qua (skipped): {item.kind} {item.period}: chưa có tài liệu reports/{item.kind}.qmd",
            file=sys.stderr,
        )
    if not result.rendered and not result.reminded:
        print(
            f"Không có báo cáo nào cần dựng (nothing to render): {len(result.current)} báo cáo đã cập nhật."
        )
    return 0


def add_report_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add `report` and `run-due` to the `planwatch` command's subparsers."""
    report = subparsers.add_parser("report", help="dựng báo cáo PDF và HTML (render a report)")
    report.add_argument("kind", choices=KINDS)
    report.add_argument("--period", required=True, help="2026-Q3 (quarterly), 2026 (annual), 2028 (midterm)")
    report.add_argument(
        "--as-of", type=date_argument, metavar="YYYY-MM-DD", help="số liệu đến ngày (default: today)"
    )
    report.add_argument("--format", type=_formats, default=("pdf", "html"), help="pdf,html (default both)")
    report.add_argument(
        "--engine",
        choices=("auto", "quarto", "builtin"),
        default="auto",
        help="auto: Quarto >= 1.8 when on PATH, else the built-in renderer",
    )
    report.set_defaults(func=cmd_report)
    reminder = subparsers.add_parser(
        "remind", help="viết công văn đôn đốc các cơ quan (write the reminder letters of a quarter)"
    )
    reminder.add_argument("--period", required=True, help="the quarter: 2026-Q3")
    reminder.add_argument(
        "--as-of", type=date_argument, metavar="YYYY-MM-DD", help="ngày công văn (default: today)"
    )
    reminder.add_argument(
        "--agency", action="append", metavar="CODE", help="only this agency (dim_agency code); may repeat"
    )
    reminder.add_argument("--engine", choices=("auto", "quarto", "builtin"), default="auto")
    reminder.set_defaults(func=cmd_remind)
    due = subparsers.add_parser("run-due", help="dựng các báo cáo đến kỳ (render the reports that are due)")
    due.add_argument("--today", type=date_argument, metavar="YYYY-MM-DD", help="behave as on that date")
    due.add_argument("--format", type=_formats, default=("pdf", "html"), help="pdf,html (default both)")
    due.set_defaults(func=cmd_run_due)
