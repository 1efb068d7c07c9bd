-- Who reports what and when (section IV), with the due-date conventions planwatch applies.
select
    obligation_code,
    report_kind,
    cadence,
    {{ split_codes('responsible_agency_codes') }} as responsible_agency_codes,
    first_period,
    last_period,
    due_days_after_period_end,
    due_rule_source,
    quote_vi,
    doc_line,
    nullif(note_vi, '') as note_vi
from {{ ref('plan_reporting_obligations') }}
