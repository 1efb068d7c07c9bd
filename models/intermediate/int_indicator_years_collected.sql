-- One value per as-of date, indicator and year: the yearly figure where there is one; for a year without one, a
-- part-year figure stands in, provisionally (is_provisional), by the catalogue's part_year_figure:
--   estimate_of_year  growth rates and shares: the latest year-to-date (preferred) or quarterly figure is
--                     itself an estimate of the year's ("9 tháng" growth of 9,5%) — value as reported;
--   partial_sum       flows (revenue, exports, tourists): the latest year-to-date figure (a Q1 figure is
--                     3 months to date) covering m months is pro-rated to the year: value·12/m
--                     ("ước cả năm theo tỷ lệ thời gian"); reported_value keeps the figure as submitted;
--   not_reported      yearly-only indicators: a part-year figure never stands in.
with actuals as (
    select * from {{ ref('int_actuals_selected') }}
),

catalogue as (
    select as_of_date, indicator_code, part_year_figure from {{ ref('int_indicators_unioned') }}
),

yearly as (
    select
        as_of_date,
        indicator_code,
        period_year as year,
        value,
        period,
        period_type,
        status,
        false as is_provisional,
        value as reported_value,
        12 as months_covered,
        'full_year' as estimate_method
    from actuals
    where period_type = 'year'
),

partial_year as (
    select
        a.as_of_date,
        a.indicator_code,
        a.period_year as year,
        a.value as reported_value,
        a.period,
        a.period_type,
        a.status,
        c.part_year_figure,
        case when a.period_type = 'quarter' and c.part_year_figure = 'partial_sum' then 3
            else a.period_end_month end as months_covered,
        row_number() over (
            partition by a.as_of_date, a.indicator_code, a.period_year
            order by a.period_type = 'ytd' desc, a.period_end_month desc
        ) as pick
    from actuals as a
    inner join catalogue as c on c.as_of_date = a.as_of_date and c.indicator_code = a.indicator_code
    where (
        (c.part_year_figure = 'estimate_of_year' and a.period_type in ('ytd', 'quarter'))
        -- a quarter other than Q1 is not a sum to date: it cannot be pro-rated to the year
        or (c.part_year_figure = 'partial_sum'
            and (a.period_type = 'ytd' or (a.period_type = 'quarter' and a.period_end_month = 3)))
    )
        and not exists (
            select 1 from yearly as y
            where y.as_of_date = a.as_of_date and y.indicator_code = a.indicator_code and y.year = a.period_year
        )
),

year_values as (
    select * from yearly
    union all
    select
        as_of_date,
        indicator_code,
        year,
        case when part_year_figure = 'partial_sum' then reported_value * 12 / months_covered
            else reported_value end as value,
        period,
        period_type,
        status,
        true as is_provisional,
        reported_value,
        months_covered,
        case when part_year_figure = 'partial_sum' then 'pro_rata' else 'as_reported' end as estimate_method
    from partial_year
    where pick = 1
)

select * from year_values
