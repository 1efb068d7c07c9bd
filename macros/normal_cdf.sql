{#- Φ(z), the standard normal distribution function (docs/method.md §7). DuckDB has no normal CDF (nor
    erf), so this is Abramowitz & Stegun 26.2.17, a polynomial in t = 1/(1 + 0,2316419·|z|) times the normal
    density: absolute error below 7,5·10⁻⁸ for every z (tests/test_probability_sql.py checks it against
    Python's statistics.NormalDist on a grid). A SQL expression; NULL for a NULL z. -#}
{% macro normal_cdf(z) -%}
    (case when ({{ z }}) >= 0 then 1 - ({{ _normal_upper_tail(z) }}) else ({{ _normal_upper_tail(z) }}) end)
{%- endmacro %}

{#- 1 − Φ(|z|) by A&S 26.2.17: φ(|z|)·(b₁t + b₂t² + b₃t³ + b₄t⁴ + b₅t⁵). -#}
{% macro _normal_upper_tail(z) -%}
    (exp(-0.5 * ({{ z }}) * ({{ z }})) / sqrt(2 * pi()) * (
        0.319381530 * (1.0 / (1 + 0.2316419 * abs({{ z }})))
        - 0.356563782 * power(1.0 / (1 + 0.2316419 * abs({{ z }})), 2)
        + 1.781477937 * power(1.0 / (1 + 0.2316419 * abs({{ z }})), 3)
        - 1.821255978 * power(1.0 / (1 + 0.2316419 * abs({{ z }})), 4)
        + 1.330274429 * power(1.0 / (1 + 0.2316419 * abs({{ z }})), 5)
    ))
{%- endmacro %}
