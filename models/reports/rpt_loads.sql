-- The submission files (loads) the report's figures include: every load received up to the end of the
-- build's as-of day, in the order received. The sample flag of a report and its data-vintage box read this,
-- never raw.loads.
with loads as (
    select
        load_id,
        agency_code,
        file_name,
        received_at,
        is_sample
    from {{ ref('stg_raw__loads') }}
    where received_at < {{ as_of_date() }} + interval 1 day
)

select * from loads
