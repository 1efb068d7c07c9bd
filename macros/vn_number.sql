{#- A number as Vietnamese text: "." groups thousands, "," is the decimal mark (288.865,6), at most
    `decimals` decimals rounded half away from zero like format_vn_number (2,25 → 2,3), trailing zeros
    dropped (35,00 → 35). The SQL twin of planwatch.ingest.numbers.format_vn_number,
    for explanations built in the marts. -#}
{% macro vn_number(expr, decimals=1) -%}
    regexp_replace(
        translate(format('{:,.{{ decimals }}f}', round(({{ expr }})::double, {{ decimals }})), ',.', '.,'),
        '(,[0-9]*[1-9])0+$|,0+$',
        '\1'
    )
{%- endmacro %}
