-- Level and rank targets judged: the progress ratio RR = a / r and the status (DESIGN.md §3). In order:
--   no_data         no value up to the target year;
--   achieved        yₜ already satisfies the target (the "achieved" override of Open SDG) — a full-year
--                   yₜ only: a provisional yₜ (a year that has not closed) that satisfies it is on_track;
--   insufficient    the target year is reached (t = T) and the target is not met: no ratio then;
--   not_assessable  a single data point, or a compound rate through a value ≤ 0;
--   regressing      the baseline already met the target (r points the wrong way or is 0) and yₜ no longer does;
--   else the Eurostat class of RR. For lower-is-better both a and r are negative and RR keeps its meaning.
-- A provisional value (a year-to-date estimate of year t) is judged against the same year's plan:
-- RR = a / plan_rate, where plan_rate is the rate from y₀ to that year's plan (Phụ lục 4, else the
-- trajectory, on which plan_rate = r). A plan that does not move towards the target falls back to r.
with rates as (
    select * from {{ ref('int_indicator_rates_computed') }}
),

ratios as (
    select
        *,
        case
            when direction = 'lower' then -required_rate
            else required_rate
        end as required_rate_toward_target,
        coalesce(is_provisional and (case when direction = 'lower' then -plan_rate else plan_rate end) > 0, false)
            as is_judged_on_year_plan
    from rates
),

bases as (
    select
        *,
        case when is_judged_on_year_plan then plan_rate else required_rate end as ratio_basis
    from ratios
),

ratios_computed as (
    select
        *,
        case
            when ratio_basis is not null and ratio_basis <> 0 and actual_rate is not null
                then actual_rate / ratio_basis
        end as ratio
    from bases
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
    is_provisional,
    latest_reported_value,
    latest_months_covered,
    latest_estimate_method,
    year_plan_source,
    year_plan_value,
    plan_rate,
    is_judged_on_year_plan,
    years_observed,
    is_met,
    actual_rate,
    required_rate,
    -- no ratio once judged otherwise: a ratio of two wrong-way rates would look like progress
    case
        when (latest_year >= target_year and not coalesce(is_provisional, false)) or is_met or required_rate_toward_target <= 0
            then null
        else ratio
    end as progress_ratio,
    case when is_met then null else required_rate_remaining end as required_rate_remaining,
    projected_value,
    case
        when latest_value is null then 'no_data'
        when is_met and coalesce(is_provisional, false) then 'on_track'
        when is_met then 'achieved'
        when latest_year >= target_year and not coalesce(is_provisional, false) then 'insufficient'
        when baseline_year is null or latest_year <= baseline_year then 'not_assessable'
        when actual_rate is null or required_rate is null then 'not_assessable'
        when required_rate_toward_target <= 0 then 'regressing'
        else {{ progress_status('ratio') }}
    end as status,
    case
        when latest_value is null then 'no_data'
        when is_met and coalesce(is_provisional, false) then 'target_met_provisional'
        when is_met then 'target_met'
        when latest_year >= target_year and not coalesce(is_provisional, false) then 'target_year_reached'
        when baseline_year is null or latest_year <= baseline_year then 'single_point'
        when actual_rate is null or required_rate is null then 'non_positive_value'
        when required_rate_toward_target <= 0 then 'baseline_met_target'
        else 'ratio'
    end as status_reason
from ratios_computed
