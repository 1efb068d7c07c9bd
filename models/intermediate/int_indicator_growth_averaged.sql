-- Average-growth targets (kind avg_growth, DESIGN.md §2–3): over the k years with a figure among the
-- n = T − 2025 years of the period, the realised geometric average G = (Π(1 + gᵢ))^(1/k) − 1 and the growth
-- each remaining year needs for the n-year average still to reach X:
-- ((1 + X)^n / Π(1 + gᵢ))^(1/(n − k)) − 1. RR = G / X (the required rate of an average-growth target is
-- X itself). A range target is judged against the bound nearer G.
--   achieved        Π(1 + gᵢ) ≥ (1 + X)^n already: even zero growth from now on keeps the average (on_track
--                   while the latest year is provisional: a year that has not closed cannot be met);
--   insufficient    all n years are in and G < X (the period is over: no ratio);
--   else the Eurostat class of G / X. One year of growth is enough: the figure is itself a rate.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
    where method = 'avg_growth'
),

years as (
    select
        t.indicator_code,
        t.target_variant,
        count(y.value) as years_observed,
        max(y.year) as latest_year,
        arg_max(y.value, y.year) as latest_value,
        arg_max(y.period, y.year) as latest_period,
        coalesce(bool_or(y.is_provisional), false) as is_provisional,
        {{ growth_product('y.value') }} as growth_product
    from targets as t
    left join {{ ref('int_indicator_years_collected') }} as y
        on y.indicator_code = t.indicator_code
        and y.year > t.plan_baseline_year
        and y.year <= t.target_year
    group by t.indicator_code, t.target_variant
),

averaged as (
    select
        t.*,
        y.years_observed,
        y.latest_year,
        y.latest_value,
        y.latest_period,
        y.is_provisional,
        y.growth_product,
        case when y.years_observed > 0
            then (power(y.growth_product, 1.0 / y.years_observed) - 1) * 100
        end as realised_average
    from targets as t
    inner join years as y
        on y.indicator_code = t.indicator_code and y.target_variant = t.target_variant
),

judged as (
    select
        *,
        {{ nearer_bound('realised_average', 'target_low', 'target_high', 'direction') }} as target_value
    from averaged
)

select
    indicator_code,
    target_variant,
    kind,
    method,
    unit,
    direction,
    target_year,
    target_value,
    horizon_years,
    years_observed,
    latest_year,
    latest_value,
    latest_period,
    is_provisional,
    growth_product,
    realised_average,
    growth_product >= power(1 + target_value / 100.0, horizon_years) as is_met,
    case
        when growth_product < power(1 + target_value / 100.0, horizon_years)
            then {{ required_remaining_growth('target_value', 'growth_product', 'horizon_years', 'years_observed') }}
    end as required_rate_remaining,
    case
        when years_observed < horizon_years and growth_product < power(1 + target_value / 100.0, horizon_years)
            and target_value > 0
            then realised_average / target_value
    end as progress_ratio,
    -- the period's average if the realised average holds for the remaining years is G itself
    realised_average as projected_value,
    case
        when years_observed = 0 then 'no_data'
        when growth_product is null then 'not_assessable'
        when growth_product >= power(1 + target_value / 100.0, horizon_years) and is_provisional
            then 'on_track'
        when growth_product >= power(1 + target_value / 100.0, horizon_years) then 'achieved'
        when years_observed >= horizon_years then 'insufficient'
        when target_value <= 0 then 'not_assessable'
        else {{ progress_status('realised_average / target_value') }}
    end as status,
    case
        when years_observed = 0 then 'no_data'
        when growth_product is null then 'non_positive_value'
        when growth_product >= power(1 + target_value / 100.0, horizon_years) and is_provisional
            then 'target_met_provisional'
        when growth_product >= power(1 + target_value / 100.0, horizon_years) then 'target_met'
        when years_observed >= horizon_years then 'target_year_reached'
        when target_value <= 0 then 'non_positive_value'
        else 'ratio'
    end as status_reason
from judged
