-- The fan of a key-indicator chart ends where the probability's projection is (docs/method.md §7.3): the last
-- year of int_target_projection_path is the target year, with the central value and band of
-- int_target_probability (both rounded to 4 decimals from the same formulas).
select p.as_of_date, p.indicator_code, p.target_variant, p.year, t.target_year
from {{ ref('int_target_projection_path') }} as p
inner join {{ ref('int_target_probability') }} as t
    on t.as_of_date = p.as_of_date and t.indicator_code = p.indicator_code and t.target_variant = p.target_variant
where
    p.years_ahead = t.years_ahead
    and (
        p.year <> t.target_year
        or abs(p.projected_central - t.projected_central) > 1e-3
        or abs(p.projected_low - t.projected_low) > 1e-3
        or abs(p.projected_high - t.projected_high) > 1e-3
    )
