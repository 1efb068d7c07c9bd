-- Who reports what and when (section IV), with the due-date conventions planwatch applies.
select * replace (
    {{ code_lists(['responsible_agency_codes']) }},
    {{ blanks_to_null(['note_vi']) }}
)
from {{ ref('plan_reporting_obligations') }}
