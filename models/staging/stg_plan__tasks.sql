-- PHỤ LỤC 2 tasks with their parsed deadlines (parser: planwatch/plan/deadlines.py).
select * exclude (doc_lines) replace (
    {{ blanks_to_null([
        'deadline_text_vi', 'recurrence_rule', 'deadline_parse_note', 'lead_agency_text', 'support_agency_text',
        'deliverable_vi', 'note_vi',
    ]) }},
    {{ code_lists(['lead_agency_codes', 'support_agency_codes']) }}
)
from {{ ref('plan_tasks') }}
