-- Every data submission due by the build's as-of date, per agency and period, and whether it came
-- (DATA_SUBMISSION_QUARTERLY / _ANNUAL of fct_reporting_calendar). Who owes what: the calendar's group
-- CAC_SO_NGANH ("các sở, ngành") stands for every agency leading an indicator, but a quarterly submission
-- is owed only by an agency leading an indicator reported quarterly (dim_indicator.reporting_frequency),
-- a yearly one by an agency leading any assessable indicator; an agency the calendar names itself (TKTP)
-- owes both. A submission for (agency, period) is received when any load received by the as-of date,
-- from the agency itself or from the statistics office (TKTP) on its behalf, has a figure for an
-- indicator the agency leads for that period: a year figure for the year; a quarter figure for its
-- quarter; a year-to-date figure ending with a quarter (6 tháng → Q2, 9 tháng → Q3) for that quarter
-- (int_submission_figures_first). Month figures are not a quarter's data. The earliest such load
-- decides (received_from_agency_code says who sent it): on_time if received by the end of the due date,
-- late otherwise (days_late), missing if none by the as-of date.
{% set statistics_office = 'TKTP' %}
with as_of as (
    select {{ as_of_date() }} as as_of_date
),

leads as (
    select
        unnest(lead_agency_codes) as agency_code,
        indicator_code,
        is_assessable,
        reporting_frequency
    from {{ ref('dim_indicator') }}
),

owing as (
    select
        agency_code,
        bool_or(is_assessable) as owes_yearly,
        bool_or(is_assessable and reporting_frequency = 'quarterly') as owes_quarterly
    from leads
    group by agency_code
),

obligations as (
    select distinct
        coalesce(o.agency_code, r.code) as agency_code,
        c.obligation_code,
        c.period,
        c.due_date
    from {{ ref('fct_reporting_calendar') }} as c
    cross join unnest(c.responsible_agency_codes) as r (code)
    left join owing as o
        on r.code = 'CAC_SO_NGANH'
        and case when c.period_type = 'quarter' then o.owes_quarterly else o.owes_yearly end
    cross join as_of
    where c.obligation_code in ('DATA_SUBMISSION_QUARTERLY', 'DATA_SUBMISSION_ANNUAL')
        and c.due_date <= as_of.as_of_date
        and (r.code <> 'CAC_SO_NGANH' or o.agency_code is not null)
),

-- the earliest load of each sender, indicator and covered period (int_submission_figures_first, incremental:
-- the one model here that reads every raw figure), when received by the as-of date
figures as (
    select f.*
    from {{ ref('int_submission_figures_first') }} as f
    cross join as_of
    where f.received_at < cast(as_of.as_of_date + interval 1 day as timestamp)
),

first_received as (
    select
        o.agency_code,
        o.obligation_code,
        o.period,
        f.received_at,
        f.sender_code,
        f.load_id
    from obligations as o
    inner join leads as i on i.agency_code = o.agency_code
    inner join figures as f
        on f.indicator_code = i.indicator_code
        and f.covered_period = o.period
        and f.sender_code in (o.agency_code, '{{ statistics_office }}')
    -- the earliest load decides; at the same moment the agency's own load is named
    qualify row_number() over (
        partition by o.agency_code, o.obligation_code, o.period
        order by f.received_at, f.sender_code <> o.agency_code, f.load_id
    ) = 1
)

select
    o.agency_code,
    o.obligation_code,
    o.period,
    o.due_date,
    r.received_at,
    r.sender_code as received_from_agency_code,
    case
        when r.received_at is null then 'missing'
        when r.received_at < cast(o.due_date + interval 1 day as timestamp) then 'on_time'
        else 'late'
    end as status,
    case when r.received_at >= cast(o.due_date + interval 1 day as timestamp)
        then date_diff('day', o.due_date, r.received_at::date)
    end as days_late,
    r.load_id,
    (select as_of.as_of_date from as_of) as as_of_date
from obligations as o
left join first_received as r
    on r.agency_code = o.agency_code and r.obligation_code = o.obligation_code and r.period = o.period
