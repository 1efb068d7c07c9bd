-- What the "đạt và vượt x/y chỉ tiêu" sentence counts (planwatch/report/cells/status.py plan_group): per
-- indicator assessable by figures, its status, direction and target, and the value it was judged on (the
-- sum to date for a cumulative target, else the latest figure).
with judged as (
    select
        indicator_code,
        status,
        direction,
        target_value,
        case when method = 'cumulative' then sum_to_date else latest_value end as judged_value
    from {{ ref('fct_indicator_assessment') }}
    where status <> 'not_assessable'
)

select * from judged
