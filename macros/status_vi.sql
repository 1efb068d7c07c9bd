{#- The Vietnamese label of an assessment status (docs/method.md §3.1), as reports print it. -#}
{% macro status_vi(status) -%}
    case {{ status }}
        when 'achieved' then 'Đã đạt'
        when 'on_track' then 'Đúng tiến độ'
        when 'moderate' then 'Cần đẩy nhanh'
        when 'insufficient' then 'Chậm tiến độ'
        when 'regressing' then 'Đi lùi'
        when 'no_data' then 'Chưa có số liệu'
        when 'not_assessable' then 'Không đánh giá được'
    end
{%- endmacro %}
