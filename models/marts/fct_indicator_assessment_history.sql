-- One row per date of int_as_of_dates (each quarter-end since 31/03/2026 and the build's as-of date) and
-- indicator of the catalogue in force on that date (int_indicators_unioned), judged on what was known then
-- (docs/method.md, Assessment history): where it stands against its target
-- (docs/method.md §3): the status and the figures of its target (int_target_status, which holds the rules),
-- of its stretch aim, the explanation in words (int_indicator_explanation), the deviation from the Phụ lục 4
-- plan (int_indicator_trajectory_compared), the latest part-year figure (int_indicator_ytd_judged) and, last,
-- the probability of meeting the target with the projection's 80% band (int_target_probability).
-- Headings, scenario-only and qualitative rows are not_assessable; an indicator with no figure is no_data.
with assessment as (
    select
        i.indicator_code,
        i.as_of_date,
        a.latest_period,
        a.latest_value,
        a.baseline_value,
        a.target_value,
        a.progress_ratio,
        a.required_rate_remaining,
        a.projected_value,
        a.status,
        {{ status_vi('a.status') }} as status_vi,
        e.explanation_vi,
        i.name_vi,
        i.kind,
        coalesce(a.method, i.kind) as method,
        i.unit,
        i.direction,
        i.target_year,
        a.baseline_year,
        a.latest_year,
        a.actual_rate,
        a.required_rate,
        e.required_rate_unit,
        a.projected_value - a.target_value as projection_gap,
        a.is_provisional,
        a.years_observed,
        a.years_met,
        a.sum_to_date,
        a.plan_to_date,
        a.plan_source,
        i.stretch_value,
        s.status as stretch_status,
        {{ status_vi('s.status') }} as stretch_status_vi,
        t.plan_year,
        t.plan_value as plan_value_latest_year,
        t.deviation_from_plan,
        t.is_within_plan_range,
        y.ytd_period,
        y.ytd_value,
        y.ytd_deviation_from_plan,
        y.ytd_share_of_plan,
        y.ytd_share_of_year,
        y.ytd_annual_estimate,
        y.ytd_estimate_method,
        y.ytd_plan_value,
        y.ytd_plan_source,
        a.plan_rate,
        coalesce(a.is_judged_on_year_plan, false) as is_judged_on_year_plan,
        a.status_reason,
        -- how likely the target is to be met, and the projection for the target year (docs/method.md §7)
        p.probability_target_met,
        p.projected_central,
        p.projected_low,
        p.projected_high,
        p.probability_note_vi,
        ps.probability_target_met as probability_stretch_met,
        i.is_build_as_of
    from {{ ref('int_indicators_unioned') }} as i
    left join {{ ref('int_target_status') }} as a
        on a.as_of_date = i.as_of_date and a.indicator_code = i.indicator_code and a.target_variant = 'target'
    left join {{ ref('int_target_status') }} as s
        on s.as_of_date = i.as_of_date and s.indicator_code = i.indicator_code and s.target_variant = 'stretch'
    left join {{ ref('int_indicator_explanation') }} as e
        on e.as_of_date = i.as_of_date and e.indicator_code = i.indicator_code
    left join {{ ref('int_indicator_trajectory_compared') }} as t
        on t.as_of_date = i.as_of_date and t.indicator_code = i.indicator_code
    left join {{ ref('int_indicator_ytd_judged') }} as y
        on y.as_of_date = i.as_of_date and y.indicator_code = i.indicator_code
    left join {{ ref('int_target_probability') }} as p
        on p.as_of_date = i.as_of_date and p.indicator_code = i.indicator_code and p.target_variant = 'target'
    left join {{ ref('int_target_probability') }} as ps
        on ps.as_of_date = i.as_of_date and ps.indicator_code = i.indicator_code and ps.target_variant = 'stretch'
)

select * from assessment
