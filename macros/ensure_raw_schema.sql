{#- Create the raw tables (if missing) before every dbt run, so `dbt build` works on a warehouse that has
    never received a submission. The DDL has one home, planwatch/ingest/raw_schema.sql, which the ingest layer also
    runs; dbt reads it through DuckDB's read_text (paths relative to the repository root, where dbt runs). -#}
{% macro ensure_raw_schema() %}
    {% if execute %}
        {% set path = var('raw_schema_path', 'planwatch/ingest/raw_schema.sql') %}
        {% set ddl = run_query("select content from read_text('" ~ path ~ "')").columns[0].values()[0] %}
        {% do run_query(ddl) %}
    {% endif %}
{% endmacro %}
