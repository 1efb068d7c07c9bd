-- Dated steps of tasks whose deadline names several.
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
