-- What each key-indicator chart of the annual report of a year says (the chart's one message), decided
-- here and worded by planwatch/report/cells/captions.py: per report year and key indicator,
--   message = no_data       no full-year figure and no part-year figure of that year;
--             value         the year's figure, no scenario for it;
--             versus_plan   the year's figure against the year's scenario;
--             part_year     the year not closed yet: its part-year figure (tạm tính), as
--                           basis = to_date (a five-year total: the running sum to date against the plan to
--                           date), pro_rata (the year-to-date amount and the full year it implies) or
--                           part_year (the year-to-date figure itself),
--                           against the scenario, else the path to the year's target (versus).
-- `value`/`compare` are what is said and compared; `point_year` places the provisional point.
with figures as (
    select
        y.period_year as report_year,
        k.*,
        a.value as year_value,
        p.plan_low as year_plan,
        coalesce(a.value is null and left(k.ytd_period, 4) = y.period, false) as is_part_year
    from {{ ref('rpt_report_periods') }} as y
    cross join {{ ref('rpt_key_indicators') }} as k
    left join {{ ref('rpt_key_indicator_actuals') }} as a
        on a.indicator_code = k.indicator_code and a.year = y.period_year
    left join {{ ref('rpt_key_indicator_plan') }} as p
        on p.indicator_code = k.indicator_code and p.year = y.period_year
    where y.period_type = 'year'
),

based as (
    select
        *,
        case
            when not is_part_year then null
            when is_cumulative and sum_to_date is not null then 'to_date'
            when ytd_estimate_method = 'pro_rata' then 'pro_rata'
            else 'part_year'
        end as basis
    from figures
),

compared as (
    select
        *,
        case
            when basis is not null then 'part_year'
            when year_value is null then 'no_data'
            when year_plan is null then 'value'
            else 'versus_plan'
        end as message,
        case
            when basis = 'to_date' then sum_to_date
            when basis is not null then ytd_annual_estimate
            else year_value
        end as value,
        case basis when 'to_date' then plan_to_date else year_plan end as plan_compare,
        case
            when basis = 'to_date' then report_year - 1 + coalesce(nullif(ytd_share_of_year, 0), 1)
            when basis is not null then report_year
        end as point_year
    from based
),

decided as (
    select
        *,
        case
            when basis is null then 'scenario'
            when plan_compare is null and ytd_plan_value is not null then 'target_path'
            when basis = 'to_date' then 'plan_to_date'
            else 'scenario'
        end as versus,
        coalesce(plan_compare, case when basis is not null then ytd_plan_value end) as compare
    from compared
),

worded as (
    select
        *,
        value >= compare as is_beyond,
        basis = 'pro_rata' and not is_cumulative as is_annual_estimate
    from decided
)

select * from worded
