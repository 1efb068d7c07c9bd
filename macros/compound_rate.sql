{#- Average yearly compound change from start_value to end_value over `years`, in percent:
    ((end/start)^(1/years) − 1) × 100 (docs/method.md §3.1). NULL when either value is not positive or
    years ≤ 0: a compound rate through zero or a sign change means nothing. -#}
{% macro compound_rate(end_value, start_value, years) -%}
    case
        when ({{ start_value }}) > 0 and ({{ end_value }}) > 0 and ({{ years }}) > 0
            then (power(({{ end_value }}) / ({{ start_value }}), 1.0 / ({{ years }})) - 1) * 100
    end
{%- endmacro %}
