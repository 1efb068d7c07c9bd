{#- The standard deviation of the sum of the next h yearly amounts when the amount itself is a random walk
    with drift (yearly changes of standard deviation `sd`, mean estimated from `n_past` changes;
    docs/method.md §7): amount t + j = aₜ + j·μ̂ + (j steps of noise), so the sum's variance is
    σ̂²·(Σⱼ Σₖ min(j, k) + (Σⱼ j)²/n) = σ̂²·(h(h + 1)(2h + 1)/6 + (h(h + 1)/2)²/n). -#}
{% macro cumulative_spread(sd, steps, n_past) -%}
    (({{ sd }}) * sqrt(
        ({{ steps }}) * (({{ steps }}) + 1) * (2 * ({{ steps }}) + 1) / 6.0
        + power(({{ steps }}) * (({{ steps }}) + 1) / 2.0, 2) / ({{ n_past }})::double
    ))
{%- endmacro %}
