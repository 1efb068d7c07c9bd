-- How each indicator's status moved between the previous quarter-end and now (docs/method.md, Movement
-- between quarters): per quarterly report period and indicator, the status at the end of the quarter before
-- the report's (fct_indicator_assessment_history at that as-of date) and the report's as-of date (the
-- history's row for the as_of var: in a past date's copy the history also holds later dates), judged by
-- the status order of the label seed: the position of the classes counted in a group of Vietnamese reports
-- (group_vi; achieved 1 … regressing 5). no_data and not_assessable have no group and no rank: they say
-- nothing about progress.
--   unchanged  the same status;
--   new        no earlier status with a rank (not assessed yet, or no data then): nothing to compare with;
--   unrated    a ranked status then, none now (its data withdrawn): neither better nor worse;
--   improved / worsened  a better / worse rank now.
with history as (
    select * from {{ ref('fct_indicator_assessment_history') }}
    where as_of_date <= {{ as_of_date() }}
),

ranks as (
    select
        code as status,
        position as movement_rank
    from {{ ref('labels_status') }}
    where domain = 'assessment' and group_vi is not null
),

now_rows as (
    select * from history
    where as_of_date = {{ as_of_date() }}
),

quarters as (
    select
        *,
        cast(period_start - interval 1 day as date) as previous_quarter_end
    from {{ ref('rpt_report_periods') }}
),

paired as (
    select
        q.period as report_period,
        n.indicator_code,
        n.name_vi,
        q.previous_quarter_end,
        p.as_of_date as previous_as_of_date,
        n.as_of_date as now_as_of_date,
        p.status as status_previous,
        n.status as status_now,
        rp.movement_rank as rank_previous,
        rn.movement_rank as rank_now
    from quarters as q
    inner join now_rows as n on n.as_of_date > q.previous_quarter_end
    left join history as p
        on
            p.indicator_code = n.indicator_code
            and p.as_of_date = q.previous_quarter_end
    left join ranks as rp on rp.status = p.status
    left join ranks as rn on rn.status = n.status
    where q.period_type = 'quarter'
),

moved as (
    select
        *,
        case
            when status_previous = status_now then 'unchanged'
            when rank_previous is null then 'new'
            when rank_now is null then 'unrated'
            when rank_now < rank_previous then 'improved'
            when rank_now > rank_previous then 'worsened'
            else 'unchanged'
        end as movement
    from paired
)

select * from moved
