-- The key plans and projects of PHỤ LỤC 3.
select
    project_code,
    group_code,
    subgroup_code,
    group_name_vi,
    subgroup_name_vi,
    number_in_document,
    parent_project_code,
    name_vi,
    funding_sources_text,
    funding_source_codes,
    lead_unit_text,
    lead_agency_codes,
    parse_flags,
    doc_line
from {{ ref('stg_plan__projects') }}
