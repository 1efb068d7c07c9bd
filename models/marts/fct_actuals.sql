-- The current value of each indicator and period as of the build's as-of date (var `as_of`): the highest
-- status first (uoc_tinh < so_bo < chinh_thuc), then the latest received (see int_actuals_selected).
select
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
    {{ as_of_date() }} as as_of_date
from {{ ref('int_actuals_selected') }}
