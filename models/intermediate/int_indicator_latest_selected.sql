-- The latest value yₜ of each indicator, for year t up to its target year T (a figure for a later year
-- is no evidence about a target that has already fallen due), with the number of years observed since
-- the baseline year. A provisional latest value is an estimate of its year (int_indicator_years_collected):
-- latest_reported_value is the figure as submitted, covering latest_months_covered months.
with years as (
    select y.*
    from {{ ref('int_indicator_years_collected') }} as y
    inner join {{ ref('int_indicators_unioned') }} as i on i.indicator_code = y.indicator_code
    where y.year <= coalesce(i.target_year, {{ var('plan_target_year') }})
)

select
    indicator_code,
    year as latest_year,
    value as latest_value,
    period as latest_period,
    status as latest_status,
    is_provisional,
    reported_value as latest_reported_value,
    months_covered as latest_months_covered,
    estimate_method as latest_estimate_method,
    count(*) filter (where year > {{ var('plan_baseline_year') }}) over (partition by indicator_code)
        as years_observed
from years
qualify row_number() over (partition by indicator_code order by year desc) = 1
