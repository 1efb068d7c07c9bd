-- PHỤ LỤC 1 rows, typed; agency codes as a list.
select * exclude (stt_verbatim) replace (
    {{ blanks_to_null([
        'parent_code', 'unit_verbatim', 'unit', 'comparator', 'direction', 'lead_agency_text_verbatim',
        'target_2030_cell_vi', 'target_avg_cell_vi', 'note_vi', 'doc_issue_vi', 'reporting_frequency',
        'part_year_figure',
    ]) }},
    {{ code_lists(['lead_agency_codes']) }}
)
from {{ ref('plan_indicators') }}
