-- Every indicator of dim_indicator has exactly one assessment row (headings and scenario-only rows too).
select i.indicator_code, count(a.indicator_code) as n_rows
from {{ ref('dim_indicator') }} as i
left join {{ ref('fct_indicator_assessment') }} as a on a.indicator_code = i.indicator_code
group by i.indicator_code
having count(a.indicator_code) <> 1
