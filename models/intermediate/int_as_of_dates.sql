-- The dates the indicator assessment is computed as of (docs/method.md, Assessment history): every quarter-end
-- from the end of the plan's first quarter (31/03/2026) up to the build's as-of date, and the build's as-of date
-- itself (is_build_as_of). Each is judged on what was known on that date: the loads received by the end of the
-- day (int_actuals_selected) and the amendments in force (int_plan_amendment_values). With the var
-- assessment_history false (a temporary warehouse for one past date) only the build's date.
with quarter_ends as (
    select (q.quarter_start + interval 3 month - interval 1 day)::date as as_of_date
    from generate_series(
        make_date({{ var('plan_first_year') }}, 1, 1)::timestamp,
        {{ as_of_date() }}::timestamp,
        interval 3 month
    ) as q (quarter_start)
),

dates as (
    {% if var('assessment_history') -%}
        select as_of_date from quarter_ends
        where as_of_date < {{ as_of_date() }}
        union all
    {% endif -%}
    select {{ as_of_date() }} as as_of_date
),

as_of_dates as (
    select
        as_of_date,
        as_of_date = {{ as_of_date() }} as is_build_as_of
    from dates
)

select * from as_of_dates
