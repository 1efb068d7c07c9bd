-- Quantitative targets stated in the narrative text (section III), not in PHỤ LỤC 1.
select * exclude (source) replace ({{ blanks_to_null(['note_vi']) }})
from {{ ref('plan_narrative_targets') }}
