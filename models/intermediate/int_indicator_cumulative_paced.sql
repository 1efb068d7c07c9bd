-- Cumulative targets (a sum over 2026–2030, DESIGN.md §3): the sum to date S over the k years with a
-- figure, against the planned sum to date P for those same years: the Phụ lục 4 yearly plan (plan_low)
-- where it has every one of them, else an even split X / n a year. Pace ratio = S / P, judged with the
-- Eurostat classes; required run-rate = (X − S) / (T − t) a year; projection = S + (S / k)·(T − t).
-- A range target (200–220) is judged against the bound nearer S.
--   achieved      S ≥ X already;  insufficient  the target year is reached and S < X.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
    where method = 'cumulative'
),

years as (
    select
        t.indicator_code,
        t.target_variant,
        y.year,
        y.value,
        y.period,
        p.plan_low
    from targets as t
    inner join {{ ref('int_indicator_years_collected') }} as y
        on y.indicator_code = t.indicator_code
        and y.year > t.plan_baseline_year
        and y.year <= t.target_year
        and not y.is_provisional
    left join {{ ref('stg_plan__trajectory') }} as p
        on p.indicator_code = t.indicator_code and p.year = y.year
),

summed as (
    select
        t.*,
        count(y.value) as years_observed,
        max(y.year) as latest_year,
        arg_max(y.value, y.year) as latest_value,
        arg_max(y.period, y.year) as latest_period,
        sum(y.value) as sum_to_date,
        count(y.plan_low) as planned_years,
        sum(y.plan_low) as plan_sum_to_date
    from targets as t
    left join years as y on y.indicator_code = t.indicator_code and y.target_variant = t.target_variant
    group by all
),

judged as (
    select
        * exclude (plan_sum_to_date),
        {{ nearer_bound('sum_to_date', 'target_low', 'target_high', 'direction') }} as target_value,
        -- the stretch aim has no yearly plan of its own: always an even split
        target_variant = 'target' and years_observed > 0 and planned_years = years_observed as uses_yearly_plan,
        plan_sum_to_date as yearly_plan_sum_to_date
    from summed
),

paced as (
    select
        *,
        case
            when uses_yearly_plan then yearly_plan_sum_to_date
            else target_value * years_observed / horizon_years
        end as plan_to_date
    from judged
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
    false as is_provisional,
    sum_to_date,
    plan_to_date,
    case when uses_yearly_plan then 'phu_luc_4' else 'even_split' end as plan_source,
    {{ meets_target('sum_to_date', 'target_value', 'direction') }} as is_met,
    case when plan_to_date > 0 and not {{ meets_target('sum_to_date', 'target_value', 'direction') }}
        and latest_year < target_year
        then sum_to_date / plan_to_date
    end as progress_ratio,
    case when latest_year < target_year and not {{ meets_target('sum_to_date', 'target_value', 'direction') }}
        then (target_value - sum_to_date) / (target_year - latest_year)
    end as required_rate_remaining,
    case when years_observed > 0
        then sum_to_date + sum_to_date / years_observed * (target_year - latest_year)
    end as projected_value,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('sum_to_date', 'target_value', 'direction') }} then 'achieved'
        when latest_year >= target_year then 'insufficient'
        when plan_to_date is null or plan_to_date <= 0 then 'not_assessable'
        else {{ progress_status('sum_to_date / plan_to_date') }}
    end as status,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('sum_to_date', 'target_value', 'direction') }} then 'target_met'
        when latest_year >= target_year then 'target_year_reached'
        when plan_to_date is null or plan_to_date <= 0 then 'no_plan'
        else 'ratio'
    end as status_reason
from paced
