{#- A number as Vietnamese text: "." groups thousands, "," is the decimal mark (288.865,6), at most
    `decimals` decimals, trailing zeros dropped (35,00 → 35). The SQL twin of ingest.numbers.format_vn_number,
    for explanations built in the marts. -#}
{% macro vn_number(expr, decimals=1) -%}
    regexp_replace(
        translate(format('{:,.{{ decimals }}f}', ({{ expr }})::double), ',.', '.,'),
        '(,[0-9]*[1-9])0+$|,0+$',
        '\1'
    )
{%- endmacro %}
