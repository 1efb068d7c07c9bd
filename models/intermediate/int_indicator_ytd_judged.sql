-- Year-to-date figures (docs/method.md §3.6): the latest "6 tháng" / "9 tháng" (preferred) or quarterly figure of
-- a year that has no full-year figure yet, judged against the same year's plan, provisionally. The plan is
-- the Phụ lục 4 value, else the planned trajectory from the baseline to the target
-- (int_indicator_year_planned); the estimate of the year is int_indicator_years_collected's:
--   estimate_of_year (growth rates, shares): the figure itself; deviation = estimate − plan (nearer bound
--                    of a planned range);
--   partial_sum (flows): value·12/m (pro-rata); deviation = estimate − plan, and share_of_plan = value /
--                    plan beside the share of the year elapsed (m / 12);
--   not_reported     (a part-year figure of a yearly indicator): no estimate; share_of_plan only.
with partial_year as (
    select
        a.as_of_date,
        a.indicator_code,
        a.period_year as year,
        a.period,
        a.period_type,
        a.period_end_month,
        a.value,
        a.status,
        coalesce(i.part_year_figure, 'not_reported') as part_year_figure,
        i.direction
    from {{ ref('int_actuals_selected') }} as a
    inner join {{ ref('int_indicators_unioned') }} as i
        on i.as_of_date = a.as_of_date and i.indicator_code = a.indicator_code
    where a.period_type in ('ytd', 'quarter')
        and not exists (
            select 1 from {{ ref('int_actuals_selected') }} as y
            where y.as_of_date = a.as_of_date and y.indicator_code = a.indicator_code
                and y.period_year = a.period_year
                and y.period_type = 'year'
        )
    qualify row_number() over (
        partition by a.as_of_date, a.indicator_code
        order by a.period_year desc, a.period_type = 'ytd' desc, a.period_end_month desc
    ) = 1
),

judged as (
    select
        y.*,
        e.value as annual_estimate,
        e.estimate_method,
        p.plan_source,
        p.plan_low,
        p.plan_high
    from partial_year as y
    left join {{ ref('int_indicator_years_collected') }} as e
        on e.as_of_date = y.as_of_date and e.indicator_code = y.indicator_code
        and e.year = y.year and e.period = y.period and e.is_provisional
    left join {{ ref('int_indicator_year_planned') }} as p
        on p.as_of_date = y.as_of_date and p.indicator_code = y.indicator_code and p.year = y.year
        and p.target_variant = 'target'
),

part_year_judged as (
    select
        as_of_date,
        indicator_code,
        year as ytd_year,
        period as ytd_period,
        period_type as ytd_period_type,
        value as ytd_value,
        status as ytd_status,
        part_year_figure,
        part_year_figure = 'estimate_of_year' as is_rate,
        annual_estimate as ytd_annual_estimate,
        estimate_method as ytd_estimate_method,
        plan_source as ytd_plan_source,
        plan_low as ytd_plan_low,
        plan_high as ytd_plan_high,
        -- the plan the estimate is set against: the nearer bound of a planned range
        {{ nearer_bound('annual_estimate', 'plan_low', 'plan_high', 'direction') }} as ytd_plan_value,
        case
            when annual_estimate < plan_low then annual_estimate - plan_low
            when annual_estimate > plan_high then annual_estimate - plan_high
            when annual_estimate is not null and plan_low is not null then 0
        end as ytd_deviation_from_plan,
        case when part_year_figure <> 'estimate_of_year' and plan_low > 0 then value / plan_low end
            as ytd_share_of_plan,
        -- a quarter's figure is one quarter's worth; a YTD figure covers January to its end month
        case when period_type = 'quarter' then 0.25 else period_end_month / 12.0 end as ytd_share_of_year,
        true as is_provisional
    from judged
)

select * from part_year_judged
