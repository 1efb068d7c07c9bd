-- The indicator catalogue in force on the build's as-of date, one row per indicator code (public contract: see
-- _marts__models.yml).
select
    indicator_code,
    name_vi,
    unit,
    kind,
    comparator,
    target_low,
    target_high,
    stretch_value,
    target_year,
    direction,
    lead_agency_codes,
    target_text_vi,
    parent_code,
    source,
    source_order,
    name_vi_verbatim,
    unit_verbatim,
    is_assessable,
    note_vi,
    doc_issue_vi,
    doc_line,
    reporting_frequency,
    part_year_figure
from {{ ref('int_indicators_unioned') }}
where as_of_date = {{ as_of_date() }}
