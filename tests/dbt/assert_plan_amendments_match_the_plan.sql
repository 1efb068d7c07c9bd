-- Every amendment of seeds/plan_amendments.csv fits the plan it amends: its field suits its kind, the
-- object exists (or, added, does not yet), and its old_value is the value in the plan before it
-- (int_plan_amendments_checked). Each row returned names the amendment and what is wrong.
select
    amendment_id,
    object_kind,
    object_code,
    field,
    old_value,
    value_before,
    problem_vi
from {{ ref('int_plan_amendments_checked') }}
where not matches_plan
