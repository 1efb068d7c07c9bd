-- A submission is missing exactly when nothing was received, late exactly when it has days late (> 0),
-- and whatever was received came from the agency itself or from the statistics office on its behalf.
select agency_code, obligation_code, period, status, received_at, days_late, received_from_agency_code
from {{ ref('fct_submission_status') }}
where (status = 'missing') <> (received_at is null)
    or (status = 'late') <> coalesce(days_late > 0, false)
    or (received_at is not null and received_from_agency_code not in (agency_code, 'TKTP'))
