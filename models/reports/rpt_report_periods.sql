-- Every period a report may cover: the quarters and the years of the plan (2026–2030), with their first
-- and last day. The rpt_* models that depend on the report's period give one row set per period here.
with years as (
    select unnest(range({{ var('plan_first_year') }}, {{ var('plan_target_year') }} + 1)) as period_year
),

quarter_numbers as (
    select unnest(range(1, 5)) as quarter
),

quarters as (
    select
        y.period_year,
        'quarter' as period_type,
        y.period_year || '-Q' || q.quarter as period,
        make_date(y.period_year, 3 * q.quarter - 2, 1) as period_start,
        last_day(make_date(y.period_year, 3 * q.quarter, 1)) as period_end
    from years as y
    cross join quarter_numbers as q
),

whole_years as (
    select
        period_year,
        'year' as period_type,
        cast(period_year as varchar) as period,
        make_date(period_year, 1, 1) as period_start,
        make_date(period_year, 12, 31) as period_end
    from years
),

periods as (
    select * from quarters
    union all
    select * from whole_years
)

select * from periods
