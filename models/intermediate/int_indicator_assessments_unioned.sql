-- Every target variant of every assessable indicator, judged by its kind's model, in one shape.
{% set common = "indicator_code, target_variant, kind, method, unit, direction, target_year, target_value,
    years_observed, latest_year, latest_value, latest_period, is_provisional, is_met, progress_ratio,
    required_rate_remaining, projected_value, status, status_reason" %}

select
    {{ common }},
    baseline_year,
    baseline_value,
    actual_rate,
    required_rate,
    null::bigint as years_met,
    null::double as sum_to_date,
    null::double as plan_to_date,
    null::varchar as plan_source,
    plan_rate,
    is_judged_on_year_plan
from {{ ref('int_indicator_trend_assessed') }}

union all by name

select
    {{ common }},
    realised_average as actual_rate,
    target_value as required_rate
from {{ ref('int_indicator_growth_averaged') }}

union all by name

select
    {{ common }},
    sum_to_date,
    plan_to_date,
    plan_source
from {{ ref('int_indicator_cumulative_paced') }}

union all by name

select
    {{ common }},
    years_met
from {{ ref('int_indicator_years_met_counted') }}

union all by name

select
    {{ common }},
    period_mean as actual_rate
from {{ ref('int_indicator_period_avg_computed') }}
