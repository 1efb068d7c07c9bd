-- Period-average targets (the mean of yearly values over 2026–2030, e.g. investment ≈ 43% of GRDP;
-- docs/method.md §3.5): the mean m of the k years of the window so far (this kind's actual rate), and the
-- mean the remaining n − k years need: (n·X − Σ) / (n − k). RR = m / X (X / m when lower is better). The
-- target is met when the mean so far meets X (later years can still move it, and the next build says so);
-- the period is over once all n years are in. Every year is in the mean, so a provisional year makes it
-- provisional.
with windows as (
    select * from {{ ref('int_target_windows') }}
    where method = 'period_avg'
),

years as (
    select * from {{ ref('int_target_years') }}
),

averaged as (
    select
        w.indicator_code,
        w.target_variant,
        sum(y.value) as sum_to_date,
        avg(y.value) as period_mean
    from windows as w
    left join years as y on y.indicator_code = w.indicator_code and y.target_variant = w.target_variant
    group by w.indicator_code, w.target_variant
),

judged as (
    select
        w.*,
        a.sum_to_date,
        a.period_mean,
        {{ nearer_bound('a.period_mean', 'w.target_low', 'w.target_high', 'w.direction') }} as target_value
    from windows as w
    inner join averaged as a on a.indicator_code = w.indicator_code and a.target_variant = w.target_variant
),

met as (
    select
        *,
        {{ meets_target('period_mean', 'target_value', 'direction') }} as is_met
    from judged
),

period_avg as (
    select
        indicator_code,
        target_variant,
        method,
        target_value,
        has_provisional_year as is_provisional,
        is_met,
        years_observed >= horizon_years as is_period_over,
        case when period_mean <= 0 or target_value <= 0 then 'non_positive_value' end as no_ratio_reason,
        period_mean as actual_rate,
        case when years_observed < horizon_years and period_mean > 0 and target_value > 0 and not is_met
            then case when direction = 'lower' then target_value / period_mean else period_mean / target_value end
        end as progress_ratio,
        case when years_observed < horizon_years and not is_met
            then (horizon_years * target_value - sum_to_date) / (horizon_years - years_observed)
        end as required_rate_remaining,
        period_mean as projected_value
    from met
)

select * from period_avg
