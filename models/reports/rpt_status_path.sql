-- Each key indicator's status path over the quarters (docs/method.md, Status paths): one row per key
-- indicator and as-of date of fct_indicator_assessment_history (every quarter-end from 2026-03-31 and the
-- report's as-of date, the as_of var: a past date's copy holds later dates too, left out), in the report's
-- order; `quarter` names the quarter an as-of date ends, empty for an as-of date that ends none. The annual and
-- mid-term reports print it as a table.
with paths as (
    select
        k.position,
        k.indicator_code,
        k.name_vi,
        h.as_of_date,
        h.as_of_date = {{ as_of_date() }} as is_build_as_of,
        h.status,
        case
            when h.as_of_date = last_day(h.as_of_date) and month(h.as_of_date) % 3 = 0
                then year(h.as_of_date) || '-Q' || (month(h.as_of_date) // 3)
        end as quarter
    from {{ ref('rpt_key_indicators') }} as k
    inner join {{ ref('fct_indicator_assessment_history') }} as h on h.indicator_code = k.indicator_code
    where h.as_of_date <= {{ as_of_date() }}
)

select * from paths
