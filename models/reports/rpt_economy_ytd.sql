-- The quarterly report's economy table: per quarter and key economic indicator, the latest part-year
-- figure of that year up to the quarter's end (a year-to-date figure before a quarter's own figure of the
-- same months), against the year's Phụ lục 4 scenario: the gap in points for a rate, the share of the
-- year's scenario reached for an amount.
with key_codes as (
    select [
        'II.1', 'II.1.a', 'II.1.a.1', 'II.1.a.2', 'II.1.b', 'II.1.c', 'II.1.d',
        'II.4', 'II.6', 'II.6.a', 'II.7', 'II.8', 'II.9', 'II.10'
    ] as codes
),

key_indicators as (
    select
        unnest(codes) as indicator_code,
        unnest(range(1, len(codes) + 1)) as position
    from key_codes
),

quarters as (
    select * from {{ ref('rpt_report_periods') }}
    where period_type = 'quarter'
),

part_year as (
    select
        q.period as report_period,
        f.indicator_code,
        f.period,
        f.period_type,
        f.value,
        f.status,
        f.note,
        case f.period_type
            when 'ytd' then cast(right(f.period, 2) as integer)
            else 3 * cast(right(f.period, 1) as integer)
        end as months,
        month(q.period_end) as report_months
    from quarters as q
    inner join {{ ref('fct_actuals') }} as f
        on f.period_year = q.period_year and (f.period_type = 'ytd' or f.period = q.period)
),

latest as (
    select * from part_year
    where months <= report_months
    qualify row_number() over (
        partition by report_period, indicator_code order by months desc, period_type = 'ytd' desc
    ) = 1
),

economy as (
    select
        q.period as report_period,
        k.position,
        i.indicator_code,
        i.name_vi,
        i.unit,
        l.period,
        l.months,
        l.value,
        l.status,
        {{ status_vi('l.status', 'figure') }} as status_vi,
        l.note,
        p.plan_low,
        p.plan_high,
        case
            when starts_with(i.unit, '%') and l.value is not null and p.plan_low is not null
                then case
                    when l.value < p.plan_low then l.value - p.plan_low
                    else greatest(l.value - coalesce(p.plan_high, p.plan_low), 0)
                end
        end as gap_points,
        case
            when not starts_with(i.unit, '%') and l.value is not null and p.plan_low is not null
                then 100 * l.value / coalesce(p.plan_high, p.plan_low)
        end as share_of_plan_pct,
        a.status as assessment,
        a.is_provisional
    from quarters as q
    cross join key_indicators as k
    inner join {{ ref('dim_indicator') }} as i on i.indicator_code = k.indicator_code
    left join latest as l on l.report_period = q.period and l.indicator_code = i.indicator_code
    left join {{ ref('fct_plan_trajectory') }} as p on p.indicator_code = i.indicator_code and p.year = q.period_year
    left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
)

select * from economy
