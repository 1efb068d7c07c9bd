-- The annual report's results by agency: per agency that leads an indicator or a task or has data to
-- send, its indicators in the two groups (đạt, đúng tiến độ; chậm, đi lùi, cần đẩy nhanh), tasks and
-- submissions; `behind` (indicators behind plus tasks overdue) is what the report ranks them by.
with results as (
    select
        coalesce(g.short_name_vi, s.agency_code) as agency,
        s.indicators_led,
        s.indicators_achieved + s.indicators_on_track as indicators_good,
        s.indicators_moderate + s.indicators_insufficient + s.indicators_regressing as indicators_behind,
        s.indicators_no_data,
        s.tasks_led,
        s.tasks_done,
        s.tasks_overdue,
        s.submissions_due,
        s.submissions_late,
        s.submissions_missing,
        s.indicators_moderate + s.indicators_insufficient + s.indicators_regressing + s.tasks_overdue as behind
    from {{ ref('fct_agency_scorecard') }} as s
    left join {{ ref('dim_agency') }} as g on g.agency_code = s.agency_code
    where s.indicators_led + s.tasks_led + s.submissions_due > 0
)

select * from results
