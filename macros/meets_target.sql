{#- Whether a value satisfies a target in the indicator's direction: ≥ for higher is better, ≤ for lower.
    A strict comparator (">") and "=" ("khoảng", about) are judged as ≥ / ≤: the document's "trên 60%" is
    met at 60,0 as printed to one decimal. NULL when either side is missing. -#}
{% macro meets_target(value, target, direction) -%}
    case
        when ({{ value }}) is null or ({{ target }}) is null then null
        when ({{ direction }}) = 'lower' then ({{ value }}) <= ({{ target }})
        else ({{ value }}) >= ({{ target }})
    end
{%- endmacro %}
