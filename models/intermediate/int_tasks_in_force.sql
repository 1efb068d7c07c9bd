-- The task register in force on the build's as-of date: the printed tasks (stg_plan__tasks) with the amendments in
-- force applied (int_plan_amendment_values): an amended column (deadline, lead agencies …) takes its new
-- value, an added task joins with the columns its amendment gives, a removed one leaves the register.
-- With no amendment in force it is the printed register.
with changes as (
    select * from {{ ref('int_plan_amendment_values') }}
    where catalogue = 'task' and as_of_date = {{ as_of_date() }}
),

register_rows as (
    select * from {{ ref('stg_plan__tasks') }}
    union all by name
    select
        object_code as task_code,
        false as already_completed,
        true as is_new_task
    from changes
    where is_added
),

amended as (
    select
        r.task_code,
        {{ amended('section_code', 'varchar') }} as section_code,
        {{ amended('section_title_vi', 'varchar') }} as section_title_vi,
        r.number_in_section,
        {{ amended('task_text_vi', 'varchar') }} as task_text_vi,
        {{ amended('lead_agency_codes', 'varchar[]', as_codes=true) }} as lead_agency_codes,
        {{ amended('support_agency_codes', 'varchar[]', as_codes=true) }} as support_agency_codes,
        {{ amended('deadline_text_vi', 'varchar') }} as deadline_text_vi,
        {{ amended('deadline_kind', 'varchar') }} as deadline_kind,
        {{ amended('start_date', 'date') }} as start_date,
        {{ amended('due_date', 'date') }} as due_date,
        {{ amended('recurrence', 'varchar') }} as recurrence,
        {{ amended('recurrence_rule', 'varchar') }} as recurrence_rule,
        r.already_completed,
        r.deadline_parse_note,
        {{ amended('deliverable_vi', 'varchar') }} as deliverable_vi,
        {{ amended('note_vi', 'varchar') }} as note_vi,
        r.is_new_task,
        r.doc_line
    from register_rows as r
    left join changes as c on c.object_code = r.task_code
    where not coalesce(c.is_removed, false)
)

select * from amended
