{#- The center of the projection `steps` years past the latest closed year, on the scale the method works in
    (docs/method.md §7): compound, points ln yₜ + hμ̂ (yₜ + hμ̂); cumulative the next h amounts
    h·aₜ + μ̂·h(h + 1)/2; annual μ̂ (one year); avg_growth, period_avg the remaining m years' sum m·μ̂.
    int_target_probability takes it at the target year, int_target_projection_path at every year to it. -#}
{% macro projection_center(method, steps, latest_scaled, latest_value, draw_mean, years_left) -%}
    case {{ method }}
        when 'compound' then {{ latest_scaled }} + ({{ steps }}) * {{ draw_mean }}
        when 'points' then {{ latest_scaled }} + ({{ steps }}) * {{ draw_mean }}
        when 'cumulative'
            then ({{ steps }}) * {{ latest_value }} + {{ draw_mean }} * ({{ steps }}) * (({{ steps }}) + 1) / 2.0
        when 'annual' then {{ draw_mean }}
        else ({{ years_left }}) * {{ draw_mean }}
    end
{%- endmacro %}
