-- Dated steps of tasks whose deadline names several, each with an id of its own (of the tasks in force: a
-- removed task's steps go with it).
with milestones as (
    select
        task_code || '#' || milestone_no as milestone_id,
        *
    from {{ ref('stg_plan__task_milestones') }}
    where task_code in (select t.task_code from {{ ref('int_tasks_in_force') }} as t)
)

select * from milestones
