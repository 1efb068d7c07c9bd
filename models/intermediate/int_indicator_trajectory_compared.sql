-- Deviation from the Phụ lục 4 scenario (the Delivery Unit's planned trajectory): for the latest year with
-- both a value and a planned value, actual − plan. A planned range (63–63,5) is met anywhere inside it
-- (deviation 0, is_within_plan_range true); outside, the deviation is from the nearer bound. A provisional
-- year-to-date figure standing in for the year is compared too, flagged is_provisional.
with compared as (
    select
        y.as_of_date,
        y.indicator_code,
        y.year as plan_year,
        y.period,
        y.value as actual_value,
        y.is_provisional,
        p.plan_low,
        p.plan_high,
        p.plan_low <> p.plan_high as is_plan_range
    from {{ ref('int_indicator_years_collected') }} as y
    inner join {{ ref('stg_plan__trajectory') }} as p
        on p.indicator_code = y.indicator_code and p.year = y.year
),

deviations as (
    select
        as_of_date,
        indicator_code,
        plan_year,
        period,
        actual_value,
        is_provisional,
        plan_low,
        plan_high,
        case
            when actual_value < plan_low then plan_low
            when actual_value > plan_high then plan_high
            when is_plan_range then null
            else plan_low
        end as plan_value,
        case
            when actual_value < plan_low then actual_value - plan_low
            when actual_value > plan_high then actual_value - plan_high
            else 0
        end as deviation_from_plan,
        case when is_plan_range then actual_value between plan_low and plan_high end as is_within_plan_range
    from compared
    qualify row_number() over (partition by as_of_date, indicator_code order by plan_year desc) = 1
)

select * from deviations
