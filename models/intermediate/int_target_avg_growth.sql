-- Average-growth targets (kind avg_growth, docs/method.md §3.2): over the k years with a figure among the
-- n = T − 2025 years of the period, the realised geometric average G = (Π(1 + gᵢ))^(1/k) − 1 (this kind's
-- actual rate) and the growth each remaining year needs for the n-year average still to reach X:
-- ((1 + X)^n / Π(1 + gᵢ))^(1/(n − k)) − 1. RR = G / X (the required rate of an average-growth target is
-- X itself). A range target is judged against the bound nearer G. The target is met once
-- Π(1 + gᵢ) ≥ (1 + X)^n: even zero growth from now on keeps the average. One year of growth is enough: the
-- figure is itself a rate.
with growth_targets as (
    select * from {{ ref('int_target_windows') }}
    where method = 'avg_growth'
),

growth_years as (
    select * from {{ ref('int_target_years') }}
),

products as (
    select
        w.as_of_date,
        w.indicator_code,
        w.target_variant,
        {{ growth_product('y.value') }} as growth_product
    from growth_targets as w
    left join growth_years as y
        on y.as_of_date = w.as_of_date and y.indicator_code = w.indicator_code and y.target_variant = w.target_variant
    group by w.as_of_date, w.indicator_code, w.target_variant
),

averaged as (
    select
        w.*,
        p.growth_product,
        case when w.years_observed > 0
            then (power(p.growth_product, 1.0 / w.years_observed) - 1) * 100
        end as actual_rate
    from growth_targets as w
    inner join products as p
        on p.as_of_date = w.as_of_date and p.indicator_code = w.indicator_code and p.target_variant = w.target_variant
),

judged as (
    select
        *,
        {{ nearer_bound('actual_rate', 'target_low', 'target_high', 'direction') }} as target_value
    from averaged
),

secured as (
    select
        *,
        growth_product >= power(1 + target_value / 100.0, horizon_years) as is_met
    from judged
),

avg_growth as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        growth_product,
        actual_rate,
        -- the required rate of an average-growth target is X itself
        target_value as required_rate,
        target_value,
        -- every year is in the product: a provisional one makes it provisional
        has_provisional_year as is_provisional,
        is_met,
        -- an average through a fall of 100% or more is not assessable, even once the period is over
        years_observed >= horizon_years and growth_product is not null as is_period_over,
        case when growth_product is null or target_value <= 0 then 'non_positive_value' end as no_ratio_reason,
        case when not is_met
            then {{ required_remaining_growth('target_value', 'growth_product', 'horizon_years', 'years_observed') }}
        end as required_rate_remaining,
        case when years_observed < horizon_years and not is_met and target_value > 0
            then actual_rate / target_value
        end as progress_ratio,
        -- the period's average if the realised average holds for the remaining years is G itself
        actual_rate as projected_value
    from secured
)

select * from avg_growth
