"""The reports' helper library: the documents show the queries; this formats numbers, tables and charts.

Imported by the .qmd documents as `from lib import …` (the working directory is reports/ under Quarto;
`planwatch report` puts reports/ on sys.path).
"""

from lib.blocks import closing, header, landscape, raw, vintage
from lib.charts import plan_chart, status_chart
from lib.db import Report, Rows, current, has_table, q, setup
from lib.notes import TableNotes
from lib.status import CLASS_GROUP_VI, GROUP_VI, STATUSES, label, plan_group, plan_groups_sentence
from lib.tables import label_for, table
from lib.vn import day, effort, num, pct, period_vi, place_date, signed, target, with_unit

__all__ = [
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
    "has_table",
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
