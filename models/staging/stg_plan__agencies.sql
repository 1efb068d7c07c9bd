-- Agencies of the plan, one code each.
select
    agency_code,
    name_vi,
    nullif(short_name_vi, '') as short_name_vi,
    kind,
    coalesce(is_statistics_office, false) as is_statistics_office,
    nullif(note_vi, '') as note_vi
from {{ ref('plan_agencies') }}
