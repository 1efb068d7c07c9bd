-- The mid-term review's projection table: every indicator judged by a level, a rank or a running total,
-- its latest figure (state and note), the 2030 value projected at the pace realised, the target, and the
-- pace each remaining year needs.
with projection as (
    select
        a.indicator_code,
        a.name_vi,
        a.unit,
        a.method,
        a.latest_period,
        a.latest_value,
        a.target_value,
        a.years_observed,
        a.actual_rate,
        a.required_rate_unit,
        a.projected_value,
        a.projection_gap,
        a.required_rate_remaining,
        a.status,
        a.status in ('no_data', 'not_assessable') as is_unjudged,
        f.status as figure_status,
        f.note as figure_note
    from {{ ref('fct_indicator_assessment') }} as a
    left join {{ ref('fct_actuals') }} as f on f.indicator_code = a.indicator_code and f.period = a.latest_period
    where a.method in ('compound', 'points', 'rank', 'cumulative')
)

select * from projection
