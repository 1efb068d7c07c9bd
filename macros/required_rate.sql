{#- The yearly rate needed to go from `current_value` to `target_value` in `years_left` years, by method:
    compound (X/yₜ)^(1/(T−t)) − 1, or linear (X − yₜ)/(T − t). With the baseline as current value and
    T − t₀ years it is the required rate r; with the latest value, the required remaining rate. -#}
{% macro required_rate(target_value, current_value, years_left, method) -%}
    {{ rate_per_year(target_value, current_value, years_left, method) }}
{%- endmacro %}
