{#- z of the 80% central band of a normal projection (docs/method.md §7): the band is center ± z·spread with
    z = Φ⁻¹(0,9) = 1,2815515655446004 (statistics.NormalDist().inv_cdf(0.9)), so 10% lies below projected_low
    and 10% above projected_high. -#}
{% macro band_quantile() -%}
    1.2815515655446004
{%- endmacro %}
