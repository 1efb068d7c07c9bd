-- Every PHỤ LỤC 2 task's status as of the build's as-of date. In order:
--   done              the document says it is already completed, or the latest update received by the
--                     as-of date (state_date ≤ as-of) says hoan_thanh;
--   undetermined      the deadline could not be parsed (deadline_kind unparsed) or gives no date;
--   continuous        ongoing work ("thường xuyên"), no single deadline;
--   overdue           due_date < as-of, with days_overdue;
--   due_this_quarter  due in the as-of date's quarter (a yearly task: its occurrence this year);
--   not_due_yet       otherwise.
-- next_milestone: the earliest milestone of dim_task_milestone not completed and due on or after the
-- as-of date; for a yearly task without milestones, this year's (or next year's) occurrence.
with as_of as (
    select
        {{ as_of_date() }} as as_of_date,
        date_trunc('quarter', {{ as_of_date() }})::date as quarter_start,
        (date_trunc('quarter', {{ as_of_date() }}) + interval 3 month - interval 1 day)::date as quarter_end
),

latest_update as (
    select
        u.task_code,
        u.state,
        u.state_date,
        u.evidence
    from {{ ref('stg_raw__task_updates') }} as u
    inner join {{ ref('stg_raw__loads') }} as l on l.load_id = u.load_id
    cross join as_of
    where l.received_at < cast(as_of.as_of_date + interval 1 day as timestamp)
        and u.state_date <= as_of.as_of_date
    qualify row_number() over (
        partition by u.task_code order by u.state_date desc, l.received_at desc, u.row_no desc
    ) = 1
),

next_milestone as (
    select
        m.task_code,
        min(m.due_date) as next_milestone
    from {{ ref('dim_task_milestone') }} as m
    cross join as_of
    where not coalesce(m.already_completed, false) and m.due_date >= as_of.as_of_date
    group by m.task_code
),

tasks as (
    select
        t.*,
        u.state as latest_state,
        u.state_date as latest_state_date,
        u.evidence as latest_evidence,
        n.next_milestone as milestone_due,
        -- a yearly task "Quý IV hàng năm" / "hằng năm" falls due once a year: this year's occurrence,
        -- or next year's once this year's has passed
        case
            when t.recurrence_rule like 'yearly:Q_' then
                last_day(make_date(year(a.as_of_date), 3 * cast(right(t.recurrence_rule, 1) as integer), 1))
            when regexp_matches(t.recurrence_rule, '^yearly:\d\d-\d\d$') then
                make_date(
                    year(a.as_of_date),
                    cast(substr(t.recurrence_rule, 8, 2) as integer),
                    cast(substr(t.recurrence_rule, 11, 2) as integer)
                )
        end as occurrence_this_year,
        a.as_of_date,
        a.quarter_start,
        a.quarter_end
    from {{ ref('dim_task') }} as t
    cross join as_of as a
    left join latest_update as u on u.task_code = t.task_code
    left join next_milestone as n on n.task_code = t.task_code
),

dated as (
    select
        *,
        case
            when occurrence_this_year is null then null
            when occurrence_this_year >= as_of_date then occurrence_this_year
            else (occurrence_this_year + interval 1 year)::date
        end as next_occurrence
    from tasks
),

judged as (
    select
        *,
        case
            when coalesce(already_completed, false) or latest_state = 'hoan_thanh' then 'done'
            when deadline_kind = 'unparsed' then 'undetermined'
            when deadline_kind = 'continuous' or recurrence = 'continuous' then 'continuous'
            when next_occurrence is not null and next_occurrence <= quarter_end then 'due_this_quarter'
            when next_occurrence is not null then 'not_due_yet'
            when due_date is null then 'undetermined'
            when due_date < as_of_date then 'overdue'
            when due_date <= quarter_end then 'due_this_quarter'
            else 'not_due_yet'
        end as status
    from dated
)

select
    task_code,
    section_code as section,
    lead_agency_codes,
    due_date,
    coalesce(milestone_due, next_occurrence) as next_milestone,
    status,
    case when status = 'overdue' then date_diff('day', due_date, as_of_date) end as days_overdue,
    as_of_date,
    section_title_vi,
    task_text_vi,
    support_agency_codes,
    deadline_text_vi,
    deadline_kind,
    recurrence,
    already_completed,
    latest_state,
    latest_state_date,
    latest_evidence,
    doc_line
from judged
