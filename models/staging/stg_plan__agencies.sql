-- Agencies of the plan, one code each.
select * replace (
    {{ blanks_to_null(['short_name_vi', 'note_vi']) }},
    coalesce(is_statistics_office, false) as is_statistics_office
)
from {{ ref('plan_agencies') }}
