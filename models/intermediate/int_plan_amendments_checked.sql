-- Every amendment of plan_amendments checked against the plan it amends, and whether it is in force on
-- the as-of date (effective_date ≤ as-of). The value an amendment finds (value_before) is the previous
-- amendment's new value for the same object and column, else the printed plan's; matches_plan says
-- whether its old_value is that value (numbers compared as numbers, agency lists as sets). An added
-- object must not exist yet, a removed one must. problem_vi says what is wrong (test
-- assert_plan_amendments_match_the_plan fails the build on it).
with amendments as (
    select * from {{ ref('stg_plan__amendments') }}
),

printed_indicators as (
    select
        'indicator' as catalogue,
        indicator_code as object_code,
        name_vi as object_name_vi,
        comparator,
        target_low::varchar as target_low,
        target_high::varchar as target_high,
        stretch_value::varchar as stretch_value,
        target_year::varchar as target_year,
        target_text_vi,
        null::varchar as due_date,
        null::varchar as deadline_text_vi,
        null::varchar as deadline_kind,
        array_to_string(lead_agency_codes, ';') as lead_agency_codes
    from {{ ref('int_indicators_printed') }}
),

printed_tasks as (
    select
        'task' as catalogue,
        task_code as object_code,
        task_text_vi as object_name_vi,
        null::varchar as comparator,
        null::varchar as target_low,
        null::varchar as target_high,
        null::varchar as stretch_value,
        null::varchar as target_year,
        null::varchar as target_text_vi,
        due_date::varchar as due_date,
        deadline_text_vi,
        deadline_kind,
        array_to_string(lead_agency_codes, ';') as lead_agency_codes
    from {{ ref('stg_plan__tasks') }}
),

printed as (
    select * from printed_indicators
    union all
    select * from printed_tasks
),

found as (
    select
        a.*,
        p.object_code is not null as exists_in_plan,
        coalesce(
            lag(a.new_value) over (
                partition by a.catalogue, a.object_code, a.column_name order by a.effective_date, a.amendment_id
            ),
            case a.column_name
                when 'comparator' then p.comparator
                when 'target_low' then p.target_low
                when 'target_high' then p.target_high
                when 'stretch_value' then p.stretch_value
                when 'target_year' then p.target_year
                when 'target_text_vi' then p.target_text_vi
                when 'due_date' then p.due_date
                when 'deadline_text_vi' then p.deadline_text_vi
                when 'deadline_kind' then p.deadline_kind
                when 'lead_agency_codes' then p.lead_agency_codes
            end
        ) as value_before,
        p.object_name_vi
    from amendments as a
    left join printed as p on p.catalogue = a.catalogue and p.object_code = a.object_code
),

judged as (
    select
        *,
        case
            when catalogue is null
                or (column_name is null) = (object_kind in ('indicator_target', 'task_deadline', 'lead_agency'))
                or object_kind = 'indicator_target'
                and field not in (
                    'target_low', 'target_high', 'comparator', 'stretch_value', 'target_year', 'target_text_vi'
                )
                or object_kind = 'task_deadline' and field not in ('due_date', 'deadline_text_vi', 'deadline_kind')
                then 'trường "' || coalesce(field, '') || '" không dùng được cho loại điều chỉnh ' || object_kind
            when object_kind like '%_added' and exists_in_plan
                then object_code || ' đã có trong Chương trình, không bổ sung được'
            when object_kind like '%_added' and try(json_keys(new_value::json)) is null
                then 'new_value của ' || object_code || ' phải là một đối tượng JSON'
            when not exists_in_plan then object_code || ' không có trong Chương trình'
            when object_kind like '%_removed' and old_value is not null and old_value <> object_name_vi
                then 'old_value không khớp tên của ' || object_code || ' trong Chương trình'
            when object_kind like '%_removed' then null
            when column_name in ('target_low', 'target_high', 'stretch_value', 'target_year')
                and coalesce(try_cast(old_value as double) = try_cast(value_before as double), old_value = value_before)
                then null
            when column_name = 'lead_agency_codes'
                and list_sort({{ split_codes('old_value') }}) = list_sort({{ split_codes('value_before') }}) then null
            when coalesce(old_value, '') = coalesce(value_before, '') then null
            else 'old_value "' || coalesce(old_value, '') || '" khác giá trị trong Chương trình "'
                || coalesce(value_before, '') || '"'
        end as problem_vi,
        effective_date <= {{ as_of_date() }} as is_in_force
    from found
),

checked as (
    select
        amendment_id,
        object_kind,
        object_code,
        field,
        catalogue,
        column_name,
        old_value,
        new_value,
        value_before,
        decision_no,
        decision_date,
        effective_date,
        note_vi,
        is_in_force,
        problem_vi is null as matches_plan,
        case when problem_vi is not null then 'Điều chỉnh ' || amendment_id || ': ' || problem_vi end as problem_vi
    from judged
)

select * from checked
