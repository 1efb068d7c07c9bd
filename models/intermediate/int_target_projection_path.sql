-- The projection year by year, from the year after the latest closed year to the target year, with its 80%
-- band (as-of date × indicator × target variant × year; docs/method.md §7.3): the fan a key-indicator chart
-- draws. The same random walk as int_target_probability, taken h = 1 … T − t years ahead (projection_center,
-- projection_spread), so its last year is int_target_probability's projection (a dbt test checks it). Drawn
-- for the methods whose projection is a year's figure: a level (compound, points) and a five-year total
-- (cumulative, as the running sum of the period, from a latest year inside it or the baseline year); an
-- average over the period (avg_growth, period_avg) and an annual threshold project no path, only their
-- target-year figure.
{% set z = band_quantile() %}

with projections as (
    select *
    from {{ ref('int_target_probability') }}
    where
        projected_central is not null
        and years_ahead >= 1
        and (
            method in ('compound', 'points')
            or method = 'cumulative' and latest_year >= {{ var('plan_baseline_year') }}
        )
),

steps as (
    -- 1 … the most years any projection looks ahead
    select unnest(range(1, max(years_ahead) + 1)) as steps from projections
),

years as (
    select
        p.as_of_date,
        p.indicator_code,
        p.target_variant,
        p.method,
        p.latest_year,
        p.latest_value,
        p.latest_year + h.steps as year,
        h.steps as years_ahead,
        {{ projection_center('p.method', 'h.steps', 'p.latest_scaled', 'p.latest_value', 'p.draw_mean', 'null') }}
            as center,
        {{ projection_spread('p.method', 'p.draw_sd', 'h.steps', 'p.n_draws', 'null') }} as spread,
        p.period_sum
    from projections as p
    inner join steps as h on h.steps <= p.years_ahead
),

path as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        year,
        years_ahead,
        method,
        latest_year,
        latest_value,
        period_sum,
        round({{ probability_scale_to_unit('center', 'method', 'period_sum', 'null', 'null') }}, 4)
            as projected_central,
        round({{ probability_scale_to_unit('center - ' ~ z ~ ' * spread', 'method', 'period_sum', 'null', 'null') }}, 4)
            as projected_low,
        round({{ probability_scale_to_unit('center + ' ~ z ~ ' * spread', 'method', 'period_sum', 'null', 'null') }}, 4)
            as projected_high
    from years
)

select * from path
