-- The indicators at risk of missing their target (regressing, insufficient or moderate), with the state
-- and note of the figure they were judged on, and the probability of meeting the target with the 80% band
-- of the target year's projection (docs/method.md §7); reports list them by progress ratio, lowest first.
with at_risk as (
    select
        a.indicator_code,
        a.name_vi,
        a.unit,
        a.status,
        a.latest_period,
        a.latest_value,
        a.target_value,
        a.progress_ratio,
        a.required_rate_remaining,
        a.required_rate_unit,
        a.method,
        a.is_provisional,
        a.explanation_vi,
        100 * a.probability_target_met as probability_pct,
        a.target_year,
        a.projected_low,
        a.projected_high,
        a.probability_note_vi,
        f.status as figure_status,
        f.note as figure_note
    from {{ ref('fct_indicator_assessment') }} as a
    left join {{ ref('fct_actuals') }} as f on f.indicator_code = a.indicator_code and f.period = a.latest_period
    where a.status in ('regressing', 'insufficient', 'moderate')
)

select * from at_risk
