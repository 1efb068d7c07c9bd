-- The current value of each indicator and period as of each date of int_as_of_dates (docs/domain.md,
-- Vintages): only loads received by the end of that day count; among them the highest status wins
-- (uoc_tinh < so_bo < chinh_thuc), then the most recently received. Ties inside one load (the same
-- figure twice in a file) go to the later row.
with known as (
    select
        d.as_of_date,
        d.is_build_as_of,
        v.*,
        l.agency_code,
        l.received_at,
        l.is_sample
    from {{ ref('stg_raw__indicator_values') }} as v
    inner join {{ ref('stg_raw__loads') }} as l on l.load_id = v.load_id
    inner join {{ ref('int_as_of_dates') }} as d
        on l.received_at < cast(d.as_of_date + interval 1 day as timestamp)
),

ranked as (
    select
        *,
        row_number() over (
            partition by as_of_date, indicator_code, period
            order by status_rank desc, received_at desc, load_id desc, sheet desc, row_no desc
        ) as vintage_rank,
        count(*) over (partition by as_of_date, indicator_code, period) as n_vintages
    from known
),

current_values as (
    select
        as_of_date,
        is_build_as_of,
        indicator_code,
        period,
        period_type,
        period_year,
        value,
        value_text,
        unit,
        status,
        load_id,
        agency_code,
        received_at,
        n_vintages,
        is_sample,
        note,
        period_end_month
    from ranked
    where vintage_rank = 1
)

select * from current_values
