-- The overdue tasks, with their lead agencies as one text; reports list
-- the longest overdue first.
with overdue as (
    select
        task_code,
        array_to_string(lead_agency_codes, ', ') as agencies,
        task_text_vi,
        due_date,
        days_overdue
    from {{ ref('fct_task_status') }}
    where status = 'overdue'
)

select * from overdue
