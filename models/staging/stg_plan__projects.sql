-- PHỤ LỤC 3 key plans and projects.
select * replace (
    {{ blanks_to_null(['subgroup_code', 'subgroup_name_vi', 'parent_project_code', 'lead_unit_text']) }},
    {{ code_lists(['funding_source_codes', 'lead_agency_codes', 'parse_flags']) }}
)
from {{ ref('plan_projects') }}
