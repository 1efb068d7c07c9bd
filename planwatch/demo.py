"""The built-in demo: the plan, then synthetic submissions (DỮ LIỆU MẪU) up to today, ingested as the
departments would send them, then the marts rebuilt, the quarterly report and the reminder letters of its
quarter rendered (`planwatch remind`), and the archive checked against the raw tables (`planwatch verify`).
What `make demo` runs."""

from __future__ import annotations

import sys
from datetime import date

from planwatch import config, status_summary
from planwatch.ingest.periods import quarter_of, quarter_period
from planwatch.ingest.pipeline import current_catalogue, ingest_file, verify
from planwatch.report.documents import render_report
from planwatch.report.reminders import remind, reminders_dir
from planwatch.sample import generate_sample
from planwatch.warehouse import publish
from planwatch.warehouse.build import build


def run_demo(today: date) -> int:
    """Build, ingest the sample received by `today`, rebuild, render, verify, print where everything is.

    Exits 1 if a sample file is rejected or the archive does not match the raw tables.
    """
    print("1/5 Dựng danh mục kế hoạch (building the plan catalogue)…", flush=True)
    build(as_of=today, quiet=True)
    sample_dir = config.home() / "sample"
    manifest = generate_sample(current_catalogue(), sample_dir, until=today)
    plan = current_catalogue()
    print(
        f"2/5 Nạp dữ liệu mẫu (ingesting the synthetic sample, DỮ LIỆU MẪU) đến {today:%d/%m/%Y}: "
        f"{len(manifest.files)} tệp…",
        flush=True,
    )
    accepted = duplicates = 0
    for item in manifest.files:
        outcome = ingest_file(
            item.path, agency_code=item.agency_code, received_at=item.received_at, catalogue=plan
        )
        if outcome.problems:
            print(f"Tệp mẫu bị từ chối (sample file rejected): {item.path.name}", file=sys.stderr)
            for problem in outcome.problems:
                print(f"  [{problem.key}] {problem.message_vi}", file=sys.stderr)
            return 1
        if outcome.load.duplicate_of:
            duplicates += 1
        else:
            accepted += 1
    print(f"    {accepted} tệp mới, {duplicates} đã nạp trước đó (new / already loaded)")
    print("3/5 Tính lại đánh giá (rebuilding the marts)…", flush=True)
    build(as_of=today, quiet=True)
    latest = latest_closed_quarter(today)
    print(f"4/5 Dựng báo cáo quý (rendering the quarterly report) {latest}…", flush=True)
    report = render_report("quarterly", latest, as_of=today, formats=("pdf", "html"))
    print(f"    và công văn đôn đốc (and the reminder letters) {latest}…", flush=True)
    letters = remind(latest, as_of=today)
    print("5/5 Đối chiếu kho lưu trữ với bảng raw (planwatch verify)…", flush=True)
    checked = verify()
    print(checked.format_vi(), file=sys.stdout if checked.ok else sys.stderr)
    if not checked.ok:
        return 1
    print()
    print(status_summary.format_summary(status_summary.summary(publish.read_only_path())))
    print()
    print("DỮ LIỆU MẪU — dữ liệu tổng hợp, không phải số liệu thật (synthetic sample, not real figures).")
    print(f"Kho dữ liệu (warehouse): {config.warehouse_path()}")
    print(f'Bản chỉ đọc (read-only copy): {publish.read_only_path()}  — `planwatch sql "select …"`')
    print(f"Tệp mẫu (sample submissions): {sample_dir}")
    for fmt, path in report.outputs.items():
        print(f"Báo cáo quý {latest} ({fmt.upper()}): {path}")
    mailed = sum(1 for letter in letters.letters if letter.eml)
    print(
        f"Công văn đôn đốc {latest} (reminder letters): {len(letters.letters)} cơ quan, {mailed} có tệp thư "
        f"điện tử (.eml), tổng hợp {letters.summary.name}: {reminders_dir(latest)}"
    )
    return 0


def latest_closed_quarter(today: date) -> str:
    """The code of the last quarter that ended before today (2026-Q3 on 26/11/2026)."""
    current = quarter_of(today)
    year, quarter = current.year, int(current.code[-1])
    year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return quarter_period(year, quarter).code
