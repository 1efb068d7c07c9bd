{#- The Vietnamese label of a task's official class (docs/method.md, Task classes), as reports print it. -#}
{% macro task_class_vi(official_class) -%}
    case {{ official_class }}
        when 'hoan_thanh_dung_han' then 'Hoàn thành đúng hạn'
        when 'hoan_thanh_qua_han' then 'Hoàn thành quá hạn'
        when 'chua_hoan_thanh_trong_han' then 'Chưa hoàn thành, còn trong hạn'
        when 'chua_hoan_thanh_qua_han' then 'Chưa hoàn thành, đã quá hạn'
        when 'thuong_xuyen' then 'Thực hiện thường xuyên'
        when 'khong_xac_dinh_han' then 'Không xác định được thời hạn'
    end
{%- endmacro %}
