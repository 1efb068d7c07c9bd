-- Phụ lục 4 rows with a planned path but no PHỤ LỤC 1 target.
select
    indicator_code,
    parent_code,
    name_vi_verbatim,
    name_vi,
    unit,
    {{ split_codes('lead_agency_codes') }} as lead_agency_codes,
    doc_line,
    doc_issue_vi
from {{ ref('plan_scenario_indicators') }}
