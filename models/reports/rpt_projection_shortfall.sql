-- The indicators whose 2030 projection falls short of the target, by how much in percent of the target
-- (in the indicator's good direction), with the probability of meeting the target and the projection's 80% band
-- (docs/method.md §7); achieved and unjudged indicators are left out.
with gaps as (
    select
        indicator_code,
        name_vi,
        unit,
        method,
        projected_value,
        target_value,
        years_observed,
        required_rate_remaining,
        required_rate_unit,
        status,
        100 * probability_target_met as probability_pct,
        target_year,
        projected_low,
        projected_high,
        probability_note_vi,
        100 * (
            case when direction = 'lower' then projected_value - target_value else target_value - projected_value end
        ) / abs(target_value) as shortfall_pct
    from {{ ref('fct_indicator_assessment') }}
    where
        projected_value is not null and target_value is not null and target_value <> 0
        and status not in ('achieved', 'no_data', 'not_assessable')
),

shortfalls as (
    select * from gaps
    where shortfall_pct > 0
)

select * from shortfalls
