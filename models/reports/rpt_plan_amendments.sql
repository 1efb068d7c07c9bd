-- The plan every report judges against: the amendments in force on the as-of date, each with its sentence,
-- and the phrase naming their decisions (plan_basis_vi, the same on every row). No row: the plan as printed.
with amendments as (
    select
        amendment_id,
        effective_date,
        statement_vi,
        plan_basis_vi
    from {{ ref('fct_plan_amendments_in_force') }}
)

select * from amendments
