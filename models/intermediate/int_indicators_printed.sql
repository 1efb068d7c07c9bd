-- The indicator catalogue as printed: PHỤ LỤC 1 rows, the quantitative targets of the narrative text
-- (section III), and the Phụ lục 4 scenario rows that have a planned path but no target, in one shape.
-- int_indicators_unioned applies the amendments in force to it.
with phu_luc_1 as (
    select
        indicator_code,
        parent_code,
        'phu_luc_1' as source,
        row_order as source_order,
        name_vi,
        name_vi_verbatim,
        unit,
        unit_verbatim,
        kind,
        comparator,
        target_low,
        target_high,
        stretch_value,
        target_year,
        direction,
        lead_agency_codes,
        concat_ws(
            '; ',
            'Đến năm 2030: ' || target_2030_cell_vi,
            'Bình quân năm: ' || target_avg_cell_vi
        ) as target_text_vi,
        note_vi,
        doc_issue_vi,
        doc_line,
        reporting_frequency,
        part_year_figure
    from {{ ref('stg_plan__indicators') }}
),

narrative as (
    select
        indicator_code,
        null::varchar as parent_code,
        'narrative' as source,
        row_number() over (order by doc_line, indicator_code)::integer as source_order,
        name_vi,
        null::varchar as name_vi_verbatim,
        unit,
        unit as unit_verbatim,
        kind,
        comparator,
        target_low,
        target_high,
        stretch_value,
        target_year,
        direction,
        -- The text names no lead agency for these targets: only the statistics office submits them.
        []::varchar[] as lead_agency_codes,
        quote_vi as target_text_vi,
        section_ref as note_vi,
        note_vi as doc_issue_vi,
        doc_line,
        'yearly' as reporting_frequency,
        'not_reported' as part_year_figure
    from {{ ref('stg_plan__narrative_targets') }}
),

scenario_only as (
    select
        indicator_code,
        parent_code,
        'phu_luc_4' as source,
        row_number() over (order by doc_line)::integer as source_order,
        name_vi,
        name_vi_verbatim,
        unit,
        unit as unit_verbatim,
        'scenario_only' as kind,
        null::varchar as comparator,
        null::double as target_low,
        null::double as target_high,
        null::double as stretch_value,
        null::integer as target_year,
        'higher' as direction,
        lead_agency_codes,
        null::varchar as target_text_vi,
        null::varchar as note_vi,
        doc_issue_vi,
        doc_line,
        'quarterly' as reporting_frequency,
        'estimate_of_year' as part_year_figure
    from {{ ref('stg_plan__scenario_indicators') }}
)

select * from (
    select * from phu_luc_1
    union all by name
    select * from narrative
    union all by name
    select * from scenario_only
) as catalogue
