-- The reporting calendar: every report and data submission the programme requires, with its due date.
select
    obligation_code || '/' || period as calendar_id,
    obligation_code,
    report_kind,
    period,
    period_type,
    year,
    quarter,
    period_start,
    period_end,
    due_date,
    responsible_agency_codes,
    due_rule_source
from {{ ref('int_reporting_periods_expanded') }}
