{#- Π(1 + gᵢ/100) of yearly growth rates given in percent: the growth factor over the years so far.
    An aggregate expression; a fall of 100% or more leaves nothing to compound from (NULL). -#}
{% macro growth_product(growth_pct) -%}
    case when min({{ growth_pct }}) > -100 then exp(sum(ln(1 + ({{ growth_pct }}) / 100.0))) end
{%- endmacro %}
