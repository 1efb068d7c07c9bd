-- Where each target stands (docs/method.md §3): one row for the target of every indicator of the catalogue
-- and one for each stretch aim ("phấn đấu"), with the figures its kind's model judged (int_target_level_rank,
-- _avg_growth, _cumulative, _annual, _period_avg) over its window (int_target_windows). The reason is
-- decided here once, in this order, and the status follows from it:
--   not_assessable_kind  a heading, a scenario-only or a qualitative row;   no_target  no target value;
--   part_year_only       no year value, only a part-year amount (9 months of revenue): nothing to judge by;
--   no_data              no value at all;
--   target_met           the target is met (achieved); target_met_provisional on a year that has not
--                        closed (on_track: a year that has not closed cannot be met; a sum is met by the
--                        amounts received, part-year or not);
--   target_year_reached  the period is over and the target not met (insufficient, no ratio);
--   single_point, non_positive_value, no_plan   no ratio can be computed (not_assessable);
--   baseline_met_target  the baseline met the target and yₜ no longer does (regressing);
--   ratio                the Eurostat class of the progress ratio (macro progress_status).
-- A year without a full-year figure is judged from its latest part-year figure: latest_value is then the
-- figure as submitted (is_part_year_judged), its estimate of the year being int_indicator_ytd_judged's.
with judged as (
    select * from {{ ref('int_target_level_rank') }}
    union all by name
    select * from {{ ref('int_target_avg_growth') }}
    union all by name
    select * from {{ ref('int_target_cumulative') }}
    union all by name
    select * from {{ ref('int_target_annual') }}
    union all by name
    select * from {{ ref('int_target_period_avg') }}
),

targets as (
    select as_of_date, indicator_code, 'target' as target_variant from {{ ref('int_indicators_unioned') }}
    union all
    select as_of_date, indicator_code, target_variant from {{ ref('int_target_windows') }}
    where target_variant = 'stretch'
),

reasoned as (
    select
        t.as_of_date,
        t.indicator_code,
        t.target_variant,
        w.method,
        w.years_observed,
        w.latest_year,
        w.latest_period,
        coalesce(j.latest_value, w.latest_value) as latest_value,
        coalesce(j.target_value, i.target_low) as target_value,
        j.is_provisional,
        j.baseline_year,
        j.baseline_value,
        j.actual_rate,
        j.required_rate,
        j.progress_ratio,
        j.required_rate_remaining,
        j.projected_value,
        j.years_met,
        j.sum_to_date,
        j.plan_to_date,
        j.plan_source,
        j.plan_rate,
        j.is_judged_on_year_plan,
        p.ytd_period,
        p.ytd_value,
        case
            when not i.is_assessable then 'not_assessable_kind'
            when w.indicator_code is null then 'no_target'
            when w.latest_year is null and t.target_variant = 'target' and p.ytd_value is not null
                then 'part_year_only'
            when w.latest_year is null then 'no_data'
            when j.is_met and j.is_provisional and j.method <> 'cumulative' then 'target_met_provisional'
            when j.is_met then 'target_met'
            when j.is_period_over then 'target_year_reached'
            when j.no_ratio_reason is not null then j.no_ratio_reason
            else 'ratio'
        end as status_reason
    from targets as t
    inner join {{ ref('int_indicators_unioned') }} as i
        on i.as_of_date = t.as_of_date and i.indicator_code = t.indicator_code
    left join {{ ref('int_target_windows') }} as w
        on w.as_of_date = t.as_of_date and w.indicator_code = t.indicator_code and w.target_variant = t.target_variant
    left join judged as j
        on j.as_of_date = t.as_of_date and j.indicator_code = t.indicator_code and j.target_variant = t.target_variant
    left join {{ ref('int_indicator_ytd_judged') }} as p
        on p.as_of_date = t.as_of_date and p.indicator_code = t.indicator_code
),

statuses as (
    select
        * exclude (ytd_period, ytd_value) replace (
            coalesce(latest_period, ytd_period) as latest_period,
            case when is_provisional and latest_period = ytd_period then ytd_value
                else coalesce(latest_value, ytd_value) end as latest_value,
            coalesce(is_provisional, false) or (latest_value is null and ytd_value is not null) as is_provisional
        ),
        coalesce(is_provisional and latest_period = ytd_period, false) as is_part_year_judged,
        case status_reason
            when 'no_data' then 'no_data'
            when 'target_met' then 'achieved'
            when 'target_met_provisional' then 'on_track'
            when 'target_year_reached' then 'insufficient'
            when 'baseline_met_target' then 'regressing'
            when 'ratio' then {{ progress_status('progress_ratio') }}
            else 'not_assessable'
        end as status
    from reasoned
)

select * from statuses
