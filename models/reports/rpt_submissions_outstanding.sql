-- Per quarter a report covers, the data submissions of every period ended by the quarter's end that came
-- late or have not come (by the as-of date), with the status label from the label seed.
with outstanding as (
    select
        p.period as report_period,
        coalesce(g.short_name_vi, s.agency_code) as agency,
        s.period,
        s.due_date,
        s.status,
        {{ status_vi('s.status', 'submission') }} as status_vi,
        s.received_at,
        s.days_late
    from {{ ref('rpt_report_periods') }} as p
    inner join {{ ref('fct_reporting_calendar') }} as c on c.period_end <= p.period_end
    inner join {{ ref('fct_submission_status') }} as s
        on s.obligation_code = c.obligation_code and s.period = c.period
    left join {{ ref('dim_agency') }} as g on g.agency_code = s.agency_code
    where p.period_type = 'quarter' and s.status in ('late', 'missing')
)

select * from outstanding
