-- Where the status comes from a ratio, it is the Eurostat class of that ratio (on_track ≥ 0,95,
-- moderate ≥ 0,60, insufficient ≥ 0, regressing < 0), and every assessed row has its label and explanation.
select indicator_code, status, progress_ratio
from {{ ref('fct_indicator_assessment') }}
where (
        status_reason = 'ratio'
        and status <> case
            when progress_ratio >= 0.95 then 'on_track'
            when progress_ratio >= 0.60 then 'moderate'
            when progress_ratio >= 0 then 'insufficient'
            else 'regressing'
        end
    )
    or status_vi is null
    or explanation_vi is null
