-- One row per indicator of dim_indicator for the build's as-of date: where it stands against its target
-- (DESIGN.md §3; the formulas live in the int_indicator_* models and the macros they call). Headings,
-- scenario-only and qualitative rows are not_assessable; an indicator with no figure is no_data.
-- A year without a full-year figure is judged provisionally from its latest year-to-date figure
-- (is_provisional): latest_value is the figure as submitted, ytd_annual_estimate the estimate of the year
-- judged (the figure itself for growth rates and shares, value·12/m for part-year sums), ytd_plan_value the
-- same year's plan it is set against (Phụ lục 4, else the trajectory to the target).
with indicators as (
    select * from {{ ref('dim_indicator') }}
),

assessed as (
    select * from {{ ref('int_indicator_assessments_unioned') }} where target_variant = 'target'
),

stretch as (
    select * from {{ ref('int_indicator_assessments_unioned') }} where target_variant = 'stretch'
),

joined as (
    select
        i.indicator_code,
        i.name_vi,
        i.kind,
        coalesce(a.method, i.kind) as method,
        i.unit,
        i.direction,
        i.target_year,
        i.is_assessable,
        a.baseline_year,
        a.baseline_value,
        a.latest_year,
        coalesce(a.latest_period, y.ytd_period) as latest_period,
        -- the figure as submitted for latest_period (a part-year sum, not its pro-rated estimate)
        case when a.is_provisional and a.latest_period = y.ytd_period then y.ytd_value
            else coalesce(a.latest_value, y.ytd_value) end as latest_value,
        coalesce(a.is_provisional and a.latest_period = y.ytd_period, false) as is_part_year_judged,
        coalesce(a.target_value, i.target_low) as target_value,
        a.actual_rate,
        a.required_rate,
        a.progress_ratio,
        a.required_rate_remaining,
        a.projected_value,
        a.years_observed,
        a.years_met,
        a.sum_to_date,
        a.plan_to_date,
        a.plan_source,
        coalesce(a.is_provisional, false) or (a.latest_value is null and y.ytd_value is not null)
            as is_provisional,
        case
            when not i.is_assessable or a.indicator_code is null then 'not_assessable'
            -- only a part-year amount so far (9 months of revenue): nothing to judge a year by yet
            when a.status = 'no_data' and y.ytd_value is not null then 'not_assessable'
            else a.status
        end as status,
        case
            when not i.is_assessable then 'not_assessable_kind'
            when a.indicator_code is null then 'no_target'
            when a.status = 'no_data' and y.ytd_value is not null then 'part_year_only'
            else a.status_reason
        end as status_reason,
        i.stretch_value,
        s.status as stretch_status,
        t.plan_year,
        t.plan_value as plan_value_latest_year,
        t.deviation_from_plan,
        t.is_within_plan_range,
        y.ytd_period,
        y.ytd_value,
        y.ytd_deviation_from_plan,
        y.ytd_share_of_plan,
        y.ytd_share_of_year,
        y.ytd_year,
        y.ytd_annual_estimate,
        y.ytd_estimate_method,
        y.ytd_plan_source,
        {{ nearer_bound('y.ytd_annual_estimate', 'y.ytd_plan_low', 'y.ytd_plan_high', 'i.direction') }}
            as ytd_plan_value,
        a.plan_rate,
        a.is_judged_on_year_plan,
        -- "9 tháng 2026", "6 tháng 2026", "quý I/2026": the part of the year a figure covers
        case
            when y.ytd_period_type = 'ytd' then round(12 * y.ytd_share_of_year)::integer::varchar || ' tháng '
                || y.ytd_year::varchar
            when y.ytd_period_type = 'quarter' then 'quý '
                || ['I', 'II', 'III', 'IV'][(right(y.ytd_period, 1))::integer] || '/' || y.ytd_year::varchar
        end as ytd_label_vi,
        case
            when a.method in ('compound', 'avg_growth') then '%/năm'
            when a.method = 'points' then 'điểm %/năm'
            when a.method = 'rank' then 'bậc/năm'
            when a.method = 'cumulative' then i.unit || '/năm'
            when a.method in ('annual', 'period_avg') then i.unit
        end as required_rate_unit,
        -- the years still to come, with their preposition: "trong 2027–2030", "trong năm 2030", and for a
        -- cumulative target that counts the rest of a part-year too, "từ tháng 10/2026 đến hết năm 2030"
        case
            when a.method = 'cumulative' and a.is_provisional and y.ytd_period_type = 'ytd'
                then 'từ tháng ' || (round(12 * y.ytd_share_of_year)::integer + 1)::varchar || '/'
                    || y.ytd_year::varchar || ' đến hết năm ' || i.target_year::varchar
            when a.latest_year + 1 >= i.target_year then 'trong năm ' || i.target_year::varchar
            else 'trong ' || (a.latest_year + 1)::varchar || '–' || i.target_year::varchar
        end as remaining_years_vi,
        -- only closed years (full-year figures) count towards years_met of an annual target
        a.years_observed - case when coalesce(a.is_provisional, false) then 1 else 0 end as years_closed,
        -- a rank target in words: "trong nhóm 5 địa phương dẫn đầu, phấn đấu top 3"
        'trong nhóm ' || {{ vn_number('coalesce(a.target_value, i.target_low)', 0) }} || ' địa phương dẫn đầu'
            || coalesce(', phấn đấu top ' || {{ vn_number('i.stretch_value', 0) }}, '') as rank_goal_vi,
        case when a.required_rate_remaining < 0 then 'giảm' else 'tăng' end as change_word_vi,
        -- "78%", "13%/năm" but "8.200 USD/người": a percent sign sticks to its number in Vietnamese text
        case
            when i.unit is null or i.unit = '' then ''
            when {{ is_rate_unit('i.unit') }} then i.unit
            else ' ' || i.unit
        end as unit_suffix_vi,
        -- a part-year amount is not a yearly rate: "7.110 doanh nghiệp" in 9 months, not "doanh nghiệp/năm"
        case
            when i.unit is null or i.unit = '' then ''
            when {{ is_rate_unit('i.unit') }} then i.unit
            else ' ' || regexp_replace(i.unit, '/năm$', '')
        end as part_year_unit_suffix_vi
    from indicators as i
    left join assessed as a on a.indicator_code = i.indicator_code
    left join stretch as s on s.indicator_code = i.indicator_code
    left join {{ ref('int_indicator_trajectory_compared') }} as t on t.indicator_code = i.indicator_code
    left join {{ ref('int_indicator_ytd_judged') }} as y on y.indicator_code = i.indicator_code
),

