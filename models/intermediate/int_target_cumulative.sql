-- Cumulative targets (a sum over 2026–2030, docs/method.md §3.3): the sum to date S of what the years of
-- the window added (int_target_windows.sum_of_amounts), against the planned sum to date P for those same years: the
-- Phụ lục 4 yearly plan where it has every one of them, else an even split X / n a year. Pace ratio
-- RR = S / P; required run-rate = (X − S) / (years left) a year; projection = S + (S / years elapsed)·(years
-- left). A range target (200–220) is judged against the bound nearer S. A year with only a year-to-date sum
-- (9 tháng: m months) adds that part-year sum to S and m/12 of the year's plan to P, provisionally: years
-- elapsed = full years + m/12, years left = T − t + (12 − m)/12. The target is met once S ≥ X; the period
-- is over with a full-year figure for T.
with cumulative_targets as (
    select * from {{ ref('int_target_windows') }}
    where method = 'cumulative'
),

summed as (
    select
        *,
        sum_of_amounts as sum_to_date,
        {{ nearer_bound('sum_of_amounts', 'target_low', 'target_high', 'direction') }} as target_value,
        -- the stretch aim has no yearly plan of its own (int_indicator_year_planned): always an even split
        years_observed > 0 and planned_years = years_observed as uses_yearly_plan
    from cumulative_targets
),

paced as (
    select
        *,
        case
            when uses_yearly_plan then phu_luc_4_plan_to_date
            else target_value * years_elapsed / horizon_years
        end as plan_to_date,
        target_year - latest_year + (1 - latest_year_share) as years_left,
        latest_year >= target_year and latest_year_share = 1 as is_period_over,
        {{ meets_target('sum_to_date', 'target_value', 'direction') }} as is_met
    from summed
),

cumulative as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        target_value,
        -- a sum's latest figure is what its latest year added: a part-year sum as reported
        latest_amount as latest_value,
        has_provisional_year as is_provisional,
        is_met,
        is_period_over,
        case when plan_to_date is null or plan_to_date <= 0 then 'no_plan' end as no_ratio_reason,
        sum_to_date,
        plan_to_date,
        case when uses_yearly_plan then 'phu_luc_4' else 'even_split' end as plan_source,
        case when plan_to_date > 0 and not is_met and not is_period_over then sum_to_date / plan_to_date end
            as progress_ratio,
        case when years_left > 0 and not is_met then (target_value - sum_to_date) / years_left end
            as required_rate_remaining,
        case when years_elapsed > 0 then sum_to_date + sum_to_date / years_elapsed * years_left end
            as projected_value
    from paced
)

select * from cumulative
