{#- The table of the loads an incremental model has already folded in (`<model>__loads`, written by its
    post-hook; docs/architecture.md, Materialisations and the incremental build), or none: not an incremental
    run, or no such table yet (the model is then computed whole). -#}
{% macro loads_seen() %}
    {% if is_incremental() %}
        {{ return(adapter.get_relation(
            database=this.database, schema=this.schema, identifier=this.identifier ~ '__loads'
        )) }}
    {% endif %}
    {{ return(none) }}
{% endmacro %}
