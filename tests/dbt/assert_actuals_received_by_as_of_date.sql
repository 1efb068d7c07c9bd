-- fct_actuals holds nothing received after the end of its as-of day.
select indicator_code, period, received_at, as_of_date
from {{ ref('fct_actuals') }}
where received_at >= cast(as_of_date + interval 1 day as timestamp)
