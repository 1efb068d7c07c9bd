-- The full-year figures each key-indicator chart draws, from the baseline year; for a five-year total the
-- running sum from the first plan year (the baseline year left out). A report of year Y reads the years
-- up to Y (a running sum does not depend on later years).
with actuals as (
    select
        k.indicator_code,
        f.period_year as year,
        case
            when k.is_cumulative
                then sum(f.value) filter (where f.period_year > {{ var('plan_baseline_year') }}) over (
                    partition by k.indicator_code order by f.period_year
                )
            else f.value
        end as value
    from {{ ref('rpt_key_indicators') }} as k
    inner join {{ ref('fct_actuals') }} as f on f.indicator_code = k.indicator_code
    where
        f.period_type = 'year'
        and (not k.is_cumulative or f.period_year > {{ var('plan_baseline_year') }})
)

select * from actuals
