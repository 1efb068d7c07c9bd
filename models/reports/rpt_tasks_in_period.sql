-- Per report period (quarter or year), the Phụ lục 2 tasks counted once each: due in the period (done,
-- overdue), due by its end (done), and overdue of any period.
with totals as (
    select
        p.period,
        count(*) filter (where t.due_date between p.period_start and p.period_end) as due_in_period,
        count(*) filter (
            where t.due_date between p.period_start and p.period_end and t.status = 'done'
        ) as done_in_period,
        count(*) filter (
            where t.due_date between p.period_start and p.period_end and t.status = 'overdue'
        ) as overdue_in_period,
        count(*) filter (where t.due_date <= p.period_end) as due_by_end,
        count(*) filter (where t.due_date <= p.period_end and t.status = 'done') as done_by_end,
        count(*) filter (where t.status = 'overdue') as overdue
    from {{ ref('rpt_report_periods') }} as p
    cross join {{ ref('fct_task_status') }} as t
    group by p.period
)

select * from totals
