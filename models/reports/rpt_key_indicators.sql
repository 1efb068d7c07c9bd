-- The annual report's key economic indicators (one chart each), in the report's order, with what the
-- chart draws and says: the target, the kind (a five-year total is drawn as running sums), the latest
-- assessment, its part-year figure and the projection with its 80% band (docs/method.md §7).
with key_list as (
    select ['II.1', 'II.1.a', 'II.1.b', 'II.2', 'II.3', 'II.4', 'II.6', 'II.7', 'II.8', 'II.9', 'II.10'] as codes
),

key_codes as (
    select
        unnest(codes) as indicator_code,
        unnest(range(1, len(codes) + 1)) as position
    from key_list
),

key_indicators as (
    select
        k.position,
        i.indicator_code,
        i.name_vi,
        i.unit,
        i.kind,
        i.kind = 'cumulative' as is_cumulative,
        i.target_low,
        coalesce(i.target_year, {{ var('plan_target_year') }}) as target_year,
        a.latest_period,
        a.status,
        a.ytd_period,
        a.ytd_value,
        a.ytd_annual_estimate,
        a.ytd_estimate_method,
        a.ytd_share_of_year,
        a.ytd_plan_value,
        a.sum_to_date,
        a.plan_to_date,
        a.method,
        a.probability_target_met,
        a.probability_note_vi,
        a.projected_central,
        a.projected_low,
        a.projected_high
    from key_codes as k
    inner join {{ ref('dim_indicator') }} as i on i.indicator_code = k.indicator_code
    left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
)

select * from key_indicators
