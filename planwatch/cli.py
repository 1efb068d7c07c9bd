"""The `planwatch` command: a thin layer over the library, turning its errors into messages and exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import duckdb

from planwatch import catalogue, config, publish
from planwatch.dbt import DbtFailed, run_dbt


def build(*, as_of: str | None = None, quiet: bool = False) -> None:
    """dbt build on the warehouse (as of a date if given), then publish the read-only copy."""
    args = ["build"]
    if as_of:
        args += ["--vars", json.dumps({"as_of": as_of})]
    run_dbt(args, quiet=quiet)
    publish.publish_read_only()


def cmd_build(args: argparse.Namespace) -> int:
    """Run `dbt build` (seeds, models, tests) on the warehouse and publish the read-only copy."""
    build(as_of=args.as_of, quiet=args.quiet)
    print(f"Kho dữ liệu (warehouse): {config.warehouse_path()}")
    print(f"Bản chỉ đọc (read-only copy for reports and ad hoc SQL): {publish.read_only_path()}")
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Run ad hoc SQL read-only against the published copy and print the result."""
    path = publish.read_only_path()
    if not path.exists():
        print(f"Chưa có bản chỉ đọc (no read-only copy) tại {path}: chạy `planwatch build`.", file=sys.stderr)
        return 2
    query = args.query if args.query is not None else sys.stdin.read()
    with duckdb.connect(str(path), read_only=True) as con:
        try:
            relation = con.sql(query)
        except duckdb.Error as exc:
            print(f"Lỗi SQL (SQL error): {exc}", file=sys.stderr)
            return 1
        if relation is not None:
            relation.show(max_rows=args.max_rows, max_width=200, max_col_width=60)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print the plan catalogue summary from the warehouse."""
    warehouse = config.warehouse_path()
    if not warehouse.exists():
        print(
            f"Chưa có kho dữ liệu (no warehouse) tại {warehouse}: chạy `planwatch build` trước.",
            file=sys.stderr,
        )
        return 2
    print(catalogue.format_summary(catalogue.summary(warehouse)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the warehouse from the plan seeds and print what it holds."""
    build(quiet=True)
    print(catalogue.format_summary(catalogue.summary(config.warehouse_path())))
    print(f"\nKho dữ liệu (warehouse): {config.warehouse_path()}")
    print(f"Truy vấn (ad hoc SQL): duckdb -readonly {config.warehouse_path()}")
    return 0


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
        "--as-of", metavar="YYYY-MM-DD", help="only what had been received by that date (default: today)"
    )
    build_cmd.set_defaults(func=cmd_build)
    sql = sub.add_parser("sql", help="truy vấn SQL chỉ đọc (ad hoc SQL on the read-only copy)")
    sql.add_argument("query", nargs="?", help="the query; read from standard input when omitted")
    sql.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50)")
    sql.set_defaults(func=cmd_sql)
    sub.add_parser("status", help="tóm tắt danh mục kế hoạch trong kho").set_defaults(func=cmd_status)
    sub.add_parser("demo", help="dựng kho từ dữ liệu mẫu và in tóm tắt").set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (DbtFailed, config.ConfigError) as exc:
        print(f"Lỗi (error): {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
