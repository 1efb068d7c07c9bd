{#- The value in `years_ahead` years if the actual yearly rate continues (UN SDG progress chart):
    compound yₜ·(1 + a/100)^(T−t), linear yₜ + a·(T−t). -#}
{% macro projected_value(current_value, rate, years_ahead, method) -%}
    case
        when ({{ method }}) = 'compound'
            then ({{ current_value }}) * power(1 + ({{ rate }}) / 100.0, {{ years_ahead }})
        when ({{ method }}) in ('points', 'rank')
            then ({{ current_value }}) + ({{ rate }}) * ({{ years_ahead }})
    end
{%- endmacro %}
