-- How likely each target is to be reached (as-of date × indicator × target variant; docs/method.md §7). The model is
-- fitted on the indicator's closed years (full-year figures, int_indicator_years_collected, up to the
-- target year; a part-year figure never enters it), on the scale the method works in: the log of the value
-- (compound), the value (points: shares and percentages; cumulative: the yearly amount; annual,
-- period_avg), the log growth ln(1 + g) (avg_growth). Its draws are the yearly changes of a random walk
-- with drift (compound, points, cumulative: consecutive years only) or the yearly values themselves (avg_growth,
-- annual, period_avg); n draws of mean μ̂ and standard deviation σ̂. In that scale the projection is normal
-- with a center and a spread (sd), and P = Φ((center − threshold) / spread) (Φ((threshold − center) / spread)
-- when lower is better):
--   compound, points  center ln yₜ + hμ̂ (yₜ + hμ̂), spread σ̂·√(h + h²/n), threshold ln X (X); h = T − t;
--   avg_growth        center m·μ̂ (the remaining m = n_period − k years' log growth), spread σ̂·√(m + m²/n),
--                     threshold n_period·ln(1 + X) − Σ ln(1 + gᵢ): P = Φ((μ̂ − ln(1 + r))/(σ̂·√(1/m + 1/n)));
--   cumulative        center h·aₜ + μ̂·h(h + 1)/2 (the next h amounts), spread cumulative_spread,
--                     threshold X − S (what the sum still needs);
--   annual            each remaining year Φ((μ̂ − X)/(σ̂·√(1 + 1/n))), all m of them: that to the power m;
--   period_avg        center m·μ̂, spread σ̂·√(m + m²/n), threshold n_period·X − Σ (the remaining years' sum).
-- A range counts as met inside it or beyond it, as nearer_bound judges a value: X is its bound on the worse
-- side (low when higher is better); the stretch aim has its own row. Before
-- any formula, in this order: rank → none (rank); the target met (final: an annual target only once every
-- year is in) → 1; the target year reached unmet, or an annual target with a closed year missed → 0;
-- fewer than var('probability_min_draws') draws → none (short_series).
{% set z = band_quantile() %}
{% set min_draws = var('probability_min_draws') %}

with targets as (
    select * from {{ ref('int_indicator_targets_prepared') }}
),

closed_years as (
    select
        t.as_of_date,
        t.indicator_code,
        t.target_variant,
        t.method,
        y.year,
        y.value,
        y.year > t.plan_baseline_year as is_in_period,
        {{ meets_target('y.value', nearer_bound('y.value', 't.target_low', 't.target_high', 't.direction'),
            't.direction') }} as is_met,
        case
            when t.method = 'compound' then case when y.value > 0 then ln(y.value) end
            when t.method = 'avg_growth' then case when y.value > -100 then ln(1 + y.value / 100.0) end
            else y.value
        end as scaled_value
    from targets as t
    inner join {{ ref('int_indicator_years_collected') }} as y
        on y.as_of_date = t.as_of_date and y.indicator_code = t.indicator_code and y.year <= t.target_year
    where not y.is_provisional
),

draws as (
    select
        *,
        method in ('compound', 'points', 'cumulative') as draws_changes,
        case
            when method not in ('compound', 'points', 'cumulative') then scaled_value
            when year - lag(year) over series = 1 then scaled_value - lag(scaled_value) over series
        end as draw
    from closed_years
    window series as (partition by as_of_date, indicator_code, target_variant order by year)
),

fitted as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        count(draw) as n_draws,
        avg(draw) as draw_mean,
        stddev_samp(draw) as draw_sd,
        min(year - draws_changes::integer) filter (where draw is not null) as series_first_year,
        max(year) filter (where draw is not null) as series_last_year,
        max(year) as latest_year,
        arg_max(value, year) as latest_value,
        arg_max(scaled_value, year) as latest_scaled,
        count(*) filter (where is_in_period) as years_closed,
        sum(value) filter (where is_in_period) as period_sum,
        sum(scaled_value) filter (where is_in_period) as period_scaled_sum,
        coalesce(bool_or(not is_met) filter (where is_in_period), false) as has_missed_year
    from draws
    group by as_of_date, indicator_code, target_variant
),

spans as (
    select
        t.*,
        f.* exclude (as_of_date, indicator_code, target_variant),  -- noqa: RF02
        coalesce(f.n_draws, 0) as draws_available,
        s.status_reason,
        t.target_year - f.latest_year as years_ahead,
        t.horizon_years - coalesce(f.years_closed, 0) as years_left
    from targets as t
    left join fitted as f
        on f.as_of_date = t.as_of_date and f.indicator_code = t.indicator_code and f.target_variant = t.target_variant
    left join {{ ref('int_target_status') }} as s
        on s.as_of_date = t.as_of_date and s.indicator_code = t.indicator_code and s.target_variant = t.target_variant
),

projected as (
    select
        *,
        {{ projection_center('method', 'years_ahead', 'latest_scaled', 'latest_value', 'draw_mean', 'years_left') }}
            as center,
        {{ projection_spread('method', 'draw_sd', 'years_ahead', 'n_draws', 'years_left') }} as spread
    from spans
    where draws_available >= {{ min_draws }} and method <> 'rank'
),

banded as (
    select
        *,
        center - {{ z }} * spread as band_low,
        center + {{ z }} * spread as band_high
    from projected
),

bounded as (
    select
        *,
        {{ probability_scale_to_unit('center', 'method', 'period_sum', 'period_scaled_sum', 'horizon_years') }}
            as projected_central,
        {{ probability_scale_to_unit('band_low', 'method', 'period_sum', 'period_scaled_sum', 'horizon_years') }}
            as projected_low,
        {{ probability_scale_to_unit('band_high', 'method', 'period_sum', 'period_scaled_sum', 'horizon_years') }}
            as projected_high
    from banded
),

thresholds as (
    select
        *,
        -- a range is met in T inside it or beyond it (nearer_bound judges a value so): its bound on the worse
        -- side, the one nearer_bound gives a value not yet known
        {{ nearer_bound('null::double', 'target_low', 'target_high', 'direction') }} as target_value
    from bounded
),

estimated as (
    select
        *,
        case method
            when 'compound' then case when target_value > 0 then ln(target_value) end
            when 'cumulative' then target_value - coalesce(period_sum, 0)
            when 'avg_growth' then horizon_years * ln(1 + target_value / 100.0) - coalesce(period_scaled_sum, 0)
            when 'period_avg' then horizon_years * target_value - coalesce(period_sum, 0)
            else target_value
        end as threshold
    from thresholds
),

probabilities as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        target_value,
        projected_central,
        projected_low,
        projected_high,
        case
            when method = 'annual'
                then power({{ probability_beyond('center', 'threshold', 'spread', 'direction') }}, years_left)
            else {{ probability_beyond('center', 'threshold', 'spread', 'direction') }}
        end as probability_estimate
    from estimated
),

