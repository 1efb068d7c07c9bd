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

{#- The post-hook of such a model: the loads of raw.loads recorded as seen (the raw layer is append-only and a
    build holds the write lock, so nothing arrives between the model and its hook). -#}
{% macro record_loads_seen() %}
    create or replace table {{ this.incorporate(path={'identifier': this.identifier ~ '__loads'}) }} as
    select load_id from {{ ref('stg_raw__loads') }}
{% endmacro %}
