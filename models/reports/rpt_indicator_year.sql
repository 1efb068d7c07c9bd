-- The annual report's table of every assessable indicator: per report year, the baseline-year figure, the
-- year's figure (its state and note) and the year's Phụ lục 4 scenario, with the indicator's assessment;
-- `position` orders Phụ lục 1 first, then the targets of section III.
with indicator_year as (
    select
        y.period_year as report_year,
        row_number() over (
            partition by y.period_year order by i.source = 'narrative', i.source_order, i.indicator_code
        ) as position,
        i.indicator_code,
        i.name_vi,
        i.comparator,
        i.target_low,
        i.target_high,
        i.unit,
        y0.value as value_baseline,
        y1.value as value_year,
        y1.status as value_state,
        {{ status_vi('y1.status', 'figure') }} as value_state_vi,
        y1.note as value_note,
        p.plan_low,
        p.plan_high,
        a.status,
        a.is_provisional
    from {{ ref('rpt_report_periods') }} as y
    cross join {{ ref('dim_indicator') }} as i
    left join {{ ref('fct_actuals') }} as y0
        on y0.indicator_code = i.indicator_code and y0.period = '{{ var("plan_baseline_year") }}'
    left join {{ ref('fct_actuals') }} as y1
        on y1.indicator_code = i.indicator_code and y1.period = y.period
    left join {{ ref('fct_plan_trajectory') }} as p on p.indicator_code = i.indicator_code and p.year = y.period_year
    left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
    where y.period_type = 'year' and i.is_assessable
)

select * from indicator_year
