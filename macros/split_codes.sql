{#- A `;`-separated list of codes from a seed as a VARCHAR[] (empty list, never [''], when blank). -#}
{% macro split_codes(column) -%}
    case
        when {{ column }} is null or trim({{ column }}) = '' then []::varchar[]
        else list_transform(string_split({{ column }}, ';'), x -> trim(x))
    end
{%- endmacro %}
