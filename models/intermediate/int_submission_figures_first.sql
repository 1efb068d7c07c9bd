-- The earliest load that brought a figure for each sender (the load's agency), indicator and period of
-- submission a figure covers (fct_submission_status): a year figure its year, a quarter figure its quarter,
-- a year-to-date figure ending with a quarter (6 tháng → Q2, 9 tháng → Q3) that quarter; month figures
-- cover none. Earliest: the first received, then the smallest load_id.
--
-- The earliest of all loads is also the earliest received by any as-of date, when it was received by then
-- (and none was otherwise), so the model holds no as-of date and fct_submission_status filters it. It is
-- incremental like int_actuals_selected (docs/architecture.md, Materialisations and the incremental build):
-- the earliest of a set is the earlier of its old part's and its new part's, so a build folds only the
-- figures of the loads not seen before (int_submission_figures_first__loads) into the rows they touch.
{%- set loads_seen = loads_seen() %}
with figures as (
    select
        l.agency_code as sender_code,
        v.indicator_code,
        case
            when v.period_type in ('year', 'quarter') then v.period
            when v.period_type = 'ytd' and v.period_end_month in (3, 6, 9, 12)
                then v.period_year::varchar || '-Q' || (v.period_end_month // 3)::varchar
        end as covered_period,
        l.received_at,
        l.load_id
    from {{ ref('stg_raw__indicator_values') }} as v
    inner join {{ ref('stg_raw__loads') }} as l on l.load_id = v.load_id
    {%- if loads_seen is not none %}
    where not exists (
        select 1 from {{ loads_seen }} as s
        where s.load_id = l.load_id
    )
    {%- endif %}
),

candidates as (
    select sender_code, indicator_code, covered_period, received_at, load_id
    from figures
    where covered_period is not null
    {%- if loads_seen is not none %}
    union all
    -- the current rows the new figures are folded into
    select t.sender_code, t.indicator_code, t.covered_period, t.received_at, t.load_id
    from {{ this }} as t
    where exists (
        select 1 from figures as f
        where f.sender_code = t.sender_code and f.indicator_code = t.indicator_code
            and f.covered_period = t.covered_period
    )
    {%- endif %}
),

earliest as (
    select
        sender_code,
        indicator_code,
        covered_period,
        min(struct_pack(received_at := received_at, load_id := load_id)) as first_load
    from candidates
    group by sender_code, indicator_code, covered_period
),

first_figures as (
    select
        e.sender_code,
        e.indicator_code,
        e.covered_period,
        e.first_load.received_at,
        e.first_load.load_id
    from earliest as e
)

select * from first_figures
