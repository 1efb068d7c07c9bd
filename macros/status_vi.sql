{#- The Vietnamese label of a status code of one domain (assessment, figure, submission, severity), read
    from the one label seed (seeds/labels_status.csv) that the reports' Python reads too. -#}
{% macro status_vi(status, domain='assessment') -%}
    (
        select labels.label_vi
        from {{ ref('labels_status') }} as labels
        where labels.domain = '{{ domain }}' and labels.code = {{ status }}
    )
{%- endmacro %}
