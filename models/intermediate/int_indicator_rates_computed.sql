-- Level and rank targets (methods compound, points, rank): the actual rate a from the baseline (t₀, y₀)
-- to the latest value (t, yₜ), the required rate r from the baseline to the target X in year T, the
-- required remaining rate from yₜ to X in T − t years, and the projection to T at the actual rate
-- (DESIGN.md §3). A range target is judged against its nearer bound. Rates are NULL where the formula
-- does not apply: fewer than two points (t ≤ t₀), a compound rate through a value ≤ 0, or no year left.
-- A provisional latest value (an estimate of year t from a year-to-date figure) is judged against the same
-- year's plan (int_indicator_year_planned: Phụ lục 4, else the trajectory to the target): plan_rate is the
-- rate from the baseline to that plan, rate_per_year(plan_t, y₀, t − t₀), and RR = a / plan_rate. On the
-- trajectory plan_rate = r, so only a Phụ lục 4 value changes the judgement.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
    where method in ('compound', 'points', 'rank')
),

points as (
    select
        t.*,
        b.baseline_year,
        b.baseline_value,
        l.latest_year,
        l.latest_value,
        l.latest_period,
        l.is_provisional,
        l.years_observed,
        l.latest_reported_value,
        l.latest_months_covered,
        l.latest_estimate_method,
        {{ nearer_bound('l.latest_value', 't.target_low', 't.target_high', 't.direction') }} as target_value,
        p.plan_source as year_plan_source,
        {{ nearer_bound('l.latest_value', 'p.plan_low', 'p.plan_high', 't.direction') }} as year_plan_value
    from targets as t
    left join {{ ref('int_indicator_baseline_selected') }} as b on b.indicator_code = t.indicator_code
    left join {{ ref('int_indicator_latest_selected') }} as l on l.indicator_code = t.indicator_code
    left join {{ ref('int_indicator_year_planned') }} as p
        on p.indicator_code = t.indicator_code and p.target_variant = t.target_variant
        and p.year = l.latest_year and l.is_provisional
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
    baseline_year,
    baseline_value,
    latest_year,
    latest_value,
    latest_period,
    coalesce(is_provisional, false) as is_provisional,
    coalesce(years_observed, 0) as years_observed,
    latest_reported_value,
    latest_months_covered,
    latest_estimate_method,
    year_plan_source,
    year_plan_value,
    case when latest_year > baseline_year
        then {{ rate_per_year('year_plan_value', 'baseline_value', 'latest_year - baseline_year', 'method') }}
    end as plan_rate,
    {{ meets_target('latest_value', 'target_value', 'direction') }} as is_met,
    case when latest_year > baseline_year
        then {{ rate_per_year('latest_value', 'baseline_value', 'latest_year - baseline_year', 'method') }}
    end as actual_rate,
    {{ required_rate('target_value', 'baseline_value', 'target_year - baseline_year', 'method') }}
        as required_rate,
    {{ required_rate('target_value', 'latest_value', 'target_year - latest_year', 'method') }}
        as required_rate_remaining,
    case when latest_year > baseline_year and target_year > latest_year then
        -- a rank cannot be better than first
        case when method = 'rank' then greatest(1, {{ projected_value(
            'latest_value',
            rate_per_year('latest_value', 'baseline_value', 'latest_year - baseline_year', 'method'),
            'target_year - latest_year',
            'method'
        ) }}) else {{ projected_value(
            'latest_value',
            rate_per_year('latest_value', 'baseline_value', 'latest_year - baseline_year', 'method'),
            'target_year - latest_year',
            'method'
        ) }} end
    end as projected_value
from points
