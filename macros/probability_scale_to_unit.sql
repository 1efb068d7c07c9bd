{#- A value on the scale a probability is computed in (docs/method.md §7), back in the indicator's unit, for
    the central projection and its band: compound e^v (a log value); cumulative S + v (the period's sum,
    v the remaining years' amounts); avg_growth (e^((Σ ln(1 + gᵢ) + v)/n) − 1)·100 (the period's average
    growth, v the remaining years' log growth); period_avg (Σ + v)/n (the period's mean); else v itself. -#}
{% macro probability_scale_to_unit(value, method, period_sum, period_scaled_sum, horizon_years) -%}
    case {{ method }}
        when 'compound' then exp({{ value }})
        when 'cumulative' then coalesce({{ period_sum }}, 0) + ({{ value }})
        when 'avg_growth'
            then (exp((coalesce({{ period_scaled_sum }}, 0) + ({{ value }})) / ({{ horizon_years }})) - 1) * 100
        when 'period_avg' then (coalesce({{ period_sum }}, 0) + ({{ value }})) / ({{ horizon_years }})
        else {{ value }}
    end
{%- endmacro %}
