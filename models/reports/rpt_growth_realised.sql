-- The mid-term review's average-growth table: per review year (2026…2030) and avg_growth indicator, the
-- years with a full-year figure from the first plan year to the review year, the geometric average growth
-- realised over them and the growth each remaining year needs for the five-year average to reach the target.
with years as (
    select
        period_year as review_year,
        {{ var('plan_target_year') }} - {{ var('plan_first_year') }} + 1 as plan_years
    from {{ ref('rpt_report_periods') }}
    where period_type = 'year'
),

realised as (
    select
        y.review_year,
        f.indicator_code,
        count(*) as years,
        max(f.period_year) as last_year,
        {{ geometric_mean_growth('f.value') }} as realised_avg,
        {{ growth_product('f.value') }} as growth_product
    from years as y
    inner join {{ ref('fct_actuals') }} as f
        on f.period_type = 'year' and f.period_year between {{ var('plan_first_year') }} and y.review_year
    group by all
),

growth as (
    select
        y.review_year,
        i.source_order,
        i.indicator_code,
        i.name_vi,
        i.unit,
        i.comparator,
        i.target_low,
        i.target_high,
        r.years,
        r.last_year,
        r.realised_avg,
        {{ required_remaining_growth('i.target_low', 'r.growth_product', 'y.plan_years', 'r.years') }}
            as required_each_year,
        a.status
    from years as y
    cross join {{ ref('dim_indicator') }} as i
    left join realised as r on r.review_year = y.review_year and r.indicator_code = i.indicator_code
    left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
    where i.kind = 'avg_growth'
)

select * from growth
