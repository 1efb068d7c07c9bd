-- The reminder letters' content (công văn đôn đốc, `planwatch remind --period P`): per quarter P and agency,
-- one row per item the office reminds it of, as of the as-of date. Items: a data submission of a period ended
-- by P's end that has not come or came late (fct_submission_status), a task not completed past its due date
-- (official class chua_hoan_thanh_qua_han), and what falls due in the quarter after P: a task not completed
-- whose official due date falls in it, a milestone of a task due in it (unless it is the date the task
-- itself is judged by). A task counts for each lead agency; a milestone for its own lead, else its task's.
-- The office (VPTU) writes the letters and is not reminded by them.
with quarters as (
    select
        period as report_period,
        period_end,
        period_end + interval 1 day as next_start,
        last_day(period_end + interval 3 month) as next_end
    from {{ ref('rpt_report_periods') }}
    where period_type = 'quarter'
),

submissions as (
    select
        q.report_period,
        s.agency_code,
        s.status as item_kind,
        s.period as item_code,
        'Báo cáo số liệu các chỉ tiêu' as item_name_vi,
        s.due_date,
        coalesce(s.days_late, date_diff('day', s.due_date, s.as_of_date)) as days_late
    from quarters as q
    inner join {{ ref('fct_reporting_calendar') }} as c on c.period_end <= q.period_end
    inner join {{ ref('fct_submission_status') }} as s
        on s.obligation_code = c.obligation_code and s.period = c.period
    where s.status in ('late', 'missing')
),

task_leads as (
    select
        unnest(lead_agency_codes) as agency_code,
        task_code,
        task_text_vi,
        official_class,
        official_due_date,
        official_days_overdue
    from {{ ref('fct_task_status') }}
),

tasks as (
    select
        q.report_period,
        t.agency_code,
        case when t.official_class = 'chua_hoan_thanh_qua_han' then 'overdue_task' else 'task_due' end as item_kind,
        t.task_code as item_code,
        t.task_text_vi as item_name_vi,
        t.official_due_date as due_date,
        t.official_days_overdue as days_late
    from quarters as q
    inner join task_leads as t
        on t.official_class = 'chua_hoan_thanh_qua_han'
        or (
            t.official_class = 'chua_hoan_thanh_trong_han'
            and t.official_due_date between q.next_start and q.next_end
        )
),

milestones as (
    select
        q.report_period,
        unnest(
            case when len(m.lead_agency_codes) > 0 then m.lead_agency_codes else t.lead_agency_codes end
        ) as agency_code,
        'milestone_due' as item_kind,
        m.task_code as item_code,
        m.description_vi as item_name_vi,
        m.due_date,
        null::bigint as days_late
    from quarters as q
    inner join {{ ref('dim_task_milestone') }} as m on m.due_date between q.next_start and q.next_end
    inner join {{ ref('fct_task_status') }} as t on t.task_code = m.task_code
    where
        not coalesce(m.already_completed, false)
        and t.official_class not in ('hoan_thanh_dung_han', 'hoan_thanh_qua_han')
        and m.due_date is distinct from t.official_due_date
),

items as (
    select * from submissions
    union all
    select * from tasks
    union all
    select * from milestones
),

labelled as (
    select
        i.report_period,
        i.agency_code,
        coalesce(g.name_vi, i.agency_code) as agency_name_vi,
        coalesce(g.short_name_vi, g.name_vi, i.agency_code) as agency_vi,
        i.item_kind,
        l.position as item_position,
        l.label_vi as item_kind_vi,
        i.item_kind in ('missing', 'late', 'overdue_task') as is_outstanding,
        i.item_code,
        i.item_name_vi,
        i.due_date,
        i.days_late,
        {{ as_of_date() }} as as_of_date
    from items as i
    left join {{ ref('dim_agency') }} as g on g.agency_code = i.agency_code
    left join {{ ref('labels_status') }} as l on l.domain = 'reminder' and l.code = i.item_kind
    where i.agency_code <> 'VPTU'
)

select * from labelled
