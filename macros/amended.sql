{#- A catalogue column in the plan in force: the value the amendments in force give it (int_plan_amendment_values,
    joined as `c`), else the printed one (the row `r`). as_codes: a `;`-separated list of agency codes. -#}
{% macro amended(column, data_type, as_codes=false) -%}
    case
        when list_contains(c.amended_columns, '{{ column }}') then
        {%- if as_codes %} {{ split_codes("c.new_values['" ~ column ~ "']") }}
        {%- else %} cast(c.new_values['{{ column }}'] as {{ data_type }})
        {%- endif %}
        else r.{{ column }}
    end
{%- endmacro %}
