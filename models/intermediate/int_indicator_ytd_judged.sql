-- Year-to-date figures (DESIGN.md §3): the latest "6 tháng" / "9 tháng" (preferred) or quarterly figure of
-- a year that has no full-year figure yet, judged against the same year's Phụ lục 4 plan, provisionally.
-- For shares and rates (unit "%…") the figure is an estimate of the year's: deviation = value − plan
-- (nearer bound of a planned range). For amounts it is a part of the year's: share_of_plan = value / plan,
-- against the share of the year elapsed (months / 12).
with partial_year as (
    select
        a.indicator_code,
        a.period_year as year,
        a.period,
        a.period_type,
        a.period_end_month,
        a.value,
        a.status,
        {{ is_rate_unit('i.unit') }} as is_rate
    from {{ ref('int_actuals_selected') }} as a
    inner join {{ ref('int_indicators_unioned') }} as i on i.indicator_code = a.indicator_code
    where a.period_type in ('ytd', 'quarter')
        and not exists (
            select 1 from {{ ref('int_actuals_selected') }} as y
            where y.indicator_code = a.indicator_code and y.period_year = a.period_year
                and y.period_type = 'year'
        )
    qualify row_number() over (
        partition by a.indicator_code
        order by a.period_year desc, a.period_type = 'ytd' desc, a.period_end_month desc
    ) = 1
)

select
    y.indicator_code,
    y.year as ytd_year,
    y.period as ytd_period,
    y.period_type as ytd_period_type,
    y.value as ytd_value,
    y.status as ytd_status,
    y.is_rate,
    p.plan_low as ytd_plan_low,
    p.plan_high as ytd_plan_high,
    case
        when y.is_rate and y.value < p.plan_low then y.value - p.plan_low
        when y.is_rate and y.value > p.plan_high then y.value - p.plan_high
        when y.is_rate and p.plan_low is not null then 0
    end as ytd_deviation_from_plan,
    case when not y.is_rate and p.plan_low > 0 then y.value / p.plan_low end as ytd_share_of_plan,
    -- a quarter's figure is one quarter's worth; a YTD figure covers January to its end month
    case when y.period_type = 'quarter' then 0.25 else y.period_end_month / 12.0 end as ytd_share_of_year,
    true as is_provisional
from partial_year as y
left join {{ ref('stg_plan__trajectory') }} as p on p.indicator_code = y.indicator_code and p.year = y.year
