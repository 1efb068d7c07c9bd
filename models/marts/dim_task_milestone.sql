-- Dated steps of tasks whose deadline names several (of the tasks in force: a removed task's steps go with it).
select
    task_code || '#' || milestone_no as milestone_id,
    task_code,
    milestone_no,
    description_vi,
    start_date,
    due_date,
    already_completed,
    recurrence,
    sub_item_vi,
    lead_agency_codes,
    doc_line
from {{ ref('stg_plan__task_milestones') }}
where task_code in (select t.task_code from {{ ref('int_tasks_in_force') }} as t)
