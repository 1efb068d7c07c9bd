-- PHỤ LỤC 3 key plans and projects.
select
    project_code,
    group_code,
    nullif(subgroup_code, '') as subgroup_code,
    group_name_vi,
    nullif(subgroup_name_vi, '') as subgroup_name_vi,
    number_in_document,
    nullif(parent_project_code, '') as parent_project_code,
    name_vi,
    funding_sources_text,
    {{ split_codes('funding_source_codes') }} as funding_source_codes,
    nullif(lead_unit_text, '') as lead_unit_text,
    {{ split_codes('lead_agency_codes') }} as lead_agency_codes,
    {{ split_codes('parse_flags') }} as parse_flags,
    doc_line
from {{ ref('plan_projects') }}
