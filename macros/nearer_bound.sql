{#- The bound of a target range [low, high] a value is judged against (docs/method.md §2): the nearer one when
    the value is outside the range, else the bound on the worse side (low when higher is better), so a
    value inside the range meets it. A single-value target (high NULL or = low) is just low. -#}
{% macro nearer_bound(value, low, high, direction) -%}
    case
        when ({{ high }}) is null or ({{ high }}) = ({{ low }}) or ({{ value }}) is null
            then case when ({{ direction }}) = 'lower' then coalesce({{ high }}, {{ low }}) else {{ low }} end
        when ({{ value }}) < ({{ low }}) then {{ low }}
        when ({{ value }}) > ({{ high }}) then {{ high }}
        when ({{ direction }}) = 'lower' then {{ high }}
        else {{ low }}
    end
{%- endmacro %}
