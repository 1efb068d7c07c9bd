-- PHỤ LỤC 2 tasks with their parsed deadlines (parser: planwatch/plan/deadlines.py).
select
    task_code,
    section_code,
    section_title_vi,
    number_in_section,
    task_text_vi,
    nullif(deadline_text_vi, '') as deadline_text_vi,
    deadline_kind,
    start_date,
    due_date,
    recurrence,
    nullif(recurrence_rule, '') as recurrence_rule,
    already_completed,
    nullif(deadline_parse_note, '') as deadline_parse_note,
    nullif(lead_agency_text, '') as lead_agency_text,
    {{ split_codes('lead_agency_codes') }} as lead_agency_codes,
    nullif(support_agency_text, '') as support_agency_text,
    {{ split_codes('support_agency_codes') }} as support_agency_codes,
    nullif(deliverable_vi, '') as deliverable_vi,
    nullif(note_vi, '') as note_vi,
    is_new_task,
    doc_line
from {{ ref('plan_tasks') }}
