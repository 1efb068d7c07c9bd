-- Every probability of meeting a target lies in 0–1, is 1 where the target is achieved for good (not an
-- annual target, whose remaining years must still be met) and its projection's band holds the central
-- value (docs/method.md §7).
select indicator_code, status, probability_target_met, projected_low, projected_central, projected_high
from {{ ref('fct_indicator_assessment') }}
where
    probability_target_met < 0
    or probability_target_met > 1
    or probability_stretch_met < 0
    or probability_stretch_met > 1
    or (status = 'achieved' and method not in ('annual', 'rank') and probability_target_met is distinct from 1)
    or projected_low > projected_central
    or projected_central > projected_high
