-- Per agency, as of the build's as-of date: the indicators it leads by assessment status, the tasks it
-- leads by task status, and its data submissions due by the as-of date, on time, late or missing: the
-- count of fct_submission_status (which has the rules, and lists each submission by name).
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
        count(*) filter (where status = 'undetermined') as tasks_undetermined,
        count(*) filter (where official_class = 'hoan_thanh_dung_han') as tasks_done_on_time,
        count(*) filter (where official_class = 'hoan_thanh_qua_han') as tasks_done_late,
        count(*) filter (where official_class = 'chua_hoan_thanh_trong_han') as tasks_open_in_time,
        count(*) filter (where official_class = 'chua_hoan_thanh_qua_han') as tasks_open_overdue,
        count(*) filter (where official_class = 'thuong_xuyen') as tasks_ongoing,
        count(*) filter (where official_class = 'khong_xac_dinh_han') as tasks_deadline_unread,
        -- of the tasks whose due date has come or that are done, the share done by it
        count(*) filter (where official_class = 'hoan_thanh_dung_han')
        / nullif(count(*) filter (
            where official_class in ('hoan_thanh_dung_han', 'hoan_thanh_qua_han', 'chua_hoan_thanh_qua_han')
        ), 0) as tasks_on_time_share,
        sum(official_days_overdue)::bigint as task_days_overdue_total,
        avg(official_days_overdue) as task_days_overdue_mean
    from (
        select
            unnest(lead_agency_codes) as agency_code,
            status,
            official_class,
            official_days_overdue
        from {{ ref('fct_task_status') }}
    )
    group by agency_code
),

submissions as (
    select
        agency_code,
        count(*) as submissions_due,
        count(*) filter (where status = 'on_time') as submissions_on_time,
        count(*) filter (where status = 'late') as submissions_late,
        count(*) filter (where status = 'missing') as submissions_missing
    from {{ ref('fct_submission_status') }}
    group by agency_code
)

select
    a.agency_code,
    a.name_vi,
    (select as_of.as_of_date from as_of) as as_of_date,
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
    coalesce(s.submissions_missing, 0) as submissions_missing,
    coalesce(t.tasks_done_on_time, 0) as tasks_done_on_time,
    coalesce(t.tasks_done_late, 0) as tasks_done_late,
    coalesce(t.tasks_open_in_time, 0) as tasks_open_in_time,
    coalesce(t.tasks_open_overdue, 0) as tasks_open_overdue,
    coalesce(t.tasks_ongoing, 0) as tasks_ongoing,
    coalesce(t.tasks_deadline_unread, 0) as tasks_deadline_unread,
    t.tasks_on_time_share,
    coalesce(t.task_days_overdue_total, 0) as task_days_overdue_total,
    t.task_days_overdue_mean
from {{ ref('dim_agency') }} as a
left join indicator_counts as i on i.agency_code = a.agency_code
left join task_counts as t on t.agency_code = a.agency_code
left join submissions as s on s.agency_code = a.agency_code
