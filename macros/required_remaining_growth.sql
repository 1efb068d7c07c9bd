{#- The growth each remaining year needs, in percent, for the n-year geometric average to reach
    target_pct, after k years whose growth factors multiply to growth_product (Π(1 + gᵢ/100)):
    ((1 + X/100)^n / Π(1 + gᵢ/100))^(1/(n − k)) − 1, times 100. NULL when no year is left. -#}
{% macro required_remaining_growth(target_pct, growth_product, n_years, k_years) -%}
    case
        when ({{ n_years }}) > ({{ k_years }}) and ({{ growth_product }}) > 0
            then (power(
                power(1 + ({{ target_pct }}) / 100.0, {{ n_years }}) / ({{ growth_product }}),
                1.0 / (({{ n_years }}) - ({{ k_years }}))
            ) - 1) * 100
    end
{%- endmacro %}
