-- Amendments of the programme, from seed plan_amendments: typed, with the catalogue each one changes
-- (indicator / task) and the catalogue column its field names.
with amendments as (
    select
        amendment_id,
        object_kind,
        object_code,
        nullif(field, '') as field,
        nullif(old_value, '') as old_value,
        nullif(new_value, '') as new_value,
        decision_no,
        decision_date,
        effective_date,
        nullif(note_vi, '') as note_vi
    from {{ ref('plan_amendments') }}
),

located as (
    select
        *,
        case
            when object_kind in ('indicator_target', 'indicator_added', 'indicator_removed') then 'indicator'
            when object_kind in ('task_deadline', 'task_added', 'task_removed') then 'task'
            when field = 'indicator_lead_agency_codes' then 'indicator'
            when field = 'task_lead_agency_codes' then 'task'
        end as catalogue,
        case
            when object_kind = 'lead_agency' then 'lead_agency_codes'
            else field
        end as column_name
    from amendments
)

select * from located
