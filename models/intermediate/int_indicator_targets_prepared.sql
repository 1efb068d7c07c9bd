-- One row per as-of date, assessable indicator and target variant: `target` (the plan's target) and, where the plan
-- names a "phấn đấu" aim, `stretch` (judged the same way, reported as stretch_status). The method says
-- which formula applies (docs/method.md §3):
--   compound  level targets in their own unit: compound yearly rates;
--   points    level targets that are shares or percentages (unit starting with "%"): percentage points a year;
--   rank      a place among provinces: places a year, lower is better;
--   avg_growth, cumulative, annual, period_avg: the kind's own rule.
-- horizon_years n = target year − the baseline year (2025).
with indicators as (
    select * from {{ ref('int_indicators_unioned') }}
    where is_assessable and kind in ('level', 'avg_growth', 'annual', 'period_avg', 'cumulative', 'rank')
),

variants as (
    select
        as_of_date,
        indicator_code,
        'target' as target_variant,
        target_low,
        target_high
    from indicators
    where target_low is not null

    union all

    select
        as_of_date,
        indicator_code,
        'stretch' as target_variant,
        stretch_value as target_low,
        null::double as target_high
    from indicators
    where stretch_value is not null
),

targets as (
    select
        v.as_of_date,
        v.indicator_code,
        v.target_variant,
        i.kind,
        case
            when i.kind = 'level' and {{ is_rate_unit('i.unit') }} then 'points'
            when i.kind = 'level' then 'compound'
            else i.kind
        end as method,
        i.unit,
        coalesce(i.direction, 'higher') as direction,
        i.comparator,
        v.target_low,
        v.target_high,
        i.target_year,
        {{ var('plan_baseline_year') }} as plan_baseline_year,
        i.target_year - {{ var('plan_baseline_year') }} as horizon_years
    from variants as v
    inner join indicators as i on i.as_of_date = v.as_of_date and i.indicator_code = v.indicator_code
)

select * from targets
