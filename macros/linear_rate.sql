{#- Average yearly change from start_value to end_value over `years`, in the value's own unit:
    (end − start) / years. Used for shares and percentages (percentage points a year) and ranks
    (places a year). NULL when years ≤ 0. -#}
{% macro linear_rate(end_value, start_value, years) -%}
    case
        when ({{ years }}) > 0 then (({{ end_value }}) - ({{ start_value }})) / ({{ years }})
    end
{%- endmacro %}
