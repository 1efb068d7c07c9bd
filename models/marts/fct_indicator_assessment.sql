-- One row per indicator of dim_indicator for the build's as-of date: where it stands against its target
-- (docs/method.md §3), the build's own date of fct_indicator_assessment_history, which holds the rules.
with assessment as (
    select * exclude (is_build_as_of)
    from {{ ref('fct_indicator_assessment_history') }}
    where as_of_date = {{ as_of_date() }}
)

select * from assessment
