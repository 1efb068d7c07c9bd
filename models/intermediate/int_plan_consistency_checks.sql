-- Contradictions inside the plan: the Phụ lục 4 scenario set against the targets it is meant to reach.
--   level       the scenario's value in the target year vs the target;
--   avg_growth  the geometric average of the scenario's yearly growth vs the target;
--   cumulative  the sum of the scenario's yearly values vs the target;
--   stretch     the same scenario figure vs the "phấn đấu" value, where one exists.
-- The document prints average growth rates to one decimal (13,0; 15,2), so a geometric average is
-- rounded to one decimal before it is judged: 10,8996 meets "10,9".
-- severity: contradiction (the scenario misses the target), divergence (it meets the target but a
-- level scenario overshoots it by more than 5%: the two describe different 2030s), note (below the
-- stretch aim), consistent.
with targets as (
    select * from {{ ref('int_indicators_unioned') }}
    where is_assessable and as_of_date = {{ as_of_date() }}
),

trajectory as (
    select * from {{ ref('stg_plan__trajectory') }}
),

scenario_figure as (
    select
        t.indicator_code,
        'level_final_year' as check_code,
        max(t.plan_low) filter (where t.year = i.target_year) as scenario_low,
        max(t.plan_high) filter (where t.year = i.target_year) as scenario_high,
        'giá trị kịch bản năm ' || max(i.target_year) as scenario_label_vi
    from trajectory as t
    inner join targets as i on i.indicator_code = t.indicator_code
    where i.kind = 'level'
    group by t.indicator_code

    union all

    select
        t.indicator_code,
        'avg_growth_geometric' as check_code,
        round({{ geometric_mean_growth('t.plan_low') }}, 1) as scenario_low,
        round({{ geometric_mean_growth('t.plan_high') }}, 1) as scenario_high,
        'tăng bình quân (nhân) của kịch bản 2026–2030' as scenario_label_vi
    from trajectory as t
    inner join targets as i on i.indicator_code = t.indicator_code
    where i.kind = 'avg_growth'
    group by t.indicator_code

    union all

    select
        t.indicator_code,
        'cumulative_sum' as check_code,
        sum(t.plan_low) as scenario_low,
        sum(t.plan_high) as scenario_high,
        'tổng 5 năm của kịch bản 2026–2030' as scenario_label_vi
    from trajectory as t
    inner join targets as i on i.indicator_code = t.indicator_code
    where i.kind = 'cumulative'
    group by t.indicator_code
),

judged as (
    select
        s.indicator_code,
        s.check_code,
        s.scenario_label_vi,
        s.scenario_low,
        s.scenario_high,
        i.comparator,
        i.target_low,
        i.target_high,
        i.stretch_value,
        i.unit,
        case i.comparator
            when '>=' then s.scenario_low >= i.target_low
            when '>' then s.scenario_low > i.target_low
            when '<=' then s.scenario_high <= i.target_low
            when 'range' then s.scenario_low >= i.target_low and s.scenario_high <= i.target_high
            -- "khoảng" (about): within 1% of the value
            when '=' then abs(s.scenario_low - i.target_low) <= 0.01 * abs(i.target_low)
        end as meets_target,
        (s.scenario_high - coalesce(i.target_high, i.target_low))
            / nullif(abs(coalesce(i.target_high, i.target_low)), 0) * 100 as overshoot_pct
    from scenario_figure as s
    inner join targets as i on i.indicator_code = s.indicator_code
),

checks as (
    select
        indicator_code,
        check_code,
        scenario_label_vi,
        scenario_low,
        scenario_high,
        comparator,
        target_low,
        target_high,
        unit,
        case
            when not meets_target then 'contradiction'
            when check_code = 'level_final_year' and overshoot_pct > 5 then 'divergence'
            else 'consistent'
        end as severity,
        overshoot_pct
    from judged

    union all

    select
        indicator_code,
        check_code || '_vs_stretch' as check_code,
        scenario_label_vi,
        scenario_low,
        scenario_high,
        '>=' as comparator,
        stretch_value as target_low,
        null as target_high,
        unit,
        case when scenario_low >= stretch_value then 'consistent' else 'note' end as severity,
        (scenario_low - stretch_value) / nullif(abs(stretch_value), 0) * 100 as overshoot_pct
    from judged
    where stretch_value is not null
)

select
    indicator_code || '/' || check_code as check_id,
    indicator_code,
    check_code,
    severity,
    scenario_low,
    scenario_high,
    comparator,
    target_low,
    target_high,
    overshoot_pct,
    'Chỉ tiêu ' || indicator_code || ': ' || scenario_label_vi || ' là '
    || case
        when scenario_low = scenario_high then {{ vn_number('scenario_low', 2) }}
        else {{ vn_number('scenario_low', 2) }} || '–' || {{ vn_number('scenario_high', 2) }}
    end
    || ' ' || coalesce(unit, '')
    || case check_code like '%_vs_stretch' when true then ', so với mức phấn đấu ' else ', so với mục tiêu ' end
    || case comparator when '>=' then '≥ ' when '<=' then '≤ ' when '=' then 'khoảng ' when 'range' then ''
        else comparator || ' ' end
    || case
        when comparator = 'range' then {{ vn_number('target_low', 2) }} || '–' || {{ vn_number('target_high', 2) }}
        else {{ vn_number('target_low', 2) }}
    end
    || ' ' || coalesce(unit, '')
    || case severity
        when 'contradiction' then case comparator
            when 'range' then ': kịch bản nằm ngoài khoảng mục tiêu.'
            else ': kịch bản không đạt mục tiêu.' end
        when 'divergence'
            then ': kịch bản vượt mục tiêu ' || {{ vn_number('overshoot_pct', 1) }} || '%, hai con số không khớp.'
        when 'note' then ': kịch bản thấp hơn mức phấn đấu.'
        else ': khớp.'
    end as explanation_vi
from checks
