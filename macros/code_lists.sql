{#- Staging: each named `;`-separated column of a seed as a VARCHAR[] (macro split_codes), as the items of a
    `select * replace (…)`. -#}
{% macro code_lists(columns) -%}
    {%- for column in columns -%}
        {{ split_codes(column) }} as {{ column }}{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
