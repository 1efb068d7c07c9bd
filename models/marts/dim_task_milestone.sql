-- Dated steps of tasks whose deadline names several, each with an id of its own.
with milestones as (
    select
        task_code || '#' || milestone_no as milestone_id,
        *
    from {{ ref('stg_plan__task_milestones') }}
)

select * from milestones
