-- The current value of each indicator and period as of the build's as-of date (var `as_of`): the highest
-- status first (uoc_tinh < so_bo < chinh_thuc), then the latest received (see int_actuals_selected).
with current_values as (
    select
        * exclude (period_end_month, as_of_date, is_build_as_of, vintage_key),
        as_of_date
    from {{ ref('int_actuals_selected') }}
    where as_of_date = {{ as_of_date() }}
)

select * from current_values
