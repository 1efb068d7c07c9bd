-- The assessment at a glance: how many indicators are in each status (the statuses that occur), in the
-- label seed's order, with their share of all indicators assessable by figures and the group Vietnamese
-- reports count them in (Đã đạt: vượt hoặc đạt kế hoạch; Đúng tiến độ: đạt tiến độ; …).
with counted as (
    select
        status,
        count(*) as indicators
    from {{ ref('fct_indicator_assessment') }}
    where status <> 'not_assessable'
    group by status
),

summary as (
    select
        c.status,
        l.position,
        c.indicators,
        100 * c.indicators / sum(c.indicators) over () as share_pct,
        l.group_vi
    from counted as c
    left join {{ ref('labels_status') }} as l on l.domain = 'assessment' and l.code = c.status
)

select * from summary
