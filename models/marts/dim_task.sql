-- The task register in force on the as-of date (int_tasks_in_force): every PHỤ LỤC 2 task with its deadline as
-- printed and as parsed, amendments in force applied.
select
    task_code,
    section_code,
    section_title_vi,
    number_in_section,
    task_text_vi,
    lead_agency_codes,
    support_agency_codes,
    deadline_text_vi,
    deadline_kind,
    start_date,
    due_date,
    recurrence,
    recurrence_rule,
    already_completed,
    deadline_parse_note,
    deliverable_vi,
    note_vi,
    is_new_task,
    doc_line
from {{ ref('int_tasks_in_force') }}
