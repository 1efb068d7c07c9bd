{#- Staging: each named text column of a seed with its blank cells as NULL (`nullif(c, '') as c`), as the
    items of a `select * replace (…)`. -#}
{% macro blanks_to_null(columns) -%}
    {%- for column in columns -%}
        nullif({{ column }}, '') as {{ column }}{{ ", " if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
