-- The task register in force on the as-of date (int_tasks_in_force): every PHỤ LỤC 2 task with its deadline as
-- printed and as parsed, amendments in force applied (the contract in dim_task.yml fixes the columns).
with tasks as (
    select * from {{ ref('int_tasks_in_force') }}
)

select * from tasks
