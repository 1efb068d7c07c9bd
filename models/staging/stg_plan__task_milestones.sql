-- Dated steps of PHỤ LỤC 2 tasks whose deadline names several (and the sub-items of VII.7.1.6).
select
    task_code,
    milestone_no,
    description_vi,
    start_date,
    due_date,
    already_completed,
    recurrence,
    nullif(sub_item_vi, '') as sub_item_vi,
    {{ split_codes('lead_agency_codes') }} as lead_agency_codes,
    doc_line
from {{ ref('plan_task_milestones') }}
