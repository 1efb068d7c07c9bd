{#- The yearly rate from start_value to end_value by the indicator's method (a SQL expression):
    'compound' → compound_rate (percent a year); 'points' and 'rank' → linear_rate (points or places a
    year). The actual rate a and the required rate r of docs/method.md §3.1 are both this. -#}
{% macro rate_per_year(end_value, start_value, years, method) -%}
    case
        when ({{ method }}) = 'compound' then {{ compound_rate(end_value, start_value, years) }}
        when ({{ method }}) in ('points', 'rank') then {{ linear_rate(end_value, start_value, years) }}
    end
{%- endmacro %}
