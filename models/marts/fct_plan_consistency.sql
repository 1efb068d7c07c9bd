-- The plan-consistency check, one row per check; reports list the rows whose severity is not `consistent`.
select * from {{ ref('int_plan_consistency_checks') }}
