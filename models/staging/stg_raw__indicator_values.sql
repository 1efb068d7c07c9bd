-- Every accepted indicator figure (raw.indicator_values), typed; the period code is split into its year
-- and the last month it covers (12 for a year, 3·q for a quarter, the month, or the YTD end month), and
-- the status gets its rank (uoc_tinh 1 < so_bo 2 < chinh_thuc 3) so vintages can be ordered.
select
    load_id,
    row_no,
    sheet,
    indicator_code,
    period,
    period_type,
    cast(left(period, 4) as integer) as period_year,
    case period_type
        when 'year' then 12
        when 'quarter' then 3 * cast(right(period, 1) as integer)
        else cast(right(period, 2) as integer)
    end as period_end_month,
    value,
    value_text,
    unit,
    status,
    case status when 'uoc_tinh' then 1 when 'so_bo' then 2 when 'chinh_thuc' then 3 end as status_rank,
    note,
    submitted_value,
    submitted_unit,
    warning
from {{ source('raw', 'indicator_values') }}
