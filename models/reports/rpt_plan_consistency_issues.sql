-- The points where the Phụ lục 4 scenario and the programme's own targets disagree (every severity but
-- consistent), with the severity's label and order from the label seed.
with issues as (
    select
        c.indicator_code,
        i.unit,
        c.severity,
        l.label_vi as severity_vi,
        l.position as severity_position,
        c.comparator,
        c.scenario_low,
        c.scenario_high,
        c.target_low,
        c.target_high,
        c.overshoot_pct
    from {{ ref('fct_plan_consistency') }} as c
    inner join {{ ref('dim_indicator') }} as i on i.indicator_code = c.indicator_code
    left join {{ ref('labels_status') }} as l on l.domain = 'severity' and l.code = c.severity
    where c.severity <> 'consistent'
)

select * from issues
