-- Cumulative targets (a sum over 2026–2030, DESIGN.md §3): the sum to date S over the k years with a
-- figure, against the planned sum to date P for those same years: the Phụ lục 4 yearly plan (plan_low)
-- where it has every one of them, else an even split X / n a year. Pace ratio = S / P, judged with the
-- Eurostat classes; required run-rate = (X − S) / (years left) a year; projection = S + (S / years
-- elapsed)·(years left). A range target (200–220) is judged against the bound nearer S.
-- A year with only a year-to-date sum (9 tháng: m months) adds that part-year sum to S and m/12 of the
-- year's plan to P, provisionally (is_provisional): years elapsed = full years + m/12, and years left
-- = T − t + (12 − m)/12.
--   achieved      S ≥ X already;  insufficient  the target year is over (a full-year figure for T) and S < X.
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
        y.is_provisional,
        -- the part of the year a figure covers: a part-year sum covers m/12 of it
        case when y.estimate_method = 'pro_rata' then y.months_covered / 12.0 else 1.0 end::double as year_share,
        case when y.estimate_method = 'pro_rata' then y.reported_value else y.value end as amount,
        p.plan_low
    from targets as t
    inner join {{ ref('int_indicator_years_collected') }} as y
        on y.indicator_code = t.indicator_code
        and y.year > t.plan_baseline_year
        and y.year <= t.target_year
        -- a growth rate standing in for a year is no amount: only part-year sums add up
        and (not y.is_provisional or y.estimate_method = 'pro_rata')
    left join {{ ref('stg_plan__trajectory') }} as p
        on p.indicator_code = t.indicator_code and p.year = y.year
),

summed as (
    select
        t.*,
        count(y.amount) as years_observed,
        max(y.year) as latest_year,
        arg_max(y.amount, y.year) as latest_value,
        arg_max(y.period, y.year) as latest_period,
        coalesce(bool_or(y.is_provisional), false) as is_provisional,
        sum(y.year_share) as years_elapsed,
        arg_max(y.year_share, y.year) as latest_year_share,
        sum(y.amount) as sum_to_date,
        count(y.plan_low) as planned_years,
        sum(y.plan_low * y.year_share) as plan_sum_to_date
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
            else target_value * years_elapsed / horizon_years
        end as plan_to_date,
        target_year - latest_year + (1 - latest_year_share) as years_left,
        latest_year >= target_year and latest_year_share = 1 as is_period_over
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
    is_provisional,
    sum_to_date,
    plan_to_date,
    case when uses_yearly_plan then 'phu_luc_4' else 'even_split' end as plan_source,
    {{ meets_target('sum_to_date', 'target_value', 'direction') }} as is_met,
    case when plan_to_date > 0 and not {{ meets_target('sum_to_date', 'target_value', 'direction') }}
        and not is_period_over
        then sum_to_date / plan_to_date
    end as progress_ratio,
    case when years_left > 0 and not {{ meets_target('sum_to_date', 'target_value', 'direction') }}
        then (target_value - sum_to_date) / years_left
    end as required_rate_remaining,
    case when years_elapsed > 0
        then sum_to_date + sum_to_date / years_elapsed * years_left
    end as projected_value,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('sum_to_date', 'target_value', 'direction') }} then 'achieved'
        when is_period_over then 'insufficient'
        when plan_to_date is null or plan_to_date <= 0 then 'not_assessable'
        else {{ progress_status('sum_to_date / plan_to_date') }}
    end as status,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('sum_to_date', 'target_value', 'direction') }} then 'target_met'
        when is_period_over then 'target_year_reached'
        when plan_to_date is null or plan_to_date <= 0 then 'no_plan'
        else 'ratio'
    end as status_reason
from paced
