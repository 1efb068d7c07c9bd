-- The planned path (Phụ lục 4): one row per indicator and scenario year.
select
    indicator_code,
    year,
    plan_low,
    plan_high,
    plan_low <> plan_high as is_range,
    value_text_vi,
    row_label_vi,
    unit_verbatim,
    doc_line
from {{ ref('stg_plan__trajectory') }}
