-- A task is overdue exactly when it has a positive days_overdue, and a done task is never overdue.
select task_code, status, days_overdue
from {{ ref('fct_task_status') }}
where (status = 'overdue') <> coalesce(days_overdue > 0, false)
