-- The task register: every PHỤ LỤC 2 task with its deadline as printed and as parsed (the agencies as codes;
-- the contract in dim_task.yml fixes the columns and their order).
with tasks as (
    select * exclude (lead_agency_text, support_agency_text)
    from {{ ref('stg_plan__tasks') }}
)

select * from tasks
