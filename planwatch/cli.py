"""The `planwatch` command: a thin layer over the library, turning its errors into messages and exit codes."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

# Only what every command needs is imported here; each command imports its own layer (the ingest's
# polars and Great Expectations, the template's openpyxl, the reports' matplotlib, dbt), so that
# `planwatch sql` starts in a fraction of a second (docs/ingest.md, Performance: start-up).
from planwatch import config
from planwatch.ingest.errors import IngestError, StorageError, printable
from planwatch.ingest.limits import LimitSettingError
from planwatch.report.cli import add_report_commands, date_argument
from planwatch.warehouse import publish
from planwatch.warehouse.dbt import DbtFailed

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    """Run `dbt build` (seeds, models, tests) on the warehouse and publish the read-only copy."""
    from planwatch.warehouse.build import build

    build(as_of=args.as_of or config.today(), quiet=args.quiet, full_refresh=args.full_refresh)
    print(f"Kho dữ liệu (warehouse): {config.warehouse_path()}")
    print(f"Bản chỉ đọc (read-only copy for reports and ad hoc SQL): {publish.read_only_path()}")
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    """Validate and append submission files for one agency; exit 1 if any file is rejected."""
    from planwatch.ingest.pipeline import ingest_files
    from planwatch.ingest.report import format_rejection
    from planwatch.ingest.validate import IngestOptions, ingest_options

    paths = [Path(p) for p in args.files]
    with ingest_options(IngestOptions(number_style=args.number_style, confirm=args.confirm)):
        outcomes = ingest_files(paths, agency_code=args.agency, dry_run=args.dry_run, on_wait=_stderr)
    for outcome in outcomes:
        name = printable(outcome.path.name)
        if outcome.problems:
            print(format_rejection(outcome.problems, file=outcome.path.name), file=sys.stderr)
            for report in outcome.report_paths:
                print(f"  Báo cáo lỗi (rejection report): {printable(report)}", file=sys.stderr)
        elif outcome.dry_run:
            sub = outcome.submission
            print(
                f"Hợp lệ (valid, dry run — nothing written): {name}: "
                f"{len(sub.indicator_values)} số liệu chỉ tiêu, {len(sub.task_updates)} cập nhật nhiệm vụ"
            )
        elif outcome.load.duplicate_of:
            earlier = outcome.load.duplicate_of
            print(f"Đã nạp trước đó (already loaded, not loaded again): {name} = load {earlier}")
        else:
            load = outcome.load
            print(
                f"Đã nhận (accepted): {name}: {load.indicator_rows} số liệu chỉ tiêu, "
                f"{load.task_rows} cập nhật nhiệm vụ — load {load.load_id}"
            )
        warnings = outcome.submission.warnings if outcome.submission and not outcome.problems else ()
        if warnings:
            print(f"  Cảnh báo (warnings, {len(warnings)}; lưu ở raw.indicator_values.warning):")
            for w in warnings:
                print(f"  - [{w.key}] {w.file}, dòng {w.row}: {w.message_vi}")
    if any(o.problems for o in outcomes):
        return EXIT_FAILED
    if not args.dry_run:
        print(
            "Chạy `planwatch build` để cập nhật đánh giá; `planwatch sql` và báo cáo đọc bản chỉ đọc, "
            "chỉ thấy các dòng mới sau khi build (run `planwatch build`: the marts, the read-only copy that "
            "`planwatch sql` and reports read, show the new rows only after it)."
        )
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    """Write the XLSX a department fills in for a period."""
    from planwatch.ingest.periods import parse_period
    from planwatch.ingest.pipeline import current_catalogue
    from planwatch.ingest.template import write_template

    period = parse_period(args.period)
    out = Path(args.out) if args.out else Path(f"mau-nop-{args.agency.upper()}-{period.code}.xlsx")
    path = write_template(current_catalogue(), args.agency, args.period, out, today=config.today())
    print(f"Mẫu nộp số liệu (submission template): {path}")
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild the raw tables from the archive alone into a new DuckDB file."""
    from planwatch.ingest.pipeline import rebuild

    target = Path(args.target)
    loads = rebuild(target)
    rows = sum(load.indicator_rows + load.task_rows for load in loads)
    print(
        f"Dựng lại từ kho lưu trữ (rebuilt from the archive): {len(loads)} lần nạp, {rows} dòng → "
        f"{printable(target)}; khớp với raw.loads (matches raw.loads)"
    )
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """Check the archive against the raw tables; exit 1 on any difference."""
    from planwatch.ingest.pipeline import verify

    report = verify(repair=args.repair, on_wait=_stderr)
    print(report.format_vi(), file=sys.stdout if report.ok else sys.stderr)
    if not report.warehouse_found:
        print(
            f"Chưa có kho dữ liệu (no warehouse) tại {printable(config.warehouse_path())}: "
            "chỉ kiểm tra được kho lưu trữ (only the archive was checked).",
            file=sys.stderr,
        )
    if report.ok:
        return EXIT_OK
    if report.only_healable and not args.repair:
        print(
            "Các chỗ trên do một lần ghi bị ngắt để lại; `planwatch verify --repair` sửa được "
            "(left by an interrupted write; `--repair` heals them).",
            file=sys.stderr,
        )
    return EXIT_FAILED


