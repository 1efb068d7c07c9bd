-- Period-average targets (the mean of yearly values over 2026–2030, e.g. investment ≈ 43% of GRDP):
-- the mean m of the k years so far, and the mean the remaining n − k years need: (n·X − Σ) / (n − k).
-- RR = m / X (X / m when lower is better). achieved when the mean so far meets X (as a level target is
-- achieved when yₜ meets it; later years can still move the mean, and the next build says so);
-- insufficient once all n years are in and it does not. A mean that meets X with a provisional year in it
-- is on_track, not achieved: a year that has not closed cannot be met.
with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
    where method = 'period_avg'
),

averaged as (
    select
        t.*,
        count(y.value) as years_observed,
        max(y.year) as latest_year,
        arg_max(y.value, y.year) as latest_value,
        arg_max(y.period, y.year) as latest_period,
        coalesce(bool_or(y.is_provisional), false) as is_provisional,
        sum(y.value) as sum_to_date,
        avg(y.value) as period_mean
    from targets as t
    left join {{ ref('int_indicator_years_collected') }} as y
        on y.indicator_code = t.indicator_code
        and y.year > t.plan_baseline_year
        and y.year <= t.target_year
    group by all
),

judged as (
    select
        *,
        {{ nearer_bound('period_mean', 'target_low', 'target_high', 'direction') }} as target_value
    from averaged
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
    period_mean,
    {{ meets_target('period_mean', 'target_value', 'direction') }} as is_met,
    case when years_observed < horizon_years and period_mean > 0 and target_value > 0
        and not {{ meets_target('period_mean', 'target_value', 'direction') }}
        then case when direction = 'lower' then target_value / period_mean else period_mean / target_value end
    end as progress_ratio,
    case when years_observed < horizon_years and not {{ meets_target('period_mean', 'target_value', 'direction') }}
        then (horizon_years * target_value - sum_to_date) / (horizon_years - years_observed)
    end as required_rate_remaining,
    period_mean as projected_value,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('period_mean', 'target_value', 'direction') }} and is_provisional
            then 'on_track'
        when {{ meets_target('period_mean', 'target_value', 'direction') }} then 'achieved'
        when years_observed >= horizon_years then 'insufficient'
        when period_mean <= 0 or target_value <= 0 then 'not_assessable'
        else {{ progress_status(
            "case when direction = 'lower' then target_value / period_mean else period_mean / target_value end"
        ) }}
    end as status,
    case
        when years_observed = 0 then 'no_data'
        when {{ meets_target('period_mean', 'target_value', 'direction') }} and is_provisional
            then 'target_met_provisional'
        when {{ meets_target('period_mean', 'target_value', 'direction') }} then 'target_met'
        when years_observed >= horizon_years then 'target_year_reached'
        when period_mean <= 0 or target_value <= 0 then 'non_positive_value'
        else 'ratio'
    end as status_reason
from judged
