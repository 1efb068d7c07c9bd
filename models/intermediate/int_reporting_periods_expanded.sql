-- Each reporting obligation expanded to its periods: one row per quarter (cadence quarterly) or per year
-- (yearly, once), between first_period and last_period. Period codes are the canonical ones of
-- docs/domain.md, Periods (`2026-Q3`, `2026`); due date = period end + due_days_after_period_end (may be negative:
-- the mid-term and end-of-term reviews are held inside the year they cover).
with obligations as (
    select
        *,
        cast(left(first_period, 4) as integer) as first_year,
        cast(left(last_period, 4) as integer) as last_year,
        coalesce(try_cast(regexp_extract(first_period, 'Q([1-4])$', 1) as integer), 1) as first_quarter,
        coalesce(try_cast(regexp_extract(last_period, 'Q([1-4])$', 1) as integer), 4) as last_quarter
    from {{ ref('stg_plan__reporting_obligations') }}
),

quarterly as (
    select
        o.obligation_code,
        y.year::integer as year,
        q.quarter::integer as quarter,
        y.year::varchar || '-Q' || q.quarter::varchar as period,
        'quarter' as period_type,
        make_date(y.year::integer, 3 * q.quarter::integer - 2, 1) as period_start,
        last_day(make_date(y.year::integer, 3 * q.quarter::integer, 1)) as period_end
    from obligations as o
    cross join range(o.first_year, o.last_year + 1) as y (year)
    cross join range(1, 5) as q (quarter)
    where o.cadence = 'quarterly'
        and y.year * 10 + q.quarter between o.first_year * 10 + o.first_quarter
        and o.last_year * 10 + o.last_quarter
),

yearly as (
    select
        o.obligation_code,
        y.year::integer as year,
        null::integer as quarter,
        y.year::varchar as period,
        'year' as period_type,
        make_date(y.year::integer, 1, 1) as period_start,
        make_date(y.year::integer, 12, 31) as period_end
    from obligations as o
    cross join range(o.first_year, o.last_year + 1) as y (year)
    where o.cadence in ('yearly', 'once')
)

select
    p.obligation_code,
    o.report_kind,
    o.cadence,
    p.period,
    p.period_type,
    p.year,
    p.quarter,
    p.period_start,
    p.period_end,
    (p.period_end + to_days(o.due_days_after_period_end))::date as due_date,
    o.responsible_agency_codes,
    o.due_rule_source
from (
    select * from quarterly
    union all
    select * from yearly
) as p
inner join obligations as o on o.obligation_code = p.obligation_code
