{#- The spread (standard deviation) of projection_center on the same scale (docs/method.md §7): a random walk
    over h years σ̂·√(h + h²/n) (compound, points), the next h amounts of a random walk (cumulative), one year
    (annual), the remaining m years' sum (avg_growth, period_avg). -#}
{% macro projection_spread(method, sd, steps, n_past, years_left) -%}
    case {{ method }}
        when 'compound' then {{ sum_spread(sd, steps, n_past) }}
        when 'points' then {{ sum_spread(sd, steps, n_past) }}
        when 'cumulative' then {{ cumulative_spread(sd, steps, n_past) }}
        when 'annual' then {{ sum_spread(sd, 1, n_past) }}
        else {{ sum_spread(sd, years_left, n_past) }}
    end
{%- endmacro %}
