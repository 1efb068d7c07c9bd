-- Every submission due is on time, late or missing: the three add up to submissions_due.
select agency_code, submissions_due, submissions_on_time, submissions_late, submissions_missing
from {{ ref('fct_agency_scorecard') }}
where submissions_due <> submissions_on_time + submissions_late + submissions_missing
