{#- The standard deviation of the sum of `steps` independent yearly draws whose mean is estimated from
    `n_past` past ones with standard deviation `sd` (docs/method.md §7): sd·√(h + h²/n). The h²/n term carries
    the uncertainty of the estimated mean. A random walk with drift over h years is such a sum (level
    targets); so are the remaining years of an average (avg_growth, period_avg) and one year (annual, h = 1). -#}
{% macro sum_spread(sd, steps, n_past) -%}
    (({{ sd }}) * sqrt(({{ steps }}) + ({{ steps }}) * ({{ steps }}) / ({{ n_past }})::double))
{%- endmacro %}
