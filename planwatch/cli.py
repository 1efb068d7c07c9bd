"""The `planwatch` command: a thin layer over the library, turning its errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from planwatch import catalogue, config
from planwatch.dbt import DbtFailed, run_dbt


def cmd_build(args: argparse.Namespace) -> int:
    """Run `dbt build` (seeds, models, tests) on the warehouse."""
    run_dbt(["build"], quiet=args.quiet)
    print(f"Kho dữ liệu (warehouse): {config.warehouse_path()}")
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
    run_dbt(["build"], quiet=True)
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
    build = sub.add_parser("build", help="dbt build: nạp kế hoạch, tính các mart, chạy kiểm thử")
    build.add_argument("--quiet", action="store_true", help="only print errors")
    build.set_defaults(func=cmd_build)
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
