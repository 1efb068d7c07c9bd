-- The tasks not completed and past their due date in the official class (docs/method.md, Task classes), with
-- their lead agencies as one text; reports list the longest overdue first.
with overdue as (
    select
        task_code,
        array_to_string(lead_agency_codes, ', ') as agencies,
        task_text_vi,
        official_due_date,
        official_days_overdue
    from {{ ref('fct_task_status') }}
    where official_class = 'chua_hoan_thanh_qua_han'
)

select * from overdue
