"""The summary `planwatch status` and `make demo` print: the plan catalogue, the assessment, late
submissions and plan contradictions, each line one query against the public marts."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Each line of the summary is one query against the public marts, shown as it is run.
SUMMARY_QUERIES: dict[str, str] = {
    "indicators_by_source": """
        select source, count(*) as rows, count(*) filter (where is_assessable) as assessable
        from marts.dim_indicator group by source order by source
    """,
    "indicators_by_kind": """
        select kind, count(*) as rows from marts.dim_indicator group by kind order by rows desc, kind
    """,
    "trajectory": """
        select count(distinct indicator_code) as indicators, count(*) as rows,
               min(year) as first_year, max(year) as last_year
        from marts.fct_plan_trajectory
    """,
    "agencies": "select count(*) as agencies, sum(len(spellings_vi)) as spellings from marts.dim_agency",
    "tasks_by_deadline_kind": """
        select deadline_kind, count(*) as tasks from marts.dim_task group by deadline_kind
        order by tasks desc, deadline_kind
    """,
    "task_sections": "select count(*) as tasks, count(distinct section_code) as sections from marts.dim_task",
    "projects_by_group": """
        select group_code, count(*) filter (where parent_project_code is null) as numbered,
               count(*) filter (where parent_project_code is not null) as sub_items
        from marts.dim_project group by group_code order by group_code
    """,
    "calendar": """
        select report_kind, count(*) as periods, min(due_date) as first_due, max(due_date) as last_due
        from marts.fct_reporting_calendar group by report_kind order by first_due, report_kind
    """,
    "assessment": """
        select any_value(as_of_date) as as_of, status, any_value(status_vi) as status_vi, count(*) as n
        from marts.fct_indicator_assessment group by status
        order by case status when 'achieved' then 1 when 'on_track' then 2 when 'moderate' then 3
            when 'insufficient' then 4 when 'regressing' then 5 when 'no_data' then 6 else 7 end
    """,
    "submissions": """
        select agency_code, period, status, days_late from marts.fct_submission_status
        where status <> 'on_time' order by status, agency_code, period
    """,
    "consistency": """
        select severity, indicator_code, explanation_vi from marts.fct_plan_consistency
        where severity <> 'consistent' order by
            case severity when 'contradiction' then 1 when 'divergence' then 2 else 3 end, indicator_code
    """,
}


def summary(warehouse: Path) -> dict[str, list[tuple]]:
    """Run every summary query read-only against the warehouse and return the rows per query."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.sql(sql).fetchall() for name, sql in SUMMARY_QUERIES.items()}


def format_summary(rows: dict[str, list[tuple]]) -> str:
    """The summary as text for the terminal, Vietnamese first with the English key."""
    out: list[str] = ["Danh mục kế hoạch (plan catalogue)"]
    by_source = {source: (n, a) for source, n, a in rows["indicators_by_source"]}
    labels = {
        "phu_luc_1": "PHỤ LỤC 1",
        "narrative": "mục III, văn bản (narrative)",
        "phu_luc_4": "chỉ có trong kịch bản Phụ lục 4 (scenario only)",
    }
    for source, label in labels.items():
        n, assessable = by_source.get(source, (0, 0))
        out.append(f"  Chỉ tiêu {label}: {n} dòng, {assessable} đánh giá được (assessable)")
    kinds = ", ".join(f"{kind} {n}" for kind, n in rows["indicators_by_kind"])
    out.append(f"  Theo loại mục tiêu (by kind): {kinds}")
    ((ind, n, first, last),) = rows["trajectory"]
    out.append(f"  Kịch bản Phụ lục 4 (trajectory): {ind} chỉ tiêu, {n} giá trị, {first}–{last}")
    ((agencies, spellings),) = rows["agencies"]
    out.append(f"  Cơ quan (agencies): {agencies} mã, {spellings} cách viết trong văn bản (spellings)")
    ((tasks, sections),) = rows["task_sections"]
    kinds = ", ".join(f"{kind} {n}" for kind, n in rows["tasks_by_deadline_kind"])
    out.append(f"  Nhiệm vụ PHỤ LỤC 2 (tasks): {tasks} trong {sections} mục; thời hạn (deadlines): {kinds}")
    groups = ", ".join(
        f"nhóm {g} {n}" + (f" (+{sub} hạng mục con)" if sub else "")
        for g, n, sub in rows["projects_by_group"]
    )
    total = sum(n for _, n, _ in rows["projects_by_group"])
    out.append(f"  Đề án, dự án PHỤ LỤC 3 (projects): {total}: {groups}")
    calendar = ", ".join(
        f"{kind} {n} kỳ ({first:%d/%m/%Y}–{last:%d/%m/%Y})" for kind, n, first, last in rows["calendar"]
    )
    out.append(f"  Lịch báo cáo (reporting calendar): {calendar}")
    if rows["assessment"]:
        as_of = rows["assessment"][0][0]
        counts = ", ".join(f"{label} {n}" for _, _, label, n in rows["assessment"])
        out.append(f"Đánh giá chỉ tiêu đến ngày {as_of:%d/%m/%Y} (assessment): {counts}")
    late = [
        f"{agency} {period} ({'thiếu' if status == 'missing' else f'chậm {days} ngày'})"
        for agency, period, status, days in rows["submissions"]
    ]
    listed = ", ".join(late) or "không có (none)"
    out.append(f"Nộp số liệu chậm hoặc thiếu (late or missing submissions): {listed}")
    out.append("Mâu thuẫn trong kế hoạch (plan consistency):")
    if not rows["consistency"]:
        out.append("  không có (none)")
    for severity, _code, text in rows["consistency"]:
        out.append(f"  [{severity}] {text}")
    return "\n".join(out)
