-- The fan a key-indicator chart of the annual report draws (docs/method.md §7.3): the projection year by year
-- to the target year with its 80% band, as of the report's date, starting at the latest closed year's figure
-- (years_ahead 0, the band closed on it) so the fan opens from the last point of the actual line. A five-year
-- total is the running sum of the period, as rpt_key_indicator_actuals draws it.
with key_indicators as (
    select indicator_code from {{ ref('rpt_key_indicators') }}
),

path as (
    select p.*
    from {{ ref('int_target_projection_path') }} as p
    inner join key_indicators as k on k.indicator_code = p.indicator_code
    where p.as_of_date = {{ as_of_date() }} and p.target_variant = 'target'
),

starts as (
    select distinct
        indicator_code,
        latest_year as year,
        0 as years_ahead,
        case when method = 'cumulative' then coalesce(period_sum, 0) else latest_value end as start_value
    from path
),

fan as (
    select indicator_code, year, years_ahead, projected_central, projected_low, projected_high
    from path
    union all
    select
        indicator_code,
        year,
        years_ahead,
        start_value as projected_central,
        start_value as projected_low,
        start_value as projected_high
    from starts
)

select * from fan
