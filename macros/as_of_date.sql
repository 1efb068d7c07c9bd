{#- The date the warehouse is built "as of" (docs/domain.md, Vintages): the dbt var `as_of` (YYYY-MM-DD),
    else today. `planwatch` settles the date once (--as-of, else PLANWATCH_TODAY, else today) and always
    passes it as the var; a plain `dbt build` is as of today. Everything received after the end of that
    day is left out, so a report built as of a past date shows exactly what was known then. -#}
{% macro as_of_date() -%}
    cast('{{ var("as_of", modules.datetime.date.today().isoformat()) }}' as date)
{%- endmacro %}
