{#- A value as the seeds write it (plan_amendments.old_value / new_value) as Vietnamese text: a number in
    Vietnamese form (10.5 → 10,5), a date as dd/mm/yyyy, anything else as written. -#}
{% macro seed_value_vi(value) -%}
    case
        when try_cast({{ value }} as double) is not null then {{ vn_number('try_cast(' ~ value ~ ' as double)', 4) }}
        when try_cast({{ value }} as date) is not null then strftime(try_cast({{ value }} as date), '%d/%m/%Y')
        else {{ value }}
    end
{%- endmacro %}
