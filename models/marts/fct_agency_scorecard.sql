-- Per agency, as of the build's as-of date: the indicators it leads by assessment status, the tasks it
-- leads by task status, and its data submissions against the reporting calendar (DATA_SUBMISSION_QUARTERLY
-- and _ANNUAL due by the as-of date). The calendar's group CAC_SO_NGANH ("các sở, ngành") stands for every
-- agency leading an assessable indicator. A submission for a period is its agency's first load with a
-- figure covering that period: a year figure covers the annual one; a quarter, a month or a year-to-date
-- figure covers the quarter it ends in. on_time: received by the due date (end of day); late: after it;
-- missing: none received by the as-of date.
with as_of as (
    select {{ as_of_date() }} as as_of_date
),

indicator_leads as (
    select
        unnest(i.lead_agency_codes) as agency_code,
        i.indicator_code,
        i.is_assessable,
        a.status
    from {{ ref('dim_indicator') }} as i
    left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
),

indicator_counts as (
    select
        agency_code,
        count(*) as indicators_led,
        count(*) filter (where status = 'achieved') as indicators_achieved,
        count(*) filter (where status = 'on_track') as indicators_on_track,
        count(*) filter (where status = 'moderate') as indicators_moderate,
        count(*) filter (where status = 'insufficient') as indicators_insufficient,
        count(*) filter (where status = 'regressing') as indicators_regressing,
        count(*) filter (where status = 'no_data') as indicators_no_data,
        count(*) filter (where status = 'not_assessable') as indicators_not_assessable
    from indicator_leads
    group by agency_code
),

task_counts as (
    select
        agency_code,
        count(*) as tasks_led,
        count(*) filter (where status = 'done') as tasks_done,
        count(*) filter (where status = 'overdue') as tasks_overdue,
        count(*) filter (where status = 'due_this_quarter') as tasks_due_this_quarter,
        count(*) filter (where status = 'not_due_yet') as tasks_not_due_yet,
        count(*) filter (where status = 'continuous') as tasks_continuous,
        count(*) filter (where status = 'undetermined') as tasks_undetermined
    from (
        select unnest(lead_agency_codes) as agency_code, status from {{ ref('fct_task_status') }}
    )
    group by agency_code
),

submitters as (
    select distinct agency_code
    from indicator_leads
    where is_assessable
),

obligations as (
    select
        c.obligation_code,
        c.period,
        c.period_type,
        c.due_date,
        case when r.code = 'CAC_SO_NGANH' then s.agency_code else r.code end as agency_code
    from {{ ref('fct_reporting_calendar') }} as c
    cross join unnest(c.responsible_agency_codes) as r (code)
    left join submitters as s on r.code = 'CAC_SO_NGANH'
    cross join as_of
    where c.obligation_code in ('DATA_SUBMISSION_QUARTERLY', 'DATA_SUBMISSION_ANNUAL')
        and c.due_date <= as_of.as_of_date
),

covered as (
    select
        l.agency_code,
        case
            when v.period_type = 'year' then v.period
            else v.period_year::varchar || '-Q' || ((v.period_end_month + 2) // 3)::varchar
        end as covered_period,
        min(l.received_at) as first_received_at
    from {{ ref('stg_raw__indicator_values') }} as v
    inner join {{ ref('stg_raw__loads') }} as l on l.load_id = v.load_id
    cross join as_of
    where l.received_at < cast(as_of.as_of_date + interval 1 day as timestamp)
    group by all
),

submissions as (
    select
        o.agency_code,
        count(*) as submissions_due,
        count(*) filter (where c.first_received_at < cast(o.due_date + interval 1 day as timestamp))
            as submissions_on_time,
        count(*) filter (where c.first_received_at >= cast(o.due_date + interval 1 day as timestamp))
            as submissions_late,
        count(*) filter (where c.first_received_at is null) as submissions_missing
    from obligations as o
    left join covered as c on c.agency_code = o.agency_code and c.covered_period = o.period
    where o.agency_code is not null
    group by o.agency_code
)

select
    a.agency_code,
    a.name_vi,
    (select as_of_date from as_of) as as_of_date,
    coalesce(i.indicators_led, 0) as indicators_led,
    coalesce(i.indicators_achieved, 0) as indicators_achieved,
    coalesce(i.indicators_on_track, 0) as indicators_on_track,
    coalesce(i.indicators_moderate, 0) as indicators_moderate,
    coalesce(i.indicators_insufficient, 0) as indicators_insufficient,
    coalesce(i.indicators_regressing, 0) as indicators_regressing,
    coalesce(i.indicators_no_data, 0) as indicators_no_data,
    coalesce(i.indicators_not_assessable, 0) as indicators_not_assessable,
    coalesce(t.tasks_led, 0) as tasks_led,
    coalesce(t.tasks_done, 0) as tasks_done,
    coalesce(t.tasks_overdue, 0) as tasks_overdue,
    coalesce(t.tasks_due_this_quarter, 0) as tasks_due_this_quarter,
    coalesce(t.tasks_not_due_yet, 0) as tasks_not_due_yet,
    coalesce(t.tasks_continuous, 0) as tasks_continuous,
    coalesce(t.tasks_undetermined, 0) as tasks_undetermined,
    coalesce(s.submissions_due, 0) as submissions_due,
    coalesce(s.submissions_on_time, 0) as submissions_on_time,
    coalesce(s.submissions_late, 0) as submissions_late,
    coalesce(s.submissions_missing, 0) as submissions_missing
from {{ ref('dim_agency') }} as a
left join indicator_counts as i on i.agency_code = a.agency_code
left join task_counts as t on t.agency_code = a.agency_code
left join submissions as s on s.agency_code = a.agency_code
