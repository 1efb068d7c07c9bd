-- The appendix's sources table: per agency that sent data up to the as-of date, how many loads, the first
-- and the last, and whether any was sample data.
with sources as (
    select
        coalesce(g.short_name_vi, l.agency_code) as agency,
        count(*) as loads,
        min(l.received_at) as first_received,
        max(l.received_at) as last_received,
        bool_or(l.is_sample) as is_sample
    from {{ ref('rpt_loads') }} as l
    left join {{ ref('dim_agency') }} as g on g.agency_code = l.agency_code
    group by all
)

select * from sources
