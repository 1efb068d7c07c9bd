-- A cumulative target sums what each year of its window added (int_target_years.amount): a full year's
-- figure or a part-year sum as reported. So a cumulative indicator's part-year figure is a partial sum or
-- not reported at all: a rate standing in for its year (estimate_of_year) adds no amount, and its sum
-- would then leave out a year its years_observed counts. Every row returned is such an indicator.
select
    indicator_code,
    kind,
    part_year_figure
from {{ ref('int_indicators_unioned') }}
where kind = 'cumulative' and part_year_figure = 'estimate_of_year'
