-- Every status code the warehouse produces has its words in the one label seed (seeds/labels_status.csv):
-- the assessment classes of int_target_status (and the stretch aim's), the states of the figures, the
-- submission statuses and the plan-consistency severities. Returns the codes without a label.
with produced as (
    select distinct
        'assessment' as domain,
        status as code
    from {{ ref('int_target_status') }}
    union
    select distinct
        'assessment' as domain,
        stretch_status as code
    from {{ ref('fct_indicator_assessment') }}
    union
    select distinct
        'figure' as domain,
        status as code
    from {{ ref('fct_actuals') }}
    union
    select distinct
        'submission' as domain,
        status as code
    from {{ ref('fct_submission_status') }}
    union
    select distinct
        'severity' as domain,
        severity as code
    from {{ ref('fct_plan_consistency') }}
),

unlabelled as (
    select p.domain, p.code
    from produced as p
    left join {{ ref('labels_status') }} as l on l.domain = p.domain and l.code = p.code
    where p.code is not null and l.label_vi is null
)

select * from unlabelled