def cmd_sql(args: argparse.Namespace) -> int:
    """Run ad hoc SQL read-only against the published copy and print the result."""
    path = publish.read_only_path()
    if not path.exists():
        print(f"Chưa có bản chỉ đọc (no read-only copy) tại {path}: chạy `planwatch build`.", file=sys.stderr)
        return EXIT_USAGE
    if _older_than_warehouse(path):
        print(
            "Lưu ý (note): bản chỉ đọc có từ lần build trước lần nạp số liệu gần nhất; các dòng mới chỉ hiện "
            "sau khi chạy `planwatch build` (the read-only copy predates the latest load).",
            file=sys.stderr,
        )
    query = args.query if args.query is not None else sys.stdin.read()
    with duckdb.connect(str(path), read_only=True) as con:
        try:
            relation = con.sql(query)
        except duckdb.Error as exc:
            print(f"Lỗi SQL (SQL error): {exc}", file=sys.stderr)
            return EXIT_FAILED
        if relation is not None:
            relation.show(max_rows=args.max_rows, max_width=200)
    return EXIT_OK


def _older_than_warehouse(copy: Path) -> bool:
    """True when the warehouse (or its write-ahead log) was written after the copy was published.

    Compares file times only: opening the warehouse, even read-only, could stand in a writer's way.
    """
    warehouse = config.warehouse_path()
    written = [p.stat().st_mtime_ns for p in (warehouse, Path(f"{warehouse}.wal")) if p.exists()]
    return bool(written) and max(written) > copy.stat().st_mtime_ns


