{#- The probability that a normally distributed projection with mean `center` and standard deviation
    `spread` ends at or beyond `threshold` in the indicator's direction (docs/method.md §7):
    Φ((center − threshold) / spread), or Φ((threshold − center) / spread) when lower is better. A spread of 0
    (a history without any variation) leaves no uncertainty: 1 if the center meets the threshold, else 0. -#}
{% macro probability_beyond(center, threshold, spread, direction) -%}
    case
        when ({{ center }}) is null or ({{ threshold }}) is null or ({{ spread }}) is null then null
        when ({{ spread }}) = 0 then case when {{ meets_target(center, threshold, direction) }} then 1.0 else 0.0 end
        when ({{ direction }}) = 'lower'
            then {{ normal_cdf('((' ~ threshold ~ ') - (' ~ center ~ ')) / (' ~ spread ~ ')') }}
        else {{ normal_cdf('((' ~ center ~ ') - (' ~ threshold ~ ')) / (' ~ spread ~ ')') }}
    end
{%- endmacro %}
