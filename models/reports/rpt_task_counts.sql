-- Per report period (quarter or year), the Phụ lục 2 tasks per lead agency and in all (is_total): due in the
-- period (done, overdue, other, the longest overdue among them), due by the period's end (done; and those
-- due later or continuous), and overdue of any period (the longest). A task with several lead agencies
-- counts for each agency and once in the total (tasks are counted by code). Beside them, all tasks in their
-- official class on the as-of date (docs/method.md, Task classes), one column per class, and the longest
-- official overdue.
{%- set official_classes = [
    'hoan_thanh_dung_han', 'hoan_thanh_qua_han', 'chua_hoan_thanh_trong_han',
    'chua_hoan_thanh_qua_han', 'thuong_xuyen', 'khong_xac_dinh_han'
] %}
with task_leads as (
    select
        unnest(t.lead_agency_codes) as agency_code,
        t.task_code,
        t.due_date,
        t.status,
        t.days_overdue,
        t.official_class,
        t.official_days_overdue
    from {{ ref('fct_task_status') }} as t
),

period_tasks as (
    select
        p.period,
        coalesce(g.short_name_vi, t.agency_code) as agency,
        t.task_code,
        t.status,
        t.days_overdue,
        t.official_class,
        t.official_days_overdue,
        t.due_date between p.period_start and p.period_end as is_due_in_period,
        t.due_date <= p.period_end as is_due_by_end,
        t.due_date > p.period_end or t.status in ('continuous', 'undetermined') as is_later
    from {{ ref('rpt_report_periods') }} as p
    cross join task_leads as t
    left join {{ ref('dim_agency') }} as g on g.agency_code = t.agency_code
),

counts as (
    select
        period,
        agency,
        grouping(agency) = 1 as is_total,
        count(distinct task_code) filter (where is_due_in_period) as due_in_period,
        count(distinct task_code) filter (where is_due_in_period and status = 'done') as done_in_period,
        count(distinct task_code) filter (where is_due_in_period and status = 'overdue') as overdue_in_period,
        count(distinct task_code) filter (
            where is_due_in_period and status not in ('done', 'overdue')
        ) as other_in_period,
        max(days_overdue) filter (where is_due_in_period) as max_days_overdue_in_period,
        count(distinct task_code) filter (where is_due_by_end) as due_by_end,
        count(distinct task_code) filter (where is_due_by_end and status = 'done') as done_by_end,
        count(distinct task_code) filter (where is_later) as later,
        count(distinct task_code) filter (where status = 'overdue') as overdue,
        max(days_overdue) as max_days_overdue,
        {%- for official_class in official_classes %}
        count(distinct task_code) filter (where official_class = '{{ official_class }}') as {{ official_class }},
        {%- endfor %}
        max(official_days_overdue) filter (
            where official_class = 'chua_hoan_thanh_qua_han'
        ) as max_official_days_overdue
    from period_tasks
    group by grouping sets ((period, agency), (period))
)

select * from counts
