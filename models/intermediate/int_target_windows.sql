-- The window of each target (indicator × target variant), summed up once for every kind's model: of its
-- years (int_target_years) how many have a figure since the baseline year (years_observed), how many of
-- those are closed years with a full-year figure (years_closed), whether any is provisional, the window's
-- totals, and the latest year: its value, the bound of the target it is judged against and whether it
-- meets it, and the year's plan. The latest year of a level or rank target may be t₀ or earlier; of a
-- period target it is one of t₀ + 1 … T.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
),

years as (
    select * from {{ ref('int_target_years') }}
),

counted as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        count(*) filter (where is_in_period) as years_observed,
        count(*) filter (where is_in_period and not is_provisional) as years_closed,
        coalesce(bool_or(is_provisional) filter (where is_in_period), false) as has_provisional_year,
        -- the window's totals, each for the kinds that use it: Σ yᵢ and the mean (a period average), the
        -- sum to date S and the years elapsed (a sum), the closed years met (an annual target), the Phụ lục 4
        -- plan to date for the years it plans
        sum(value) filter (where is_in_period) as sum_of_values,
        avg(value) filter (where is_in_period) as mean_of_values,
        sum(amount) filter (where is_in_period) as sum_of_amounts,
        sum(year_share) filter (where is_in_period) as years_elapsed,
        count(*) filter (where is_in_period and is_met and not is_provisional) as years_met,
        count(*) filter (where is_in_period and plan_source = 'phu_luc_4') as planned_years,
        sum(plan_low * year_share) filter (where is_in_period and plan_source = 'phu_luc_4')
            as phu_luc_4_plan_to_date
    from years
    group by as_of_date, indicator_code, target_variant
),

latest as (
    select * from years
    qualify row_number() over (partition by as_of_date, indicator_code, target_variant order by year desc) = 1
),

windows as (
    select
        t.*,
        coalesce(c.years_observed, 0) as years_observed,
        coalesce(c.years_closed, 0) as years_closed,
        coalesce(c.has_provisional_year, false) as has_provisional_year,
        c.sum_of_values,
        c.mean_of_values,
        c.sum_of_amounts,
        c.years_elapsed,
        coalesce(c.years_met, 0) as years_met,
        coalesce(c.planned_years, 0) as planned_years,
        c.phu_luc_4_plan_to_date,
        l.year as latest_year,
        l.value as latest_value,
        l.period as latest_period,
        coalesce(l.is_provisional, false) as is_provisional,
        l.reported_value as latest_reported_value,
        l.months_covered as latest_months_covered,
        l.estimate_method as latest_estimate_method,
        l.amount as latest_amount,
        l.year_share as latest_year_share,
        {{ nearer_bound('l.value', 't.target_low', 't.target_high', 't.direction') }} as latest_target_value,
        l.is_met as is_latest_met,
        l.plan_source as latest_plan_source,
        l.plan_low as latest_plan_low,
        l.plan_high as latest_plan_high
    from targets as t
    left join counted as c
        on c.as_of_date = t.as_of_date and c.indicator_code = t.indicator_code and c.target_variant = t.target_variant
    left join latest as l
        on l.as_of_date = t.as_of_date and l.indicator_code = t.indicator_code and l.target_variant = t.target_variant
)

select * from windows
