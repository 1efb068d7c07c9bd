-- Every status code the warehouse produces has its words in the one label seed (seeds/labels_status.csv):
-- the assessment classes of int_target_status (and the stretch aim's), the states of the figures, the
-- submission statuses, the plan-consistency severities and the movements of a status between quarters.
-- Returns the codes without a label.
{%- set produced = [
    ('assessment', 'int_target_status', 'status'),
    ('assessment', 'fct_indicator_assessment', 'stretch_status'),
    ('figure', 'fct_actuals', 'status'),
    ('submission', 'fct_submission_status', 'status'),
    ('severity', 'fct_plan_consistency', 'severity'),
    ('movement', 'rpt_status_movement', 'movement'),
] %}
with produced as (
    {%- for domain, model, column in produced %}
        select distinct
            '{{ domain }}' as domain,
            {{ column }} as code
        from {{ ref(model) }}
        {% if not loop.last %}union{% endif %}
    {%- endfor %}
),

unlabelled as (
    select p.domain, p.code
    from produced as p
    left join {{ ref('labels_status') }} as l on l.domain = p.domain and l.code = p.code
    where p.code is not null and l.label_vi is null
)

select * from unlabelled
