-- Every accepted task progress report (raw.task_updates), typed and renamed only.
select
    load_id,
    row_no,
    sheet,
    task_code,
    state,
    cast(state_date as date) as state_date,
    evidence,
    note
from {{ source('raw', 'task_updates') }}