reasoned as (
    select
        s.as_of_date,
        s.indicator_code,
        s.target_variant,
        s.method,
        s.direction,
        s.n_draws,
        s.draw_mean,
        s.draw_sd,
        s.series_first_year,
        s.series_last_year,
        s.latest_year,
        s.latest_value,
        s.latest_scaled,
        s.period_sum,
        s.target_year,
        s.years_ahead,
        s.years_left,
        p.target_value,
        p.projected_central,
        p.projected_low,
        p.projected_high,
        p.probability_estimate,
        case
            when s.method = 'rank' then 'rank'
            when s.status_reason = 'target_met' and (s.method <> 'annual' or s.years_left <= 0) then 'target_met'
            when s.status_reason = 'target_year_reached' then 'target_year_reached'
            when s.method = 'annual' and s.has_missed_year then 'year_missed'
            -- no log of a value ≤ 0 (compound): no random walk to start from
            when s.method = 'compound' and s.latest_value <= 0 then 'non_positive_value'
            when s.draws_available < {{ min_draws }} then 'short_series'
            -- a sum projected from a year before the period would count years outside it
            when s.method = 'cumulative' and s.latest_year < s.plan_baseline_year then 'short_series'
            when s.years_ahead <= 0 or s.years_left <= 0 then 'target_year_reached'
            when p.probability_estimate is null then 'non_positive_value'
            else 'estimated'
        end as probability_reason
    from spans as s
    left join probabilities as p
        on p.as_of_date = s.as_of_date and p.indicator_code = s.indicator_code and p.target_variant = s.target_variant
),

probability as (
    select
        as_of_date,
        indicator_code,
        target_variant,
        method,
        probability_reason,
        case probability_reason
            when 'target_met' then 1.0
            when 'target_year_reached' then 0.0
            when 'year_missed' then 0.0
            when 'estimated' then round(probability_estimate, 4)
        end::double as probability_target_met,
        round(projected_central, 4) as projected_central,
        round(projected_low, 4) as projected_low,
        round(projected_high, 4) as projected_high,
        target_value,
        n_draws,
        draw_mean,
        draw_sd,
        series_first_year,
        series_last_year,
        -- where the projection starts, for the path to the target year (int_target_projection_path)
        latest_year,
        latest_value,
        latest_scaled,
        period_sum,
        target_year,
        years_ahead,
        case probability_reason
            when 'estimated' then
                'Ước lượng từ chuỗi số liệu năm ' || series_first_year || '–' || series_last_year || ' ('
                || n_draws || case when method in ('compound', 'points', 'cumulative') then ' biến động năm)'
                    else ' năm)' end
            when 'target_met' then 'Đã đạt mục tiêu'
            when 'target_year_reached' then 'Đã đến năm mục tiêu mà chưa đạt'
            when 'year_missed' then 'Đã có năm không đạt (mục tiêu phải đạt hằng năm)'
            when 'rank' then 'Chỉ tiêu xếp hạng: thứ hạng phụ thuộc các địa phương khác, không ước lượng xác suất'
            when 'short_series' then 'Chưa đủ chuỗi số liệu để ước lượng xác suất'
            when 'non_positive_value' then 'Có giá trị không dương: không ước lượng được xác suất'
        end as probability_note_vi
    from reasoned
)

select * from probability
