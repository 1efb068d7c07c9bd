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
-- official_class: the government's classification beside it (docs/method.md, Task classes): completed on
-- time / late, not completed within / past the due date it is judged by (official_due_date), continuous,
-- deadline not read; official_days_overdue = completion (or the as-of date) − official_due_date.
with as_of as (
    select
        {{ as_of_date() }} as as_of_date,
        date_trunc('quarter', {{ as_of_date() }})::date as quarter_start,
        (date_trunc('quarter', {{ as_of_date() }}) + interval 3 month - interval 1 day)::date as quarter_end
),

reports_known as (
    -- every update received by the end of the as-of day and dated on or before it
    select
        u.task_code,
        u.state,
        u.state_date,
        u.evidence,
        l.received_at,
        u.row_no
    from {{ ref('stg_raw__task_updates') }} as u
    inner join {{ ref('stg_raw__loads') }} as l on l.load_id = u.load_id
    cross join as_of
    where l.received_at < cast(as_of.as_of_date + interval 1 day as timestamp)
        and u.state_date <= as_of.as_of_date
),

latest_update as (
    select
        task_code,
        state,
        state_date,
        evidence
    from reports_known
    qualify row_number() over (
        partition by task_code order by state_date desc, received_at desc, row_no desc
    ) = 1
),

completion as (
    -- the first report of completion after the last report that was not one
    select
        task_code,
        min(state_date) filter (where state = 'hoan_thanh' and state_date > last_open) as completion_date
    from (
        select
            task_code,
            state,
            state_date,
            coalesce(
                max(state_date) filter (where state <> 'hoan_thanh') over (partition by task_code),
                '-infinity'::date
            ) as last_open
        from reports_known
    ) as reports
    group by task_code
),

next_milestone as (
    select
        m.task_code,
        min(m.due_date) filter (where m.due_date >= as_of.as_of_date) as next_milestone,
        -- the earliest dated step the document does not give as completed, passed or not
        min(m.due_date) as step_due
    from {{ ref('dim_task_milestone') }} as m
    cross join as_of
    where not coalesce(m.already_completed, false)
    group by m.task_code
),

tasks as (
    select
        t.*,
        u.state as latest_state,
        u.state_date as latest_state_date,
        u.evidence as latest_evidence,
        c.completion_date as reported_completion_date,
        n.next_milestone as milestone_due,
        n.step_due,
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
    left join completion as c on c.task_code = t.task_code
    left join next_milestone as n on n.task_code = t.task_code
),

dated as (
    select
        *,
        case
            when occurrence_this_year is null then null
            when occurrence_this_year >= as_of_date then occurrence_this_year
            else (occurrence_this_year + interval 1 year)::date
        end as next_occurrence,
        -- ongoing work ("thường xuyên", "hằng quý"): no date to be judged by
        deadline_kind = 'continuous' or recurrence in ('continuous', 'quarterly') as is_continuous,
        -- the occurrence a yearly task is judged by: the latest one passed within the plan's years, else
        -- the first one to come
        case
            when occurrence_this_year is null then null
            when occurrence_this_year < as_of_date then occurrence_this_year
            when year(as_of_date) > {{ var('plan_first_year') }} then (occurrence_this_year - interval 1 year)::date
            else occurrence_this_year
        end as occurrence_judged
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
        end as status,
        -- what the official class is judged by (docs/method.md, Task classes): a task the document gives
        -- as completed, or whose deadline was not read, has none; a pending dated step while the task is
        -- not done; the task's own due date once it is; else a yearly task's occurrence; else the deadline
        case
            when coalesce(already_completed, false) or deadline_kind = 'unparsed' then null
            when step_due is not null and coalesce(latest_state, '') <> 'hoan_thanh' then step_due
            when step_due is not null then due_date
            when occurrence_judged is not null then occurrence_judged
            when is_continuous then null
            else due_date
        end as official_due_date
    from dated
),

completed as (
    -- when the task was completed for what it is judged by: a yearly occurrence by the first completion
    -- reported after the previous occurrence, anything else by the completion its latest report stands on
    select
        j.*,
        case
            when j.step_due is null and j.occurrence_judged is not null then (
                select min(r.state_date)
                from reports_known as r
                where r.task_code = j.task_code
                    and r.state = 'hoan_thanh'
                    and r.state_date > j.occurrence_judged - interval 1 year
            )
            when j.latest_state = 'hoan_thanh' then j.reported_completion_date
        end as completion_date
    from judged as j
),

classed as (
    select
        *,
        case
            when coalesce(already_completed, false) then 'hoan_thanh_dung_han'
            when deadline_kind = 'unparsed' then 'khong_xac_dinh_han'
            when official_due_date is null and is_continuous then 'thuong_xuyen'
            when official_due_date is null then 'khong_xac_dinh_han'
            when completion_date <= official_due_date then 'hoan_thanh_dung_han'
            when completion_date is not null then 'hoan_thanh_qua_han'
            when official_due_date < as_of_date then 'chua_hoan_thanh_qua_han'
            else 'chua_hoan_thanh_trong_han'
        end as official_class
    from completed
),

final as (
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
        doc_line,
        official_class,
        {{ task_class_vi('official_class') }} as official_class_vi,
        official_due_date,
        completion_date,
        case official_class
            when 'hoan_thanh_qua_han' then date_diff('day', official_due_date, completion_date)
            when 'chua_hoan_thanh_qua_han' then date_diff('day', official_due_date, as_of_date)
        end as official_days_overdue
    from classed
)

select * from final
