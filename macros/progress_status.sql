{#- The Eurostat class of a progress ratio RR = actual rate / required rate (docs/method.md §3.1):
    on_track RR ≥ 0,95 · moderate 0,60 ≤ RR < 0,95 · insufficient 0 ≤ RR < 0,60 · regressing RR < 0;
    not_assessable when there is no ratio. `achieved` is decided before this, by the caller. -#}
{% macro progress_status(ratio) -%}
    case
        when ({{ ratio }}) is null then 'not_assessable'
        when ({{ ratio }}) >= 0.95 then 'on_track'
        when ({{ ratio }}) >= 0.60 then 'moderate'
        when ({{ ratio }}) >= 0 then 'insufficient'
        else 'regressing'
    end
{%- endmacro %}
