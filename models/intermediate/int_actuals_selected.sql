-- The current value of each indicator and period as of each date of int_as_of_dates (docs/domain.md,
-- Vintages): only loads received by the end of that day count; among them the highest status wins
-- (uoc_tinh < so_bo < chinh_thuc), then the most recently received. Ties inside one load (the same
-- figure twice in a file) go to the later row: the winner is the greatest vintage_key.
--
-- Incremental (docs/architecture.md, Materialisations and the incremental build): the greatest key of a
-- set is the greater of the greatest key of its old part and that of its new part, so a build folds only
-- the vintages of the loads not seen before (int_actuals_selected__loads, written after each build) into
-- the rows they touch; a date without rows yet (a new build date) is computed from every load.
-- `--full-refresh` computes it all.
{%- set loads_seen = loads_seen() %}
with dates as (
    select as_of_date, is_build_as_of from {{ ref('int_as_of_dates') }}
),

{% if loads_seen is not none -%}
dates_built as (
    select distinct as_of_date, is_build_as_of from {{ this }}
),

dates_new as (
    select * from dates
    except
    select * from dates_built
),

loads_new as (
    select l.*
    from {{ ref('stg_raw__loads') }} as l
    where not exists (
        select 1 from {{ loads_seen }} as s
        where s.load_id = l.load_id
    )
),

-- every load for a new date, the new loads for a date already built
pairs as (
    select l.*, d.as_of_date, d.is_build_as_of
    from {{ ref('stg_raw__loads') }} as l
    inner join dates_new as d on l.received_at < cast(d.as_of_date + interval 1 day as timestamp)
    union all
    select l.*, d.as_of_date, d.is_build_as_of
    from loads_new as l
    inner join dates_built as d on l.received_at < cast(d.as_of_date + interval 1 day as timestamp)
    where exists (
        select 1 from dates as k
        where k.as_of_date = d.as_of_date and k.is_build_as_of = d.is_build_as_of
    )
),
{%- else -%}
pairs as (
    select l.*, d.as_of_date, d.is_build_as_of
    from {{ ref('stg_raw__loads') }} as l
    inner join dates as d on l.received_at < cast(d.as_of_date + interval 1 day as timestamp)
),
{%- endif %}

known as (
    select
        p.as_of_date,
        p.is_build_as_of,
        v.indicator_code,
        v.period,
        v.period_type,
        v.period_year,
        v.value,
        v.value_text,
        v.unit,
        v.status,
        v.load_id,
        p.agency_code,
        p.received_at,
        1 as n_vintages,
        p.is_sample,
        v.note,
        v.period_end_month,
        struct_pack(
            status_rank := v.status_rank,
            received_at := p.received_at,
            load_id := v.load_id,
            sheet := v.sheet,
            row_no := v.row_no
        ) as vintage_key
    from {{ ref('stg_raw__indicator_values') }} as v
    inner join pairs as p on p.load_id = v.load_id
),

candidates as (
    select * from known
    {%- if loads_seen is not none %}
    union all by name
    -- the current rows the new vintages are folded into
    select t.*
    from {{ this }} as t
    where exists (
        select 1 from known as k
        where k.as_of_date = t.as_of_date and k.is_build_as_of = t.is_build_as_of
            and k.indicator_code = t.indicator_code and k.period = t.period
    )
    {%- endif %}
),

folded as (
    select
        c.as_of_date,
        c.indicator_code,
        c.period,
        arg_max(c, c.vintage_key) as winner,
        cast(sum(c.n_vintages) as bigint) as n_vintages
    from candidates as c
    group by c.as_of_date, c.indicator_code, c.period
),

current_values as (
    select
        f.as_of_date,
        f.winner.is_build_as_of,
        f.indicator_code,
        f.period,
        f.winner.period_type,
        f.winner.period_year,
        f.winner.value,
        f.winner.value_text,
        f.winner.unit,
        f.winner.status,
        f.winner.load_id,
        f.winner.agency_code,
        f.winner.received_at,
        f.n_vintages,
        f.winner.is_sample,
        f.winner.note,
        f.winner.period_end_month,
        f.winner.vintage_key
    from folded as f
)

select * from current_values
