-- Annual targets (must hold every year, docs/method.md §3.4): each year of the window from 2026 to T is met
-- or not (int_target_years: a range against its nearer bound); years_met counts the closed years met (a
-- year that has not closed cannot be met), and the latest year is judged: the target is met when the
-- latest year meets it, until the period is over (every year closed), when it needs every year met. The
-- progress ratio is the latest year's RR = yₜ / X (X / yₜ when lower is better): 1,7% of the budget against
-- ≥ 2% is 0,85; a crime count rising 4% against a required fall of 10% is −0,4. One data point is enough:
-- each year stands alone, and the required rate for the remaining years is the target itself, every year.
with annual_targets as (
    select * from {{ ref('int_target_windows') }}
    where method = 'annual'
),

latest_judged as (
    select
        *,
        years_closed >= horizon_years as is_period_over,
        case
            when direction = 'lower' and latest_value > 0 then latest_target_value / latest_value
            when direction <> 'lower' and target_low > 0 then latest_value / latest_target_value
        end as latest_ratio
    from annual_targets
),

annual as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        latest_target_value as target_value,
        -- the latest year is judged: a provisional one makes the judgement provisional
        is_provisional,
        case when is_period_over then years_met = years_closed else is_latest_met end as is_met,
        is_period_over,
        case when latest_ratio is null then 'non_positive_value' end as no_ratio_reason,
        years_met,
        years_closed,
        case when not is_period_over and (not is_latest_met or is_provisional) then latest_ratio end
            as progress_ratio,
        case when latest_year < target_year then latest_target_value end as required_rate_remaining,
        -- each year stands alone: there is no path to project
        null::double as projected_value
    from latest_judged
)

select * from annual