def cmd_status(args: argparse.Namespace) -> int:
    """Print the plan catalogue summary from the read-only copy."""
    from planwatch import status_summary

    warehouse = publish.read_only_path()
    if not warehouse.exists():
        print(
            f"Chưa có kho dữ liệu (no warehouse) tại {warehouse}: chạy `planwatch build` trước.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(status_summary.format_summary(status_summary.summary(warehouse)))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the plan, ingest the built-in synthetic sample up to today, rebuild, print the summary."""
    from planwatch.demo import run_demo

    return run_demo(config.today())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `planwatch` command."""
    parser = argparse.ArgumentParser(
        prog="planwatch",
        description="Theo dõi Chương trình hành động 2026–2030 của Thành ủy Hải Phòng.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    build_cmd = sub.add_parser("build", help="dbt build: nạp kế hoạch, tính các mart, chạy kiểm thử")
    build_cmd.add_argument("--quiet", action="store_true", help="only print errors")
    build_cmd.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=date_argument,
        help="only what had been received by that date (default: today)",
    )
    build_cmd.add_argument("--full-refresh", action="store_true", help="recompute every table from raw")
    build_cmd.set_defaults(func=cmd_build)

    ingest = sub.add_parser("ingest", help="nhập số liệu của một đơn vị (validate and append submissions)")
    ingest.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX submission files")
    ingest.add_argument("--agency", required=True, metavar="CODE", help="the submitting agency, e.g. STC")
    ingest.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    ingest.add_argument(
        "--number-style",
        choices=("auto", "vi", "plain"),
        default="auto",
        help="how the value column writes numbers: vi (11.247 = 11247, 7.944,5), plain (7944.5), "
        "auto (decided per file from its unambiguous cells; docs/ingest.md)",
    )
    ingest.add_argument(
        "--confirm",
        action="store_true",
        help="accept figures the consistency checks flag (~1000x off, a 9-month figure below its quarter, "
        "a percent stored as a fraction); each is recorded as a warning on its row",
    )
    ingest.set_defaults(func=cmd_ingest)

    template = sub.add_parser("template", help="mẫu XLSX cho một đơn vị (the submission template)")
    template.add_argument("--agency", required=True, metavar="CODE")
    template.add_argument("--period", required=True, metavar="P", help="e.g. 2026-Q3, Quý III/2026, 2026")
    template.add_argument("--out", metavar="PATH", help="where to write (default: ./mau-nop-CODE-P.xlsx)")
    template.set_defaults(func=cmd_template)

    rebuild = sub.add_parser("rebuild", help="dựng lại bảng raw từ kho lưu trữ (rebuild from the archive)")
    rebuild.add_argument("--target", required=True, metavar="PATH", help="a new DuckDB file to create")
    rebuild.set_defaults(func=cmd_rebuild)

    verify = sub.add_parser(
        "verify", help="đối chiếu kho lưu trữ với bảng raw (check the archive against the raw tables)"
    )
    verify.add_argument(
        "--repair",
        action="store_true",
        help="first heal what an interrupted write left (missing sidecars, uncommitted copies, temp files)",
    )
    verify.set_defaults(func=cmd_verify)

    sql = sub.add_parser("sql", help="truy vấn SQL chỉ đọc (ad hoc SQL on the read-only copy)")
    sql.add_argument("query", nargs="?", help="the query; read from standard input when omitted")
    sql.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50)")
    sql.set_defaults(func=cmd_sql)

    add_report_commands(sub)

    sub.add_parser("status", help="tóm tắt danh mục kế hoạch trong kho").set_defaults(func=cmd_status)
    sub.add_parser("demo", help="dựng kho, nạp dữ liệu mẫu, in tóm tắt").set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (DbtFailed, config.ConfigError, LimitSettingError) as exc:
        print(f"Lỗi (error): {printable(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except IngestError as exc:
        print(f"Lỗi (error): {_terminal(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        # A full disk or a permission problem outside the paths that already say so: no traceback.
        error = StorageError.from_os_error(exc, file=exc.filename)
        print(f"Lỗi (error): {_terminal(error)}", file=sys.stderr)
        return EXIT_FAILED
    except duckdb.Error as exc:
        print(
            f"Lỗi cơ sở dữ liệu (database error): {printable(str(exc).strip().splitlines()[0])}; "
            "không có gì thay đổi (nothing was changed). Nếu bản chỉ đọc bị hỏng, chạy `planwatch build`.",
            file=sys.stderr,
        )
        return EXIT_FAILED


def _terminal(exc: BaseException) -> str:
    # Multi-line messages (a rejection's list) keep their lines; each line is escaped on its own.
    return "\n".join(printable(line) for line in str(exc).split("\n"))


def run() -> None:
    """The `planwatch` console script (and `python -m planwatch.cli`): `main`, then exit with its code."""
    code = main()
    # At exit the interpreter collects the cycles of every object the process made: after an ingest
    # (Great Expectations leaves some 200 000) that is 1–1,5 s of a one-row ingest. The work is written
    # and closed by now; frozen objects are left to the operating system (atexit handlers still run).
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
