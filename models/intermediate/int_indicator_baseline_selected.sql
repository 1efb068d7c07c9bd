-- The baseline y₀ of each indicator: its value for the plan's baseline year (2025, t₀). Where 2025 is
-- missing, the earliest full-year figure after it stands in (is_planned_baseline false), so an indicator
-- first measured in 2026 can still be assessed from its second year on. Provisional figures are never a
-- baseline.
with baselines as (
    select
        as_of_date,
        indicator_code,
        year as baseline_year,
        value as baseline_value,
        year = {{ var('plan_baseline_year') }} as is_planned_baseline
    from {{ ref('int_indicator_years_collected') }}
    where not is_provisional and year >= {{ var('plan_baseline_year') }}
    qualify row_number() over (partition by as_of_date, indicator_code order by year) = 1
)

select * from baselines
