-- One row per agency, with every spelling of it found in the document.
with spellings as (
    select
        agency_code,
        list(alias_text order by alias_text) as spellings_vi
    from {{ ref('stg_plan__agency_aliases') }}
    group by agency_code
)

select
    a.agency_code,
    a.name_vi,
    a.short_name_vi,
    a.kind,
    a.is_statistics_office,
    coalesce(s.spellings_vi, []::varchar[]) as spellings_vi,
    a.note_vi
from {{ ref('stg_plan__agencies') }} as a
left join spellings as s on s.agency_code = a.agency_code
