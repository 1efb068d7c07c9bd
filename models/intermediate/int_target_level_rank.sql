-- Level and rank targets (methods compound, points, rank; docs/method.md §3.1): from the baseline (t₀, y₀)
-- to the latest value (t, yₜ) of the target's window (int_target_windows) the actual rate a, the required
-- rate r from y₀ to the target X in year T, the required remaining rate from yₜ to X in T − t years, the
-- projection to T at the actual rate, and the progress ratio RR = a / r. A range target is judged against
-- its nearer bound. Rates are NULL where the formula does not apply: fewer than two points (t ≤ t₀), a
-- compound rate through a value ≤ 0, or no year left. For lower-is-better both a and r are negative and RR
-- keeps its meaning.
-- A provisional yₜ (an estimate of year t from a year-to-date figure) is judged against the same year's
-- plan (Phụ lục 4, else the trajectory to the target): plan_rate = rate_per_year(plan_t, y₀, t − t₀) and
-- RR = a / plan_rate. On the trajectory plan_rate = r, so only a Phụ lục 4 value changes the judgement; a
-- plan that does not move towards the target falls back to r.
{% set projection = projected_value('latest_value', 'actual_rate', 'target_year - latest_year', 'method') %}

with level_targets as (
    select * from {{ ref('int_target_windows') }}
    where method in ('compound', 'points', 'rank')
),

baselines as (
    select * from {{ ref('int_indicator_baseline_selected') }}
),

points as (
    select
        w.*,
        b.baseline_year,
        b.baseline_value,
        case when w.is_provisional then w.latest_plan_source end as year_plan_source,
        case when w.is_provisional
            then {{ nearer_bound('w.latest_value', 'w.latest_plan_low', 'w.latest_plan_high', 'w.direction') }}
        end as year_plan_value
    from level_targets as w
    left join baselines as b on b.as_of_date = w.as_of_date and b.indicator_code = w.indicator_code
),

rates as (
    select
        *,
        case when latest_year > baseline_year
            then {{ rate_per_year('latest_value', 'baseline_value', 'latest_year - baseline_year', 'method') }}
        end as actual_rate,
        case when latest_year > baseline_year
            then {{ rate_per_year('year_plan_value', 'baseline_value', 'latest_year - baseline_year', 'method') }}
        end as plan_rate,
        {{ required_rate('latest_target_value', 'baseline_value', 'target_year - baseline_year', 'method') }}
            as required_rate,
        {{ required_rate('latest_target_value', 'latest_value', 'target_year - latest_year', 'method') }}
            as required_rate_remaining
    from points
),

ratios as (
    select
        *,
        case when direction = 'lower' then -required_rate else required_rate end as required_rate_toward_target,
        coalesce(is_provisional and (case when direction = 'lower' then -plan_rate else plan_rate end) > 0, false)
            as is_judged_on_year_plan
    from rates
),

judged as (
    select
        *,
        case
            when is_judged_on_year_plan then plan_rate
            else required_rate
        end as ratio_basis,
        case when latest_year > baseline_year and target_year > latest_year then
            -- a rank cannot be better than first
            case when method = 'rank' then greatest(1, {{ projection }}) else {{ projection }} end
        end as projected_value
    from ratios
),

level_rank as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        latest_target_value as target_value,
        baseline_year,
        baseline_value,
        is_provisional,
        is_latest_met as is_met,
        latest_year >= target_year and not is_provisional as is_period_over,
        case
            when baseline_year is null or latest_year <= baseline_year then 'single_point'
            when actual_rate is null or required_rate is null then 'non_positive_value'
            -- the baseline already met the target: r points the wrong way (or is 0) and yₜ no longer meets it
            when required_rate_toward_target <= 0 then 'baseline_met_target'
        end as no_ratio_reason,
        year_plan_source,
        year_plan_value,
        plan_rate,
        is_judged_on_year_plan,
        actual_rate,
        required_rate,
        -- no ratio once judged otherwise: a ratio of two wrong-way rates would look like progress
        case
            when (latest_year >= target_year and not is_provisional) or is_latest_met
                or required_rate_toward_target <= 0
                then null
            when ratio_basis <> 0 and actual_rate is not null then actual_rate / ratio_basis
        end as progress_ratio,
        case when is_latest_met then null else required_rate_remaining end as required_rate_remaining,
        projected_value
    from judged
)

select * from level_rank
