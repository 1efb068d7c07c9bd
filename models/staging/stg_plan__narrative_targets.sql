-- Quantitative targets stated in the narrative text (section III), not in PHỤ LỤC 1.
select
    indicator_code,
    section_ref,
    name_vi,
    unit,
    kind,
    comparator,
    target_low,
    target_high,
    stretch_value,
    target_year,
    direction,
    quote_vi,
    doc_line,
    nullif(note_vi, '') as note_vi
from {{ ref('plan_narrative_targets') }}
