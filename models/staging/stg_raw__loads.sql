-- One row per accepted submission file (raw.loads), typed and renamed only.
select
    load_id,
    file_name,
    file_sha256,
    archive_path,
    agency_code,
    cast(received_at as timestamp) as received_at,
    indicator_rows,
    task_rows,
    is_sample,
    planwatch_version
from {{ source('raw', 'loads') }}
