"""The `planwatch` command: a thin layer over the library, turning its errors into messages and exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest.errors import IngestError
from planwatch import catalogue, config, publish
from planwatch.dbt import DbtFailed, run_dbt
from planwatch.report.cli import date_argument

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build(*, as_of: str | None = None, quiet: bool = False) -> None:
    """dbt build on the warehouse (as of a date if given), then publish the read-only copy.

    Holds the write lock, so a build and an ingest never write at the same time.
    """
    from ingest.lock import write_lock

    args = ["build"]
    if as_of:
        args += ["--vars", json.dumps({"as_of": as_of})]
    with write_lock(config.home(), command="planwatch build", on_wait=_stderr):
        run_dbt(args, quiet=quiet)
        publish.publish_read_only()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    """Run `dbt build` (seeds, models, tests) on the warehouse and publish the read-only copy."""
    build(as_of=args.as_of.isoformat() if args.as_of else None, quiet=args.quiet)
    print(f"Kho dữ liệu (warehouse): {config.warehouse_path()}")
    print(f"Bản chỉ đọc (read-only copy for reports and ad hoc SQL): {publish.read_only_path()}")
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    """Validate and append submission files for one agency; exit 1 if any file is rejected."""
    from ingest.pipeline import ingest_files
    from ingest.report import format_rejection

    paths = [Path(p) for p in args.files]
    outcomes = ingest_files(paths, agency_code=args.agency, dry_run=args.dry_run, on_wait=_stderr)
    for outcome in outcomes:
        name = outcome.path.name
        if outcome.problems:
            print(format_rejection(outcome.problems, file=name), file=sys.stderr)
            for report in outcome.report_paths:
                print(f"  Báo cáo lỗi (rejection report): {report}", file=sys.stderr)
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
    from ingest.periods import parse_period
    from ingest.pipeline import current_catalogue
    from ingest.template import write_template

    period = parse_period(args.period)
    out = Path(args.out) if args.out else Path(f"mau-nop-{args.agency.upper()}-{period.code}.xlsx")
    path = write_template(current_catalogue(), args.agency, args.period, out, today=config.today())
    print(f"Mẫu nộp số liệu (submission template): {path}")
    return EXIT_OK


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Rebuild the raw tables from the archive alone into a new DuckDB file."""
    from ingest.pipeline import rebuild

    target = Path(args.target)
    loads = rebuild(target)
    rows = sum(load.indicator_rows + load.task_rows for load in loads)
    print(f"Dựng lại từ kho lưu trữ (rebuilt from the archive): {len(loads)} lần nạp, {rows} dòng → {target}")
    return EXIT_OK


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
    warehouse = publish.read_only_path()
    if not warehouse.exists():
        print(
            f"Chưa có kho dữ liệu (no warehouse) tại {warehouse}: chạy `planwatch build` trước.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(catalogue.format_summary(catalogue.summary(warehouse)))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the plan, ingest the built-in synthetic sample up to today, rebuild, print the summary."""
    from planwatch.demo import run_demo

    return run_demo()


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
    build_cmd.set_defaults(func=cmd_build)

    ingest = sub.add_parser("ingest", help="nhập số liệu của một đơn vị (validate and append submissions)")
    ingest.add_argument("files", nargs="+", metavar="FILE", help="CSV or XLSX submission files")
    ingest.add_argument("--agency", required=True, metavar="CODE", help="the submitting agency, e.g. STC")
    ingest.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    ingest.set_defaults(func=cmd_ingest)

    template = sub.add_parser("template", help="mẫu XLSX cho một đơn vị (the submission template)")
    template.add_argument("--agency", required=True, metavar="CODE")
    template.add_argument("--period", required=True, metavar="P", help="e.g. 2026-Q3, Quý III/2026, 2026")
    template.add_argument("--out", metavar="PATH", help="where to write (default: ./mau-nop-CODE-P.xlsx)")
    template.set_defaults(func=cmd_template)

    rebuild = sub.add_parser("rebuild", help="dựng lại bảng raw từ kho lưu trữ (rebuild from the archive)")
    rebuild.add_argument("--target", required=True, metavar="PATH", help="a new DuckDB file to create")
    rebuild.set_defaults(func=cmd_rebuild)

    sql = sub.add_parser("sql", help="truy vấn SQL chỉ đọc (ad hoc SQL on the read-only copy)")
    sql.add_argument("query", nargs="?", help="the query; read from standard input when omitted")
    sql.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50)")
    sql.set_defaults(func=cmd_sql)

    from planwatch.report.cli import add_report_commands

    add_report_commands(sub)

    sub.add_parser("status", help="tóm tắt danh mục kế hoạch trong kho").set_defaults(func=cmd_status)
    sub.add_parser("demo", help="dựng kho, nạp dữ liệu mẫu, in tóm tắt").set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (DbtFailed, config.ConfigError) as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return EXIT_FAILED
    except IngestError as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
