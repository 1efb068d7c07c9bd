-- The indicator catalogue in force on each date of int_as_of_dates: the printed catalogue (int_indicators_printed) with
-- the amendments in force applied (int_plan_amendment_values): an amended column takes its new value, an
-- added indicator joins with the columns its amendment gives, a removed one stays (its data and history
-- remain) but is no longer judged. With no amendment in force it is the printed catalogue.
with changes as (
    select * from {{ ref('int_plan_amendment_values') }}
    where catalogue = 'indicator'
),

catalogue_rows as (
    select
        d.as_of_date,
        d.is_build_as_of,
        p.*
    from {{ ref('int_indicators_printed') }} as p
    cross join {{ ref('int_as_of_dates') }} as d
    union all by name
    select
        as_of_date,
        is_build_as_of,
        object_code as indicator_code,
        'amendment' as source
    from changes
    where is_added
),

amended as (
    select
        r.as_of_date,
        r.is_build_as_of,
        r.indicator_code,
        {{ amended('parent_code', 'varchar') }} as parent_code,
        r.source,
        r.source_order,
        {{ amended('name_vi', 'varchar') }} as name_vi,
        r.name_vi_verbatim,
        {{ amended('unit', 'varchar') }} as unit,
        r.unit_verbatim,
        {{ amended('kind', 'varchar') }} as kind,
        {{ amended('comparator', 'varchar') }} as comparator,
        {{ amended('target_low', 'double') }} as target_low,
        {{ amended('target_high', 'double') }} as target_high,
        {{ amended('stretch_value', 'double') }} as stretch_value,
        {{ amended('target_year', 'integer') }} as target_year,
        {{ amended('direction', 'varchar') }} as direction,
        {{ amended('lead_agency_codes', 'varchar[]', as_codes=true) }} as lead_agency_codes,
        {{ amended('target_text_vi', 'varchar') }} as target_text_vi,
        {{ amended('note_vi', 'varchar') }} as note_vi,
        r.doc_issue_vi,
        r.doc_line,
        {{ amended('reporting_frequency', 'varchar') }} as reporting_frequency,
        {{ amended('part_year_figure', 'varchar') }} as part_year_figure,
        coalesce(c.is_removed, false) as is_removed
    from catalogue_rows as r
    left join changes as c on c.as_of_date = r.as_of_date and c.object_code = r.indicator_code
),

in_force as (
    select
        * exclude (is_removed),
        kind not in ('group', 'scenario_only', 'qualitative') and not is_removed as is_assessable
    from amended
)

select * from in_force
