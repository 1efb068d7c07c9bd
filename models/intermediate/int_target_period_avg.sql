-- Period-average targets (the mean of yearly values over 2026–2030, e.g. investment ≈ 43% of GRDP;
-- docs/method.md §3.5): the mean m of the k years of the window so far (this kind's actual rate), and the
-- mean the remaining n − k years need: (n·X − Σ) / (n − k). RR = m / X (X / m when lower is better). The
-- target is met when the mean so far meets X (later years can still move it, and the next build says so);
-- the period is over once all n years are in.
with judged as (
    select
        *,
        {{ nearer_bound('mean_of_values', 'target_low', 'target_high', 'direction') }} as target_value,
        {{ meets_target('mean_of_values', 'target_value', 'direction') }} as is_met
    from {{ ref('int_target_windows') }}
    where method = 'period_avg'
),

period_avg as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        mean_of_values as actual_rate,
        target_value,
        is_met,
        years_observed >= horizon_years as is_period_over,
        case when mean_of_values <= 0 or target_value <= 0 then 'non_positive_value' end as no_ratio_reason,
        -- every year is in the mean: a provisional one makes it provisional
        has_provisional_year as is_provisional,
        case when years_observed < horizon_years and mean_of_values > 0 and target_value > 0 and not is_met
            then case when direction = 'lower' then target_value / mean_of_values else mean_of_values / target_value end
        end as progress_ratio,
        case when years_observed < horizon_years and not is_met
            then (horizon_years * target_value - sum_of_values) / (horizon_years - years_observed)
        end as required_rate_remaining,
        mean_of_values as projected_value
    from judged
)

select * from period_avg
