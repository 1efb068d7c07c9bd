-- Phụ lục 4 scenario, one row per indicator and year.
select
    indicator_code,
    scenario_row_order,
    nullif(stt_verbatim, '') as stt_verbatim,
    row_label_vi,
    unit_verbatim,
    nullif(target_2030_cell_vi, '') as target_2030_cell_vi,
    nullif(target_avg_cell_vi, '') as target_avg_cell_vi,
    year,
    value_text_vi,
    plan_low,
    plan_high,
    doc_line
from {{ ref('plan_trajectory') }}
