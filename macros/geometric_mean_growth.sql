{#- The average annual growth, in percent, of yearly growth rates given in percent:
    (Π(1 + gᵢ/100))^(1/n) − 1, times 100 (docs/domain.md, Target kinds: `avg_growth`). An aggregate expression. -#}
{% macro geometric_mean_growth(growth_pct) -%}
    ((exp(avg(ln(1 + ({{ growth_pct }}) / 100.0))) - 1) * 100)
{%- endmacro %}
