{#- Whether a unit is a share or a percentage ("%", "% GRDP", "%/năm", "% giảm/năm"): such values move in
    percentage points, and a year-to-date figure of one is an estimate of the whole year's. -#}
{% macro is_rate_unit(unit) -%}
    starts_with(coalesce({{ unit }}, ''), '%')
{%- endmacro %}
