-- Every spelling of an agency in the document, mapped to its code.
select * from {{ ref('plan_agency_aliases') }}
