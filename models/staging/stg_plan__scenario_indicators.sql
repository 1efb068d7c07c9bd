-- Phụ lục 4 rows with a planned path but no PHỤ LỤC 1 target.
select * replace ({{ code_lists(['lead_agency_codes']) }})
from {{ ref('plan_scenario_indicators') }}
