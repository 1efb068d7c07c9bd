-- The amendments of the programme in force on the as-of date (effective_date ≤ as-of), each with a
-- sentence saying what it changes, and plan_basis_vi, the phrase reports put after their figures: "theo
-- Chương trình đã điều chỉnh tại <decisions>". No row: the plan as printed is in force.
with in_force as (
    select * from {{ ref('int_plan_amendments_checked') }}
    where is_in_force
),

described as (
    select
        *,
        case catalogue when 'indicator' then 'Chỉ tiêu ' else 'Nhiệm vụ ' end || object_code || ': '
        || case object_kind
            when 'indicator_added' then 'bổ sung vào Chương trình'
            when 'task_added' then 'bổ sung vào Chương trình'
            when 'indicator_removed' then 'đưa ra khỏi Chương trình'
            when 'task_removed' then 'đưa ra khỏi Chương trình'
            else case object_kind
                when 'indicator_target' then 'điều chỉnh mục tiêu'
                when 'task_deadline' then 'điều chỉnh thời hạn'
                else 'điều chỉnh cơ quan chủ trì'
            end || ' (' || column_name || ') từ ' || coalesce({{ seed_value_vi('old_value') }}, '(trống)')
            || ' thành ' || coalesce({{ seed_value_vi('new_value') }}, '(trống)')
        end
        || ', theo ' || decision_no || ' ngày ' || strftime(decision_date, '%d/%m/%Y')
        || ', có hiệu lực từ ' || strftime(effective_date, '%d/%m/%Y') || '.' as statement_vi,
        decision_no || ' ngày ' || strftime(decision_date, '%d/%m/%Y') as decision_vi
    from in_force
),

basis as (
    select string_agg(decision_vi, '; ' order by decision_date, decision_vi) as decisions_vi
    from (select distinct decision_vi, decision_date from described) as decisions
),

final as (
    select
        d.amendment_id,
        d.object_kind,
        d.object_code,
        d.field,
        d.old_value,
        d.new_value,
        d.decision_no,
        d.decision_date,
        d.effective_date,
        d.note_vi,
        d.matches_plan,
        d.statement_vi,
        'theo Chương trình đã điều chỉnh tại ' || b.decisions_vi as plan_basis_vi,
        {{ as_of_date() }} as as_of_date
    from described as d
    cross join basis as b
)

select * from final
