"""The reports' helper library: the documents show the queries; this formats numbers, tables and charts.

Imported by the .qmd documents as `from planwatch.report.cells import …` (under Quarto and under
`planwatch report`, the cells run in the project's Python, where planwatch is installed).
"""

from planwatch.report.cells.blocks import closing, header, landscape, raw, vintage
from planwatch.report.cells.charts import plan_chart, status_chart
from planwatch.report.cells.db import Report, Rows, current, q, setup
from planwatch.report.cells.notes import TableNotes
from planwatch.report.cells.status import (
    CLASS_GROUP_VI,
    GROUP_VI,
    STATUSES,
    label,
    plan_group,
    plan_groups_sentence,
)
from planwatch.report.cells.tables import label_for, table
from planwatch.report.cells.vn import day, effort, num, pct, period_vi, place_date, signed, target, with_unit
from planwatch.report.cells.wording import (
    MOVEMENT_VI,
    chance,
    chance_pct,
    key_chart_caption,
    movement_cell,
    movement_sentence,
    plan_basis_lines,
    projection_point,
    shorten,
    span,
    status_path_table,
    task_classes_sentence,
    versus_scenario,
)

__all__ = [
    "chance",
    "chance_pct",
    "key_chart_caption",
    "MOVEMENT_VI",
    "movement_cell",
    "movement_sentence",
    "plan_basis_lines",
    "projection_point",
    "shorten",
    "span",
    "status_path_table",
    "task_classes_sentence",
    "versus_scenario",
    "CLASS_GROUP_VI",
    "GROUP_VI",
    "STATUSES",
    "Report",
    "Rows",
    "TableNotes",
    "closing",
    "current",
    "day",
    "effort",
    "header",
    "landscape",
    "label",
    "label_for",
    "num",
    "pct",
    "period_vi",
    "place_date",
    "plan_chart",
    "plan_group",
    "plan_groups_sentence",
    "q",
    "raw",
    "setup",
    "signed",
    "status_chart",
    "table",
    "target",
    "vintage",
    "with_unit",
]
