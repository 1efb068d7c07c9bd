-- Every spelling of an agency in the document, mapped to its code.
select
    alias_text,
    agency_code,
    first_seen
from {{ ref('plan_agency_aliases') }}