explained as (
    select
        *,
        -- the value judged: a part-year sum's pro-rated estimate of its year, else the latest value
        case when is_part_year_judged then coalesce(ytd_annual_estimate, latest_value) else latest_value end
            as judged_value,
        case
            when status_reason = 'not_assessable_kind' and kind = 'group'
                then 'Dòng nhóm: đánh giá theo từng chỉ tiêu con'
            when status_reason = 'not_assessable_kind' and kind = 'scenario_only'
                then 'Chỉ có kịch bản Phụ lục 4, không có mục tiêu để đánh giá'
            when status_reason = 'not_assessable_kind'
                then 'Chỉ tiêu định tính, không đánh giá bằng số liệu'
            when status_reason = 'no_target' then 'Không có giá trị mục tiêu để đánh giá'
            when status_reason = 'part_year_only'
                then 'Mới có số liệu ' || coalesce(ytd_label_vi, ytd_period) || ': ' || {{ vn_number('ytd_value') }}
                    || part_year_unit_suffix_vi
                    || coalesce(', bằng ' || {{ vn_number('100 * ytd_share_of_plan') }} || '% kế hoạch năm', '')
            when status = 'no_data'
                then 'Chưa có số liệu đến ngày ' || strftime({{ as_of_date() }}, '%d/%m/%Y')
            when status_reason = 'single_point' and method = 'rank'
                then 'Mới có số liệu năm ' || latest_year || ' (xếp thứ ' || {{ vn_number('latest_value', 0) }}
                    || '): cần ít nhất hai năm để tính tốc độ'
            when status_reason = 'single_point'
                then 'Mới có số liệu năm ' || latest_year || ' (' || {{ vn_number('latest_value') }} || unit_suffix_vi
                    || '): cần ít nhất hai năm để tính tốc độ'
            when status_reason = 'non_positive_value'
                then 'Giá trị gốc hoặc hiện tại không dương: không tính được tốc độ tăng bình quân'
            -- annual: only closed years are counted; a provisional year is shown apart, not as met
            when method = 'annual' and is_provisional
                then case when years_closed > 0
                        then 'Đạt ' || years_met || '/' || years_closed || ' năm đã kết thúc; năm '
                        else 'Năm ' end
                    || latest_year || ' chưa kết thúc, chưa tính là năm đạt: ước ' || {{ vn_number('judged_value') }}
                    || part_year_unit_suffix_vi || ' (mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi
                    || case when ends_with(coalesce(unit, ''), '/năm') then ')' else ' mỗi năm)' end
            when method = 'annual'
                then 'Đạt ' || years_met || '/' || years_observed || ' năm; năm ' || latest_year || ': '
                    || {{ vn_number('judged_value') }} || unit_suffix_vi || ' (mục tiêu '
                    || {{ vn_number('target_value') }} || unit_suffix_vi
                    || case when ends_with(coalesce(unit, ''), '/năm') then ')' else ' mỗi năm)' end
            -- met on a provisional figure only: the year has not closed, so not yet achieved
            when status_reason = 'target_met_provisional' and method = 'avg_growth'
                then 'Tăng bình quân ' || {{ vn_number('actual_rate') }} || '%/năm (' || years_observed
                    || ' năm, năm ' || latest_year || ' chưa kết thúc), đủ để bình quân cả giai đoạn đạt '
                    || {{ vn_number('target_value') }} || '%/năm nếu số liệu cả năm xác nhận'
            when status_reason = 'target_met_provisional' and method = 'period_avg'
                then 'Bình quân ' || years_observed || ' năm: ' || {{ vn_number('actual_rate') }} || unit_suffix_vi
                    || ', đạt mức mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi || ' (năm '
                    || latest_year || ' chưa kết thúc)'
            when status_reason = 'target_met_provisional'
                then 'Năm ' || latest_year || ' chưa kết thúc: số tạm tính ' || {{ vn_number('judged_value') }}
                    || unit_suffix_vi || ' đã ở mức mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi
                    || ' năm ' || target_year || ', chờ số liệu cả năm để xác nhận'
            when status = 'achieved' and method = 'avg_growth'
                then 'Đã đạt: tăng bình quân ' || {{ vn_number('actual_rate') }} || '%/năm ('
                    || years_observed || ' năm), đủ để bình quân cả giai đoạn đạt ' || {{ vn_number('target_value') }}
                    || '%/năm'
            when status = 'achieved' and method = 'cumulative'
                then 'Đã đạt: lũy kế ' || {{ vn_number('sum_to_date') }} || unit_suffix_vi || ' (mục tiêu '
                    || {{ vn_number('target_value') }} || unit_suffix_vi || ')'
            when status = 'achieved' and method = 'rank'
                then 'Xếp thứ ' || {{ vn_number('latest_value', 0) }} || ' năm ' || latest_year || ' (mục tiêu: '
                    || rank_goal_vi || ')'
            when status = 'achieved'
                then 'Đã đạt mục tiêu: ' || {{ vn_number('judged_value') }} || unit_suffix_vi || ' năm '
                    || latest_year || ' (mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi || ')'
            when status_reason = 'target_year_reached' and method = 'rank'
                then 'Không đạt mục tiêu năm ' || target_year || ': xếp thứ ' || {{ vn_number('latest_value', 0) }}
                    || ' (mục tiêu: ' || rank_goal_vi || ')'
            when status_reason = 'target_year_reached'
                then 'Không đạt mục tiêu năm ' || target_year || ': ' || {{ vn_number('coalesce(sum_to_date, actual_rate, latest_value)') }}
                    || unit_suffix_vi || ' (mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi || ')'
            when status_reason = 'baseline_met_target' and method = 'rank'
                then 'Năm ' || latest_year || ': xếp thứ ' || {{ vn_number('latest_value', 0) }}
                    || ', không còn ' || rank_goal_vi || ' như năm ' || baseline_year
            when status_reason = 'baseline_met_target'
                then 'Năm ' || latest_year || ': ' || {{ vn_number('judged_value') }} || unit_suffix_vi
                    || ', không còn đạt mục tiêu ' || {{ vn_number('target_value') }} || unit_suffix_vi
                    || ' như năm ' || baseline_year
            when method = 'avg_growth'
                then 'Cần tăng bình quân ' || {{ vn_number('required_rate_remaining') }} || '%/năm '
                    || remaining_years_vi || ' để đạt ' || {{ vn_number('target_value') }} || '%/năm cả giai đoạn'
            when method = 'cumulative'
                then 'Cần bình quân ' || {{ vn_number('required_rate_remaining') }} || unit_suffix_vi || '/năm '
                    || remaining_years_vi || ' để đạt tổng ' || {{ vn_number('target_value') }} || unit_suffix_vi
                    || ' (lũy kế ' || {{ vn_number('sum_to_date') }} || ', kế hoạch đến nay '
                    || {{ vn_number('plan_to_date') }} || ')'
            when method = 'period_avg'
                then 'Bình quân ' || years_observed || ' năm: ' || {{ vn_number('actual_rate') }} || unit_suffix_vi
                    || '; cần bình quân ' || {{ vn_number('required_rate_remaining') }} || unit_suffix_vi
                    || ' ' || remaining_years_vi || ' để đạt ' || {{ vn_number('target_value') }} || unit_suffix_vi
            when method = 'rank'
                then 'Xếp thứ ' || {{ vn_number('latest_value', 0) }} || ' năm ' || latest_year || '; cần tăng bình quân '
                    || {{ vn_number('abs(required_rate_remaining)') }} || ' bậc/năm ' || remaining_years_vi
                    || ' để vào nhóm ' || {{ vn_number('target_value', 0) }} || ' địa phương dẫn đầu'
                    || coalesce(' (phấn đấu top ' || {{ vn_number('stretch_value', 0) }} || ')', '')
            when method in ('compound', 'points')
                then 'Cần ' || change_word_vi || ' bình quân ' || {{ vn_number('abs(required_rate_remaining)') }}
                    || case when method = 'points' then ' ' else '' end || required_rate_unit || ' '
                    || remaining_years_vi || ' để đạt ' || {{ vn_number('target_value') }} || unit_suffix_vi
                    || ' năm ' || target_year
        end
        || case
            when is_part_year_judged and ytd_estimate_method = 'pro_rata' and method = 'cumulative'
                then ' (tạm tính: lũy kế gồm ' || ytd_label_vi || ': ' || {{ vn_number('ytd_value') }}
                    || part_year_unit_suffix_vi || '; kế hoạch đến nay tính ' || round(12 * ytd_share_of_year)::integer
                    || '/12 kế hoạch năm ' || ytd_year || ')'
            when is_part_year_judged and ytd_estimate_method = 'pro_rata'
                then ' (tạm tính: ' || ytd_label_vi || ' đạt ' || {{ vn_number('ytd_value', 2) }}
                    || part_year_unit_suffix_vi || ', ước cả năm theo tỷ lệ thời gian '
                    || {{ vn_number('ytd_annual_estimate', 2) }} || part_year_unit_suffix_vi
                    || coalesce('; kế hoạch năm ' || ytd_year || case when ytd_plan_source = 'phu_luc_4'
                        then ' (Phụ lục 4) ' else ' (theo lộ trình) ' end
                        || {{ vn_number('ytd_plan_value') }} || part_year_unit_suffix_vi, '') || ')'
            when is_part_year_judged
                then ' (tạm tính theo số liệu ' || ytd_label_vi || ': ' || {{ vn_number('ytd_value') }}
                    || part_year_unit_suffix_vi || coalesce('; kế hoạch năm ' || ytd_year || ' '
                        || {{ vn_number('ytd_plan_value') }} || part_year_unit_suffix_vi, '') || ')'
            when is_provisional then ' (tạm tính theo số liệu ' || coalesce(latest_period, ytd_period) || ')'
            else ''
        end
            as explanation_vi
    from joined
)

select
    indicator_code,
    {{ as_of_date() }} as as_of_date,
    latest_period,
    latest_value,
    baseline_value,
    target_value,
    progress_ratio,
    required_rate_remaining,
    projected_value,
    status,
    {{ status_vi('status') }} as status_vi,
    explanation_vi,
    name_vi,
    kind,
    method,
    unit,
    direction,
    target_year,
    baseline_year,
    latest_year,
    actual_rate,
    required_rate,
    required_rate_unit,
    projected_value - target_value as projection_gap,
    is_provisional,
    years_observed,
    years_met,
    sum_to_date,
    plan_to_date,
    plan_source,
    stretch_value,
    stretch_status,
    {{ status_vi('stretch_status') }} as stretch_status_vi,
    plan_year,
    plan_value_latest_year,
    deviation_from_plan,
    is_within_plan_range,
    ytd_period,
    ytd_value,
    ytd_deviation_from_plan,
    ytd_share_of_plan,
    ytd_share_of_year,
    ytd_annual_estimate,
    ytd_estimate_method,
    ytd_plan_value,
    ytd_plan_source,
    plan_rate,
    coalesce(is_judged_on_year_plan, false) as is_judged_on_year_plan,
    status_reason
from explained
