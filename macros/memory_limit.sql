{#- Caps DuckDB's memory for the build when PLANWATCH_DUCKDB_MEMORY_LIMIT is set (e.g. "8GB"; a benchmark on
    a shared machine); otherwise DuckDB's default (80% of the RAM). Run on run start. -#}
{% macro memory_limit() %}
    {% set limit = env_var('PLANWATCH_DUCKDB_MEMORY_LIMIT', '') %}
    {% if execute and limit %}
        {% do run_query("set memory_limit = '" ~ limit ~ "'") %}
    {% endif %}
{% endmacro %}
