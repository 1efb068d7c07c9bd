-- The explanation of where each indicator stands (explanation_vi), in Vietnamese: one sentence for each
-- status_reason and kind (docs/method.md, "Wording of the explanations"), from its target's row of
-- int_target_status: the figures judged, the target, what the remaining years need, and for a part-year
-- judgement the part-year figure and the year's plan it was set against (int_indicator_ytd_judged). Also
-- the unit of the required rate (required_rate_unit) the sentence and the reports use.
with worded as (
    select
        a.*,
        i.kind,
        i.unit,
        i.target_year,
        i.stretch_value,
        y.ytd_period,
        y.ytd_value,
        y.ytd_share_of_plan,
        y.ytd_share_of_year,
        y.ytd_year,
        y.ytd_annual_estimate,
        y.ytd_estimate_method,
        y.ytd_plan_source,
        y.ytd_plan_value,
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
        a.years_observed - case when a.is_provisional then 1 else 0 end as years_closed,
        -- a rank target in words: "trong nhóm 5 địa phương dẫn đầu, phấn đấu top 3"
        'trong nhóm ' || {{ vn_number('a.target_value', 0) }} || ' địa phương dẫn đầu'
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
    from {{ ref('int_target_status') }} as a
    inner join {{ ref('int_indicators_unioned') }} as i
        on i.as_of_date = a.as_of_date and i.indicator_code = a.indicator_code
    left join {{ ref('int_indicator_ytd_judged') }} as y
        on y.as_of_date = a.as_of_date and y.indicator_code = a.indicator_code
    where a.target_variant = 'target'
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
                then 'Chưa có số liệu đến ngày ' || strftime(as_of_date, '%d/%m/%Y')
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
                then 'Không đạt mục tiêu năm ' || target_year || ': '
                    || {{ vn_number('coalesce(sum_to_date, actual_rate, latest_value)') }}
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
                then 'Xếp thứ ' || {{ vn_number('latest_value', 0) }} || ' năm ' || latest_year
                    || '; cần tăng bình quân '
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
    from worded
),

explanation as (
    select as_of_date, indicator_code, required_rate_unit, explanation_vi from explained
)

select * from explanation
