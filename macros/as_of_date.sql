{#- The date the warehouse is built "as of" (docs/domain.md, Vintages): the dbt var `as_of` (YYYY-MM-DD),
    else PLANWATCH_TODAY, else today. Everything received after the end of that day is left out, so a
    report built as of a past date shows exactly what was known then. -#}
{% macro as_of_date() -%}
    {%- set today = env_var('PLANWATCH_TODAY', '') | trim -%}
    {%- set default = today if today else modules.datetime.date.today().isoformat() -%}
    cast('{{ var("as_of", default) }}' as date)
{%- endmacro %}
