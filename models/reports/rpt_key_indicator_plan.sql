-- The Phụ lục 4 path each key-indicator chart draws: the scenario per year, as running sums for a
-- five-year total, whose path then starts at 0 at the end of the baseline year (so a part-year sum reads
-- against the plan to date).
with plan as (
    select
        k.indicator_code,
        p.year,
        case when k.is_cumulative then sum(p.plan_low) over running else p.plan_low end as plan_low,
        case when k.is_cumulative then sum(p.plan_high) over running else p.plan_high end as plan_high
    from {{ ref('rpt_key_indicators') }} as k
    inner join {{ ref('fct_plan_trajectory') }} as p on p.indicator_code = k.indicator_code
    window running as (partition by k.indicator_code order by p.year)
),

start_at_zero as (
    select distinct
        indicator_code,
        {{ var('plan_baseline_year') }} as year,
        0.0 as plan_low,
        0.0 as plan_high
    from plan
    where indicator_code in (
        select k.indicator_code from {{ ref('rpt_key_indicators') }} as k
        where k.is_cumulative
    )
),

paths as (
    select * from start_at_zero
    union all
    select * from plan
)

select * from paths
