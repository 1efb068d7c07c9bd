-- Per year from the baseline year, how many indicators have a full-year figure and how many of those
-- figures are official (chính thức): what a mid-term review has to go on.
with collected as (
    select
        period_year as year,
        count(distinct indicator_code) as indicators,
        count(*) filter (where status = 'chinh_thuc') as official
    from {{ ref('fct_actuals') }}
    where period_type = 'year' and period_year >= {{ var('plan_baseline_year') }}
    group by period_year
)

select * from collected
