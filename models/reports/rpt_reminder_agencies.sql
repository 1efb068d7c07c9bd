-- Per quarter and agency with at least one item of rpt_reminder_items (those who get a reminder letter), how
-- many items of each kind its letter lists and the longest days late: the office's summary of who was reminded.
with counts as (
    select
        report_period,
        agency_code,
        any_value(agency_name_vi) as agency_name_vi,
        any_value(agency_vi) as agency_vi,
        count(*) filter (where item_kind = 'missing') as missing,
        count(*) filter (where item_kind = 'late') as late,
        count(*) filter (where item_kind = 'overdue_task') as overdue_tasks,
        count(*) filter (where item_kind in ('task_due', 'milestone_due')) as due_next,
        max(days_late) as max_days_late
    from {{ ref('rpt_reminder_items') }}
    group by report_period, agency_code
)

select * from counts
