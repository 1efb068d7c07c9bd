-- Dated steps of PHỤ LỤC 2 tasks whose deadline names several (and the sub-items of VII.7.1.6).
select * exclude (lead_agency_text) replace (
    {{ blanks_to_null(['sub_item_vi']) }},
    {{ code_lists(['lead_agency_codes']) }}
)
from {{ ref('plan_task_milestones') }}
