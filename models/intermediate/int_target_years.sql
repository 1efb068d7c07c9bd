-- Each year of each target judged once (indicator × target variant × year, docs/method.md §3): the year's
-- value (int_indicator_years_collected: a full-year figure, else a part-year estimate, is_provisional), the
-- bound of the target it is judged against (the nearer bound of a range), whether it meets it, what it
-- adds to a sum and the year's plan (int_indicator_year_planned). A period target counts the years
-- t₀ + 1 … T (2026–2030); a level or rank target also keeps the years up to t₀, since its latest value
-- may be that old (is_in_period false).
with target_years as (
    select
        t.as_of_date,
        t.indicator_code,
        t.target_variant,
        y.year,
        y.year > t.plan_baseline_year as is_in_period,
        y.value,
        y.period,
        y.is_provisional,
        y.reported_value,
        y.months_covered,
        y.estimate_method,
        {{ nearer_bound('y.value', 't.target_low', 't.target_high', 't.direction') }} as target_value,
        t.direction,
        -- the year's plan: plan_source, plan_low, plan_high
        p.* exclude (as_of_date, indicator_code, target_variant, year)  -- noqa: RF02
    from {{ ref('int_indicator_targets_prepared') }} as t
    inner join {{ ref('int_indicator_years_collected') }} as y
        on y.as_of_date = t.as_of_date and y.indicator_code = t.indicator_code
        and y.year <= t.target_year
        and (y.year > t.plan_baseline_year or t.method in ('compound', 'points', 'rank'))
    left join {{ ref('int_indicator_year_planned') }} as p
        on p.as_of_date = t.as_of_date and p.indicator_code = t.indicator_code
        and p.target_variant = t.target_variant and p.year = y.year
),

judged as (
    select
        * exclude (direction),
        {{ meets_target('value', 'target_value', 'direction') }} as is_met,
        -- what the year adds to a sum: a part-year sum as reported (m months of the year, year_share m/12),
        -- else the year's value; a rate standing in for its year (as_reported) is no amount
        case
            when estimate_method = 'pro_rata' then reported_value
            when estimate_method = 'as_reported' then null
            else value
        end as amount,
        case when estimate_method = 'pro_rata' then months_covered / 12.0 else 1.0 end::double as year_share
    from target_years
)

select * from judged
