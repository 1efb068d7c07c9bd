-- One value per indicator and year: the yearly figure where there is one; for a year without one, a
-- year-to-date (preferred) or quarterly figure stands in, provisionally (is_provisional), but only for
-- shares and rates (unit starting with "%"): "9 tháng" growth of 9,5% estimates the year's growth, while
-- 9 months of revenue is no estimate of the year's revenue.
with actuals as (
    select * from {{ ref('int_actuals_selected') }}
),

catalogue as (
    select indicator_code, unit from {{ ref('int_indicators_unioned') }}
),

yearly as (
    select
        indicator_code,
        period_year as year,
        value,
        period,
        period_type,
        status,
        false as is_provisional
    from actuals
    where period_type = 'year'
),

partial_year as (
    select
        a.indicator_code,
        a.period_year as year,
        a.value,
        a.period,
        a.period_type,
        a.status,
        true as is_provisional,
        row_number() over (
            partition by a.indicator_code, a.period_year
            order by a.period_type = 'ytd' desc, a.period_end_month desc
        ) as pick
    from actuals as a
    inner join catalogue as c on c.indicator_code = a.indicator_code
    where a.period_type in ('ytd', 'quarter')
        and {{ is_rate_unit('c.unit') }}
        and not exists (
            select 1 from yearly as y
            where y.indicator_code = a.indicator_code and y.year = a.period_year
        )
)

select * from yearly
union all
select indicator_code, year, value, period, period_type, status, is_provisional
from partial_year
where pick = 1
