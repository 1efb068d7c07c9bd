-- Per report period (quarter or year) and lead agency, the Phụ lục 2 tasks it leads: due in the period
-- (done, overdue, other, the longest overdue among them), due by the period's end (done, and those due
-- later or continuous), and overdue of any period. A task with several lead agencies counts for each.
with task_leads as (
    select
        unnest(t.lead_agency_codes) as agency_code,
        t.task_code,
        t.due_date,
        t.status,
        t.days_overdue
    from {{ ref('fct_task_status') }} as t
),

by_agency as (
    select
        p.period,
        coalesce(g.short_name_vi, t.agency_code) as agency,
        count(*) filter (where t.due_date between p.period_start and p.period_end) as due_in_period,
        count(*) filter (
            where t.due_date between p.period_start and p.period_end and t.status = 'done'
        ) as done_in_period,
        count(*) filter (
            where t.due_date between p.period_start and p.period_end and t.status = 'overdue'
        ) as overdue_in_period,
        count(*) filter (
            where t.due_date between p.period_start and p.period_end and t.status not in ('done', 'overdue')
        ) as other_in_period,
        max(t.days_overdue) filter (
            where t.due_date between p.period_start and p.period_end
        ) as max_days_overdue_in_period,
        count(*) filter (where t.due_date <= p.period_end) as due_by_end,
        count(*) filter (where t.due_date <= p.period_end and t.status = 'done') as done_by_end,
        count(*) filter (
            where t.due_date > p.period_end or t.status in ('continuous', 'undetermined')
        ) as later,
        count(*) filter (where t.status = 'overdue') as overdue,
        max(t.days_overdue) as max_days_overdue
    from {{ ref('rpt_report_periods') }} as p
    cross join task_leads as t
    left join {{ ref('dim_agency') }} as g on g.agency_code = t.agency_code
    group by all
)

select * from by_agency
