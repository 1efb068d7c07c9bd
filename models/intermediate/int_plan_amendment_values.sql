-- What the amendments in force on each date of int_as_of_dates change (effective_date ≤ that date), one row
-- per date and catalogue object (an indicator or a task): the value
-- each amended column takes (the latest amendment of that column wins; an added object's columns come from
-- its JSON new_value), whether it was added or removed, and by which amendments.
with in_force as (
    select
        d.as_of_date,
        d.is_build_as_of,
        a.*
    from {{ ref('int_plan_amendments_checked') }} as a
    inner join {{ ref('int_as_of_dates') }} as d on d.as_of_date >= a.effective_date
),

field_values as (
    select
        as_of_date,
        catalogue,
        object_code,
        column_name,
        new_value,
        effective_date,
        amendment_id
    from in_force
    where column_name is not null
),

added_values as (
    select
        as_of_date,
        catalogue,
        object_code,
        column_name,
        json_extract_string(new_value, '$.' || column_name) as new_value,
        effective_date,
        amendment_id
    from (
        select
            * exclude (column_name),
            unnest(json_keys(new_value::json)) as column_name
        from in_force
        where object_kind like '%_added'
    ) as keys
),

latest_values as (
    select * from (
        select * from field_values
        union all
        select * from added_values
    ) as all_values
    qualify row_number() over (
        partition by as_of_date, catalogue, object_code, column_name order by effective_date desc, amendment_id desc
    ) = 1
),

per_object as (
    select
        i.as_of_date,
        i.is_build_as_of,
        i.catalogue,
        i.object_code,
        bool_or(i.object_kind like '%_added') as is_added,
        bool_or(i.object_kind like '%_removed') as is_removed,
        list(distinct i.amendment_id order by i.amendment_id) as amendment_ids
    from in_force as i
    group by i.as_of_date, i.is_build_as_of, i.catalogue, i.object_code
),

object_values as (
    select
        o.as_of_date,
        o.is_build_as_of,
        o.catalogue,
        o.object_code,
        o.is_added,
        o.is_removed,
        o.amendment_ids,
        coalesce(
            list(v.column_name order by v.column_name) filter (where v.column_name is not null), []::varchar[]
        ) as amended_columns,
        map_from_entries(coalesce(
            list({ 'k': v.column_name, 'v': v.new_value } order by v.column_name)
                filter (where v.column_name is not null),
            []
        )) as new_values
    from per_object as o
    left join latest_values as v
        on v.as_of_date = o.as_of_date and v.catalogue = o.catalogue and v.object_code = o.object_code
    group by all
)

select * from object_values
