-- Annual targets (must hold every year, DESIGN.md §2): each year from 2026 to T is met or not (a range
-- against its nearer bound); years_met of years_observed are counted, and the latest year is judged:
--   achieved      the latest year meets the target (yₜ satisfies it) — until the period is over, when
--                 achieved needs every year met and one missed year makes it insufficient;
--   on_track      the latest year is provisional (a year-to-date figure, pro-rated) and meets the target:
--                 a year that has not closed cannot be met, so it is neither achieved nor counted in
--                 years_met (years_met counts closed years only);
--   otherwise     the Eurostat class of the latest year's ratio RR = yₜ / X (X / yₜ when lower is better):
--                 1,7% of the budget against ≥ 2% is 0,85 (moderate); a crime count rising 4% against a
--                 required fall of 10% is −0,4 (regressing).
-- One data point is enough: each year stands alone. The required rate for the remaining years is the
-- target itself, every year.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
    where method = 'annual'
),

years as (
    select
        t.indicator_code,
        t.target_variant,
        y.year,
        y.value,
        y.period,
        y.is_provisional,
        {{ meets_target(
            'y.value',
            nearer_bound('y.value', 't.target_low', 't.target_high', 't.direction'),
            't.direction'
        ) }} as is_met,
        lag(y.value) over (partition by t.indicator_code, t.target_variant order by y.year) as previous_value
    from targets as t
    inner join {{ ref('int_indicator_years_collected') }} as y
        on y.indicator_code = t.indicator_code
        and y.year > t.plan_baseline_year
        and y.year <= t.target_year
),

counted as (
    select
        t.*,
        count(y.value) as years_observed,
        -- only a closed year (a full-year figure) can be met
        count(*) filter (where y.is_met and not y.is_provisional) as years_met,
        count(y.value) filter (where not y.is_provisional) as years_closed,
        max(y.year) as latest_year,
        arg_max(y.value, y.year) as latest_value,
        arg_max(y.period, y.year) as latest_period,
        coalesce(arg_max(y.is_provisional, y.year), false) as is_provisional,
        arg_max(y.is_met, y.year) as latest_met,
        arg_max(y.previous_value, y.year) as previous_value
    from targets as t
    left join years as y on y.indicator_code = t.indicator_code and y.target_variant = t.target_variant
    group by all
),

ratios as (
    select
        *,
        case
            when direction = 'lower' and latest_value > 0
                then {{ nearer_bound('latest_value', 'target_low', 'target_high', 'direction') }} / latest_value
            when direction <> 'lower' and target_low > 0
                then latest_value / {{ nearer_bound('latest_value', 'target_low', 'target_high', 'direction') }}
        end as latest_ratio
    from counted
)

select
    indicator_code,
    target_variant,
    kind,
    method,
    unit,
    direction,
    target_year,
    {{ nearer_bound('latest_value', 'target_low', 'target_high', 'direction') }} as target_value,
    horizon_years,
    years_observed,
    years_met,
    years_closed,
    latest_year,
    latest_value,
    latest_period,
    is_provisional,
    latest_met as is_met,
    case when years_closed < horizon_years and (not latest_met or is_provisional) then latest_ratio end
        as progress_ratio,
    case when latest_year < target_year
        then {{ nearer_bound('latest_value', 'target_low', 'target_high', 'direction') }}
    end as required_rate_remaining,
    -- each year stands alone: there is no path to project
    null::double as projected_value,
    case
        when years_observed = 0 then 'no_data'
        when years_closed >= horizon_years and years_met = years_closed then 'achieved'
        when years_closed >= horizon_years then 'insufficient'
        when latest_met and is_provisional then 'on_track'
        when latest_met then 'achieved'
        else {{ progress_status('latest_ratio') }}
    end as status,
    case
        when years_observed = 0 then 'no_data'
        when years_closed >= horizon_years and years_met = years_closed then 'target_met'
        when years_closed >= horizon_years then 'target_year_reached'
        when latest_met and is_provisional then 'target_met_provisional'
        when latest_met then 'target_met'
        when latest_ratio is null then 'non_positive_value'
        else 'ratio'
    end as status_reason
from ratios
