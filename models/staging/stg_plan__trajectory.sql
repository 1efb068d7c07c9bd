-- Phụ lục 4 scenario, one row per indicator and year.
select * replace ({{ blanks_to_null(['stt_verbatim', 'target_2030_cell_vi', 'target_avg_cell_vi']) }})
from {{ ref('plan_trajectory') }}
