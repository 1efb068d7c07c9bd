-- The plan for each year 2026…T of each target variant (docs/method.md §3.1, the Delivery Unit's planned
-- trajectory): the Phụ lục 4 value where the appendix has one for that year (the `target` variant only;
-- a planned range keeps both bounds), else the trajectory from the baseline (t₀, y₀) to the target X in T:
--   compound    y₀·(1 + r)^(year − t₀), r = (X/y₀)^(1/(T − t₀)) − 1 (needs y₀ > 0 and X > 0);
--   points/rank y₀ + (X − y₀)·(year − t₀)/(T − t₀) (shares in percentage points, ranks in places);
--   avg_growth, annual, period_avg: X itself, every year; cumulative: the even split X / n.
-- A range target is planned towards its worse-side bound (the least that meets it). A year-to-date figure
-- is judged against its year's plan, provisionally (int_target_level_rank, int_indicator_ytd_judged).
with targets as (
    select
        t.*,
        b.baseline_year,
        b.baseline_value,
        {{ nearer_bound('null', 't.target_low', 't.target_high', 't.direction') }} as target_value
    from {{ ref('int_indicator_targets_prepared') }} as t
    left join {{ ref('int_indicator_baseline_selected') }} as b
        on b.as_of_date = t.as_of_date and b.indicator_code = t.indicator_code
),

years as (
    select
        t.*,
        y.year::integer as year
    from targets as t
    cross join range(t.plan_baseline_year + 1, t.target_year + 1) as y (year)
),

trajectory as (
    select
        *,
        case
            when method in ('avg_growth', 'annual', 'period_avg') then target_value
            when method = 'cumulative' then target_value / horizon_years
            when year <= baseline_year or target_year <= baseline_year then null
            when method = 'compound' and baseline_value > 0 and target_value > 0
                then baseline_value
                    * power(target_value / baseline_value, (year - baseline_year) / (target_year - baseline_year))
            when method in ('points', 'rank')
                then baseline_value
                    + (target_value - baseline_value) * (year - baseline_year) / (target_year - baseline_year)
        end as trajectory_value
    from years
),

year_plans as (
    select
        t.as_of_date,
        t.indicator_code,
        t.target_variant,
        t.year,
        case when p.plan_low is not null then 'phu_luc_4' when t.trajectory_value is not null then 'trajectory' end
            as plan_source,
        coalesce(p.plan_low, t.trajectory_value) as plan_low,
        coalesce(p.plan_high, p.plan_low, t.trajectory_value) as plan_high
    from trajectory as t
    left join {{ ref('stg_plan__trajectory') }} as p
        on p.indicator_code = t.indicator_code and p.year = t.year and t.target_variant = 'target'
    where p.plan_low is not null or t.trajectory_value is not null
)

select * from year_plans
